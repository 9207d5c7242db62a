#!/usr/bin/python3
"""Writes the labelled corpus for `tokki check` into files/ next to this script.

Usage: /usr/bin/python3 make_corpus.py [--no-pdf]

Every agreement is written here as data: its parties, its layout (articles with or without
headings, the ward's numbered items, 【】 headings, a table, Word's automatic numbering, tracked
changes) and its clauses. The clauses come from a bank of provisions written in several
wordings; each clause records what it carries (categories of ../../shared/DESIGN.md and the
elements of rules/rules.xml) as read by a reviewer. The label of a file (NAME.expected.json) is
computed from the clauses the file contains against the categories its type and edition
require, then corrected by hand where the file says otherwise ("override"), with a reason for
every label that is not obvious ("why"). Nothing here runs tokki.

Outputs: NAME.txt (UTF-8, Shift_JIS/CP932, UTF-16 with BOM), NAME.docx (python-docx plus raw
WordprocessingML for numbering, tables and tracked changes) and NAME.pdf (the .docx converted
by LibreOffice, needs soffice), each with NAME.expected.json. The .docx files are byte-stable
(zip entries dated 1980-01-01); the PDFs carry LibreOffice's time stamps.
"""

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "files")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = 'xmlns:w="%s"' % W_NS

# ---------------------------------------------------------------------------------------------
# What each type and edition requires (rules/rules.xml, <require> blocks), written out here so
# that a change of the rules does not silently change the labels.

SUB7 = ["prohibition_or_consent", "flow_down", "liability_for_subcontractor", "penalty_notice",
        "subcontractor_audit", "subcontractor_audit_annual", "terms_in_subcontract"]
RET3 = ["return", "erasure", "erasure_certificate"]

REQ_2017 = [("basic", []), ("confidentiality", ["survives_termination"]), ("collection", []),
            ("purpose_notice", []), ("sensitive_collection", []), ("no_removal", []),
            ("purpose_limitation", []), ("safekeeping", []), ("no_copying", []),
            ("subcontracting", ["prohibition_or_consent"]), ("return_erasure", RET3),
            ("handlers", []), ("reporting", []), ("audit", ["inspection"]), ("training", []),
            ("incident", []), ("publication", []), ("damages", [])]
REQ_2020 = [(c, ["inspection", "annual"] if c == "audit" else e) for c, e in REQ_2017]
REQ_2023 = [("basic", []), ("confidentiality", ["survives_termination"]), ("collection", []),
            ("improper_use", []), ("purpose_notice", []), ("no_removal", []),
            ("purpose_limitation", []), ("safekeeping", []), ("no_copying", []),
            ("subcontracting", SUB7), ("complaints", []), ("return_erasure", RET3),
            ("handlers", []), ("reporting", []), ("audit", ["inspection", "annual"]),
            ("training", []), ("incident", []), ("publication", []), ("damages", []),
            ("termination", [])]
REQ_SUB = [("confidentiality", ["survives_termination"]), ("no_removal", []),
           ("purpose_limitation", []), ("safekeeping", []), ("no_copying", []),
           ("return_erasure", RET3), ("handlers", []), ("reporting", []), ("incident", []),
           ("training", []),
           ("subcontracting", ["prohibition_or_consent", "penalty_notice", "subcontractor_audit",
                               "subcontractor_audit_annual"])]


def edition_of(date):
    if date < "2017-07-01":
        raise ValueError(date)
    if date < "2020-02-01":
        return "2017"
    if date < "2023-04-01":
        return "2020"
    return "2023"


def required(type_, edition):
    if type_ == "subcontract":
        assert edition == "2023"
        return REQ_SUB
    return {"2017": REQ_2017, "2020": REQ_2020, "2023": REQ_2023}[edition]


# ---------------------------------------------------------------------------------------------
# The clause bank. {C}: the commissioning party as the agreement names it (甲, 委託者, 発注者,
# 区, 本市), {K}: the contractor (乙, 受託者, 受注者, 再受託者), {DOC}: how the text names itself
# (この特記事項, この契約, 本覚書), {ORD}: the law or ordinance it cites.

class Clause:
    def __init__(self, heading, paras, cover):
        self.heading = heading
        self.paras = [paras] if isinstance(paras, str) else list(paras)
        self.cover = {c: set(e) for c, e in cover.items()}


SURV = {"survives_termination"}
POC = {"prohibition_or_consent"}

BANK = {
    # basic -----------------------------------------------------------------------------------
    "basic.a": Clause("基本的事項", "{K}は、個人情報の保護の重要性を認識し、この契約による業務の実施に当たっては、個人の権利利益を侵害することのないよう、個人情報を適正に取り扱わなければならない。", {"basic": []}),
    "basic.law": Clause("基本原則", "{K}は、本業務を処理するに当たり、{ORD}その他の関係法令を遵守し、個人情報を適正に取り扱わなければならない。", {"basic": []}),
    "basic.aware": Clause("個人情報保護の責務", "{K}は、個人情報の保護及び情報セキュリティの重要性を十分に理解し、本業務に係る個人情報の取扱いに当たっては、必要かつ適切な措置を講じなければならない。", {"basic": []}),
    # confidentiality -------------------------------------------------------------------------
    "conf.end": Clause("秘密の保持", "{K}は、本業務の履行により知り得た個人情報を他に漏らしてはならない。この契約が終了し、又は解除された後においても、同様とする。", {"confidentiality": SURV}),
    "conf.expire": Clause("守秘義務", "{K}は、業務上知り得た個人情報の内容をみだりに第三者に知らせ、又は不当な目的に使用してはならない。この義務は、契約期間の満了後においても存続する。", {"confidentiality": SURV}),
    "conf.nosurv": Clause("秘密の保持", "{K}は、本業務に関して知り得た個人情報を第三者に開示し、又は漏えいしてはならない。", {"confidentiality": []}),
    "conf.during": Clause("秘密の保持", "{K}は、{DOC}の履行に関して知り得た個人情報を第三者に漏らしてはならない。ただし、この義務は、{DOC}の有効期間中に限り効力を有するものとする。", {"confidentiality": []}),
    "conf.staff": Clause("秘密の保持", ["{K}は、業務上知り得た個人情報を第三者に漏らしてはならない。", "{K}は、本業務に従事する者に、在職中のみならず退職後においても業務上知り得た個人情報を他に漏らさない旨を誓約させなければならない。"], {"confidentiality": []}),
    "conf.secret": Clause("秘密保持", "{K}は、{DOC}の履行に際して知り得た{C}の秘密（個人情報を含む。以下同じ。）を第三者に漏えいしてはならない。{DOC}の終了後も同様とする。", {"confidentiality": SURV}),
    # collection ------------------------------------------------------------------------------
    "coll.fair": Clause("適正な収集", "{K}は、本業務を処理するために個人情報を収集するときは、業務の目的を達成するために必要な範囲内で、適法かつ公正な手段により収集しなければならない。", {"collection": []}),
    "coll.hold": Clause("保有の制限及び適正な取得", "{K}は、本業務の遂行に必要な範囲を超えて個人情報を保有してはならず、また、偽りその他不正の手段により個人情報を取得してはならない。", {"collection": []}),
    "coll.specify": Clause("取得の制限", "{K}は、個人情報を取得するに当たっては、その利用目的をできる限り特定し、当該利用目的の達成に必要な最小限度においてのみ取得しなければならない。", {"collection": []}),
    # purpose_notice --------------------------------------------------------------------------
    "notice.a": Clause("利用目的の明示", "{K}は、本業務を行うために本人から直接書面により個人情報を取得するときは、あらかじめ本人に対し、その利用目的を明示しなければならない。", {"purpose_notice": []}),
    "notice.direct": Clause("本人からの収集", "{K}は、本業務のため個人情報を収集するときは、{C}の承諾がある場合を除き、本人から直接収集するものとし、その際、本人に利用目的を明らかにしなければならない。", {"purpose_notice": []}),
    # sensitive_collection --------------------------------------------------------------------
    "sens.a": Clause("収集禁止事項", "{K}は、{C}の指示がある場合を除き、思想、信条及び信教に関する個人情報並びに社会的差別の原因となるおそれのある個人情報を収集してはならない。", {"sensitive_collection": []}),
    "sens.b": Clause("要配慮個人情報の取扱い", "{K}は、{C}の書面による指示がある場合を除き、人種、信条、社会的身分、病歴、犯罪の経歴その他本人に対する不当な差別又は偏見が生じないようにその取扱いに特に配慮を要する個人情報を収集してはならない。", {"sensitive_collection": []}),
    # improper_use ----------------------------------------------------------------------------
    "improper.a": Clause("不適正な利用の禁止", "{K}は、違法又は不当な行為を助長し、又は誘発するおそれがある方法により個人情報を利用してはならない。", {"improper_use": []}),
    "improper.b": Clause("不適正な方法による利用の禁止", "{K}は、個人情報を、違法若しくは不当な行為を助長し、又はこれを誘発するおそれのある方法で利用してはならない。", {"improper_use": []}),
    # no_removal ------------------------------------------------------------------------------
    "removal.a": Clause("持出しの禁止", "{K}は、{C}の承諾を得た場合を除き、個人情報が記録された資料及び媒体を{C}の指定する作業場所から持ち出してはならない。", {"no_removal": []}),
    "removal.office": Clause("庁舎外への持出しの禁止", "{K}は、本業務に係る個人情報を、{C}の庁舎の外に持ち出してはならない。", {"no_removal": []}),
    "removal.carry": Clause("搬出の制限", "{K}は、{C}から貸与された個人データを{C}の事業所の外へ搬出してはならない。ただし、{C}が書面により承諾した場合は、この限りでない。", {"no_removal": []}),
    # purpose_limitation ----------------------------------------------------------------------
    "purpose.a": Clause("目的外利用及び提供の禁止", "{K}は、本業務に関して知り得た個人情報を本業務以外の目的に利用し、又は第三者に提供してはならない。", {"purpose_limitation": []}),
    "purpose.b": Clause("目的外使用等の禁止", "{K}は、{C}の指示又は承諾がある場合を除き、預託を受けた個人情報を契約の目的以外に使用し、又は第三者に提供し、若しくは閲覧させてはならない。", {"purpose_limitation": []}),
    # safekeeping -----------------------------------------------------------------------------
    "safe.a": Clause("安全管理措置", "{K}は、本業務に係る個人情報の漏えい、滅失及びき損の防止その他の個人情報の適正な管理のために必要な措置を講じなければならない。", {"safekeeping": []}),
    "safe.cabinet": Clause("適正な管理", "{K}は、個人情報が記録された書類及び媒体を施錠可能なキャビネットに保管する等、善良な管理者の注意をもって個人情報を管理しなければならない。", {"safekeeping": []}),
    "safe.tech": Clause("個人情報の管理", "{K}は、取り扱う個人情報について、アクセス制限、暗号化その他の技術的措置を講ずるとともに、紛失、改ざん及び漏えいの防止に努めなければならない。", {"safekeeping": []}),
    # no_copying ------------------------------------------------------------------------------
    "copy.a": Clause("複写等の禁止", "{K}は、{C}の承諾を得ないで、本業務に係る個人情報を複写し、又は複製してはならない。", {"no_copying": []}),
    "copy.b": Clause("複製の制限", "{K}は、{C}から貸与された個人データについて、事前に{C}の承認を得なければ複製を作成してはならない。", {"no_copying": []}),
    # subcontracting, 2017/2020 (only prohibition_or_consent is required) ---------------------
    "sub.ban": Clause("再委託の禁止", "{K}は、本業務のうち個人情報を取り扱う業務を、第三者に委託し、又は請け負わせてはならない。", {"subcontracting": POC}),
    "sub.consent": Clause("再委託", "{K}は、本業務の全部又は一部を第三者に再委託してはならない。ただし、あらかじめ{C}の書面による承諾を得た場合は、この限りでない。", {"subcontracting": POC}),
    "sub.after": Clause("再委託", "{K}は、本業務の一部を第三者に再委託することができる。この場合において、{K}は、再委託先の名称及び再委託する業務の範囲を、事後速やかに{C}に報告するものとする。", {"subcontracting": []}),
    # subcontracting, 2023 ---------------------------------------------------------------------
    "sub.full23": Clause("再委託", [
        "{K}は、本業務のうち個人情報を取り扱う業務を第三者に委託（二以上の段階にわたる委託を含む。以下「再委託」という。）してはならない。ただし、あらかじめ{C}の書面による承諾を得たときは、この限りでない。",
        "{K}は、前項ただし書の承諾を得て再委託するときは、再委託先に対し、{DOC}に定める{K}の義務と同等の義務を負わせるとともに、再委託先の行為及びその結果について、{C}に対して全ての責任を負うものとする。",
        "{K}は、再委託先に対し、本業務に従事する者及び従事していた者に、個人情報の保護に関する法律第百七十六条及び第百八十条に定める罰則が適用され得ることを周知させなければならない。",
        "{K}は、再委託先との間で締結する契約書に、{DOC}に定める事項を明記しなければならない。",
        "{C}は、必要があると認めるときは、自ら又は{K}を通じて、再委託先に対し報告を求め、又は再委託先の事業所に立ち入り調査することができる。",
        "{K}は、再委託先における個人情報の取扱状況について、前項の調査を年度当たり1回以上受けさせなければならない。"],
        {"subcontracting": SUB7}),
    "sub.full23b": Clause("再委託の制限", [
        "{K}は、{C}の事前の書面による承諾を得なければ、本業務の全部又は一部を第三者に再委託してはならない。再委託先が更に委託する場合も、同様とする。",
        "{K}は、再委託先に{DOC}に基づく一切の義務を遵守させるものとし、再委託先の故意又は過失により生じた損害については、{K}の行為とみなして責任を負う。",
        "{K}は、再委託先の従業者に対し、本業務に関して知り得た個人情報をみだりに他人に知らせてはならないこと及び個人情報の保護に関する法律の罰則の適用があることを周知させるものとする。",
        "{K}は、再委託先との契約において、本条及び{DOC}の各条に定める事項を規定しなければならない。",
        "{C}は、再委託先における個人情報の取扱状況について、少なくとも毎年度1回、自ら又は{K}を通じて実地に確認するものとし、必要に応じて再委託先に報告を求めることができる。"],
        {"subcontracting": SUB7}),
    "sub.partial23": Clause("再委託", "{K}は、本業務の一部を再委託するときは、あらかじめ{C}の承諾を得なければならない。この場合、{K}は、再委託先に対し、{DOC}に定める個人情報の保護に関する義務と同等の義務を負わせるものとする。", {"subcontracting": {"prohibition_or_consent", "flow_down"}}),
    "sub.notify23": Clause("再委託", [
        "{K}は、再委託先の名称、所在地及び再委託する業務の範囲を{C}に通知することにより、本業務の一部を再委託することができる。",
        "{K}は、再委託先に対し、{DOC}に定める義務と同等の義務を負わせるものとし、再委託先の行為について{C}に対し責任を負う。"],
        {"subcontracting": {"flow_down", "liability_for_subcontractor"}}),
    "sub.noaudit23": Clause("再委託", [
        "{K}は、本業務のうち個人情報を取り扱う業務を第三者に委託（二以上の段階にわたる委託を含む。以下「再委託」という。）してはならない。ただし、あらかじめ{C}の書面による承諾を得たときは、この限りでない。",
        "{K}は、前項ただし書の承諾を得て再委託するときは、再委託先に対し、{DOC}に定める{K}の義務と同等の義務を負わせるとともに、再委託先の行為及びその結果について、{C}に対して全ての責任を負うものとする。",
        "{K}は、再委託先に対し、本業務に従事する者及び従事していた者に、個人情報の保護に関する法律第百七十六条及び第百八十条に定める罰則が適用され得ることを周知させなければならない。",
        "{K}は、再委託先との間で締結する契約書に、{DOC}に定める事項を明記しなければならない。"],
        {"subcontracting": {"prohibition_or_consent", "flow_down", "liability_for_subcontractor", "penalty_notice", "terms_in_subcontract"}}),
    # return_erasure --------------------------------------------------------------------------
    "ret.full": Clause("資料等の返還等", [
        "{K}は、本業務が終了したとき、又は{C}から請求があったときは、{C}から提供を受けた個人情報が記録された資料等を速やかに{C}に返還しなければならない。",
        "{K}は、本業務のために{K}の電子計算機等に記録した個人情報を、業務の終了後、復元できない方法により消去し、消去した日時及び方法を記載した証明書を{C}に提出しなければならない。"],
        {"return_erasure": set(RET3)}),
    "ret.waived": Clause("資料等の返還等", [
        "{K}は、本業務が終了したとき、又は{C}から請求があったときは、{C}から提供を受けた個人情報が記録された資料等を速やかに{C}に返還しなければならない。",
        "{K}は、本業務のために{K}の電子計算機等に記録した個人情報を、業務の終了後速やかに消去するものとする。なお、消去に係る証明書の提出は要しないものとする。"],
        {"return_erasure": {"return", "erasure"}}),
    "ret.returnonly": Clause("資料の返却", "{K}は、契約期間が満了し、又は契約が解除されたときは、{C}から貸与された個人情報を含む資料を直ちに{C}に返却しなければならない。", {"return_erasure": {"return"}}),
    "ret.nocert": Clause("返還又は廃棄", "{K}は、本業務の完了後、{C}の指示に従い、個人情報が記録された資料等を{C}に返還し、又は廃棄しなければならない。", {"return_erasure": {"return", "erasure"}}),
    "ret.report": Clause("資料等の返還及び廃棄", [
        "{K}は、本業務の終了時に、{C}から提供を受け、又は本業務の処理のために作成した個人情報を含む記録媒体を{C}に引き渡すものとする。",
        "{K}が保有する複製物及び電磁的記録は、{C}の指示に従い確実に廃棄し、その完了を書面により{C}に報告しなければならない。"],
        {"return_erasure": set(RET3)}),
    # handlers --------------------------------------------------------------------------------
    "hand.a": Clause("従事者の指定", "{K}は、本業務において個人情報を取り扱う責任者及び担当者を定め、書面により{C}に届け出なければならない。これを変更するときも、同様とする。", {"handlers": []}),
    "hand.b": Clause("個人情報取扱責任者", "{K}は、個人情報取扱責任者を選任し、{C}に報告するものとする。", {"handlers": []}),
    "hand.roster": Clause("作業従事者の届出", "{K}は、本業務に従事させる者の名簿を{C}に提出し、名簿に記載された者以外の者に個人情報を取り扱わせてはならない。", {"handlers": []}),
    # reporting -------------------------------------------------------------------------------
    "rep.a": Clause("取扱状況の報告", "{K}は、{C}から求めがあったときは、本業務における個人情報の管理状況について報告しなければならない。", {"reporting": []}),
    "rep.b": Clause("報告", "{K}は、{C}の請求があったときは、個人情報の取扱状況を書面により報告するものとする。", {"reporting": []}),
    "rep.monthly": Clause("定期報告", "{K}は、毎月、個人情報の取扱状況を記載した報告書を{C}に提出しなければならない。", {"reporting": []}),
    # audit -----------------------------------------------------------------------------------
    "audit.need": Clause("調査", "{C}は、必要があると認めるときは、{K}の作業場所に立ち入り、個人情報の管理状況を調査することができる。", {"audit": {"inspection"}}),
    "audit.yearly": Clause("実地調査", "{C}は、{K}における個人情報の管理状況について、少なくとも年度に1回、実地に調査を行うものとし、{K}はこれに協力しなければならない。", {"audit": {"inspection", "annual"}}),
    "audit.yearly2": Clause("監査", [
        "{C}は、{K}が{DOC}に基づき個人情報を適切に取り扱っていることを確認するため、毎年度1回以上、{K}の事業所において監査を行う。",
        "{K}は、前項の監査に協力し、{C}の求めに応じて関係書類を提示しなければならない。"],
        {"audit": {"inspection", "annual"}}),
    "audit.asneeded": Clause("監査", "{C}は、必要に応じて、{K}に対し個人情報の取扱状況に関する監査を行うことができる。", {"audit": {"inspection"}}),
    "audit.3y": Clause("監査", "{C}は、{K}の個人情報の管理状況について、3年に1回、書面又は実地により監査を行う。", {"audit": {"inspection"}}),
    "audit.quarter": Clause("管理状況の検査", "{K}は、四半期ごとに、{C}による個人情報の管理状況の検査を受けなければならない。", {"audit": {"inspection", "annual"}}),
    # training --------------------------------------------------------------------------------
    "train.a": Clause("従事者への教育", "{K}は、本業務に従事する者に対し、個人情報の適正な取扱い及び情報セキュリティに関する研修を定期的に実施しなければならない。", {"training": []}),
    "train.b": Clause("教育及び監督", "{K}は、従業者に対し、個人情報の保護に関する教育を行うとともに、{DOC}に定める事項を遵守させるよう必要かつ適切な監督を行わなければならない。", {"training": []}),
    # A yearly frequency that belongs to training, not to audit (a trap for merged provisions).
    "train.yearly": Clause("研修の実施", "{K}は、本業務に従事する者に対し、個人情報の保護に関する研修を毎年度1回以上実施し、その実施状況を{C}に報告しなければならない。", {"training": []}),
    # incident --------------------------------------------------------------------------------
    "inc.a": Clause("事故発生時の報告", "{K}は、個人情報の漏えい、滅失、き損その他の事故が発生し、又はそのおそれがあることを知ったときは、直ちに{C}に報告し、その指示に従わなければならない。", {"incident": []}),
    "inc.b": Clause("違反時の報告", "{K}は、{DOC}に違反する事態が生じ、又は生ずるおそれがあることを知ったときは、速やかに{C}に報告し、{C}の指示に従うものとする。", {"incident": []}),
    # complaints ------------------------------------------------------------------------------
    "comp.a": Clause("苦情等への対応", "{K}は、本業務に係る個人情報の取扱いについて区民等から苦情又は問合せを受けたときは、誠実に対応するとともに、その内容及び処理の経過を{C}に報告しなければならない。", {"complaints": []}),
    "comp.b": Clause("苦情の処理", "{K}は、個人情報の取扱いに関して本人から苦情の申出があったときは、適切かつ迅速に処理し、その結果を{C}に報告するものとする。", {"complaints": []}),
    # publication -----------------------------------------------------------------------------
    "pub.a": Clause("公表", "{C}は、{K}が{DOC}に違反したときは、{K}の名称及び違反の事実を公表することができる。", {"publication": []}),
    "pub.b": Clause("指導及び公表", "{C}は、{K}が{DOC}に定める義務を怠ったと認めるときは、改善を指導し、必要に応じてその事実を公表することができる。", {"publication": []}),
    # damages ---------------------------------------------------------------------------------
    "dmg.a": Clause("損害賠償", "{K}は、{DOC}に違反し、又は怠ったことにより{C}又は第三者に損害を与えたときは、その損害を賠償しなければならない。", {"damages": []}),
    "dmg.b": Clause("賠償責任", "{K}の責めに帰すべき事由により個人情報の漏えい等が生じ、{C}又は第三者に損害が生じたときは、{K}はその損害を賠償する責任を負う。", {"damages": []}),
    # termination -----------------------------------------------------------------------------
    "term.a": Clause("契約の解除", "{C}は、{K}が{DOC}に定める義務に違反したときは、この契約の全部又は一部を解除することができる。この場合において、{K}は、解除により生じた損害の賠償を{C}に請求することができない。", {"termination": []}),
    "term.b": Clause("解除", "{C}は、{K}が個人情報の取扱いに関する本契約の規定に違反したと認めるときは、催告することなく本契約を解除することができる。", {"termination": []}),

    # General clauses of a main contract (cover nothing unless stated) ------------------------
    "g.purpose": Clause("目的", "{C}は、{TITLE}（以下「本業務」という。）を{K}に委託し、{K}は、これを受託する。", {}),
    "g.period": Clause("契約期間", "この契約の期間は、{PERIOD}までとする。", {}),
    "g.fee": Clause("委託料", "委託料の額は、金{FEE}円（消費税及び地方消費税の額を含む。）とする。", {}),
    "g.perform": Clause("業務の履行", "{K}は、別紙仕様書に基づき、善良な管理者の注意をもって本業務を履行しなければならない。", {}),
    "g.inspect": Clause("完了検査", "{K}は、本業務を完了したときは、遅滞なく業務完了報告書を{C}に提出し、{C}の検査を受けなければならない。", {}),
    "g.pay": Clause("委託料の支払", "{C}は、前条の検査に合格した後、{K}から適法な支払請求書を受理した日から30日以内に委託料を支払う。", {}),
    "g.lump": Clause("一括再委託の禁止", "{K}は、本業務の全部を一括して第三者に委託してはならない。", {}),
    "g.pi": Clause("個人情報の保護", "{K}は、この契約による業務を処理するに当たっては、別記「個人情報取扱特記事項」を遵守しなければならない。", {}),
    # A breach of the annex is a breach of the contract: the general articles on damages and on
    # termination cover it (the rules' judgment, which the labels share).
    "g.damages": Clause("損害賠償", "{K}は、本業務の履行に当たり、その責めに帰すべき事由により{C}又は第三者に損害を与えたときは、その損害を賠償しなければならない。", {"damages": []}),
    "g.termination": Clause("契約の解除", ["{C}は、{K}が次の各号のいずれかに該当するときは、この契約を解除することができる。", "(1) この契約に違反したとき。", "(2) 正当な理由なく、履行期限までに本業務を完了しないとき。"], {"termination": []}),
    "g.consult": Clause("協議", "この契約に定めのない事項又はこの契約に関し疑義が生じた事項については、{C}と{K}とが協議して定める。", {}),
}


