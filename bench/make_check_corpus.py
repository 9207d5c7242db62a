#!/usr/bin/python3
"""Writes a corpus of outsourcing agreements (.docx) with python-docx for bench/check_vs_python_docx.sh.

    /usr/bin/python3 bench/make_check_corpus.py OUT_DIR [--count N] [--start K] [--seed S]

Writes OUT_DIR/agreement-NNNNN.docx for NNNNN = K+1 .. K+N. File i depends only on the seed and
on i, so `--start 0 --count 3000` and two runs of 1500 give the same files, and the first 1000
of a corpus of 3000 are the corpus of 1000. (The bytes differ between runs only by the zip
timestamps python-docx writes.)

Each agreement is a municipal outsourcing contract (業務委託契約書) of about 3 to 10 A4 pages:
a title, the parties, general articles (payment, delivery, inspection, warranty, IP, 反社会的
勢力, ...; written here), the personal-information provisions and a specification (仕様書) with
tables. The personal-information provisions are the 2023 texts of clauses/modules/*.xml, with
the parameters filled in and the cross-references printed as numbers, laid out in one of four
ways:

- articles: 第N条（見出し）text, or a heading line （見出し）/【見出し】 above 第N条, or 第十二条
  with kanji numerals; further items 「2　…」, sub-items ア/イ;
- annex: the main contract refers to a separate 個人情報取扱特記事項 printed after it, with
  heading lines （見出し） and items numbered 1, 2, 3 … (sometimes full-width, sometimes "1.");
- annex in a table: one row per group, heading cell and item cell(s);
- annex without headings: numbered items only.

Party words are 甲/乙, 委託者/受託者 or 発注者/受注者. About half of the agreements lack one to
four provisions or have a weakened one (終了後は守秘義務を負わない, 事後報告で再委託, 3年に1回の
確認, 証明書の提出不要, ...), so that the check finds present, partial and missing provisions.
Some provisions are reworded (other municipalities' wording) rather than the 2023 text.

Needs python3-docx: run it with /usr/bin/python3 (Debian's).
"""

import argparse
import os
import random
import sys
import xml.etree.ElementTree as ET

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NS = "{urn:tokki:clauses:1}"

# --- The 2023 clause modules ---------------------------------------------------------------------


def load_modules(clauses_dir):
    """{module id: (category, heading, [item]) } for the 2023 versions, in the 2023 edition's
    order; an item is a list of parts: str, ("param", name), ("ref", module.n) and
    ("sub", label, [parts])."""
    lib = ET.parse(os.path.join(clauses_dir, "library.xml")).getroot()
    order = []
    for ed in lib.findall(NS + "edition"):
        if ed.get("id") == "2023":
            order = [m.get("ref") for m in ed.findall(NS + "module")]

    def parts(el):
        out = [el.text or ""]
        for c in el:
            tag = c.tag[len(NS):]
            if tag == "param":
                out.append(("param", c.get("name")))
            elif tag == "ref":
                out.append(("ref", c.get("to")))
            out.append(c.tail or "")
        return out

    modules = {}
    for mid in order:
        root = ET.parse(os.path.join(clauses_dir, "modules", mid + ".xml")).getroot()
        for v in root.findall(NS + "version"):
            if "2023" not in v.get("editions", "").split():
                continue
            items = []
            for it in v.findall(NS + "item"):
                item = parts(it.find(NS + "text"))
                for sub in it.findall(NS + "sub"):
                    item.append(("sub", sub.get("label"), parts(sub)))
                items.append(item)
            modules[mid] = (root.get("category"), v.findtext(NS + "heading"), items)
    return order, modules


# --- Word lists ----------------------------------------------------------------------------------