# ---------------------------------------------------------------------------------------------
# Numbers as agreements write them.

FW = str.maketrans("0123456789", "０１２３４５６７８９")
KANJI = "〇一二三四五六七八九"


def fullwidth(n):
    return str(n).translate(FW)


def kanji(n):
    assert 0 < n < 100
    tens, ones = divmod(n, 10)
    s = ("" if tens == 0 else ("十" if tens == 1 else KANJI[tens] + "十"))
    return s + ("" if ones == 0 else KANJI[ones])


def circled(n):
    return chr(0x2460 + n - 1)


# ---------------------------------------------------------------------------------------------

class Agreement:
    """One corpus file: its paragraphs (and tables), what its clauses cover, and its label."""

    def __init__(self, name, type_, fmt, C, K, date=None, edition=None, DOC="この特記事項",
                 ORD="個人情報の保護に関する法律", digits="ascii", encoding="utf-8",
                 newline="\n", features=(), TITLE="本業務", PERIOD="", FEE="", numbering=None,
                 pdf_from=None):
        assert (date is None) != (edition is None)
        self.name, self.type, self.fmt = name, type_, fmt
        self.date, self.edition = date, edition
        self.subst = {"{C}": C, "{K}": K, "{DOC}": DOC, "{ORD}": ORD, "{TITLE}": TITLE,
                      "{PERIOD}": PERIOD, "{FEE}": FEE}
        self.digits = digits
        self.encoding, self.newline = encoding, newline
        self.features = list(features)
        self.numbering = numbering  # None or ("decimal"|"decimalFullWidth"|"japaneseCounting")
        self.blocks = []  # ("p", text, opts) | ("table", rows)
        self.cover = {}
        self.why = {}
        self.override = {}
        self.n = 0
        self.table = None
        self.pdf_from = pdf_from

    # -- text ---------------------------------------------------------------------------------
    def sub(self, s):
        for k, v in self.subst.items():
            s = s.replace(k, v)
        return s

    def num(self, n):
        return {"ascii": str, "fullwidth": fullwidth, "kanji": kanji}[self.digits](n)

    def p(self, text, **opts):
        self.table = None
        self.blocks.append(("p", self.sub(text), opts))

    def covers(self, cover):
        for cat, els in cover.items():
            self.cover.setdefault(cat, set()).update(els)

    def add(self, key, style, heading=None, cover=None, paras=None):
        """Adds a clause of the bank (or `paras` with `cover`) in one of the layouts."""
        c = BANK[key] if key else None
        h = heading if heading is not None else (c.heading if c else "")
        paras = [self.sub(x) for x in (paras if paras is not None else c.paras)]
        self.covers(cover if cover is not None else c.cover)
        if style == "paren":  # （見出し） then 1 text, 2 text (the ward's annex)
            self.p("（%s）" % h)
            for para in paras:
                self.n += 1
                self.p("%s　%s" % (self.num(self.n), para))
        elif style in ("art_inline", "art_above", "art_nohead"):
            self.n += 1
            if style == "art_above":
                self.p("（%s）" % h)
            lead = "第%s条" % self.num(self.n)
            if style == "art_inline":
                lead += "（%s）" % h
            self.p("%s　%s" % (lead, paras[0]))
            self._rest(paras)
        elif style == "bracket":  # 【見出し】 then ①, ②
            self.p("【%s】" % h)
            for i, para in enumerate(paras, 1):
                self.p("%s%s" % (circled(i), para))
        elif style == "plain":  # 1．text, no headings
            for para in paras:
                self.n += 1
                self.p("%s．%s" % (self.n, para))
        elif style == "dai":  # 第１　見出し, then the text (another city's layout)
            self.n += 1
            self.p("第%s　%s" % (fullwidth(self.n), h))
            if len(paras) == 1:
                self.p("　" + paras[0])
            else:
                for i, para in enumerate(paras, 1):
                    self.p("%s　%s" % (fullwidth(i), para))
        elif style == "num_inline":  # Word numbering 第%1条 + （見出し）text in the paragraph
            self.p("（%s）%s" % (h, paras[0]), num=0)
            for para in paras[1:]:
                self.p(para, num=1)
        elif style == "num_above":  # （見出し） paragraph, then Word-numbered article
            self.p("（%s）" % h)
            self.p(paras[0], num=0)
            for para in paras[1:]:
                self.p(para, num=1)
        elif style in ("table_bare", "table_paren"):
            if self.table is None:
                self.table = []
                self.blocks.append(("table", self.table))
            cell = h if style == "table_bare" else "（%s）" % h
            body = [paras[0]] + ["%s　%s" % (fullwidth(i), x) for i, x in enumerate(paras[1:], 2)]
            self.table.append((cell, body))
        else:
            raise ValueError(style)

    def _rest(self, paras):
        for i, para in enumerate(paras[1:], 2):
            if para.startswith("("):
                self.p(para)
            else:
                self.p("%s　%s" % (fullwidth(i), para))

    def many(self, style, keys, **kw):
        for k in keys:
            self.add(k, style, **kw)

    # -- label ----------------------------------------------------------------------------------
    def expected(self):
        edition = self.edition or edition_of(self.date)
        expect = {}
        for cat, elems in required(self.type, edition):
            if cat not in self.cover:
                expect[cat] = "missing"
                continue
            lacking = [e for e in elems if e not in self.cover[cat]]
            expect[cat] = "partial:" + ",".join(lacking) if lacking else "present"
        for cat, v in self.override.items():
            assert cat in expect, (self.name, cat)
            expect[cat] = v
        for cat in self.why:
            assert cat in expect or cat == "file", (self.name, cat)
        out = {"type": self.type}
        if self.date:
            out["date"] = self.date
        else:
            out["edition"] = self.edition
        out["expect"] = expect
        out["features"] = self.features
        if self.why:
            out["why"] = self.why
        return out


# ---------------------------------------------------------------------------------------------
# Writers.

def write_text(a, path):
    text = a.newline.join(b[1] for b in a.blocks if b[0] == "p") + a.newline
    assert "[+" not in text and "[-" not in text
    if a.encoding == "utf-16-le":
        data = b"\xff\xfe" + text.encode("utf-16-le")
    elif a.encoding == "utf-16-be":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    else:
        data = text.encode(a.encoding)
    with open(path, "wb") as f:
        f.write(data)


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Revisions:
    def __init__(self):
        self.next = 100

    def attrs(self, author="総務課 契約担当", date="2023-03-10T09:00:00Z"):
        self.next += 1
        return 'w:id="%d" w:author="%s" w:date="%s"' % (self.next, author, date)


RUN_PR = '<w:rPr><w:rFonts w:ascii="Century" w:hAnsi="Century" w:eastAsia="ＭＳ 明朝" w:cs="Times New Roman"/><w:lang w:eastAsia="ja-JP"/></w:rPr>'