MUNICIPALITIES = [
    ("新宿区", "区"), ("世田谷区", "区"), ("練馬区", "区"), ("八王子市", "市"), ("町田市", "市"),
    ("横浜市", "市"), ("川崎市", "市"), ("相模原市", "市"), ("さいたま市", "市"), ("千葉市", "市"),
    ("船橋市", "市"), ("藤沢市", "市"), ("府中市", "市"), ("小金井市", "市"), ("葉山町", "町"),
]
COMPANY_STEMS = [
    "日本情報サービス", "東都データ", "関東システムズ", "アオバ事務センター", "さくらビジネスサポート",
    "ミナト印刷", "富士コールセンター", "北斗ソリューションズ", "中央計算センター", "朝日文書管理",
    "みらい行政サービス", "山王テクノ", "東京総合サポート", "ひかり情報処理", "武蔵野データ入力",
]
COMPANY_FORMS = ["株式会社{0}", "{0}株式会社", "有限会社{0}", "一般財団法人{0}協会"]
WORKS = [
    ("住民票等交付窓口業務", "窓口", ["来庁者の受付及び案内", "証明書交付申請書の審査補助", "手数料の収納",
                             "証明書の交付", "郵送請求の受付及び発送", "混雑状況の記録"]),
    ("国民健康保険料収納コールセンター業務", "コールセンター", ["納付勧奨の架電", "問合せへの応答",
                                            "口座振替依頼書の送付", "応対記録の作成", "月次集計"]),
    ("介護保険認定調査票データ入力業務", "データ入力", ["調査票の受領", "データの入力", "ベリファイ入力",
                                        "入力結果の照合", "調査票の返却", "納品データの作成"]),
    ("特定健康診査結果データ作成業務", "データ作成", ["受診券の受領", "健診結果の入力", "XMLデータの作成",
                                        "エラーデータの修正", "集計表の作成"]),
    ("税務システム運用保守業務", "システム運用", ["システムの監視", "バッチ処理の実行", "障害対応",
                                     "バックアップの取得", "プログラムの改修", "操作研修の実施"]),
    ("児童手当申請書受付・審査補助業務", "審査補助", ["申請書の受付", "記載内容の確認", "添付書類の確認",
                                           "審査結果の入力", "不備通知の作成", "書類の編綴"]),
    ("後期高齢者医療保険料通知書作成発送業務", "印刷発送", ["データの受領", "通知書の印刷", "封入封緘",
                                              "郵便局への差出し", "返戻郵便物の整理"]),
    ("図書館システム運用業務", "システム運用", ["利用者データの管理", "蔵書データの更新", "端末の保守",
                                     "障害対応", "利用統計の作成"]),
    ("学校給食費徴収管理業務", "収納管理", ["口座振替データの作成", "収納消込", "督促状の作成",
                                  "問合せ対応", "月次報告書の作成"]),
    ("保育所入所申請データ入力業務", "データ入力", ["申請書の受領", "指数の入力", "入力結果の照合",
                                       "申請書の返却", "集計表の作成"]),
    ("粗大ごみ受付センター運営業務", "受付センター", ["電話による受付", "インターネット受付の確認",
                                        "収集日の調整", "手数料券の案内", "受付データの送信"]),
    ("健康診査受診券印刷封入業務", "印刷封入", ["宛名データの受領", "受診券の印刷", "封入封緘",
                                     "発送", "印刷データの消去"]),
]
FREQUENCIES = ["毎日", "随時", "毎週月曜日", "毎月末", "月1回", "四半期ごと", "年度末", "開庁日ごと",
               "発生の都度", "指示のあったとき"]

# --- General articles of the main contract (written for this benchmark) --------------------------
# Party words are written 甲/乙 and replaced per agreement. {amount}, {days}, ... are filled in.

GENERAL = [
    ("総則", ["甲及び乙は、この契約書（頭書を含む。以下同じ。）に基づき、別紙仕様書（以下「仕様書」という。）"
            "に従い、日本国の法令を遵守し、この契約を履行しなければならない。",
            "乙は、{work}（以下「本業務」という。）を契約書記載の履行期間内に完了し、甲は、その業務委託料を"
            "支払うものとする。",
            "この契約書に定める請求、通知、報告、申出、承諾及び解除は、書面により行わなければならない。"]),
    ("契約期間", ["この契約の期間は、{period}とする。"]),
    ("業務委託料", ["業務委託料は、金{amount}円（うち取引に係る消費税及び地方消費税の額金{tax}円）とする。",
                 "前項の業務委託料は、毎月の業務の履行を確認した後、月額金{monthly}円を支払うものとする。"]),
    ("支払", ["乙は、各月の業務が完了し、第{inspect_art}条の検査に合格したときは、業務委託料の支払を請求"
            "することができる。",
            "甲は、前項の規定による適法な請求書を受理した日から{days}日以内に業務委託料を支払わなければならない。"]),
    ("履行場所", ["本業務の履行場所は、{place}とする。ただし、甲が認めた場合はこの限りでない。"]),
    ("業務責任者", ["乙は、本業務の履行に当たり、業務責任者を定め、その氏名その他必要な事項を甲に通知しなければ"
                 "ならない。業務責任者を変更したときも同様とする。",
                 "業務責任者は、この契約の履行に関し、業務の管理及び統轄を行うほか、業務委託料の変更、契約の解除"
                 "に係るものを除き、この契約に基づく乙の一切の権限を行使することができる。"]),
    ("業務従事者", ["乙は、本業務に従事する者（以下「業務従事者」という。）に対し、本業務の内容及び手順を十分に"
                 "理解させた上で業務に従事させなければならない。",
                 "甲は、業務従事者がその業務の履行につき著しく不適当と認められるときは、乙に対して、その理由を"
                 "明示した書面により、必要な措置をとるべきことを請求することができる。",
                 "乙は、前項の規定による請求があったときは、当該請求に係る事項について決定し、その結果を請求を受けた"
                 "日から{days}日以内に甲に通知しなければならない。"]),
    ("進捗状況の報告", ["乙は、毎月{day}日までに前月の業務の実施状況を業務実施報告書により甲に提出しなければならない。",
                    "甲は、必要があると認めるときは、乙に対して本業務の履行状況について説明を求めることができる。"]),
    ("検査", ["乙は、各月の業務を完了したときは、業務完了報告書を甲に提出しなければならない。",
            "甲は、前項の報告書を受理したときは、その日から起算して{days}日以内に検査を行い、その結果を乙に"
            "通知しなければならない。",
            "乙は、前項の検査に合格しなかったときは、直ちに修補して甲の再検査を受けなければならない。"]),
    ("成果物の帰属", ["本業務により作成された成果物の所有権は、検査に合格した時をもって乙から甲に移転する。",
                   "成果物に係る著作権（著作権法第27条及び第28条に規定する権利を含む。）は、成果物の引渡しの"
                   "時に乙から甲に譲渡されるものとし、乙は、甲に対し著作者人格権を行使しないものとする。"]),
    ("契約不適合責任", ["甲は、引き渡された成果物が種類又は品質に関して契約の内容に適合しないもの（以下「契約不適合」"
                    "という。）であるときは、乙に対し、成果物の修補又は代替物の引渡しによる履行の追完を請求する"
                    "ことができる。",
                    "前項の場合において、甲が相当の期間を定めて履行の追完の催告をし、その期間内に履行の追完がない"
                    "ときは、甲は、その不適合の程度に応じて代金の減額を請求することができる。",
                    "甲は、契約不適合を知った時から{months}か月以内にその旨を乙に通知しないときは、その不適合を"
                    "理由として、履行の追完の請求、代金の減額の請求、損害賠償の請求及び契約の解除をすることが"
                    "できない。"]),
    ("貸与品", ["甲が乙に貸与する機器、備品その他の物品（以下「貸与品」という。）の品名、数量、引渡場所及び引渡時期は、"
              "仕様書に定めるところによる。",
              "乙は、貸与品を善良な管理者の注意をもって管理しなければならない。",
              "乙は、本業務の完了、契約の解除等によって不用となった貸与品を、甲の指定する期日までに甲に返還"
              "しなければならない。"]),
    ("権利義務の譲渡等の禁止", ["乙は、この契約により生ずる権利又は義務を第三者に譲渡し、又は承継させてはならない。ただし、"
                          "あらかじめ甲の書面による承諾を得た場合は、この限りでない。"]),
    ("一括再委託の禁止", ["乙は、本業務の全部を一括して第三者に請け負わせてはならない。"]),
    ("契約の変更", ["甲は、必要があると認めるときは、乙に対して仕様書の変更内容を通知して、仕様書を変更することが"
                 "できる。この場合において、甲は、必要があると認められるときは履行期間若しくは業務委託料を変更し、"
                 "又は乙に損害を及ぼしたときは必要な費用を負担しなければならない。"]),
    ("履行遅滞の場合における損害金等", ["乙の責めに帰すべき事由により履行期間内に業務を完了することができない場合においては、甲は、"
                                "損害金の支払を乙に請求することができる。",
                                "前項の損害金の額は、業務委託料から履行部分に相応する業務委託料を控除した額につき、遅延日数に"
                                "応じ、年{rate}パーセントの割合で計算した額とする。",
                                "甲の責めに帰すべき事由により、業務委託料の支払が遅れた場合においては、乙は、未受領金額につき、"
                                "遅延日数に応じ、年{rate}パーセントの割合で計算した額の遅延利息の支払を甲に請求することができる。"]),
    ("甲の催告による解除権", ["甲は、乙が次の各号のいずれかに該当するときは、相当の期間を定めてその履行の催告をし、その期間"
                          "内に履行がないときはこの契約を解除することができる。",
                          "(1)　正当な理由なく、業務に着手すべき期日を過ぎても業務に着手しないとき。",
                          "(2)　履行期間内に業務を完了しないとき又は履行期間経過後相当の期間内に業務を完了する見込みが"
                          "ないと認められるとき。",
                          "(3)　前2号に掲げる場合のほか、この契約に違反したとき。"]),
    ("甲の催告によらない解除権", ["甲は、乙が次の各号のいずれかに該当するときは、直ちにこの契約を解除することができる。",
                             "(1)　この契約の業務を完了させることができないことが明らかであるとき。",
                             "(2)　乙がこの契約の業務の完了の債務の履行を拒絶する意思を明確に表示したとき。",
                             "(3)　乙が暴力団員による不当な行為の防止等に関する法律第2条第2号に規定する暴力団又は"
                             "暴力団員が経営に実質的に関与していると認められる者に業務委託料債権を譲渡したとき。"]),
    ("反社会的勢力の排除", ["甲及び乙は、それぞれ相手方に対し、次の各号の事項を確約する。",
                        "(1)　自らが、暴力団、暴力団員、暴力団員でなくなった時から5年を経過しない者、暴力団準構成員、"
                        "暴力団関係企業、総会屋等、社会運動等標ぼうゴロ又は特殊知能暴力集団等その他これらに準ずる者"
                        "（以下総称して「反社会的勢力」という。）ではないこと。",
                        "(2)　自らの役員（業務を執行する社員、取締役、執行役又はこれらに準ずる者をいう。）が反社会的"
                        "勢力ではないこと。",
                        "(3)　反社会的勢力に自己の名義を利用させ、この契約を締結するものでないこと。",
                        "甲又は乙の一方について、前項の確約に反する事実が判明したときは、その相手方は、何らの催告を"
                        "要せずして、この契約を解除することができる。"]),
    ("談合等不正行為があった場合の違約金等", ["乙が、この契約に関して、次の各号のいずれかに該当するときは、乙は、甲の請求に基づき、業務"
                                     "委託料の10分の{penalty}に相当する額を違約金として甲の指定する期間内に支払わなければならない。",
                                     "(1)　私的独占の禁止及び公正取引の確保に関する法律第49条に規定する排除措置命令が確定したとき。",
                                     "(2)　同法第62条第1項に規定する納付命令が確定したとき。",
                                     "(3)　刑法第96条の6又は同法第198条の規定による刑が確定したとき。",
                                     "前項の規定は、甲に生じた実際の損害額が同項に規定する違約金の額を超える場合において、甲が"
                                     "その超える分について乙に請求することを妨げるものではない。"]),
    ("不可抗力", ["天災地変その他甲乙双方の責めに帰すことができない事由により、この契約の全部又は一部の履行が"
               "不能となったときは、甲乙協議の上、この契約の全部又は一部を変更し、又は解除することができる。"]),
    ("危険負担", ["成果物の引渡し前に生じた損害は、乙の負担とする。ただし、甲の責めに帰すべき事由による場合は、"
               "この限りでない。"]),
    ("安全管理及び事故防止", ["乙は、本業務の履行に当たっては、業務従事者の安全の確保に努めるとともに、労働安全衛生法その他"
                          "関係法令に従い、事故の防止に必要な措置を講じなければならない。",
                          "乙は、本業務の履行中に事故が発生したときは、直ちに必要な措置を講ずるとともに、その状況を甲に"
                          "報告しなければならない。"]),
    ("法令等の遵守", ["乙は、本業務の履行に当たっては、労働基準法、最低賃金法その他の関係法令を遵守しなければならない。"]),
    ("業務の引継ぎ", ["乙は、この契約の期間が満了し、又は契約が解除された場合において、甲が本業務を引き続き他の者に"
                   "行わせるときは、甲の指示に従い、当該他の者に対し、業務の引継ぎを誠実に行わなければならない。"]),
    ("作業日及び作業時間", ["本業務の作業日は、{days_of_week}とする。ただし、国民の祝日に関する法律に規定する休日及び"
                        "12月29日から翌年1月3日までの日を除く。",
                        "作業時間は、午前{start_h}時{start_m}分から午後{end_h}時までとする。"]),
    ("契約保証金", ["契約保証金は、{municipality}契約事務規則第{rule_art}条第{rule_item}号の規定により免除する。"]),
    ("協議", ["この契約に定めのない事項又はこの契約の解釈について疑義が生じた事項については、甲乙協議の上、"
            "定めるものとする。"]),
    ("管轄裁判所", ["この契約に関する訴訟については、{court}をもって第一審の専属的合意管轄裁判所とする。"]),
]
# Always in the contract, in this order around the others: 総則, 契約期間, 業務委託料, 支払, ... 協議, 管轄裁判所.
FIRST = ["総則", "契約期間", "業務委託料", "支払"]
LAST = ["協議", "管轄裁判所"]