def runs_xml(text, rev):
    """Text with [+inserted+] and [-deleted-] spans as WordprocessingML runs."""
    out = []
    for part in re.split(r"(\[\+.*?\+\]|\[-.*?-\])", text):
        if not part:
            continue
        if part.startswith("[+"):
            out.append('<w:ins %s><w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:ins>'
                       % (rev.attrs(), RUN_PR, esc(part[2:-2])))
        elif part.startswith("[-"):
            out.append('<w:del %s><w:r>%s<w:delText xml:space="preserve">%s</w:delText></w:r></w:del>'
                       % (rev.attrs(), RUN_PR, esc(part[2:-2])))
        else:
            out.append('<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (RUN_PR, esc(part)))
    return "".join(out)


def paragraph_xml(text, opts, rev, num_id):
    ppr = ""
    if "num" in opts and opts["num"] is not None:
        ppr += '<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>' % (opts["num"], num_id)
    if opts.get("center"):
        ppr += '<w:jc w:val="center"/>'
    mark = ""
    if opts.get("ins_para"):
        mark = "<w:ins %s/>" % rev.attrs()
        text = "[+" + text + "+]" if text else text
    if opts.get("del_para"):
        mark = "<w:del %s/>" % rev.attrs()
        text = "[-" + text + "-]" if text else text
    if mark:
        ppr += "<w:rPr>%s</w:rPr>" % mark
    return "<w:p %s>%s%s</w:p>" % (W, "<w:pPr>%s</w:pPr>" % ppr if ppr else "", runs_xml(text, rev))


def table_xml(rows, rev):
    widths = (2300, 6200)
    grid = "".join('<w:gridCol w:w="%d"/>' % w for w in widths)

    def cell(paras, w):
        ps = "".join(paragraph_xml(x, {}, rev, 0) for x in paras)
        return '<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>%s</w:tc>' % (w, ps)

    trs = [("<w:tr>%s%s</w:tr>" % (cell(["事項"], widths[0]), cell(["内容"], widths[1])))]
    for head, body in rows:
        trs.append("<w:tr>%s%s</w:tr>" % (cell([head], widths[0]), cell(body, widths[1])))
    return ('<w:tbl %s><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="%d" w:type="dxa"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
            '</w:tblPr><w:tblGrid>%s</w:tblGrid>%s</w:tbl>' % (W, sum(widths), grid, "".join(trs)))


NUM_ID = 90


def add_numbering(document, fmt):
    """Article numbers from numbering.xml: level 0 「第%1条」, level 1 the second and later
    paragraphs of an article (「２」, starting at 2 under each article)."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        '<w:abstractNum %s w:abstractNumId="%d"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="%s"/><w:lvlText w:val="第%%1条"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="840" w:hanging="840"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="2"/><w:numFmt w:val="decimalFullWidth"/><w:lvlText w:val="%%2"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="840" w:hanging="210"/></w:pPr></w:lvl>'
        '</w:abstractNum>' % (W, NUM_ID, fmt))
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml('<w:num %s w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>'
                               % (W, NUM_ID, NUM_ID)))


def stable_zip(data):
    """Rewrites a package with fixed entry dates and [Content_Types].xml first."""
    src = zipfile.ZipFile(io.BytesIO(data))
    original = src.namelist()
    names = sorted(original, key=lambda n: (n != "[Content_Types].xml", original.index(n)))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for n in names:
            info = zipfile.ZipInfo(n, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(n))
    return buf.getvalue()


def write_docx(a, path):
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(35), Mm(30)
    section.left_margin, section.right_margin = Mm(30), Mm(30)
    normal = document.styles["Normal"]
    normal.font.size = Pt(10.5)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = parse_xml("<w:rFonts %s/>" % W)
        rpr.insert(0, fonts)
    for k, v in (("w:ascii", "Century"), ("w:hAnsi", "Century"), ("w:eastAsia", "ＭＳ 明朝")):
        fonts.set(qn(k), v)
    if a.numbering:
        add_numbering(document, a.numbering)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    sect = body.find(qn("w:sectPr"))
    rev = Revisions()
    for block in a.blocks:
        if block[0] == "p":
            el = parse_xml(paragraph_xml(block[1], block[2], rev, NUM_ID))
        else:
            el = parse_xml(table_xml(block[1], rev))
        sect.addprevious(el)
    props = document.core_properties
    props.author = "tokki corpus"
    props.title = a.name
    props.last_modified_by = "tokki corpus"
    buf = io.BytesIO()
    document.save(buf)
    with open(path, "wb") as f:
        f.write(stable_zip(buf.getvalue()))


def convert_to_pdf(docx_paths, outdir):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("soffice (LibreOffice) is needed to write the PDF files; use --no-pdf")
    profile = tempfile.mkdtemp(prefix="tokki-corpus-lo-")
    try:
        subprocess.run([soffice, "-env:UserInstallation=file://" + profile, "--headless",
                        "--convert-to", "pdf", "--outdir", outdir] + list(docx_paths),
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                       timeout=600)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# The agreements.

ALL = []


def agreement(fn):
    ALL.append(fn)
    return fn


def title_block(a, title, *lines):
    a.p(title, center=True)
    for line in lines:
        a.p(line)


def signature(a, *lines):
    for line in lines:
        a.p(line)


# 2017 edition --------------------------------------------------------------------------------

@agreement
def f01():
    a = Agreement("2017_outsourcing_kou_otsu_articles", "outsourcing", "txt", "甲", "乙",
                  date="2017-09-13",
                  features=["txt UTF-8", "甲/乙", "第○条（見出し） articles, heading in the article line",
                            "standalone annex, every provision in other words", "2017 fully compliant"])
    title_block(a, "個人情報取扱特記事項",
                "（趣旨）",
                "この特記事項は、新宿区（以下「甲」という。）と株式会社東都データサービス（以下「乙」という。）が締結した子ども医療費助成申請書入力業務委託契約（以下「本契約」といい、本契約に基づく業務を「本業務」という。）に関し、乙が取り扱う個人情報の保護について必要な事項を定める。")
    a.many("art_inline", ["basic.a", "conf.end", "coll.fair", "notice.direct", "sens.a",
                          "removal.a", "purpose.a", "safe.cabinet", "copy.a", "sub.ban",
                          "ret.full", "hand.a", "rep.a", "audit.need", "train.a", "inc.a",
                          "pub.a", "dmg.a"])
    a.why["audit"] = "2017 edition asks for the inspection only; 「必要があると認めるときは…立ち入り…調査」 is enough"
    return a


@agreement
def f02():
    a = Agreement("2017_sysdev_itaku_wordnumbering", "system-development", "docx", "委託者",
                  "受託者", edition="2017", DOC="この契約", ORD="品川区個人情報保護条例",
                  TITLE="住民税システム改修業務", PERIOD="平成29年10月1日から平成30年3月31日",
                  FEE="12,960,000", numbering="decimal",
                  features=["docx", "Word auto-numbering: 「第1条」 from numbering.xml lvlText 第%1条 (not in the text)",
                            "second paragraphs numbered by level 1 (「２」)", "heading typed after the number: （見出し）本文",
                            "委託者/受託者", "main contract and personal-information articles in one numbering",
                            "publication entirely missing"])
    title_block(a, "住民税システム改修業務委託契約書",
                "品川区（以下「委託者」という。）と北斗システム株式会社（以下「受託者」という。）は、次のとおり業務委託契約を締結する。")
    a.many("num_inline", ["g.purpose", "g.period", "g.fee", "basic.law", "conf.secret",
                          "coll.specify", "notice.a", "sens.b", "removal.office", "purpose.b",
                          "safe.a", "copy.b", "sub.consent", "ret.report", "hand.b", "rep.b",
                          "audit.asneeded", "train.b", "inc.b", "dmg.a", "g.termination",
                          "g.consult"])
    signature(a, "この契約の締結を証するため、本書2通を作成し、当事者記名押印の上、各自1通を保有する。",
              "平成29年9月29日", "委託者　東京都品川区広町二丁目1番36号　品川区　区長", "受託者　東京都港区芝五丁目7番1号　北斗システム株式会社　代表取締役")
    a.why["audit"] = "2017 edition: 「必要に応じて…監査」 has no frequency, which this edition does not require"
    a.why["publication"] = "no article on publishing a breach"
    a.why["confidentiality"] = "general 秘密保持 article that names personal information (「秘密（個人情報を含む。）」) and survives the contract (「終了後も同様」)"
    return a


@agreement
def f03():
    a = Agreement("2017_service_ku_jutakusha_sjis", "service-operation", "txt", "区", "受託者",
                  date="2018-04-01", digits="fullwidth", encoding="cp932", newline="\r\n",
                  DOC="この特記事項", TITLE="図書館システム運用管理業務",
                  PERIOD="平成30年4月1日から平成31年3月31日", FEE="8,640,000",
                  features=["txt Shift_JIS (cp932), CRLF", "区/受託者", "main contract 第○条 + annex with （見出し） and numbered items",
                            "一括再委託の禁止 in the main contract only", "purpose_notice, sensitive_collection, subcontracting, reporting missing"])
    title_block(a, "業務委託契約書", "委託業務名　図書館システム運用管理業務",
                "中野区（以下「区」という。）と株式会社さくら事務サービス（以下「受託者」という。）とは、次の条項により業務委託契約を締結する。")
    a.many("art_inline", ["g.purpose", "g.period", "g.fee", "g.perform", "g.inspect", "g.pay",
                          "g.lump", "g.pi", "g.termination", "g.consult"])
    a.p("別記")
    a.p("個人情報取扱特記事項")
    a.n = 0
    a.many("paren", ["basic.a", "conf.expire", "coll.fair", "removal.carry", "purpose.a",
                     "safe.tech", "copy.a", "ret.full", "hand.roster", "audit.need", "train.a",
                     "inc.a", "pub.b", "dmg.b"])
    a.why["subcontracting"] = "only 「本業務の全部を一括して第三者に委託してはならない」 in the main contract: it leaves subcontracting of part of the work free, which is not the 2017 ban on subcontracting personal-information work"
    return a


@agreement
def f04():
    a = Agreement("2017_outsourcing_noheadings_pdf", "outsourcing", "pdf", "甲", "乙",
                  date="2019-04-01", digits="fullwidth", DOC="この特記事項",
                  features=["PDF (LibreOffice from .docx)", "甲/乙", "第○条 articles without headings",
                            "erasure certificate waived", "subcontracting with prior consent", "audit as a quarterly 検査 (no heading)"])
    title_block(a, "個人情報の取扱いに関する特記事項",
                "甲及び乙は、平成31年4月1日付けで締結した介護認定調査票整理業務委託契約に関し、乙が取り扱う個人情報について、次のとおり定める。")
    a.many("art_nohead", ["basic.aware", "conf.end", "coll.fair", "notice.a", "sens.a",
                          "removal.a", "purpose.b", "safe.a", "copy.a", "sub.consent",
                          "ret.waived", "hand.a", "rep.a", "audit.quarter", "train.a", "inc.a",
                          "pub.a", "dmg.b"])
    a.why["return_erasure"] = "「消去に係る証明書の提出は要しないものとする」 waives the certificate"
    a.why["subcontracting"] = "再委託 forbidden unless the 甲's prior written consent: prohibition_or_consent present"
    return a


@agreement
def f05():
    a = Agreement("2017_outsourcing_merged_hacchu", "outsourcing", "docx", "発注者", "受注者",
                  date="2019-10-01", DOC="この契約", digits="fullwidth",
                  TITLE="保育園入園申込書類点検業務", PERIOD="令和元年10月1日から令和2年1月31日",
                  FEE="1,980,000",
                  features=["docx", "発注者/受注者", "（見出し） above 第○条",
                            "five duties merged into one article with (1)-(5) sub-items, object named once in the lead-in",
                            "2017 fully compliant"])
    title_block(a, "保育園入園申込書類点検業務委託契約書",
                "練馬区（以下「発注者」という。）と株式会社ひかり総合サービス（以下「受注者」という。）は、次のとおり契約を締結する。")
    a.many("art_above", ["g.purpose", "g.period", "g.fee", "basic.a"])
    a.add(None, "art_above", heading="個人情報の取扱い", paras=[
        "受注者は、本業務に係る個人情報の取扱いについて、次に掲げる事項を遵守しなければならない。",
        "(1) 個人情報を発注者の指定する場所の外に持ち出さないこと。",
        "(2) 個人情報を本業務以外の目的に利用し、又は第三者に提供しないこと。",
        "(3) 発注者の承諾なく複写し、又は複製しないこと。",
        "(4) 施錠できる保管庫に保管する等、善良な管理者の注意をもって個人情報を管理すること。",
        "(5) 個人情報を取り扱う業務を第三者に再委託しないこと。"],
        cover={"no_removal": [], "purpose_limitation": [], "no_copying": [], "safekeeping": [],
               "subcontracting": POC})
    a.many("art_above", ["conf.secret", "coll.fair", "notice.a", "sens.a", "ret.full", "hand.a",
                         "rep.b", "audit.need", "train.a", "inc.a", "pub.a", "dmg.a",
                         "g.consult"])
    a.why["no_copying"] = "sub-item (3) 「発注者の承諾なく複写し、又は複製しないこと」 applies to the personal information named in the article's lead-in"
    a.why["subcontracting"] = "sub-item (5) bans subcontracting personal-information work"
    return a


# 2020 edition --------------------------------------------------------------------------------

@agreement
def f06():
    a = Agreement("2020_outsourcing_hacchu_noheadings", "outsourcing", "txt", "発注者", "受注者",
                  date="2020-04-01", digits="fullwidth", DOC="この契約",
                  ORD="横浜市個人情報の保護に関する条例",
                  features=["txt UTF-8", "発注者/受注者", "第○条 articles without headings",
                            "audit 「毎年度1回以上」", "handlers as a roster of staff (no heading)", "damages 「この契約に違反し…」 without a heading", "2020 fully compliant in other words"])
    title_block(a, "個人情報の取扱いに関する契約条項",
                "発注者と受注者は、令和2年4月1日付けで締結した健康診査受診券発送業務委託契約に附帯して、受注者が行う個人情報の取扱いについて、次のとおり定める。")
    a.many("art_nohead", ["basic.law", "conf.end", "coll.specify", "notice.a", "sens.b",
                          "removal.a", "purpose.a", "safe.a", "copy.a", "sub.consent",
                          "ret.full", "hand.roster", "rep.a", "audit.yearly2", "train.a", "inc.a",
                          "pub.b", "dmg.a"])
    return a


@agreement
def f07():
    a = Agreement("2020_sysdev_asneeded_utf16le", "system-development", "txt", "甲", "乙",
                  edition="2020", encoding="utf-16-le", newline="\r\n",
                  features=["txt UTF-16LE with BOM", "甲/乙", "（見出し） + numbered items (the ward's layout)",
                            "audit 「必要に応じて」 without frequency", "training yearly (a frequency that is not the audit's)"])
    title_block(a, "特記事項")
    a.many("paren", ["basic.a", "conf.end", "coll.fair", "notice.direct", "sens.a", "removal.a",
                     "purpose.a", "safe.cabinet", "copy.a", "sub.ban", "ret.full", "hand.b",
                     "rep.a", "audit.asneeded", "train.yearly", "inc.a", "pub.a", "dmg.a"])
    a.why["audit"] = "「必要に応じて…監査」: no yearly frequency (2020 asks 年度当たり1回以上); the yearly training does not count"
    return a


@agreement
def f08():
    a = Agreement("2020_service_table_bareheadings", "service-operation", "docx", "区", "受注者",
                  date="2022-07-01",
                  features=["docx", "区/受注者", "provisions in a table: heading cell (bare, no brackets) + body cell",
                            "audit without frequency", "damages missing", "training yearly (trap)"])
    title_block(a, "個人情報取扱特記事項",
                "受注者は、杉並区（以下「区」という。）から受託した区民センター予約システム運用業務の履行に当たり、次の事項を遵守しなければならない。")
    a.many("table_bare", ["basic.a", "conf.end", "coll.fair", "notice.a", "sens.a",
                          "removal.office", "purpose.b", "safe.a", "copy.a", "sub.consent",
                          "ret.full", "hand.a", "rep.a", "audit.asneeded", "train.yearly",
                          "inc.a", "pub.a"])
    a.p("以上")
    a.why["audit"] = "「必要に応じて」: no yearly frequency; the yearly frequency in the training row is not the audit's"
    a.why["damages"] = "no row on damages and no main contract in the file"
    return a


@agreement
def f09():
    a = Agreement("2020_outsourcing_trackedchanges", "outsourcing", "docx", "委託者", "受託者",
                  date="2021-04-01", digits="fullwidth", DOC="この特記事項",
                  features=["docx with tracked changes", "委託者/受託者", "（見出し） above 第○条",
                            "w:del of the yearly-audit sentence inside a paragraph",
                            "w:ins of the erasure certificate sentence", "w:del/w:ins replacing 事後報告 by prior consent",
                            "publication article deleted (paragraph marks deleted)", "incident article inserted as new paragraphs"])
    title_block(a, "個人情報取扱特記事項（案）",
                "（令和3年3月 契約担当修正）")
    a.many("art_above", ["basic.a", "conf.expire", "coll.fair", "notice.a", "sens.a",
                         "removal.a", "purpose.a", "safe.a", "copy.a"])
    a.add(None, "art_above", heading="再委託", paras=[
        "受託者は、本業務を第三者に再委託してはならない。ただし、[-事後に委託者へ報告することにより-][+あらかじめ委託者の書面による承諾を得て+]、その一部を再委託することができる。"],
        cover={"subcontracting": POC})
    a.add(None, "art_above", heading="資料等の返還等", paras=[
        "受託者は、本業務が終了したときは、委託者から提供を受けた個人情報が記録された資料等を委託者に返還し、受託者の電子計算機に記録された個人情報を消去しなければならない。[+受託者は、消去を完了したときは、消去した旨の証明書を委託者に提出するものとする。+]"],
        cover={"return_erasure": set(RET3)})
    a.many("art_above", ["hand.a", "rep.b"])
    a.add(None, "art_above", heading="監査", paras=[
        "委託者は、受託者の作業場所に立ち入り、本業務における個人情報の管理状況を調査することができる。[-この調査は、毎年度1回以上実施するものとする。-]"],
        cover={"audit": {"inspection"}})
    a.add("train.a", "art_above")
    # The publication article, deleted as a whole (text and paragraph marks).
    a.n += 1
    a.p("（公表）", del_para=True)
    a.p("第%s条　委託者は、受託者がこの特記事項に違反したときは、受託者の名称及び違反の事実を公表することができる。" % fullwidth(a.n), del_para=True)
    # The incident article, inserted as new paragraphs.
    a.n += 1
    a.p("（事故発生時の報告）", ins_para=True)
    a.p("第%s条　受託者は、個人情報の漏えい、滅失、き損その他の事故が発生し、又はそのおそれがあることを知ったときは、直ちに委託者に報告し、その指示に従わなければならない。" % fullwidth(a.n), ins_para=True)
    a.covers({"incident": []})
    a.add("dmg.a", "art_above")
    a.why["audit"] = "the sentence 「この調査は、毎年度1回以上実施するものとする。」 is deleted (w:del): no frequency is left"
    a.why["return_erasure"] = "the certificate sentence is an accepted insertion (w:ins)"
    a.why["subcontracting"] = "after the changes: prior written consent; the deleted 「事後に委託者へ報告することにより」 no longer counts"
    a.why["publication"] = "the publication article is deleted, paragraph marks included"
    a.why["incident"] = "the incident article exists only as inserted paragraphs (w:ins)"
    return a


@agreement
def f10():
    a = Agreement("2020_outsourcing_bracket_reordered_pdf", "outsourcing", "pdf", "甲", "乙",
                  date="2022-04-01",
                  features=["PDF (LibreOffice from .docx)", "甲/乙", "【見出し】 + ①② items",
                            "provisions in a different order", "subcontracting allowed with a report afterwards"])
    title_block(a, "個人情報の保護に関する特記事項",
                "本特記事項は、甲（世田谷区）と乙（株式会社ミドリ情報処理）との間の住民税申告書データ入力業務委託契約に適用する。")
    a.many("bracket", ["basic.a", "purpose.a", "conf.end", "safe.a", "copy.a", "removal.a",
                       "sub.after", "hand.a", "train.a", "rep.a", "audit.yearly", "inc.a",
                       "ret.full", "coll.fair", "notice.a", "sens.a", "pub.a", "dmg.a"])
    a.why["subcontracting"] = "「再委託することができる…事後速やかに…報告」: subcontracting without prior consent"
    return a


@agreement
def f11():
    a = Agreement("2020_sysdev_wordnumbering_kanji", "system-development", "docx", "委託者",
                  "受託者", date="2020-02-01", DOC="この契約", numbering="japaneseCounting",
                  TITLE="国民健康保険システム改修業務", PERIOD="令和2年2月1日から令和2年3月31日",
                  FEE="6,600,000",
                  features=["docx", "Word auto-numbering with kanji numerals (lvlText 第%1条, numFmt japaneseCounting: 「第一条」)",
                            "（見出し） paragraph above each numbered article", "委託者/受託者",
                            "audit 「四半期ごと」 (more often than yearly)", "handlers and training missing"])
    title_block(a, "国民健康保険システム改修業務委託契約書",
                "文京区（以下「委託者」という。）と株式会社アオバソフト（以下「受託者」という。）は、次のとおり契約を締結する。")
    a.many("num_above", ["g.purpose", "g.period", "g.fee", "basic.aware", "conf.end",
                         "coll.specify", "notice.a", "sens.a", "removal.carry", "purpose.b",
                         "safe.cabinet", "copy.b", "sub.consent", "ret.full", "rep.monthly",
                         "audit.quarter", "inc.b", "pub.a", "dmg.a", "g.consult"])
    a.why["audit"] = "「四半期ごとに…検査」 is more often than once a year"
    a.why["handlers"] = "no provision naming the staff who handle the data"
    a.why["training"] = "no provision on training or supervising staff"
    return a


@agreement
def f12():
    a = Agreement("2020_service_merged_sjis", "service-operation", "txt", "甲", "乙",
                  date="2023-03-31", encoding="cp932", newline="\r\n", DOC="この契約",
                  TITLE="窓口受付業務", PERIOD="令和4年4月1日から令和5年3月31日", FEE="23,760,000",
                  features=["txt Shift_JIS (cp932)", "甲/乙", "第○条（見出し）", "almost every duty merged into one article with (1)-(14) sub-items",
                            "confidentiality without survival", "audit once every three years"])
    title_block(a, "窓口受付業務委託契約書",
                "足立区（以下「甲」という。）と株式会社まちかど総合サービス（以下「乙」という。）とは、次のとおり業務委託契約を締結する。")
    a.many("art_inline", ["g.purpose", "g.period", "g.fee", "g.perform", "basic.a"])
    a.add(None, "art_inline", heading="個人情報の保護", paras=[
        "乙は、本業務の処理に伴い取り扱う個人情報について、次の各号に定める事項を遵守しなければならない。",
        "(1) 業務上知り得た個人情報を第三者に漏らさないこと。",
        "(2) 個人情報を収集するときは、業務に必要な範囲内で、適法かつ公正な手段により収集すること。",
        "(3) 個人情報を収集するときは、本人から直接収集し、利用目的を明示すること。",
        "(4) 思想、信条及び宗教に関する個人情報並びに社会的差別の原因となる個人情報を収集しないこと。",
        "(5) 個人情報を甲の指定する場所の外に持ち出さないこと。",
        "(6) 個人情報を業務以外の目的に使用し、又は第三者に提供しないこと。",
        "(7) 個人情報の漏えい、滅失及びき損の防止のため、適切な管理を行うこと。",
        "(8) 甲の承諾なく個人情報を複写し、又は複製しないこと。",
        "(9) 個人情報を取り扱う業務を第三者に再委託しないこと。",
        "(10) 業務終了後、甲から提供を受けた個人情報を含む資料を甲に返還し、乙の機器に記録された個人情報を消去し、消去したことを証する書面を甲に提出すること。",
        "(11) 個人情報の取扱責任者を定め、甲に届け出ること。",
        "(12) 甲の求めに応じ、個人情報の取扱状況を報告すること。",
        "(13) 個人情報の漏えい等の事故が発生したときは、直ちに甲に報告し、その指示に従うこと。",
        "(14) 従事者に対し、個人情報の保護に関する教育を行うこと。"],
        cover={"confidentiality": [], "collection": [], "purpose_notice": [],
               "sensitive_collection": [], "no_removal": [], "purpose_limitation": [],
               "safekeeping": [], "no_copying": [], "subcontracting": POC,
               "return_erasure": set(RET3), "handlers": [], "reporting": [], "incident": [],
               "training": []})
    a.add("audit.3y", "art_inline")
    a.add(None, "art_inline", heading="公表", paras=["甲は、乙が第6条の規定に違反したときは、その事実を公表することができる。"],
          cover={"publication": []})
    a.many("art_inline", ["g.damages", "g.termination", "g.consult"])
    a.why["confidentiality"] = "(1) 「漏らさないこと」 says nothing about after the contract ends"
    a.why["audit"] = "「3年に1回」 is less often than the yearly check the 2020 edition requires"
    a.why["return_erasure"] = "(10) 「消去したことを証する書面を甲に提出」 is the certificate"
    a.why["damages"] = "general 損害賠償 article of the contract"
    return a


# 2023 edition --------------------------------------------------------------------------------

@agreement
def f13():
    a = Agreement("2023_outsourcing_itaku_compliant", "outsourcing", "docx", "委託者", "受託者",
                  date="2023-04-01", DOC="この契約",
                  features=["docx", "委託者/受託者", "（見出し） above typed 第○条", "2023 fully compliant in other words",
                            "subcontracting: consent and all flow-down duties in six paragraphs"])
    title_block(a, "個人情報の取扱いに関する契約書",
                "目黒区（以下「委託者」という。）と株式会社トライアングル情報（以下「受託者」という。）は、委託者が受託者に委託する特定健康診査結果データ作成業務（以下「本業務」という。）における個人情報の取扱いについて、次のとおり契約を締結する。")
    a.many("art_above", ["basic.law", "conf.end", "coll.hold", "improper.a", "notice.a",
                         "removal.a", "purpose.a", "safe.a", "copy.a", "sub.full23", "comp.b",
                         "ret.full", "hand.a", "rep.a", "audit.yearly", "train.a", "inc.a",
                         "pub.a", "dmg.a", "term.a"])
    signature(a, "令和5年4月1日", "委託者　目黒区", "受託者　株式会社トライアングル情報")
    return a


WARD_2023 = [
    ("基本的事項", ["乙は、個人情報の保護及び情報セキュリティの重要性について十分な認識を持ち、この契約による業務（以下「業務」という。）を行うに当たっては、必要な措置を講じなければならない。"]),
    ("秘密の保持", ["乙は、業務に関して知り得た個人情報を一切第三者（乙の子会社（会社法（平成17年法律第86号）第2条第3号に規定する子会社をいう。）である場合を含む。以下同じ。）に漏らしてはならない。この契約が終了した後においても同様とする。"]),
    ("個人情報の保有の制限等", ["乙は、業務を行うために個人情報を保有するときは、業務を遂行するため必要な場合に限り、かつ、その利用目的をできる限り特定しなければならない。また、その利用目的の達成に必要な範囲を超えて、個人情報を保有してはならない。"]),
    ("不適正な利用の禁止", ["乙は、違法又は不当な行為を助長し、又は誘発するおそれがある方法により個人情報を利用してはならない。"]),
    ("適正な取得", ["乙は、偽りその他不正の手段により個人情報を取得してはならない。"]),
    ("利用目的の明示", ["乙は、甲の指示又は承諾があるときを除き、業務を行うために個人情報を取得するときは、本人に対しその利用目的を明示しなければならない。"]),
    ("持出しの禁止", ["乙は、甲の指示又は承諾があるときを除き、業務を行うに当たっては、個人情報を甲が指定した場所の外へ持ち出してはならない。"]),
    ("目的外利用及び第三者への提供等の禁止", ["乙は、甲の指示又は承諾があるときを除き、業務に関して知り得た個人情報を、この契約の目的以外に利用し、又は第三者に提供し、若しくは使用させてはならない。"]),
    ("適正な管理", ["乙は、業務に伴い取り扱う個人情報について、施錠できる保管庫に保管する等善良な管理者の注意をもって保管及び管理にあたらなければならない。"]),
    ("複写等の禁止", ["乙は、甲の指示又は承諾があるときを除き、業務を行うために甲から提供され、又は乙が取得した個人情報を複写し、又は複製してはならない。"]),
    ("再委託等の禁止", [
        "乙は、業務を行うに当たって、個人情報を取り扱う業務を第三者に委託又は二以上の段階の業務の委託（以下「再委託等」という。）をしてはならない。",
        "乙は、個人情報を取り扱う業務をやむを得ず再委託等する必要がある場合は、あらかじめ甲の承諾を得なければならない。",
        "前項の場合において、乙は、乙から再委託等を受けた者（以下「再委託等先」という。）に本特記事項に定める義務を遵守させるとともに、甲に対して、再委託等先の全ての行為及びその結果について責任を負うものとする。",
        "第12項の場合において、乙は、再委託等先に対して、当該業務に従事している者及び従事していた者に次のことを周知しなければならない。\n　ア　当該業務又は事務に関して知り得た個人情報の内容をみだりに他人に知らせ、又は不当な目的に利用してはならないこと。\n　イ　個人情報の保護に関する法律（平成15年法律第57号）第176条及び第180条の罰則の適用があること。",
        "第12項の場合において、甲は、必要に応じて甲自ら又は乙を通じて、再委託等先に報告を求め、調査を行い、指導することができるものとする。",
        "第12項の場合において、乙は、再委託等先との契約書に本特記事項に掲げる事項を明記しなければならない。",
        "第12項の場合において、乙は、再委託等先に対して甲が再委託等先に課した個人情報保護対策に基づき、適正に業務を実施していることを甲自ら又は乙を通じた立入り調査等により確認をうけるように講じさせるものとする。この場合において、甲は、再委託等先に対して、必要な指示を行い、又は必要な事項の報告若しくは資料の提出等を求めることができるものとし、乙は、業務の実施状況を明らかにするものとする。",
        "第12項の場合において、乙は、再委託等先に対して前項による確認を、年度当たり1回以上うけるように講じさせるものとする。"]),
    ("個人情報の取扱いに関する苦情への対応", ["乙は、区民等から個人情報の取扱いに関する苦情を受けた場合は、迅速に対応するとともに、その処理状況を甲に報告しなければならない。"]),
    ("資料等の返還等", [
        "乙は、甲の指示又は承諾があるときを除き、業務を行うために甲から提供され又は乙が取得し、若しくは作成した個人情報が記録された資料等が不要になったとき及び業務終了後は、当該資料等を甲に返還又は引き渡さなければならない。また、乙が業務を行うに当たり乙の電子計算機を使用した場合には、当該電子計算機に記録された業務に係る個人情報を消去しなければならない。",
        "乙は、個人情報を廃棄又は消去した場合には、その記録を保存するとともに、甲に対して廃棄又は消去をしたことの証明書等を提出するものとする。なお、甲は、必要に応じ、廃棄又は消去の状況について確認を行うものとする。"]),
    ("個人情報を取り扱う従事者の指定", ["乙は、業務を行うに当たっては、個人情報を取り扱わせる取扱責任者及び取扱者を指定し、甲に報告するものとする。"]),
    ("業務に関する報告", ["乙は、甲の求めがあった場合は、業務に関する個人情報の取扱い状況の報告を行うものとする。"]),
    ("監査", [
        "乙は、甲が乙に課した個人情報保護対策に基づき、乙が適正に業務を実施していることを甲の立入り調査等により確認をうけるものとする。この場合において、甲は、乙に対して、必要な指示を行い、又は必要な事項の報告若しくは資料の提出等を求めることができるものとし、乙は、業務の実施状況を明らかにするものとする。",
        "乙は、前項による確認を、年度当たり1回以上うけるものとする。"]),
    ("従事者に対する教育", ["乙は、乙の従事者に対する個人情報の適正な管理及び情報セキュリティに関する教育を実施するとともに、個人情報の保護に関する法律について周知するものとする。"]),
    ("事故発生時等における報告", ["乙は、業務に関する個人情報の取扱いに関して事故が発生し、又は発生するおそれがあるときは、速やかに甲に報告し、甲の指示に従うものとする。"]),
    ("公表等", ["甲は、乙が本特記事項に違反し、又は怠ったときは、乙に対して改善等に向けた指導を行うとともに、その事実を公表することができるものとする。"]),
    ("損害の賠償", ["乙の故意又は過失を問わず、乙が本特記事項に違反し、又は怠ったことにより甲又は第三者に損害を与えたときは、その損害を賠償するものとする。"]),
    ("契約解除", [
        "甲は、乙が本特記事項に定める義務を履行しない場合は、本特記事項に関連する業務の全部または一部を解除することができるものとする。",
        "乙は、前項の規定による契約の解除により損害を受けた場合においても、甲に対して、その損害の賠償を請求することはできないものとする。"]),
]

WARD_2017 = [
    ("基本的事項", ["乙は、個人情報の保護及び情報セキュリティの重要性について十分な認識を持ち、この契約による業務（以下「業務」という。）を行うに当たっては、必要な措置を講じなければならない。"]),
    ("秘密の保持", ["乙は、業務に関して知り得た個人情報を一切第三者に漏らしてはならない。この契約が終了した後においても同様とする。"]),
    ("適正収集", ["乙は、業務を行うために個人情報を収集するときは、その利用目的をできる限り特定し、その利用目的を達成するために必要な最小限の範囲内で、公正かつ適正な手段によって収集しなければならない。"]),
    ("本人収集及び利用目的の明示", ["乙は、業務を行うために個人情報を収集するときは、本人に対しその利用目的を明示し、かつ、本人から直接これを収集しなければならない。ただし、甲の承諾があるときは、この限りではない。"]),
    ("収集禁止事項", ["乙は、業務を行うに当たっては、甲の承諾があるときを除き、次に掲げる事項に関する個人情報の収集を行ってはならない。\n　(1) 思想、信条及び宗教に関する事項\n　(2) 社会的差別の原因となる事実に関する事項\n　(3) 犯罪に関する事項\n　(4) その他区民の個人的秘密が侵害されるおそれがあると甲が認めた事項"]),
    ("持出しの禁止", ["乙は、業務を行うに当たっては、個人情報を甲が指定した場所の外へ持ち出してはならない。ただし、甲の承諾があるときは、この限りではない。"]),
    ("目的外利用及び第三者への提供等の禁止", ["乙は、業務に関して知り得た個人情報を、この契約の目的以外に利用し、又は第三者に提供し、若しくは使用させてはならない。"]),
    ("適正な管理", ["乙は、業務に伴い取り扱う個人情報について、施錠できる保管庫に保管する等善良な管理者の注意をもって保管及び管理にあたらなければならない。"]),
    ("複写等の禁止", ["乙は、業務を行うために甲から提供され、又は乙が収集した個人情報を複写し、又は複製してはならない。"]),
    ("再委託の禁止", ["乙は、業務を行うに当たって、個人情報を取り扱う業務を一切第三者に委託してはならない。"]),
    ("資料等の返還等", [
        "乙は、この契約の終了後は、業務を行うために甲から提供され、又は乙が収集し、若しくは作成した個人情報が記録された資料等を甲に返還し、又は引き渡し、乙が業務を行うに当たり乙の電子計算機を使用した場合には、当該電子計算機に記録された業務に係る個人情報を消去する。ただし、甲が別に指示したときは、その指示に従う。",
        "乙は、個人情報を消去した場合には、消去をしたことの記録を保存するとともに、甲に対して消去をしたことの証明書を提出するものとする。なお、甲は、必要に応じ、消去の状況について確認を行うものとする。"]),
    ("個人情報を取り扱う従事者の指定", ["乙は、業務を行うに当たっては、個人情報を取り扱わせる取扱責任者及び取扱者を指定し、甲に報告するものとする。"]),
    ("業務に関する報告", ["乙は、甲の求めがあった場合は、業務に関する個人情報の取扱い状況の報告を行うものとする。"]),
    ("監査", ["乙は、業務に関する個人情報の管理状況について、甲の立入調査等による監査を受けるものとする。"]),
    ("従事者に対する教育", ["乙は、乙の従事者に対する個人情報の適正な管理及び情報セキュリティに関する教育を実施するとともに、新宿区個人情報保護条例について周知するものとする。"]),
    ("事故発生時等における報告", ["乙は、業務に関する個人情報の取扱いに関して事故が発生し、若しくは発生するおそれがあるとき又は前各項に掲げる事項に違反したときは、速やかに甲に対して通知するとともに、その状況について書面をもって報告し、甲の指示に従うものとする。"]),
    ("公表", ["甲は、乙が前各項に掲げる事項に違反し、又は怠ったときは、その事実を公表することができる。"]),
    ("損害の賠償", ["乙は、第1項から第17項までに掲げる事項に違反し、又は怠ったことにより甲又は第三者に損害を与えたときは、その損害を賠償するものとする。"]),
]


def ward_annex(a, items, cover_all_of):
    a.n = 0
    for heading, paras in items:
        a.p("（%s）" % heading)
        for para in paras:
            a.n += 1
            lines = para.split("\n")
            a.p("%d　%s" % (a.n, lines[0]))
            for line in lines[1:]:
                a.p(line)
    for cat, elems in cover_all_of:
        a.covers({cat: set(elems)})


@agreement
def f14():
    a = Agreement("2023_outsourcing_ward_annex_attached", "outsourcing", "txt", "甲", "乙",
                  date="2023-10-01", DOC="この契約", TITLE="東京共同電子申請・届出サービス運用管理業務",
                  PERIOD="令和5年10月1日から令和6年3月31日", FEE="3,300,000",
                  features=["txt UTF-8", "甲/乙", "main contract 第○条（見出し） + the ward's own 2023 annex attached as 別記 (31 items)",
                            "general 損害賠償/契約の解除 articles besides the annex's"])
    title_block(a, "業務委託契約書",
                "新宿区（以下「甲」という。）と株式会社ミナト情報システム（以下「乙」という。）は、次のとおり業務委託契約を締結する。")
    a.many("art_inline", ["g.purpose", "g.period", "g.fee", "g.perform", "g.inspect", "g.pay",
                          "g.lump", "g.pi", "g.damages", "g.termination", "g.consult"])
    a.p("別記")
    a.p("特記事項")
    ward_annex(a, WARD_2023, REQ_2023)
    a.why["file"] = "the ward's annex is attached as the agreement would carry it (seed 002 wording)"
    return a


@agreement
def f15():
    a = Agreement("2023_service_ku_juchusha_inline_pdf", "service-operation", "pdf", "区", "受注者",
                  date="2024-04-01", digits="fullwidth", DOC="この契約",
                  features=["PDF (LibreOffice from .docx)", "区/受注者", "第○条（見出し）",
                            "2023 fully compliant in other words", "complaints wording 「苦情又は問合せを受けたとき」",
                            "erasure: written report of completion", "handlers: roster of staff"])
    title_block(a, "個人情報の取扱いに関する覚書",
                "江東区（以下「区」という。）と株式会社シーサイド運用サービス（以下「受注者」という。）は、区が受注者に委託する江東区施設予約システム運用業務（以下「本業務」という。）における個人情報の取扱いについて、次のとおり合意する。")
    a.many("art_inline", ["basic.law", "conf.secret", "coll.specify", "improper.b", "notice.a",
                          "removal.office", "purpose.b", "safe.cabinet", "copy.a", "sub.full23b",
                          "comp.a", "ret.report", "hand.roster", "rep.b", "audit.yearly2",
                          "train.b", "inc.a", "pub.b", "dmg.b", "term.b"])
    a.why["complaints"] = "「個人情報の取扱いについて区民等から苦情又は問合せを受けたときは…区に報告」"
    a.why["return_erasure"] = "「確実に廃棄し、その完了を書面により区に報告」 is a written proof of disposal (証明書等)"
    a.why["subcontracting"] = "consent, flow-down (一切の義務を遵守させ), liability (受注者の行為とみなして), penalty notice, terms in the subcontract, yearly on-site check with reports"
    return a


@agreement
def f16():
    a = Agreement("2023_sysdev_hacchu_noheadings_sjis", "system-development", "txt", "発注者",
                  "受注者", edition="2023", digits="kanji", encoding="cp932", newline="\r\n",
                  DOC="この契約",
                  features=["txt Shift_JIS (cp932)", "発注者/受注者", "第○条 in kanji numerals (第十二条), no headings",
                            "confidentiality worded 「みだりに第三者に知らせ」", "complaints 「苦情又は問合せを受けたとき」 without a heading",
                            "2023 fully compliant"])
    title_block(a, "個人情報の取扱いに関する特約条項",
                "発注者（大田区）及び受注者（株式会社テクノブリッジ）は、令和5年度介護保険システム改修業務委託契約に関し、次の特約条項を定める。")
    a.many("art_nohead", ["basic.law", "conf.expire", "coll.hold", "improper.b", "notice.a",
                          "removal.carry", "purpose.a", "safe.tech", "copy.b", "sub.full23",
                          "comp.a", "ret.full", "hand.a", "rep.a", "audit.yearly", "train.a",
                          "inc.b", "pub.a", "dmg.b", "term.b"])
    a.why["confidentiality"] = "「業務上知り得た個人情報の内容をみだりに第三者に知らせ…てはならない。この義務は、契約期間の満了後においても存続する。」"
    return a


@agreement
def f17():
    a = Agreement("2023_outsourcing_subcontract_by_notice", "outsourcing", "docx", "甲", "乙",
                  date="2024-07-01",
                  features=["docx", "甲/乙", "（見出し） + numbered items",
                            "subcontracting allowed by mere notice; only flow-down and liability kept"])
    title_block(a, "個人情報取扱特記事項")
    a.many("paren", ["basic.a", "conf.end", "coll.hold", "improper.a", "notice.a", "removal.a",
                     "purpose.a", "safe.a", "copy.a", "sub.notify23", "comp.b", "ret.full",
                     "hand.b", "rep.a", "audit.yearly2", "train.a", "inc.a", "pub.a", "dmg.a",
                     "term.a"])
    a.why["subcontracting"] = "「通知することにより…再委託することができる」: no prior consent; no penalty notice, no check of the subcontractor, no terms in the subcontract"
    return a


@agreement
def f18():
    a = Agreement("2023_outsourcing_certificate_waived_utf16be", "outsourcing", "txt", "委託者",
                  "受託者", edition="2023", encoding="utf-16-be", newline="\r\n",
                  features=["txt UTF-16BE with BOM", "委託者/受託者", "第○条（見出し）",
                            "erasure certificate waived"])
    title_block(a, "個人情報取扱特記事項")
    a.many("art_inline", ["basic.law", "conf.end", "coll.specify", "improper.a", "notice.a",
                          "removal.a", "purpose.b", "safe.a", "copy.a", "sub.full23b", "comp.b",
                          "ret.waived", "hand.a", "rep.a", "audit.yearly", "train.a", "inc.a",
                          "pub.a", "dmg.a", "term.a"])
    a.why["return_erasure"] = "「消去に係る証明書の提出は要しないものとする」"
    return a


@agreement
def f19():
    a = Agreement("2023_service_asneeded_no_complaints", "service-operation", "docx", "区",
                  "受託者", date="2025-04-01", digits="fullwidth", DOC="この特記事項",
                  features=["docx", "区/受託者", "第○条（見出し） typed", "audit 「必要に応じて」",
                            "complaints missing", "monthly report and yearly training (frequencies that are not the audit's)"])
    title_block(a, "個人情報取扱特記事項",
                "受託者は、荒川区（以下「区」という。）から受託した電子申請サービス運用業務を履行するに当たり、この特記事項を遵守しなければならない。")
    a.many("art_inline", ["basic.law", "conf.end", "coll.hold", "improper.a", "notice.a",
                          "removal.office", "purpose.a", "safe.a", "copy.a", "sub.full23",
                          "ret.full", "hand.a", "rep.monthly", "audit.asneeded", "train.yearly",
                          "inc.a", "pub.a", "dmg.a", "term.a"])
    a.why["audit"] = "「必要に応じて」: no yearly frequency; 毎月 (report) and 毎年度 (training) are other provisions"
    a.why["complaints"] = "no provision on complaints"
    return a


@agreement
def f20():
    a = Agreement("2023_outsourcing_trackedchanges", "outsourcing", "docx", "甲", "乙",
                  date="2023-06-01",
                  features=["docx with tracked changes", "甲/乙", "（見出し） + numbered items",
                            "yearly-audit paragraph deleted (w:del, paragraph mark deleted)",
                            "erasure-certificate paragraph deleted", "penalty-notice paragraph inserted (w:ins)",
                            "improper-use item inserted", "a deleted 「事後に報告すれば足りる」 phrase"])
    title_block(a, "特記事項（修正案）")
    a.many("paren", ["basic.a", "conf.end", "coll.hold"])
    a.p("（不適正な利用の禁止）", ins_para=True)
    a.n += 1
    a.p("%d　乙は、違法又は不当な行為を助長し、又は誘発するおそれがある方法により個人情報を利用してはならない。" % a.n, ins_para=True)
    a.covers({"improper_use": []})
    a.many("paren", ["notice.a", "removal.a", "purpose.a", "safe.a", "copy.a"])
    sub = [s.replace("{C}", "甲").replace("{K}", "乙").replace("{DOC}", "この特記事項")
           for s in BANK["sub.full23"].paras]
    a.p("（再委託）")
    a.n += 1
    a.p("%d　%s" % (a.n, sub[0].replace("この限りでない。", "この限りでない。[-この場合、乙は、再委託先を事後に報告すれば足りる。-]")))
    a.n += 1
    a.p("%d　%s" % (a.n, sub[1]))
    a.n += 1
    a.p("%d　%s" % (a.n, sub[2]), ins_para=True)
    for s in sub[3:]:
        a.n += 1
        a.p("%d　%s" % (a.n, s))
    a.covers({"subcontracting": set(SUB7)})
    a.add("comp.b", "paren")
    a.p("（資料等の返還等）")
    ret = [s.replace("{C}", "甲").replace("{K}", "乙") for s in BANK["ret.full"].paras]
    a.n += 1
    a.p("%d　%s" % (a.n, ret[0]))
    a.n += 1
    a.p("%d　乙は、本業務のために乙の電子計算機等に記録した個人情報を、業務の終了後、復元できない方法により消去しなければならない。" % a.n)
    a.n += 1
    a.p("%d　乙は、前項の消去を行ったときは、消去した日時及び方法を記載した証明書を甲に提出しなければならない。" % a.n, del_para=True)
    a.covers({"return_erasure": {"return", "erasure"}})
    a.many("paren", ["hand.a", "rep.a"])
    a.p("（監査）")
    a.n += 1
    a.p("%d　甲は、乙の事業所に立ち入り、本業務における個人情報の管理状況を調査することができる。" % a.n)
    a.n += 1
    a.p("%d　前項の調査は、年度当たり1回以上行うものとする。" % a.n, del_para=True)
    a.covers({"audit": {"inspection"}})
    a.many("paren", ["train.a", "inc.a", "pub.a", "dmg.a", "term.a"])
    a.why["audit"] = "the paragraph 「前項の調査は、年度当たり1回以上行うものとする。」 is deleted (w:del with its paragraph mark)"
    a.why["return_erasure"] = "the certificate paragraph is deleted"
    a.why["subcontracting"] = "the penalty-notice paragraph is an accepted insertion; the deleted 「事後に報告すれば足りる」 does not count"
    a.why["improper_use"] = "the item exists only as an insertion"
    return a


@agreement
def f21():
    a = Agreement("2023_outsourcing_vendor_memo_sparse", "outsourcing", "txt", "甲", "乙",
                  date="2023-04-01", DOC="本覚書",
                  features=["txt UTF-8", "甲/乙", "第○条（見出し）", "vendor's short memorandum: many provisions entirely missing",
                            "return without erasure"])
    title_block(a, "個人情報の取扱いに関する覚書",
                "世田谷区（以下「甲」という。）と株式会社ネクストワークス（以下「乙」という。）は、甲乙間で締結した令和5年度特別区民税課税資料整理業務委託契約（以下「原契約」という。）に基づく業務（以下「本業務」という。）の実施に伴う個人情報の取扱いについて、次のとおり覚書を締結する。")
    a.many("art_inline", ["basic.law", "conf.end", "purpose.a", "safe.a", "copy.a",
                          "ret.returnonly", "inc.a", "dmg.b"])
    a.add(None, "art_inline", heading="有効期間", paras=["本覚書の有効期間は、原契約の有効期間と同一とする。"], cover={})
    signature(a, "令和5年4月1日", "甲　世田谷区", "乙　株式会社ネクストワークス")
    a.why["return_erasure"] = "only the return of documents; nothing on erasing copies or certifying it"
    return a


@agreement
def f22():
    a = Agreement("2023_sysdev_wordnumbering_fullwidth", "system-development", "docx", "甲", "乙",
                  date="2023-04-01", DOC="この契約", numbering="decimalFullWidth",
                  TITLE="子ども・子育て支援システム標準化対応業務", PERIOD="令和5年4月1日から令和6年3月31日",
                  FEE="41,800,000",
                  features=["docx", "Word auto-numbering 第%1条 with full-width digits (「第１条」)",
                            "（見出し）本文 typed after the number", "甲/乙", "publication and termination missing"])
    title_block(a, "子ども・子育て支援システム標準化対応業務委託契約書",
                "北区（以下「甲」という。）と株式会社クローバーシステムズ（以下「乙」という。）は、次のとおり契約を締結する。")
    a.many("num_inline", ["g.purpose", "g.period", "g.fee", "basic.law", "conf.end",
                          "coll.specify", "improper.a", "notice.a", "removal.a", "purpose.a",
                          "safe.a", "copy.a", "sub.full23", "comp.b", "ret.full", "hand.a",
                          "rep.a", "audit.yearly2", "train.a", "inc.a", "dmg.a", "g.consult"])
    a.why["publication"] = "no article on publishing a breach"
    a.why["termination"] = "no article on cancelling the contract"
    return a


def table_2023(a):
    title_block(a, "個人情報取扱特記事項",
                "受託者は、板橋区（以下「委託者」という。）から受託した後期高齢者医療保険料通知書作成業務の実施に当たり、次表の事項を遵守しなければならない。")
    a.many("table_paren", ["basic.a", "conf.end", "coll.specify", "improper.a", "notice.a",
                           "removal.a", "purpose.a", "safe.cabinet", "copy.a", "sub.full23b",
                           "comp.b", "ret.full", "hand.a", "rep.a", "audit.asneeded",
                           "train.yearly", "inc.a", "pub.a", "dmg.a", "term.a"])
    a.p("以上")
    a.why["audit"] = "「必要に応じて」: no yearly frequency; the yearly training in another row is not the audit's"


@agreement
def f24():
    a = Agreement("2023_outsourcing_table_parenheadings", "outsourcing", "docx", "委託者",
                  "受託者", date="2024-04-01",
                  features=["docx", "委託者/受託者", "provisions in a table: heading cell （見出し） + body cell (several paragraphs)",
                            "audit without frequency", "training yearly (trap)"])
    table_2023(a)
    return a


@agreement
def f23():
    a = Agreement("2023_outsourcing_table_parenheadings_pdf", "outsourcing", "pdf", "委託者",
                  "受託者", date="2024-04-01",
                  features=["PDF of the table agreement (LibreOffice): heading and body cells side by side on the page",
                            "委託者/受託者", "audit without frequency", "training yearly (trap)"])
    table_2023(a)
    return a


@agreement
def f25():
    a = Agreement("2023_service_merged_articles", "service-operation", "docx", "委託者", "受託者",
                  date="2023-04-01", DOC="この契約",
                  features=["docx", "委託者/受託者", "第○条（見出し）", "clauses merged: acquisition+notice+improper use, keeping+copying+taking out,",
                            "all subcontracting duties in one sentence", "handlers+reporting, incident+complaints, publication+termination+damages in one article each"])
    title_block(a, "個人情報の取扱いに関する特約",
                "豊島区（以下「委託者」という。）と株式会社サンライズ情報サービス（以下「受託者」という。）は、区民税・都民税申告相談会場運営業務委託契約に関し、個人情報の取扱いについて次のとおり特約する。")
    a.add("basic.a", "art_inline")
    a.add(None, "art_inline", heading="個人情報の取得及び利用", paras=[
        "受託者は、本業務のために個人情報を取得するときは、本業務の遂行に必要な範囲内で、偽りその他不正の手段によらずに取得するとともに、あらかじめ本人に対しその利用目的を明示しなければならない。",
        "受託者は、違法又は不当な行為を助長し、又は誘発するおそれがある方法により個人情報を利用してはならない。"],
        cover={"collection": [], "purpose_notice": [], "improper_use": []})
    a.add(None, "art_inline", heading="個人情報の管理", paras=[
        "受託者は、個人情報を委託者の指定する場所の外へ持ち出し、複写し、又は複製してはならず、施錠できる保管庫に保管する等により、その漏えい、滅失及びき損の防止に努めなければならない。ただし、委託者の承諾を得た場合は、持出し、複写又は複製をすることができる。"],
        cover={"no_removal": [], "no_copying": [], "safekeeping": []})
    a.many("art_inline", ["purpose.a", "conf.secret"])
    a.add(None, "art_inline", heading="再委託", paras=[
        "受託者は、委託者の事前の書面による承諾を得た場合に限り、本業務の一部を再委託することができるものとし、この場合、再委託先に対しこの契約に基づく受託者の義務と同等の義務を課し、再委託先の行為について一切の責任を負い、再委託先の従事者に個人情報の保護に関する法律第176条及び第180条の罰則が適用されることを周知させ、再委託先との契約書にこれらの事項を明記するとともに、委託者が年度当たり1回以上自ら又は受託者を通じて再委託先を実地に調査することを受け入れさせなければならない。"],
        cover={"subcontracting": set(SUB7)})
    a.add("ret.full", "art_inline")
    a.add(None, "art_inline", heading="取扱者の指定及び報告", paras=[
        "受託者は、個人情報の取扱責任者及び取扱者を指定して委託者に届け出るとともに、委託者の求めに応じて個人情報の取扱状況を報告しなければならない。"],
        cover={"handlers": [], "reporting": []})
    a.add(None, "art_inline", heading="監査及び教育", paras=[
        "委託者は、受託者における個人情報の管理状況について、毎年度1回以上、実地に監査を行う。",
        "受託者は、本業務の従事者に対し、個人情報の保護に関する研修を実施しなければならない。"],
        cover={"audit": {"inspection", "annual"}, "training": []})
    a.add(None, "art_inline", heading="事故時の対応及び苦情処理", paras=[
        "受託者は、個人情報の漏えい等の事故が発生したとき、又は本業務に係る個人情報の取扱いに関して区民等から苦情の申出を受けたときは、直ちに委託者に報告し、その指示に従わなければならない。"],
        cover={"incident": [], "complaints": []})
    a.add(None, "art_inline", heading="違反時の措置", paras=[
        "委託者は、受託者がこの契約に定める個人情報の保護に関する義務に違反したときは、受託者に対し改善を指導し、その事実を公表し、又はこの契約を解除することができる。受託者は、当該違反により委託者又は第三者に損害を与えたときは、その損害を賠償しなければならない。"],
        cover={"publication": [], "termination": [], "damages": []})
    a.why["subcontracting"] = "one sentence carries consent, flow-down (同等の義務を課し), liability, penalty notice, terms in the subcontract and the yearly on-site check"
    a.why["damages"] = "second sentence of 第12条: 「当該違反により…損害を与えたときは、その損害を賠償」"
    a.why["no_copying"] = "「持ち出し、複写し、又は複製してはならず」"
    return a


@agreement
def f26():
    a = Agreement("2023_sysdev_bracket_reordered", "system-development", "txt", "委託者", "受託者",
                  date="2024-10-01",
                  features=["txt UTF-8", "委託者/受託者", "【見出し】 + ①② items", "provisions in a different order",
                            "subcontracting without any check of the subcontractor"])
    title_block(a, "個人情報保護に関する特記事項（システム開発用）")
    a.many("bracket", ["basic.a", "sub.noaudit23", "ret.full", "conf.end", "purpose.b", "copy.a",
                       "removal.a", "safe.tech", "hand.a", "train.a", "rep.b", "audit.yearly",
                       "inc.a", "comp.b", "coll.hold", "improper.a", "notice.a", "term.a",
                       "dmg.a", "pub.a"])
    a.why["subcontracting"] = "consent, flow-down, liability, penalty notice and terms are there; nothing on the client checking the subcontractor, so neither the check nor its frequency"
    return a


@agreement
def f27():
    a = Agreement("2023_outsourcing_city_dai_layout", "outsourcing", "txt", "本市", "受注者",
                  date="2023-04-01", DOC="この特記事項",
                  features=["txt UTF-8", "本市/受注者", "another city's layout: 「第１　見出し」 lines, no 条, items 「１」 under them",
                            "audit without frequency, training yearly (trap)", "complaints and publication missing"])
    title_block(a, "個人情報取扱特記事項",
                "受注者は、この契約に基づく業務を履行するに当たり、次の事項を遵守しなければならない。")
    a.many("dai", ["basic.law", "conf.end", "coll.hold", "improper.a", "notice.a", "removal.a",
                   "purpose.a", "safe.a", "copy.a", "sub.full23", "ret.full", "hand.a", "rep.a",
                   "audit.asneeded", "train.yearly", "inc.a", "dmg.a", "term.a"])
    a.why["audit"] = "「必要に応じて」: no yearly frequency; 毎年度 belongs to the training provision"
    a.why["complaints"] = "no provision on complaints"
    a.why["publication"] = "no provision on publishing a breach"
    return a


# Subcontract agreements (2023) ---------------------------------------------------------------

@agreement
def f28():
    a = Agreement("2023_subcontract_seed003_flowdown_partial", "subcontract", "docx", "甲", "乙",
                  date="2023-04-01",
                  features=["docx", "subcontract between contractor (甲) and subcontractor (乙), ward named 区",
                            "the seed 003 situation: only some duties flowed down",
                            "confidentiality, purpose limitation, safekeeping, return+erasure only"])
    title_block(a, "保守・運用支援業務再委託契約書",
                "株式会社ミナト情報システム（以下「甲」という。）と株式会社ケヤキテクノ（以下「乙」という。）とは、甲が杉並区（以下「区」という。）から受託した住民情報系基幹業務システム保守・運用支援業務（以下「元契約」という。）の一部を乙に再委託することに関し、次のとおり契約を締結する。")
    a.add(None, "art_inline", heading="目的", paras=["乙は、元契約の仕様書に定める保守・運用支援業務のうち、甲が指定する作業（以下「本業務」という。）を誠実に履行する。"], cover={})
    a.add(None, "art_inline", heading="契約期間", paras=["本契約の期間は、令和5年4月1日から令和6年3月31日までとする。"], cover={})
    a.add(None, "art_inline", heading="委託料", paras=["甲は、乙に対し、本業務の対価として月額金880,000円（消費税等を含む。）を支払う。"], cover={})
    a.add(None, "art_inline", heading="秘密保持", paras=["乙は、本業務の遂行に当たり知り得た甲及び区の秘密（個人情報を含む。）を第三者に漏らしてはならない。本契約の終了後も同様とする。"],
          cover={"confidentiality": SURV})
    a.add(None, "art_inline", heading="目的外利用の禁止", paras=["乙は、本業務に関して取り扱う個人情報を、本業務以外の目的に利用してはならない。"],
          cover={"purpose_limitation": []})
    a.add(None, "art_inline", heading="個人情報の管理", paras=["乙は、本業務に関して取り扱う個人情報について、漏えい、滅失及びき損の防止のために必要な措置を講じなければならない。"],
          cover={"safekeeping": []})
    a.add(None, "art_inline", heading="資料の返還", paras=["乙は、本業務が終了したときは、甲から提供を受けた資料（個人情報を含むものを含む。）を甲に返還し、乙の機器に保存された個人情報を消去しなければならない。"],
          cover={"return_erasure": {"return", "erasure"}})
    a.add(None, "art_inline", heading="損害賠償", paras=["乙は、本契約に違反して甲に損害を与えたときは、その損害を賠償しなければならない。"], cover={})
    a.add(None, "art_inline", heading="解除", paras=["甲は、乙が本契約に違反したときは、本契約を解除することができる。"], cover={})
    a.add(None, "art_inline", heading="協議", paras=["本契約に定めのない事項については、甲乙協議の上定める。"], cover={})
    a.why["subcontracting"] = "no provision on further subcontracting, penalties or checks of 乙: the preamble only says that this contract is itself a subcontract"
    a.why["return_erasure"] = "return and erasure, no certificate"
    a.why["file"] = "seed 003: the subcontract lacked required provisions (事務対応ガイド4-8-9(4))"
    return a


@agreement
def f29():
    a = Agreement("2023_subcontract_memo_complete", "subcontract", "docx", "甲", "乙",
                  date="2024-04-01",
                  features=["docx", "覚書 between contractor (甲) and subcontractor (乙) after the inspection, ward named 区",
                            "every required duty, in the subcontract's own terms (区又は甲 audit 乙 yearly; 乙 may not subcontract further)"])
    title_block(a, "個人情報の取扱いに関する覚書",
                "株式会社ミナト情報システム（以下「甲」という。）と株式会社ケヤキテクノ（以下「乙」という。）は、令和6年4月1日付けで締結した保守・運用支援業務の再委託契約（以下「原契約」という。）に基づき乙が取り扱う杉並区（以下「区」という。）の個人情報の保護に関し、次のとおり覚書を締結する。")
    arts = [
        ("秘密の保持", "乙は、原契約の履行に関して知り得た個人情報を第三者に漏らしてはならない。原契約が終了し、又は解除された後も同様とする。", {"confidentiality": SURV}),
        ("目的外利用等の禁止", "乙は、甲の指示がある場合を除き、個人情報を原契約の目的以外に利用し、又は第三者に提供してはならない。", {"purpose_limitation": []}),
        ("持出しの禁止", "乙は、個人情報を区及び甲が指定した作業場所から持ち出してはならない。", {"no_removal": []}),
        ("複写・複製の禁止", "乙は、甲の承諾を得ずに個人情報を複写し、又は複製してはならない。", {"no_copying": []}),
        ("安全管理", "乙は、個人情報の漏えい、滅失及びき損の防止その他の適正な管理のために必要な措置を講じなければならない。", {"safekeeping": []}),
        ("取扱者の指定", "乙は、個人情報の取扱責任者及び取扱者を指定し、書面により甲に届け出なければならない。", {"handlers": []}),
        ("従事者の教育", "乙は、従事者に対し、個人情報の保護及び情報セキュリティに関する教育を実施しなければならない。", {"training": []}),
        ("罰則の周知", "乙は、本業務に従事している者及び従事していた者に対し、業務上知り得た個人情報をみだりに他人に知らせてはならないこと及び個人情報の保護に関する法律第176条及び第180条の罰則の適用があることを周知しなければならない。", {"subcontracting": {"penalty_notice"}}),
        ("再委託の禁止", "乙は、本業務を第三者に再委託してはならない。ただし、やむを得ない場合は、あらかじめ甲を通じて区の書面による承諾を得なければならない。", {"subcontracting": POC}),
        ("取扱状況の報告", "乙は、甲又は区から求めがあったときは、個人情報の取扱状況を報告しなければならない。", {"reporting": []}),
        ("区及び甲による調査", "区又は甲は、乙における個人情報の管理状況について、年度当たり1回以上、乙の作業場所に立ち入って調査を行うものとし、乙はこれに応じなければならない。", {"subcontracting": {"subcontractor_audit", "subcontractor_audit_annual"}}),
        ("事故発生時の報告", "乙は、個人情報の漏えい等の事故が発生し、又は発生するおそれがあるときは、直ちに甲に報告し、甲及び区の指示に従わなければならない。", {"incident": []}),
        ("返還及び消去", "乙は、原契約が終了したときは、個人情報が記録された資料を甲に返還し、乙の機器に記録された個人情報を消去した上で、消去証明書を甲に提出しなければならない。", {"return_erasure": set(RET3)}),
    ]
    for h, t, cov in arts:
        a.add(None, "art_inline", heading=h, paras=[t], cover=cov)
    signature(a, "令和6年4月1日", "甲　株式会社ミナト情報システム", "乙　株式会社ケヤキテクノ")
    a.why["subcontracting"] = "in a subcontract the subcontractor is 乙: 「区又は甲は、乙における…年度当たり1回以上…立ち入って調査」 is the check of the subcontractor and its frequency; 「罰則の周知」 is the penalty notice; 乙 may subcontract further only with the ward's prior consent"
    return a


@agreement
def f30():
    a = Agreement("2023_subcontract_saijutakusha_sjis", "subcontract", "txt", "受託者", "再受託者",
                  edition="2023", encoding="cp932", newline="\r\n", DOC="この契約",
                  features=["txt Shift_JIS (cp932)", "受託者/再受託者 (区 as the original client)", "第○条（見出し）",
                            "no penalty notice, check of the subcontractor without frequency, no training"])
    title_block(a, "個人情報の取扱いに関する再委託契約書",
                "株式会社ハーモニー事務センター（以下「受託者」という。）と株式会社データワン（以下「再受託者」という。）は、受託者が練馬区（以下「区」という。）から受託した介護保険認定調査票入力業務の一部を再受託者に委託するに当たり、個人情報の取扱いについて次のとおり合意する。")
    a.many("art_inline", ["conf.end", "purpose.a", "removal.a", "safe.a", "copy.a", "ret.full",
                          "hand.a", "rep.a", "inc.a"])
    a.add(None, "art_inline", heading="再々委託の禁止", paras=["再受託者は、本業務を第三者に委託（以下「再々委託」という。）してはならない。ただし、あらかじめ受託者を通じて区の書面による承諾を得た場合は、この限りでない。"],
          cover={"subcontracting": POC})
    a.add(None, "art_inline", heading="区による調査", paras=["区又は受託者は、再受託者における個人情報の取扱状況について、必要に応じて報告を求め、又は再受託者の作業場所に立ち入り調査することができる。"],
          cover={"subcontracting": {"subcontractor_audit"}})
    a.why["subcontracting"] = "further subcontracting needs the ward's prior consent; the ward or the contractor may demand reports and inspect 再受託者, but no frequency; no penalty notice"
    a.why["training"] = "no provision on training staff"
    return a


@agreement
def f31():
    a = Agreement("2023_subcontract_vendor_basic_contract", "subcontract", "txt", "甲", "乙",
                  date="2023-09-01",
                  features=["txt UTF-8", "vendor-to-vendor 業務委託基本契約 used as the subcontract (甲/乙)",
                            "general 秘密情報 clause including personal information, survives 3 years",
                            "consent to subcontracting; return or disposal without certificate; most duties missing",
                            "a work-safety article (安全管理) that is not the keeping of personal information"])
    title_block(a, "業務委託基本契約書",
                "株式会社ミナト情報システム（以下「甲」という。）と有限会社オークラ開発（以下「乙」という。）とは、甲が乙に委託するソフトウェア開発等の業務（以下「本業務」という。）に関する基本的事項について、次のとおり契約を締結する。")
    arts = [
        ("目的", ["本契約は、甲が乙に委託する本業務の取引に関する基本的事項を定めることを目的とする。"], {}),
        ("個別契約", ["本業務の内容、納期、委託料その他の取引条件は、本契約に定めるもののほか、甲乙間で締結する個別契約において定める。"], {}),
        ("再委託", ["乙は、甲の事前の書面による承諾を得た場合を除き、本業務の全部又は一部を第三者に再委託してはならない。"], {"subcontracting": POC}),
        ("秘密保持", ["乙は、本契約及び個別契約に関して知り得た甲の技術上又は営業上の情報並びに個人情報（以下「秘密情報」という。）を、甲の事前の書面による承諾なく第三者に開示し、又は漏えいしてはならない。",
                    "乙は、秘密情報を本業務以外の目的に使用してはならない。",
                    "本条の規定は、本契約の終了後3年間存続する。"],
         {"confidentiality": SURV, "purpose_limitation": []}),
        ("秘密情報の返還", ["乙は、本契約が終了したとき又は甲から請求があったときは、甲の指示に従い、秘密情報を記載し、又は記録した資料を返還し、又は廃棄する。"],
         {"return_erasure": {"return", "erasure"}}),
        ("安全管理", ["乙は、本業務の実施に当たり、労働安全衛生法その他の関係法令に従い、作業員の安全管理に必要な措置を講じなければならない。"], {}),
        ("損害賠償", ["甲及び乙は、本契約又は個別契約に違反して相手方に損害を与えたときは、その損害を賠償する。"], {}),
        ("解除", ["甲又は乙は、相手方が本契約又は個別契約に違反し、相当の期間を定めて催告してもなお是正されないときは、本契約を解除することができる。"], {}),
        ("協議", ["本契約に定めのない事項は、甲乙誠意をもって協議の上解決する。"], {}),
    ]
    for h, ps, cov in arts:
        a.add(None, "art_inline", heading=h, paras=ps, cover=cov)
    a.why["confidentiality"] = "秘密情報 is defined to include personal information; 「本契約の終了後3年間存続する」 is survival after the contract (time-limited, still present)"
    a.why["purpose_limitation"] = "「秘密情報を本業務以外の目的に使用してはならない」, 秘密情報 including personal information"
    a.why["subcontracting"] = "consent to further subcontracting only; no penalty notice, no check of 乙 by the ward or by 甲"
    a.why["return_erasure"] = "return or disposal at 甲's instruction, no certificate"
    a.why["safekeeping"] = "「安全管理」 here is the workers' safety under the Industrial Safety and Health Act, not the keeping of personal information"
    return a


@agreement
def f32():
    a = Agreement("2023_subcontract_no_consent_pdf", "subcontract", "pdf", "甲", "乙",
                  date="2023-04-01",
                  features=["PDF (LibreOffice from .docx)", "subcontract 甲 (contractor) / 乙 (subcontractor)",
                            "further subcontracting explicitly without consent", "甲 may inspect 乙 as needed, no frequency",
                            "no penalty notice"])
    title_block(a, "再委託契約書（個人情報の取扱い）",
                "株式会社ハーモニー事務センター（以下「甲」という。）と株式会社ソレイユ入力（以下「乙」という。）は、甲が江戸川区から受託した児童手当現況届入力業務の一部（以下「本業務」という。）を乙が行うに当たり、次のとおり定める。")
    a.many("art_inline", ["conf.end", "purpose.a", "removal.a", "safe.a", "copy.a", "ret.full",
                          "hand.a", "rep.a", "inc.a", "train.a"])
    a.add(None, "art_inline", heading="再々委託", paras=["乙は、本業務の一部を更に第三者に委託する必要があるときは、甲の承諾を要することなく、これを行うことができる。この場合、乙は、委託先の名称を甲に報告するものとする。"],
          cover={"subcontracting": set()})
    a.add(None, "art_inline", heading="調査", paras=["甲は、必要に応じ、乙の事業所に立ち入り、個人情報の取扱状況を調査することができる。"],
          cover={"subcontracting": {"subcontractor_audit"}})
    a.why["subcontracting"] = "「甲の承諾を要することなく」: further subcontracting without consent; 甲 may inspect 乙 (the subcontractor) but without frequency; no penalty notice"
    return a


@agreement
def f33():
    a = Agreement("2017_outsourcing_ward_annex_attached", "outsourcing", "docx", "甲", "乙",
                  edition="2017", DOC="この契約", TITLE="子育て関係手続のオンライン申請受付業務",
                  PERIOD="平成29年7月1日から平成30年3月31日", FEE="1,512,000",
                  features=["docx", "甲/乙", "main contract 第○条（見出し） + the ward's own 2017 annex attached (19 items)"])
    title_block(a, "業務委託契約書",
                "新宿区（以下「甲」という。）と東京電子申請サービス株式会社（以下「乙」という。）は、次のとおり業務委託契約を締結する。")
    a.many("art_inline", ["g.purpose", "g.period", "g.fee", "g.perform", "g.pay", "g.pi",
                          "g.termination", "g.consult"])
    a.p("別記")
    a.p("特記事項")
    ward_annex(a, WARD_2017, REQ_2017)
    a.why["file"] = "the ward's annex is attached as the agreement would carry it (seed 001 wording)"
    return a


@agreement
def f34():
    a = Agreement("2020_outsourcing_staff_only_survival", "outsourcing", "txt", "委託者", "受託者",
                  edition="2020",
                  features=["txt UTF-8", "委託者/受託者", "numbered 「1．」 items without headings",
                            "confidentiality survives only for the staff after they leave (not after the contract)",
                            "reporting missing"])
    title_block(a, "個人情報保護に関する特記事項")
    a.many("plain", ["basic.a", "conf.staff", "coll.fair", "notice.a", "sens.b", "removal.a",
                     "purpose.a", "safe.a", "copy.a", "sub.consent", "ret.report", "hand.a",
                     "audit.yearly", "train.a", "inc.a", "pub.a", "dmg.a"])
    a.why["confidentiality"] = "「在職中のみならず退職後においても」 binds the staff after they leave their job, not the contractor after the contract ends"
    a.why["reporting"] = "no provision on reporting how the data is handled"
    return a


# Agreements written article by article (wording of other municipalities' templates) ------

def articles(a, style, arts):
    """arts: (heading, [paragraphs], cover) in order."""
    for h, ps, cov in arts:
        a.add(None, style, heading=h, paras=ps, cover=cov)


@agreement
def f35():
    a = Agreement("2023_outsourcing_city_template_mynumber", "outsourcing", "txt", "委託者",
                  "受託者", date="2023-07-01", digits="fullwidth",
                  features=["txt UTF-8", "委託者/受託者", "a city's template (特定個人情報を含む), 第○条（見出し）",
                            "事務 instead of 業務, 「みだりに他に知らせ」, 「契約書に定める作業場所の外へ」",
                            "subcontracting duties in five paragraphs in the city's words", "audit 「必要に応じて…検査し」 without frequency",
                            "training 年1回以上 (trap)"])
    title_block(a, "個人情報取扱特記事項",
                "受託者は、この契約による事務（以下「本事務」という。）を処理するに当たり、個人情報（行政手続における特定の個人を識別するための番号の利用等に関する法律に規定する特定個人情報を含む。以下同じ。）の取扱いについて、この特記事項を遵守しなければならない。")
    articles(a, "art_inline", [
        ("基本的事項", ["受託者は、個人情報の保護の重要性を認識し、本事務を処理するに当たっては、個人の権利利益を侵害することのないよう、個人情報を適正に取り扱わなければならない。"], {"basic": []}),
        ("秘密の保持", ["受託者は、本事務に関して知り得た個人情報をみだりに他に知らせ、又は不当な目的に利用してはならない。この契約が終了し、又は解除された後においても同様とする。"], {"confidentiality": SURV}),
        ("収集の制限", ["受託者は、本事務を処理するために個人情報を収集するときは、事務の目的を達成するために必要な範囲内で、適法かつ公正な手段により行わなければならない。"], {"collection": []}),
        ("不適正な利用の禁止", ["受託者は、個人情報を違法若しくは不当な行為を助長し、又は誘発するおそれがある方法により利用してはならない。"], {"improper_use": []}),
        ("利用目的の明示", ["受託者は、本事務を処理するために本人から直接書面に記録された個人情報を取得するときは、あらかじめ、本人に対し、その利用目的を明示しなければならない。"], {"purpose_notice": []}),
        ("目的外利用及び提供の禁止", ["受託者は、委託者の指示がある場合を除き、本事務に関して知り得た個人情報を契約の目的以外の目的に利用し、又は委託者の承諾なしに第三者に提供してはならない。"], {"purpose_limitation": []}),
        ("安全管理措置", ["受託者は、本事務に関して知り得た個人情報の漏えい、滅失及び毀損の防止その他の個人情報の適切な管理のために必要な措置を講じなければならない。"], {"safekeeping": []}),
        ("作業場所の外への持出しの禁止", ["受託者は、委託者の指示又は承諾がある場合を除き、本事務を処理するために委託者から引き渡され、又は受託者自らが収集し、若しくは作成した個人情報が記録された資料等を、契約書に定める作業場所の外へ持ち出してはならない。"], {"no_removal": []}),
        ("複写又は複製の禁止", ["受託者は、委託者の承諾がある場合を除き、本事務を処理するために委託者から引き渡された個人情報が記録された資料等を複写し、又は複製してはならない。"], {"no_copying": []}),
        ("再委託の禁止", [
            "受託者は、委託者の承諾がある場合を除き、本事務を第三者に委託（二以上の段階にわたる委託を含む。）してはならない。",
            "受託者は、前項の承諾を得て本事務を再委託する場合には、再委託先に対し、この特記事項に定める受託者の義務と同様の義務を課すとともに、再委託先における個人情報の取扱いについて、委託者に対し責任を負わなければならない。",
            "受託者は、再委託先との契約において、再委託先に対する管理及び監督の手続及び方法について具体的に規定しなければならない。",
            "受託者は、再委託先に対し、再委託した事務に従事する者に、個人情報の保護に関する法律に基づく罰則の内容を周知させなければならない。",
            "委託者は、必要に応じて、再委託先における個人情報の管理の状況について、受託者を通じて又は自ら報告を求め、又は実地に検査することができる。受託者は、再委託先に対し、当該検査を少なくとも年1回受けさせなければならない。"],
            {"subcontracting": set(SUB7)}),
        ("資料等の返還等", [
            "受託者は、本事務を処理するために委託者から引き渡され、又は受託者自らが収集し、若しくは作成した個人情報が記録された資料等を、この契約の完了後直ちに委託者に返還し、又は引き渡さなければならない。ただし、委託者が別に指示したときは、当該方法によるものとする。",
            "受託者は、受託者の電子計算機等に記録された個人情報を、この契約の完了後、復元又は判読が不可能な方法により消去しなければならない。この場合において、受託者は、消去した年月日及び方法を記載した書面を委託者に提出しなければならない。"],
            {"return_erasure": set(RET3)}),
        ("従事者の明確化", ["受託者は、本事務に従事する者のうち個人情報を取り扱う者を明確にし、その名簿を委託者に提出しなければならない。"], {"handlers": []}),
        ("従事者への周知及び監督", ["受託者は、本事務に従事している者に対し、在職中及び退職後においても、当該事務に関して知り得た個人情報をみだりに他人に知らせ、又は不当な目的に使用してはならないことその他個人情報の保護に関して必要な事項を周知するとともに、必要かつ適切な監督を行わなければならない。",
                             "受託者は、個人情報の適正な取扱いのため、従事者に対して必要な研修を年1回以上実施しなければならない。"], {"training": []}),
        ("実施状況の報告", ["受託者は、委託者から請求があったときは、本事務に係る個人情報の管理の状況について、速やかに報告しなければならない。"], {"reporting": []}),
        ("検査", ["委託者は、本事務に係る個人情報の管理の状況について、必要に応じて、受託者の作業場所等において検査し、又は受託者に対し必要な資料の提出を求めることができる。"], {"audit": {"inspection"}}),
        ("事故発生時における報告", ["受託者は、この特記事項に違反する事態が生じ、又は生じるおそれがあることを知ったときは、速やかに委託者に報告し、委託者の指示に従わなければならない。なお、特定個人情報の漏えい等が発生した場合には、個人情報保護委員会への報告についても委託者と協議しなければならない。"], {"incident": []}),
        ("苦情の処理", ["受託者は、本事務に係る個人情報の取扱いに関して苦情があったときは、適切かつ迅速にこれを処理するとともに、その経過を委託者に報告しなければならない。"], {"complaints": []}),
        ("公表", ["委託者は、受託者がこの特記事項に違反したときは、必要に応じて、その事実を公表することができる。"], {"publication": []}),
        ("契約の解除及び損害賠償", ["委託者は、受託者がこの特記事項に違反していると認めたときは、契約の解除及び損害賠償の請求をすることができる。"], {"termination": [], "damages": []}),
    ])
    a.why["audit"] = "「必要に応じて…検査し」: an inspection without frequency; 年1回以上 belongs to training, 少なくとも年1回 to the subcontractor's check"
    a.why["subcontracting"] = "consent (委託者の承諾がある場合を除き), 同様の義務を課す, responsibility for the subcontractor's handling, terms in the subcontract (契約において…規定), penalty notice, check at least yearly"
    a.why["return_erasure"] = "「消去した年月日及び方法を記載した書面を委託者に提出」 is the certificate"
    return a


@agreement
def f36():
    a = Agreement("2020_service_prefecture_template_hacchu", "service-operation", "docx", "発注者",
                  "受注者", date="2021-10-01",
                  features=["docx", "発注者/受注者", "a prefecture-style template, 第○条（見出し）",
                            "return or hand over, certificate when erased, but no duty to erase",
                            "audit 「年１回以上…立ち入って確認」", "sensitive data as 要配慮個人情報"])
    title_block(a, "個人情報の取扱いに関する特記事項",
                "受注者は、この契約による業務を行うに当たり、次の事項を守らなければならない。")
    articles(a, "art_inline", [
        ("個人情報の保護に関する基本的事項", ["受注者は、個人情報の保護の重要性を認識し、この契約による業務を実施するに当たっては、個人の権利利益を侵害することのないよう、個人情報の取扱いを適正に行わなければならない。"], {"basic": []}),
        ("秘密の保持", ["受注者は、この契約による業務に関して知り得た個人情報の内容を他人に知らせ、又は不当な目的に使用してはならない。この契約が終了し、又は解除された後においても、同様とする。"], {"confidentiality": SURV}),
        ("収集の制限", ["受注者は、この契約による業務を行うために個人情報を収集するときは、当該業務の目的を達成するために必要な範囲内で、適法かつ公正な手段により収集しなければならない。"], {"collection": []}),
        ("本人からの収集及び通知", ["受注者は、この契約による業務を行うために個人情報を収集するときは、発注者の指示がある場合を除き、本人から収集し、本人以外から収集するときは、本人の同意を得なければならない。また、本人から個人情報を収集するときは、あらかじめ本人に対し利用目的を通知しなければならない。"], {"purpose_notice": []}),
        ("要配慮個人情報の収集の禁止", ["受注者は、発注者の指示がある場合を除き、要配慮個人情報（個人情報の保護に関する法律第2条第3項に規定する要配慮個人情報をいう。）を収集してはならない。"], {"sensitive_collection": []}),
        ("目的外利用及び第三者提供の禁止", ["受注者は、発注者の指示がある場合を除き、この契約による業務に関して知り得た個人情報を当該業務の目的以外の目的に利用し、又は第三者に提供してはならない。"], {"purpose_limitation": []}),
        ("適正管理", ["受注者は、この契約による業務に関して知り得た個人情報について、漏えい、滅失及びき損の防止その他の適正な管理のために必要な措置を講じなければならない。"], {"safekeeping": []}),
        ("持出しの禁止", ["受注者は、発注者の承諾がある場合を除き、この契約による業務を処理するために発注者から提供を受けた個人情報が記録された資料等を、発注者の事務所の外に持ち出してはならない。"], {"no_removal": []}),
        ("複写又は複製の禁止", ["受注者は、発注者の承諾がある場合を除き、この契約による業務を処理するために発注者から提供を受けた個人情報が記録された資料等を複写し、又は複製してはならない。"], {"no_copying": []}),
        ("再委託の禁止", ["受注者は、この契約による業務を行うための個人情報の処理を自ら行うものとし、発注者の承諾を得た場合を除き、第三者にその処理を委託してはならない。"], {"subcontracting": POC}),
        ("資料等の返還等", ["受注者は、この契約による業務を処理するために発注者から提供を受け、又は受注者自らが収集し、若しくは作成した個人情報が記録された資料等を、業務完了後直ちに発注者に返還し、又は引き渡すものとする。ただし、発注者が別に指示したときは、その指示に従うものとする。",
                       "受注者は、この契約による業務に関して保有する個人情報を消去し、又は廃棄したときは、消去又は廃棄した旨の証明書を発注者に提出しなければならない。"],
         {"return_erasure": {"return", "erasure_certificate"}}),
        ("従事者の指定", ["受注者は、この契約による業務に従事する者のうち個人情報を取り扱う者を指定し、発注者に通知しなければならない。"], {"handlers": []}),
        ("研修の実施", ["受注者は、この契約による業務に従事する者に対し、個人情報の保護に関する研修を実施しなければならない。"], {"training": []}),
        ("報告", ["受注者は、発注者から求めがあったときは、個人情報の取扱状況について報告しなければならない。"], {"reporting": []}),
        ("立入検査", ["発注者は、受注者における個人情報の管理状況について、年１回以上、受注者の事業所に立ち入って確認するものとする。"], {"audit": {"inspection", "annual"}}),
        ("事故報告", ["受注者は、個人情報の漏えい等の事故が生じ、又は生ずるおそれがあることを知ったときは、速やかに発注者に報告し、発注者の指示に従わなければならない。"], {"incident": []}),
        ("違反した場合の措置", ["発注者は、受注者がこの特記事項に違反したときは、受注者に対し是正を求め、又はその事実を公表することができる。"], {"publication": []}),
        ("損害賠償", ["受注者は、この特記事項に違反したことにより発注者に損害を与えたときは、その損害を賠償しなければならない。"], {"damages": []}),
    ])
    a.why["return_erasure"] = "only 「消去し、又は廃棄したときは…証明書を提出」 (what to do once erased): no duty to erase the data held after the work (the annex's 「消去しなければならない」)"
    a.why["audit"] = "「年１回以上…立ち入って確認」 is the on-site check at least yearly"
    return a


@agreement
def f37():
    a = Agreement("2023_subcontract_three_party_memo", "subcontract", "txt", "甲", "丙",
                  date="2023-11-01",
                  features=["txt UTF-8", "three-party memorandum: ward 甲, contractor 乙, subcontractor 丙",
                            "check of 丙 by 甲 自ら又は乙を通じて, yearly", "training and penalty notice in one article"])
    title_block(a, "再委託に係る個人情報の取扱いに関する覚書",
                "新宿区（以下「甲」という。）、株式会社ミナト情報システム（以下「乙」という。）及び株式会社ケヤキテクノ（以下「丙」という。）は、甲乙間の住民記録システム運用保守業務委託契約（以下「原契約」という。）に基づき乙が丙に再委託する業務（以下「本業務」という。）における個人情報の取扱いについて、次のとおり覚書を締結する。")
    articles(a, "art_inline", [
        ("秘密の保持", ["丙は、本業務に関して知り得た個人情報を第三者に漏らしてはならない。本業務が終了した後も同様とする。"], {"confidentiality": SURV}),
        ("利用及び提供の制限", ["丙は、本業務の目的以外に個人情報を利用し、又は第三者に提供してはならない。"], {"purpose_limitation": []}),
        ("安全管理", ["丙は、個人情報の漏えい、滅失及びき損を防止するため、アクセス権限の管理、記録媒体の施錠保管その他必要な安全管理措置を講じなければならない。"], {"safekeeping": []}),
        ("作業場所", ["丙は、本業務を甲及び乙が承認した作業場所においてのみ行い、個人情報を当該作業場所から持ち出してはならない。"], {"no_removal": []}),
        ("複製の禁止", ["丙は、乙の指示がある場合を除き、個人情報を複製してはならない。"], {"no_copying": []}),
        ("取扱者", ["丙は、個人情報を取り扱う者をあらかじめ定め、その氏名を乙を通じて甲に届け出なければならない。"], {"handlers": []}),
        ("教育及び周知", ["丙は、本業務に従事する者に対し、個人情報の保護に関する教育を行うとともに、本業務に従事している者及び従事していた者が個人情報の保護に関する法律第176条及び第180条の罰則の適用を受け得ることを周知しなければならない。"], {"training": [], "subcontracting": {"penalty_notice"}}),
        ("再々委託の禁止", ["丙は、本業務を第三者に委託してはならない。ただし、やむを得ない理由がある場合において、乙を通じて甲の書面による承諾を得たときは、この限りでない。"], {"subcontracting": POC}),
        ("報告及び調査", ["甲は、必要があると認めるときは、自ら又は乙を通じて、丙に対し個人情報の取扱状況について報告を求め、又は丙の作業場所に立ち入り調査することができる。",
                     "乙は、丙が前項の調査を年度当たり1回以上受けるよう必要な措置を講じなければならない。"],
         {"reporting": [], "subcontracting": {"subcontractor_audit", "subcontractor_audit_annual"}}),
        ("事故の報告", ["丙は、個人情報の漏えい、滅失その他の事故が発生したときは、直ちに乙に報告し、乙は速やかに甲に報告しなければならない。"], {"incident": []}),
        ("返還及び消去", ["丙は、本業務が終了したときは、乙から提供を受けた個人情報を乙に返還し、丙の管理する機器に記録された個人情報を消去した上で、その旨を記載した証明書を乙を通じて甲に提出しなければならない。"], {"return_erasure": set(RET3)}),
    ])
    a.why["subcontracting"] = "丙 is the subcontractor: further subcontracting only with 甲's written consent through 乙; 甲 itself or through 乙 may demand reports and inspect 丙, at least once per fiscal year; penalty notice in 第7条"
    a.why["reporting"] = "「丙に対し個人情報の取扱状況について報告を求め」: the duty to report on request"
    return a


@agreement
def f38():
    a = Agreement("2020_outsourcing_notification_only_subcontract", "outsourcing", "docx", "委託者",
                  "受託者", date="2022-10-01", digits="fullwidth",
                  features=["docx", "委託者/受託者", "（見出し） above typed 第○条", "subcontracting by prior notification only (届出, no consent)",
                            "confidentiality survives two years", "audit only 「必要と認める場合に限り」", "yearly report (a frequency that is not the audit's)"])
    title_block(a, "個人情報の取扱いに関する特記事項",
                "受託者は、大田区（以下「委託者」という。）から受託した特定健診受診勧奨通知発送業務（以下「本業務」という。）を行うに当たり、次に定める事項を遵守しなければならない。")
    articles(a, "art_above", [
        ("基本的事項", ["受託者は、本業務の実施に当たり、大田区個人情報保護条例その他の関係法令を遵守し、個人情報を適正に取り扱わなければならない。"], {"basic": []}),
        ("秘密保持", ["受託者は、本業務の実施により知り得た個人情報を第三者に漏らしてはならない。この義務は、本業務の契約が終了した後2年間存続する。"], {"confidentiality": SURV}),
        ("収集", ["受託者は、本業務の遂行に必要な範囲で、適法かつ公正な手段により個人情報を収集するものとする。"], {"collection": []}),
        ("本人への明示", ["受託者は、本人から個人情報を収集するときは、委託者が定める様式により、その利用目的を本人に明示しなければならない。"], {"purpose_notice": []}),
        ("収集の禁止", ["受託者は、本人の思想、信条及び信仰に関する個人情報並びに犯罪の経歴に関する個人情報を収集してはならない。"], {"sensitive_collection": []}),
        ("持出し", ["受託者は、委託者の許可なく、個人情報を記録した名簿、封入封緘前の通知書その他の資料を作業場所の外に持ち出してはならない。"], {"no_removal": []}),
        ("目的外利用等の禁止", ["受託者は、個人情報を本業務以外の目的に使用し、又は第三者に提供してはならない。"], {"purpose_limitation": []}),
        ("管理", ["受託者は、個人情報の漏えい、滅失及びき損を防止するため、入退室管理、施錠保管その他の必要な措置を講じなければならない。"], {"safekeeping": []}),
        ("複写の禁止", ["受託者は、委託者の許可なく、個人情報を記録した資料を複写してはならない。"], {"no_copying": []}),
        ("再委託", ["受託者は、本業務の一部を第三者に再委託しようとするときは、あらかじめ、再委託先の名称、所在地及び再委託する業務の内容を委託者に届け出なければならない。"], {"subcontracting": []}),
        ("資料の返還及び廃棄", ["受託者は、本業務の終了後速やかに、委託者から提供を受けた資料を委託者に返還するとともに、受託者が作成した個人情報を含む資料及び電磁的記録を廃棄し、廃棄証明書を委託者に提出しなければならない。"], {"return_erasure": set(RET3)}),
        ("責任者", ["受託者は、個人情報の管理責任者を定め、委託者に通知しなければならない。"], {"handlers": []}),
        ("定期報告", ["受託者は、毎年度末に、個人情報の管理状況を委託者に報告しなければならない。"], {"reporting": []}),
        ("立入調査", ["委託者は、必要と認める場合に限り、受託者の事業所に立ち入り調査を行うことができる。"], {"audit": {"inspection"}}),
        ("教育", ["受託者は、本業務に従事する者に対して、個人情報の保護に関する教育を実施しなければならない。"], {"training": []}),
        ("事故の報告", ["受託者は、個人情報の漏えい等の事故が発生したときは、直ちに委託者に報告し、その指示に従わなければならない。"], {"incident": []}),
        ("公表", ["委託者は、受託者がこの特記事項に違反したときは、その旨を公表することができる。"], {"publication": []}),
        ("損害賠償", ["受託者は、この特記事項に違反したことにより委託者に損害を与えたときは、その損害を賠償しなければならない。"], {"damages": []}),
    ])
    a.why["subcontracting"] = "「あらかじめ…委託者に届け出なければならない」: prior notification, no consent and no ban"
    a.why["confidentiality"] = "「契約が終了した後2年間存続する」: survives the contract, for a limited time"
    a.why["audit"] = "「必要と認める場合に限り」: no yearly frequency; the yearly report (毎年度末) is reporting, not the client's check"
    a.why["handlers"] = "「個人情報の管理責任者を定め、委託者に通知」: the person in charge is named"
    return a


@agreement
def f39():
    # Written after reading annexes and contracts published by other public bodies (their own
    # texts are not copied here): one ban in a lead-in with the acts as items, the subcontractor
    # called 「再委託の相手方」, safekeeping as 「…しないよう…管理体制を整備」, 「目的の範囲を超えて」.
    a = Agreement("2020_sysop_hacchu_banned_acts_list", "service-operation", "txt", "発注者",
                  "受注者", date="2021-06-01",
                  features=["txt UTF-8", "発注者/受注者", "（見出し） above 第○条",
                            "three duties as items under one ban in the lead-in (「次の各号に掲げる行為をしてはならない」)",
                            "「再委託の相手方」 for the subcontractor", "safekeeping as 「…しないよう…管理体制を整備」",
                            "audit 「必要があると認めるときは」 without frequency", "no erasure certificate", "publication missing"])
    title_block(a, "個人情報の取扱いに関する特記事項",
                "受注者は、発注者から受注した窓口受付システム運用保守業務（以下「本業務」という。）の履行に当たり、発注者から預託された個人情報の取扱いについて、次の事項を遵守しなければならない。")
    articles(a, "art_above", [
        ("基本的事項", ["受注者は、発注者から預託された個人情報の保護の重要性を認識し、本業務の履行に当たっては、個人の権利利益を侵害することのないよう、個人情報を適正に取り扱わなければならない。"], {"basic": []}),
        ("秘密の保持", ["受注者は、本業務の履行上知り得た個人情報をみだりに他人に知らせてはならない。本契約が終了し、又は解除された後も同様とする。"], {"confidentiality": SURV}),
        ("収集の制限", ["受注者は、本業務のために個人情報を収集するときは、本業務の目的を達成するために必要な範囲内で、適法かつ公正な手段により行わなければならない。"], {"collection": []}),
        ("利用目的の明示", ["受注者は、本業務のために本人から直接書面に記録された個人情報を取得するときは、あらかじめ、本人に対しその利用目的を明示しなければならない。"], {"purpose_notice": []}),
        ("収集の禁止", ["受注者は、発注者の承諾があるときを除き、思想、信条及び信教に関する個人情報並びに社会的差別の原因となるおそれのある個人情報を収集してはならない。"], {"sensitive_collection": []}),
        ("禁止行為", ["受注者は、発注者の書面による承認を得た場合を除き、次の各号に掲げる行為をしてはならない。",
                      "(1) 預託された個人情報を本契約の目的の範囲を超えて使用し、又は第三者に提供すること。",
                      "(2) 預託された個人情報が記録された資料を複写し、又は複製すること。",
                      "(3) 預託された個人情報が記録された資料を発注者の指定する場所の外に持ち出すこと。"],
         {"purpose_limitation": [], "no_copying": [], "no_removal": []}),
        ("安全管理", ["受注者は、預託された個人情報が漏えいし、滅失し、又はき損しないよう、管理責任者の選任、保管場所の施錠その他の管理体制を整備しなければならない。"], {"safekeeping": []}),
        ("再委託", ["受注者は、本業務の全部又は一部を第三者に委託（以下「再委託」という。）してはならない。ただし、あらかじめ発注者の書面による承諾を得た場合は、この限りでない。",
                    "受注者は、前項ただし書により再委託するときは、再委託の相手方に本契約に基づく一切の義務を遵守させるとともに、発注者に対し、再委託の相手方による個人情報の取扱いについて責任を負うものとする。"],
         {"subcontracting": {"prohibition_or_consent", "flow_down", "liability_for_subcontractor"}}),
        ("資料の返還等", ["受注者は、本業務が終了したときは、預託された個人情報が記録された資料を速やかに発注者に返還し、受注者が作成した電磁的記録は復元できない方法により消去しなければならない。"], {"return_erasure": {"return", "erasure"}}),
        ("従事者の限定", ["受注者は、本業務において個人情報を取り扱う従事者を限定し、その名簿を発注者に提出しなければならない。"], {"handlers": []}),
        ("報告", ["受注者は、発注者から求められたときは、預託された個人情報の管理の状況について、書面により発注者に報告しなければならない。"], {"reporting": []}),
        ("検査", ["発注者は、必要があると認めるときは、受注者の事業所に立ち入り、個人情報の管理の状況を検査することができる。"], {"audit": {"inspection"}}),
        ("教育", ["受注者は、本業務に従事する者に対し、個人情報の保護に関する教育を行わなければならない。"], {"training": []}),
        ("事故の報告", ["受注者は、預託された個人情報の漏えい、滅失又はき損の事故が生じ、又は生ずるおそれがあることを知ったときは、直ちに発注者に報告し、その指示に従わなければならない。"], {"incident": []}),
        ("損害賠償", ["受注者は、この特記事項に違反したことにより発注者又は第三者に損害を与えたときは、その損害を賠償しなければならない。"], {"damages": []}),
    ])
    a.why["purpose_limitation"] = "item (1) under the ban in the lead-in of 第6条: 「目的の範囲を超えて使用し、又は第三者に提供すること」"
    a.why["no_copying"] = "item (2) under the ban in the lead-in of 第6条"
    a.why["no_removal"] = "item (3) under the ban in the lead-in of 第6条: 「指定する場所の外に持ち出すこと」"
    a.why["safekeeping"] = "「漏えいし、滅失し、又はき損しないよう、…管理体制を整備しなければならない」"
    a.why["return_erasure"] = "return and erasure, but nothing certifies the erasure"
    a.why["audit"] = "「必要があると認めるときは」: an inspection without a yearly frequency"
    a.why["publication"] = "no article on publishing a breach"
    return a


@agreement
def f40():
    # A vendor's short memorandum in the style of those published by companies (not copied):
    # subcontracting appears only inside the confidentiality article, as one of several acts
    # banned without consent (「第三者に開示し、又は委託してはならない」).
    a = Agreement("2023_outsourcing_vendor_memo_disclose_or_entrust", "outsourcing", "txt", "甲", "乙",
                  date="2023-06-01", DOC="本覚書",
                  features=["txt UTF-8", "甲/乙", "第○条（見出し）", "vendor's memorandum: many provisions missing",
                            "subcontracting only as 「第三者に開示し、又は委託してはならない」 inside the confidentiality article",
                            "safekeeping as 「紛失し、又は漏えいしないよう…措置を講じ」", "return only",
                            "handlers under the heading 「管理部署及び管理者」"])
    title_block(a, "個人情報の取扱いに関する覚書",
                "練馬区（以下「甲」という。）と株式会社データリンク（以下「乙」という。）は、甲が乙に委託する健診結果入力業務（以下「本業務」という。）に伴う個人情報の取扱いについて、次のとおり覚書を締結する。")
    articles(a, "art_inline", [
        ("責務", ["乙は、個人情報の保護に関する法令を遵守し、甲の指示に従って本業務に係る個人情報を適切に取り扱うものとする。"], {"basic": []}),
        ("秘密保持", ["乙は、本業務の遂行上知り得た個人情報を他に漏らしてはならない。",
                      "乙は、甲の書面による同意を得ることなく、本業務に係る個人情報を第三者に開示し、又は委託してはならない。"],
         {"confidentiality": [], "subcontracting": POC}),
        ("目的外利用の禁止", ["乙は、本業務に係る個人情報を本業務の目的以外に利用してはならない。"], {"purpose_limitation": []}),
        ("安全管理", ["乙は、本業務に係る個人情報が紛失し、又は漏えいしないよう、適切な管理措置を講じなければならない。"], {"safekeeping": []}),
        ("資料の返還", ["乙は、本業務が終了したときは、甲から提供を受けた資料を甲に返還しなければならない。"], {"return_erasure": {"return"}}),
        ("事故の報告", ["乙は、個人情報の漏えいその他の事故が発生したときは、直ちに甲に報告しなければならない。"], {"incident": []}),
        ("損害賠償", ["乙は、本覚書に違反して甲に損害を与えたときは、その損害を賠償しなければならない。"], {"damages": []}),
        ("管理部署及び管理者", ["乙は、本覚書の締結後遅滞なく、本業務に係る個人情報の管理部署及び管理者を書面により甲に通知しなければならない。"], {"handlers": []}),
    ])
    a.why["handlers"] = "「（管理部署及び管理者）…個人情報の管理部署及び管理者を書面により甲に通知」: the person in charge is named to the client"
    signature(a, "令和5年6月1日", "甲　練馬区", "乙　株式会社データリンク")
    a.why["confidentiality"] = "no word on the duty lasting after the memorandum ends"
    a.why["subcontracting"] = "「甲の書面による同意を得ることなく、…第三者に開示し、又は委託してはならない」 (第2条第2項) requires consent to entrust; none of the other duties of 2023 items 12-18"
    a.why["safekeeping"] = "「紛失し、又は漏えいしないよう、適切な管理措置を講じなければならない」"
    a.why["return_erasure"] = "only the return of documents"
    return a


@agreement
def f41():
    # A specification in the layout of some published by other bodies (not copied): numbered
    # headings 「1 秘密の保持」 with the body on the next line, no 条.
    a = Agreement("2023_outsourcing_spec_numbered_headings", "outsourcing", "txt", "委託者", "受託者",
                  date="2023-10-01",
                  features=["txt UTF-8", "委託者/受託者", "特記仕様書: numbered headings 「1 見出し」 with the body below",
                            "「権利利益を侵すことのないよう」", "「目的の範囲内でのみ使用し」",
                            "copying needing prior consent 「複写又は複製が必要なときは、事前に…承諾」",
                            "handlers by heading only 「作業従事者の通知」", "return 「不要となったときは」, erasing only allowed 「破棄することができる」",
                            "incident 「き損その他…違反等が生じたときは…報告」",
                            "many provisions missing"])
    title_block(a, "個人情報の取扱いに関する特記仕様書",
                "受託者は、委託者から受託した住民税申告書データ入力業務（以下「本業務」という。）の履行に当たり、この特記仕様書に定める事項を遵守しなければならない。")
    sections = [
        ("基本的事項", "受託者は、本業務の履行に当たっては、個人の権利利益を侵すことのないよう、個人情報を適正に取り扱わなければならない。", {"basic": []}),
        ("秘密の保持", "受託者は、本業務の履行により知り得た個人情報を他に漏らしてはならない。本業務の終了後も同様とする。", {"confidentiality": SURV}),
        ("収集の制限", "受託者は、本業務のために個人情報を収集するときは、必要な範囲内で、適法かつ公正な手段により収集しなければならない。", {"collection": []}),
        ("目的外使用の禁止", "受託者は、個人情報について、本業務の目的の範囲内でのみ使用し、第三者に提供してはならない。", {"purpose_limitation": []}),
        ("複写及び複製", "受託者は、委託者から貸与された資料について、本業務の遂行上その複写又は複製が必要なときは、事前に委託者から書面による承諾を受けるものとする。", {"no_copying": []}),
        ("情報の保管及び管理", "受託者は、委託者から貸与された資料を、本業務に従事する者以外の者が触れることのない場所で取り扱わなければならない。", {"safekeeping": []}),
        ("作業従事者の通知", "受託者は、本業務に従事する者の氏名を、あらかじめ書面により委託者に通知しなければならない。", {"handlers": []}),
        ("貸与品の取扱い", "受託者は、委託者から貸与された資料が本業務の遂行上不要となったときは、遅滞なくこれを委託者に返還しなければならない。ただし、委託者の承認を受けたときは、これを破棄することができる。", {"return_erasure": {"return"}}),
        ("事故の報告", "受託者は、個人情報について漏えい、滅失、き損その他この特記仕様書に係る違反等が生じたときは、直ちに委託者に報告し、その指示に従わなければならない。", {"incident": []}),
        ("損害賠償", "受託者は、この特記仕様書に違反したことにより委託者に損害を与えたときは、その損害を賠償しなければならない。", {"damages": []}),
    ]
    for k, (h, body, cover) in enumerate(sections, 1):
        a.p("%d %s" % (k, h))
        a.p(body)
        a.covers(cover)
    a.why["safekeeping"] = "the heading 「情報の保管及び管理」 over a duty on where the documents are handled"
    a.why["handlers"] = "the heading 「作業従事者の通知」: staff named to the client in advance"
    a.why["return_erasure"] = "「不要となったときは、遅滞なくこれを委託者に返還」: return; 「承認を受けたときは、これを破棄することができる」 allows erasing but does not require it; no certificate"
    a.why["incident"] = "「漏えい、滅失、き損その他この特記仕様書に係る違反等が生じたときは、直ちに委託者に報告」"
    return a


@agreement
def f42():
    # The personal-information articles of an agreement (協定) with a facility's designated
    # manager (指定管理者), the party words of such agreements published by other bodies.
    a = Agreement("2023_outsourcing_designated_manager_agreement", "outsourcing", "txt", "市",
                  "指定管理者", date="2024-04-01",
                  features=["txt UTF-8", "市/指定管理者", "第○条（見出し）", "an agreement with a designated manager (協定)",
                            "audit 「指定管理者の施設に立ち入り…調査」 without frequency", "no erasure certificate",
                            "handlers named across a definition in parentheses 「（以下「取扱者」という。）」", "many provisions missing"])
    title_block(a, "個人情報の取扱いに関する協定事項",
                "指定管理者は、市が指定した市民交流センターの管理業務（以下「管理業務」という。）を行うに当たり、個人情報の取扱いについて、次の事項を遵守しなければならない。")
    articles(a, "art_inline", [
        ("基本的事項", ["{K}は、個人情報の保護の重要性を認識し、管理業務の実施に当たっては、個人の権利利益を侵害することのないよう、個人情報を適正に取り扱わなければならない。"], {"basic": []}),
        ("秘密の保持", ["{K}は、管理業務に関して知り得た個人情報をみだりに他に漏らしてはならない。管理業務が終了し、又は指定を取り消された後においても、同様とする。"], {"confidentiality": SURV}),
        ("収集の制限", ["{K}は、管理業務を行うために個人情報を収集するときは、その目的を達成するために必要な範囲内で、適法かつ公正な手段により収集しなければならない。"], {"collection": []}),
        ("目的外利用等の禁止", ["{K}は、{C}の指示又は承認があるときを除き、管理業務に関して知り得た個人情報を管理業務の目的以外に利用し、又は第三者に提供してはならない。"], {"purpose_limitation": []}),
        ("適正管理", ["{K}は、管理業務に関して知り得た個人情報の漏えい、滅失及びき損の防止のために必要な措置を講じなければならない。"], {"safekeeping": []}),
        ("再委託の禁止", ["{K}は、{C}の承認を得た場合を除き、個人情報を取り扱う管理業務を第三者に委託してはならない。"], {"subcontracting": POC}),
        ("資料等の返還等", ["{K}は、指定期間が満了し、又は指定を取り消されたときは、管理業務に関して保有する個人情報を、{C}の指示に従い、{C}に返還し、又は消去しなければならない。"], {"return_erasure": {"return", "erasure"}}),
        ("調査", ["{C}は、必要があると認めるときは、{K}の施設に立ち入り、個人情報の管理の状況を調査することができる。"], {"audit": {"inspection"}}),
        ("事故報告", ["{K}は、個人情報の漏えい等の事故が発生したときは、直ちに{C}に報告し、その指示に従わなければならない。"], {"incident": []}),
        ("業務の体制", ["{K}は、管理業務において個人情報を取り扱う者（以下「取扱者」という。）を指定し、あらかじめ{C}に届け出なければならない。"], {"handlers": []}),
    ])
    a.why["handlers"] = "「個人情報を取り扱う者（以下「取扱者」という。）を指定し、…届け出」: the definition in parentheses does not end the sentence"
    a.why["subcontracting"] = "consent required (「市の承認を得た場合を除き」), none of the other duties of 2023 items 12-18"
    a.why["return_erasure"] = "return or erasure, but nothing certifies the erasure"
    a.why["audit"] = "「必要があると認めるときは、指定管理者の施設に立ち入り、…調査」: an inspection without a yearly frequency"
    return a


@agreement
def f43():
    # 遵守事項 in the layout of some wards' specifications (not copied): a heading in parentheses
    # over each numbered item, duties written the way session 8's held-out texts wrote them.
    a = Agreement("2023_outsourcing_ward_compliance_items", "outsourcing", "txt", "区", "受託者",
                  date="2023-07-01",
                  features=["txt UTF-8", "区/受託者", "遵守事項: 「（見出し）」 over 「1 本文」",
                            "safekeeping 「漏えい・紛失・改ざん及び破損を防止するため」",
                            "copying 「区が許可した範囲を超えて複写し、又は複製してはならない」",
                            "handlers by the heading 「作業担当者の通知」 and 「責任者をおき、…報告」",
                            "return 「区の指定する資料について、契約業務終了と同時に…返還」, no erasure",
                            "many provisions missing"])
    title_block(a, "個人情報の取扱いに関する遵守事項")
    items = [
        ("基本的事項", "{K}は、個人情報の保護の重要性を認識し、この契約による業務の実施に当たっては、個人の権利利益を侵害することのないよう、個人情報を適正に取り扱わなければならない。", {"basic": []}),
        ("秘密の保持", "{K}は、この契約の履行により知り得た個人情報を第三者に漏らしてはならない。契約期間満了後も同様とする。", {"confidentiality": SURV}),
        ("管理上の措置", "{K}は、この契約の履行に当たり知り得た個人情報の漏えい・紛失・改ざん及び破損を防止するため、必要かつ適切な措置を講じなければならない。", {"safekeeping": []}),
        ("目的外利用の禁止", "{K}は、{C}が提供した個人情報を、この契約の目的以外の用途に使用してはならない。", {"purpose_limitation": []}),
        ("複写等", "{K}は、{C}が許可した範囲を超えて複写し、又は複製してはならない。", {"no_copying": []}),
        ("作業担当者の通知", "{K}は、この契約による業務の作業担当者を、あらかじめ{C}に通知しなければならない。", {"handlers": []}),
        ("管理体制", "{K}は、個人情報の適正な取扱いが図られるよう責任者をおき、その管理体制を{C}に報告すること。", {"handlers": []}),
        ("業務終了時の措置", "{K}は、{C}の指定する資料について、契約業務終了と同時に速やかに返還しなければならない。", {"return_erasure": {"return"}}),
        ("事故発生時の報告", "{K}は、個人情報の漏えい等の事故が生じたときは、直ちに{C}に報告し、{C}の指示に従わなければならない。", {"incident": []}),
    ]
    for k, (h, body, cover) in enumerate(items, 1):
        a.p("（%s）" % h)
        a.p("%d %s" % (k, body))
        a.covers(cover)
    a.why["safekeeping"] = "「漏えい・紛失・改ざん及び破損を防止するため、必要かつ適切な措置」 under a heading of no category"
    a.why["no_copying"] = "「区が許可した範囲を超えて複写し、又は複製してはならない」: no data named, the pair 複写し、又は複製 is the annexes' idiom"
    a.why["handlers"] = "the heading 「作業担当者の通知」, and 「個人情報の…取扱いが図られるよう責任者をおき」"
    a.why["return_erasure"] = "「資料について、契約業務終了と同時に速やかに返還」: return only; nothing erased or certified"
    return a


# ---------------------------------------------------------------------------------------------

def main(argv):
    make_pdf = "--no-pdf" not in argv
    os.makedirs(OUT, exist_ok=True)
    agreements = [fn() for fn in ALL]
    names = [a.name for a in agreements]
    assert len(set(names)) == len(names)
    pending_pdf = []
    tmp = tempfile.mkdtemp(prefix="tokki-corpus-")
    try:
        for a in agreements:
            if a.fmt == "txt":
                path = os.path.join(OUT, a.name + ".txt")
                write_text(a, path)
            elif a.fmt == "docx":
                path = os.path.join(OUT, a.name + ".docx")
                write_docx(a, path)
            else:
                path = os.path.join(OUT, a.name + ".pdf")
                src = os.path.join(tmp, a.name + ".docx")
                write_docx(a, src)
                pending_pdf.append(src)
            with open(os.path.join(OUT, a.name + ".expected.json"), "w", encoding="utf-8") as f:
                json.dump(a.expected(), f, ensure_ascii=False, indent=1)
                f.write("\n")
        if make_pdf and pending_pdf:
            convert_to_pdf(pending_pdf, OUT)
            for src in pending_pdf:
                pdf = os.path.join(OUT, os.path.basename(src)[:-5] + ".pdf")
                if not os.path.exists(pdf):
                    raise SystemExit("LibreOffice did not write " + pdf)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d agreements written to %s" % (len(agreements), OUT))


if __name__ == "__main__":
    main(sys.argv[1:])