# Other municipalities' wording for some categories (used instead of the 2023 text at random).
REWORDED = {
    "confidentiality": [["乙は、業務上知り得た個人情報を他に漏らしてはならない。契約終了後も同様とする。"]],
    "safekeeping": [["乙は、個人情報の漏えい、滅失及びき損の防止その他の個人情報の適正な管理のために必要な措置を"
                     "講じなければならない。"]],
    "no_copying": [["乙は、甲の承諾なしに、個人情報が記録された資料等を複写し、又は複製してはならない。"]],
    "purpose_limitation": [["乙は、個人情報を本業務以外の目的に使用し、又は第三者に提供してはならない。"]],
    "incident": [["乙は、個人情報の漏えい、滅失、き損その他の事故が発生し、又は発生するおそれがあることを知ったときは、"
                  "直ちに甲に報告し、その指示に従わなければならない。"]],
    "training": [["乙は、業務従事者に対し、在職中及び退職後においても業務上知り得た個人情報を漏らしてはならない"
                  "ことその他個人情報の保護に関し必要な事項を周知し、研修を行わなければならない。"]],
    "handlers": [["乙は、個人情報の取扱いに従事する者を指定し、その名簿を甲に届け出なければならない。"]],
    "damages": [["乙は、本特記事項に違反したことにより甲又は第三者に損害を与えたときは、その損害を賠償しなければならない。"]],
}
# Short agreements (and some others) carry a compact set of articles instead of the 2023 annex:
# one short provision per category, as many municipalities write them into the contract itself.
COMPACT = {
    "basic": ["乙は、この契約による業務を行うに当たっては、個人の権利利益を侵害することのないよう、個人情報を適正に"
              "取り扱わなければならない。"],
    "confidentiality": REWORDED["confidentiality"][0],
    "collection": ["乙は、業務を行うために個人情報を収集するときは、業務の目的を達成するために必要な範囲内で、適法かつ"
                   "公正な手段により収集しなければならない。"],
    "improper_use": ["乙は、違法又は不当な行為を助長し、又は誘発するおそれがある方法により個人情報を利用してはならない。"],
    "purpose_notice": ["乙は、本人から直接個人情報を取得するときは、あらかじめ本人に対しその利用目的を明示しなければ"
                       "ならない。"],
    "no_removal": ["乙は、甲の承諾なしに、個人情報が記録された資料等を甲の指定する場所以外に持ち出してはならない。"],
    "purpose_limitation": REWORDED["purpose_limitation"][0],
    "safekeeping": REWORDED["safekeeping"][0],
    "no_copying": REWORDED["no_copying"][0],
    "subcontracting": ["乙は、個人情報を取り扱う業務を第三者に委託してはならない。ただし、あらかじめ甲の書面による承諾を"
                       "得た場合は、この限りでない。",
                       "前項ただし書の場合、乙は、再委託先に本条に定める義務と同等の義務を負わせ、再委託先の行為について"
                       "連帯して責任を負うものとする。"],
    "complaints": ["乙は、個人情報の取扱いに関して苦情を受けたときは、速やかに甲に報告し、その指示に従って処理しなければ"
                   "ならない。"],
    "return_erasure": ["乙は、業務完了後直ちに、甲から提供を受けた個人情報が記録された資料等を甲に返還し、乙が作成した"
                       "複製物は消去し、その旨を書面で甲に報告しなければならない。"],
    "handlers": REWORDED["handlers"][0],
    "reporting": ["乙は、甲の求めがあったときは、個人情報の管理状況について報告しなければならない。"],
    "audit": ["甲は、必要があると認めるときは、乙の事業所に立ち入り、個人情報の管理状況を調査することができる。"],
    "training": REWORDED["training"][0],
    "incident": REWORDED["incident"][0],
    "publication": ["甲は、乙が本条の規定に違反したときは、その事実を公表することができる。"],
    "damages": REWORDED["damages"][0],
    "termination": ["甲は、乙が本条の規定に違反したときは、この契約を解除することができる。"],
}
# Weakened wording: (module, replacement items) — the check should report the category partial.
WEAKENED = {
    "confidentiality": [["乙は、業務に関して知り得た個人情報を第三者に漏らしてはならない。ただし、この契約が終了した後は、"
                         "この限りでない。"],
                        ["乙は、業務に関して知り得た個人情報を第三者に漏らしてはならない。この義務は、契約期間中に限り"
                         "効力を有する。"]],
    "subcontracting": [["乙は、個人情報を取り扱う業務を第三者に再委託する場合は、事後速やかに甲に報告するものとする。",
                        "前項の場合において、乙は、再委託先に本特記事項に定める義務を遵守させるものとする。"],
                       ["乙は、甲の承諾を要せず、個人情報を取り扱う業務を再委託することができる。",
                        "乙は、再委託先の全ての行為及びその結果について責任を負うものとする。"]],
    "audit": [["乙は、甲が乙に課した個人情報保護対策に基づき、乙が適正に業務を実施していることを甲の立入り調査等に"
               "より確認をうけるものとする。",
               "乙は、前項による確認を、3年に1回うけるものとする。"],
              ["乙は、業務に関する個人情報の管理状況について、年度当たり1回以上、自己点検を行い、その結果を甲に報告"
               "するものとし、当該自己点検をもって甲の監査に代えるものとする。"]],
    "return_erasure": [["乙は、業務を行うために甲から提供された個人情報が記録された資料等を、業務終了後、甲に返還し"
                        "なければならない。",
                        "乙は、個人情報を消去した場合でも、証明書等の提出は要しないものとする。"]],
}
# Categories never dropped: the agreement would not be one about personal information.
KEEP = {"basic", "confidentiality"}


class Doc:
    """One agreement: python-docx document plus its party words and a running character count."""

    def __init__(self, rng, style):
        self.rng = rng
        self.d = docx.Document()
        self.chars = 0
        self.muni_kind = "区"
        sec = self.d.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.left_margin = sec.right_margin = Mm(rng.choice([20, 25, 30]))
        sec.top_margin = sec.bottom_margin = Mm(rng.choice([20, 25]))
        normal = self.d.styles["Normal"]
        normal.font.size = Pt(rng.choice([10.5, 11]))
        normal.font.name = "Century"
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), rng.choice(["ＭＳ 明朝", "ＭＳ ゴシック"]))
        self.client, self.contractor = {"kouotsu": ("甲", "乙"), "itaku": ("委託者", "受託者"),
                                        "hatchu": ("発注者", "受注者")}[style]

    def fix(self, s):
        """Party words and the residents' word (区民等 → 市民等) of this agreement."""
        if self.muni_kind != "区":
            s = s.replace("区民等", self.muni_kind + "民等")
        return self.party(s)

    def party(self, s):
        if self.client == "甲":
            return s
        return s.replace("甲乙", self.client + "及び" + self.contractor).replace(
            "甲", self.client).replace("乙", self.contractor)

    def para(self, text, bold=False, center=False, indent=0, hanging=False, size=None):
        p = self.d.add_paragraph()
        run = p.add_run(text)
        if bold:
            run.bold = True
        if size:
            run.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if indent:
            p.paragraph_format.left_indent = Pt(10.5 * indent)
        if hanging:
            p.paragraph_format.first_line_indent = Pt(-10.5)
        self.chars += len(text)
        return p

    def page_break(self):
        self.d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(self, rows, widths=None, header=True):
        t = self.d.add_table(rows=0, cols=len(rows[0]))
        t.style = "Table Grid"
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        for r, row in enumerate(rows):
            cells = t.add_row().cells
            for c, value in enumerate(row):
                lines = value if isinstance(value, list) else [value]
                cells[c].paragraphs[0].add_run(lines[0]).bold = header and r == 0
                for line in lines[1:]:
                    cells[c].add_paragraph(line)
                self.chars += sum(len(x) for x in lines)
                if widths:
                    cells[c].width = Mm(widths[c])
        return t


KANJI = "〇一二三四五六七八九"


def kanji_number(n):
    if n < 10:
        return KANJI[n]
    tens, ones = divmod(n, 10)
    return (KANJI[tens] if tens > 1 else "") + "十" + (KANJI[ones] if ones else "")


def fullwidth(n):
    return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def render_parts(parts, params, ref):
    out = ""
    for p in parts:
        if isinstance(p, str):
            out += p
        elif p[0] == "param":
            out += params[p[1]]
        elif p[0] == "ref":
            out += ref(p[1])
    return out


def personal_info_groups(rng, order, modules, compact):
    """[[module, category, heading, [item parts]]] after dropping, rewording and weakening; plus
    what was done (for the corpus summary)."""
    groups = []
    for mid in order:
        cat, heading, items = modules[mid]
        if compact:
            if mid == "retention":  # one provision for category collection
                continue
            items = [[t] for t in COMPACT[cat]]
        groups.append([mid, cat, heading, items])
    done = "full"
    r = rng.random()
    if r < 0.25:  # one to four categories missing
        cats = sorted({g[1] for g in groups} - KEEP)
        drop = set(rng.sample(cats, rng.randint(1, 4)))
        groups = [g for g in groups if g[1] not in drop]
        done = "missing:" + ",".join(sorted(drop))
    elif r < 0.45:  # one or two weakened
        for mid in rng.sample(sorted(WEAKENED), rng.randint(1, 2)):
            for g in groups:
                if g[0] == mid:
                    g[3] = [[t] for t in rng.choice(WEAKENED[mid])]
        done = "weakened"
    if rng.random() < 0.4:  # other municipalities' wording for a few
        for cat in rng.sample(sorted(REWORDED), rng.randint(1, 3)):
            for g in groups:
                if g[1] == cat and g[0] != "retention" and done == "full" and not compact:
                    g[3] = [[t] for t in rng.choice(REWORDED[cat])]
    return groups, done


def write_agreement(path, i, seed, order, modules):
    rng = random.Random(seed * 1_000_003 + i)
    style = rng.choices(["kouotsu", "itaku", "hatchu"], [5, 3, 2])[0]
    layout = rng.choices(["articles", "annex", "annex_table", "annex_plain"], [35, 30, 20, 15])[0]
    doc = Doc(rng, style)
    muni, muni_kind = rng.choice(MUNICIPALITIES)
    doc.muni_kind = muni_kind
    company = rng.choice(COMPANY_FORMS).format(rng.choice(COMPANY_STEMS))
    work, work_kind, tasks = rng.choice(WORKS)
    year = rng.choice([5, 6, 7])
    # Aimed-at length; calibrated against LibreOffice's page count of the .docx (README).
    pages = rng.randint(3, 10)
    target_chars = pages * 780
    compact = pages <= 4 or rng.random() < 0.15
    params = {"municipality": muni, "privacy_council": muni + "情報公開・個人情報保護審議会",
              "ordinance": muni + "個人情報保護条例", "security_policy": muni + "情報セキュリティポリシー",
              "contractor": company, "contract_title": work}
    amount = rng.randrange(1_200_000, 98_000_000, 1_000)
    fill = {
        "work": work, "municipality": muni, "place": rng.choice([muni + "役所本庁舎", "乙の事業所（甲が承認した場所）",
                                                                muni + "役所第二庁舎及び各出張所", "甲が指定する場所"]),
        "period": f"令和{year}年4月1日から令和{year + 1}年3月31日まで",
        "amount": f"{amount:,}", "tax": f"{amount // 11:,}", "monthly": f"{amount // 12:,}",
        "days": rng.choice([10, 14, 30]), "day": rng.choice([5, 7, 10]), "months": rng.choice([6, 12]),
        "rate": rng.choice(["2.5", "3.0", "2.7"]), "penalty": rng.choice([1, 2]),
        "days_of_week": rng.choice(["月曜日から金曜日まで", "開庁日", "月曜日から土曜日まで"]),
        "start_h": rng.choice([8, 9]), "start_m": rng.choice(["00", "30"]), "end_h": rng.choice([5, 6]),
        "rule_art": rng.randint(20, 45), "rule_item": rng.randint(1, 4), "inspect_art": 0,
        "court": rng.choice(["東京地方裁判所", "横浜地方裁判所", "さいたま地方裁判所", "千葉地方裁判所"]),
    }
    client, contractor = doc.client, doc.contractor

    # Title and preamble.
    doc.para(work + "委託契約書", bold=True, center=True, size=14)
    doc.para("")
    doc.para(f"{muni}（以下「{client}」という。）と{company}（以下「{contractor}」という。）とは、"
             f"{work}の委託について、次のとおり契約を締結する。", indent=0)
    pi_groups, done = personal_info_groups(rng, order, modules, compact)

    # General articles: the fixed ones and a random selection of the others, in the usual order.
    names = [g[0] for g in GENERAL]
    middle = [n for n in names if n not in FIRST and n not in LAST]
    art_no = [0]
    # How articles show their headings: 第N条（見出し）text, a heading line above 第N条, or
    # 第N条　見出し on a line of its own with the text below; mixed in some agreements.
    article_style = rng.choices(["inline", "above", "title_line", "mixed"], [4, 3, 1, 2])[0]
    kanji_articles = rng.random() < 0.2
    bracket = rng.choice(["（）", "（）", "【】"])

    def article_label(n):
        return "第" + (kanji_number(n) if kanji_articles else str(n)) + "条"

    def write_article(heading, items):
        """items: the article's paragraphs; (1)/ア lines are sub-items, the others numbered 2, 3, …"""
        art_no[0] += 1
        label = article_label(art_no[0])
        heading = doc.fix(heading)
        first = doc.fix(items[0])
        how = article_style if article_style != "mixed" else rng.choice(["inline", "above"])
        if how == "inline":
            doc.para(f"{label}{bracket[0]}{heading}{bracket[1]}　{first}", hanging=True)
        elif how == "above":
            doc.para(f"{bracket[0]}{heading}{bracket[1]}")
            doc.para(f"{label}　{first}", hanging=True)
        else:
            doc.para(f"{label}　{heading}", bold=True)
            doc.para(first, indent=1)
        k = 1
        for text in items[1:]:
            text = doc.fix(text)
            if text[0] in "(（アイウエ":
                doc.para(text, indent=1)
            else:
                k += 1
                doc.para(rng.choice([str(k), fullwidth(k)]) + "　" + text, hanging=True)

    def fmt(t):
        return t.format(**fill)

    pi_part_chars = sum(len(render_parts(it, params, lambda r: "第2項")) for g in pi_groups for it in g[3])
    spec_min = 700
    budget = max(0, target_chars - pi_part_chars - spec_min - 1000)
    chosen_middle = []
    for n in rng.sample(middle, len(middle)):
        if budget <= 0:
            break
        items = dict(GENERAL)[n]
        chosen_middle.append(n)
        budget -= sum(len(fmt(t)) for t in items) + 10
    sequence = FIRST + [n for n in middle if n in chosen_middle] + LAST
    if "検査" in sequence:
        fill["inspect_art"] = sequence.index("検査") + 1
    else:
        fill["inspect_art"] = sequence.index("支払") + 1

    # Where the personal-information provisions go.
    if layout == "articles":
        pi_at = sequence.index("協議")
    else:
        pi_at = len(sequence) - 2
    for pos, n in enumerate(sequence):
        if pos == pi_at:
            if layout == "articles":
                write_pi_articles(doc, rng, pi_groups, params, write_article)
            else:
                write_article("個人情報の保護", [f"乙は、この契約による業務を処理するための個人情報の取扱いについては、"
                                                f"別記「個人情報取扱特記事項」を守らなければならない。"])
        write_article(n, [fmt(t) for t in dict(GENERAL)[n]])

    doc.para("この契約の締結を証するため、本書2通を作成し、" + doc.party("甲乙") + "記名押印の上、各自1通を保有する。")
    doc.para(f"令和{year}年{rng.randint(1, 3)}月{rng.randint(1, 28)}日", indent=1)
    doc.para(f"{client}　住所　{muni}" + rng.choice(["一丁目1番1号", "中央二丁目3番5号", "本町1番地"]), indent=4)
    doc.para(f"氏名　{muni}長　" + rng.choice(["山田　太郎", "佐藤　花子", "鈴木　一郎", "高橋　健"]), indent=6)
    doc.para(f"{contractor}　住所　東京都" + rng.choice(["千代田区丸の内一丁目1番1号", "港区芝五丁目7番1号",
                                                   "中央区日本橋二丁目1番3号"]), indent=4)
    doc.para(f"氏名　{company}　代表取締役　" + rng.choice(["田中　誠", "伊藤　直樹", "渡辺　裕子"]), indent=6)

    if layout != "articles":
        if pages >= 5:
            doc.page_break()
        write_pi_annex(doc, rng, pi_groups, params, layout)

    if pages >= 4:
        doc.page_break()
    write_spec(doc, rng, work, work_kind, tasks, fill, target_chars)
    doc.d.core_properties.title = work + "委託契約書"
    doc.d.save(path)
    return layout + ("/compact" if compact else ""), style, done, pages, doc.chars


def numbered_items(pi_groups, params):
    """Assigns annex item numbers: [(group, [(n, text, [sub lines])])] with refs printed."""
    number = {}
    n = 0
    for g in pi_groups:
        for k in range(len(g[3])):
            n += 1
            number[f"{g[0]}.{k + 1}"] = n

    def ref(to):
        return f"第{number[to]}項" if to in number else "前項"

    out = []
    for g in pi_groups:
        items = []
        for k, item in enumerate(g[3]):
            text = render_parts([p for p in item if not (isinstance(p, tuple) and p[0] == "sub")], params, ref)
            subs = [p[1] + "　" + render_parts(p[2], params, ref) for p in item
                    if isinstance(p, tuple) and p[0] == "sub"]
            items.append((number[f"{g[0]}.{k + 1}"], text, subs))
        out.append((g, items))
    return out


def write_pi_articles(doc, rng, pi_groups, params, write_article):
    """The provisions as articles of the main contract, one per group, items numbered within."""
    if rng.random() < 0.5:
        doc.para("第" + rng.choice(["2", "3", "4"]) + "章　個人情報の保護", bold=True)
    for g in pi_groups:
        def ref(to, g=g):
            return f"第{to.split('.')[1]}項" if to.startswith(g[0] + ".") else "前条"

        texts = []
        for item in g[3]:
            texts.append(render_parts([p for p in item if not (isinstance(p, tuple) and p[0] == "sub")],
                                      params, ref))
            for p in item:
                if isinstance(p, tuple) and p[0] == "sub":
                    texts.append(p[1] + "　" + render_parts(p[2], params, ref))
        write_article(g[2], texts)


def write_pi_annex(doc, rng, pi_groups, params, layout):
    doc.para("別記", indent=0)
    doc.para("個人情報取扱特記事項", bold=True, center=True, size=12)
    number_style = rng.choice(["ascii", "full", "dot"])

    def num(n):
        return {"ascii": f"{n}　", "full": fullwidth(n) + "　", "dot": f"{n}. "}[number_style]

    fix = doc.fix
    groups = numbered_items(pi_groups, params)
    if layout == "annex_table":
        rows = [["項目", "内容"]]
        for g, items in groups:
            lines = []
            for n, text, subs in items:
                lines.append(num(n) + fix(text))
                lines.extend(fix(s) for s in subs)
            rows.append([f"（{g[2]}）", lines])
        doc.table(rows, widths=[40, 125])
        return
    for g, items in groups:
        if layout == "annex":
            doc.para(f"（{g[2]}）")
        for n, text, subs in items:
            doc.para(num(n) + fix(text), hanging=True)
            for s in subs:
                doc.para(fix(s), indent=1)


SPEC_PHRASES = [
    "業務の実施に当たっては、関係法令及び{muni}の規程を遵守し、正確かつ迅速に処理すること。",
    "作業に必要な機器及び消耗品は、仕様書に特段の定めのある場合を除き、受託者の負担で用意すること。",
    "業務の手順書を作成し、業務開始前に委託者の確認を受けること。手順書を変更する場合も同様とする。",
    "繁忙期においては、処理件数に応じて適切に人員を配置し、処理の遅延が生じないようにすること。",
    "処理件数、処理時間その他の業務実績を日ごとに記録し、月次の業務実施報告書に添付すること。",
    "業務の実施に関して疑義が生じた場合は、速やかに委託者の担当職員と協議し、その指示を受けること。",
    "業務従事者には名札を着用させ、来庁者に対して丁寧かつ適切な応対を行うこと。",
    "委託者が実施する研修及び説明会に業務責任者を出席させ、その内容を業務従事者に周知すること。",
    "作業の品質を確保するため、二重チェックその他の検証手順を定め、その結果を記録すること。",
    "業務の終了時には、委託者から貸与を受けた物品の員数を確認し、委託者に引き渡すこと。",
    "システムの障害その他の事由により業務の継続が困難となった場合は、代替手段により業務を継続すること。",
    "納品物は、委託者が指定する形式の電子媒体により、指定された期日までに納品すること。",
]


def write_spec(doc, rng, work, work_kind, tasks, fill, target_chars):
    doc.para("仕様書", bold=True, center=True, size=12)
    doc.para("1　件名", bold=True)
    doc.para(work, indent=1)
    doc.para("2　履行期間", bold=True)
    doc.para(fill["period"], indent=1)
    doc.para("3　履行場所", bold=True)
    doc.para(doc.fix(fill["place"]), indent=1)
    doc.para("4　業務内容", bold=True)
    rows = [["作業項目", "内容", "頻度・時期"]]
    for t in tasks:
        rows.append([t, f"{t}を{rng.choice(['正確に', '迅速に', '手順書に従い', '委託者の指示に従い'])}行う。"
                        + rng.choice(["", "処理結果は日報に記録する。", "件数を集計し報告する。",
                                      "誤りがあった場合は直ちに修正する。"]),
                     rng.choice(FREQUENCIES)])
    doc.table(rows, widths=[40, 95, 30])
    section = 5
    doc.para(f"{section}　実施体制", bold=True)
    rows = [["役割", "人数", "要件"],
            ["業務責任者", "1名", f"{work_kind}業務の経験を{rng.randint(2, 5)}年以上有する者"],
            ["副責任者", "1名", "業務責任者を補佐し、不在時にその職務を代行する者"],
            ["業務従事者", f"{rng.randint(3, 25)}名", "業務に必要な研修を修了した者"]]
    doc.table(rows, widths=[35, 20, 110])
    # Padding to the agreement's length: further sections of requirements and a schedule.
    titles = ["業務の実施方法", "品質管理", "報告及び提出書類", "業務の引継ぎ", "その他留意事項", "作業スケジュール",
              "提出書類一覧"]
    k = 0
    while doc.chars < target_chars:
        section += 1
        title = titles[k % len(titles)]
        k += 1
        doc.para(f"{section}　{title}", bold=True)
        if title == "作業スケジュール":
            rows = [["時期", "作業内容", "備考"]]
            for m in [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]:
                rows.append([f"{m}月", "、".join(rng.sample(tasks, 2)), rng.choice(["", "繁忙期", "報告書提出", "研修"])])
            doc.table(rows, widths=[20, 105, 40])
        elif title == "提出書類一覧":
            rows = [["書類名", "提出時期", "部数"]]
            for name in ["業務計画書", "業務従事者名簿", "業務手順書", "業務実施報告書", "業務完了報告書"]:
                rows.append([name, rng.choice(["契約締結後14日以内", "毎月10日まで", "業務完了後速やかに",
                                               "変更の都度"]), f"{rng.randint(1, 2)}部"])
            doc.table(rows, widths=[60, 70, 35])
        else:
            for j, phrase in enumerate(rng.sample(SPEC_PHRASES, rng.randint(4, 8))):
                doc.para(f"（{j + 1}）　" + phrase.format(muni=fill["municipality"]), indent=1, hanging=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--seed", type=int, default=20231)
    ap.add_argument("--clauses", default=os.path.join(ROOT, "clauses"))
    ap.add_argument("--summary", help="also write one line per file: name, layout, party words, provisions, chars")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    order, modules = load_modules(a.clauses)
    lines = []
    for i in range(a.start + 1, a.start + a.count + 1):
        name = f"agreement-{i:05d}.docx"
        layout, style, done, pages, chars = write_agreement(os.path.join(a.out, name), i, a.seed, order,
                                                            modules)
        lines.append(f"{name}\t{layout}\t{style}\t{done}\t{pages}\t{chars}\n")
    if a.summary:
        with open(a.summary, "w", encoding="utf-8") as f:
            f.writelines(lines)


if __name__ == "__main__":
    sys.exit(main())
