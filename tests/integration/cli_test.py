#!/usr/bin/python3
"""Whole-program tests of the tokki command line (assemble, batch, clauses).

Usage: cli_test.py TOKKI_BINARY SOURCE_DIR [unittest options]
   or: TOKKI_BIN=... TOKKI_SOURCE_DIR=... cli_test.py

Runs the real binary in temporary directories and checks its outputs against DESIGN.md
(/work/shared/DESIGN.md): JSON shape, edition choice, numbering and cross-references, parameters,
error handling (exit 2, one line on stderr, no output file left behind), determinism, --batch,
renumbering with modified copies of the clause library, and `tokki clauses`.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

TOKKI = None
SOURCE_DIR = None

SETS = ["--set", "contractor=株式会社サンプル", "--set", "contract_title=テスト業務"]
TYPES = ["outsourcing", "system-development", "service-operation", "subcontract"]
DATES = ["2017-09-13", "2020-02-01", "2023-03-31", "2023-04-01"]
EDITION_OF = {"2017-09-13": "2017", "2020-02-01": "2020", "2023-03-31": "2020",
              "2023-04-01": "2023"}
COUNT_OF = {"2017": 19, "2020": 21, "2023": 31}
SUBCONTRACT_FROM = "2023-04-01"


def run(args, env=None, timeout=60):
    """Runs tokki with args; returns (returncode, stdout bytes, stderr str)."""
    full_env = dict(os.environ)
    if env:
        full_env.update(env)
    p = subprocess.run([TOKKI] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=timeout, env=full_env)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def type_sets(type_):
    extra = ["--set", "subcontractor=丙株式会社"] if type_ == "subcontract" else []
    return SETS + extra


def allowed(type_, date):
    return type_ != "subcontract" or date >= SUBCONTRACT_FROM


class TokkiTestCase(unittest.TestCase):
    maxDiff = 4000

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="tokki-cli-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)

    def ok(self, args, **kw):
        rc, out, err = run(args, **kw)
        self.assertEqual(rc, 0, "tokki %s\nexit %d, stderr: %s" % (" ".join(args), rc, err))
        return out

    def assemble(self, type_, date, fmt="json", extra=(), library=None, sets=None):
        args = []
        if library:
            args += ["--library", library]
        args += ["assemble", "--type", type_, "--date", date]
        args += list(type_sets(type_) if sets is None else sets) + list(extra)
        args += ["--format", fmt, "-o", "-"]
        out = self.ok(args)
        return json.loads(out.decode("utf-8")) if fmt == "json" else out

    def text(self, type_, date, fmt="txt", **kw):
        return self.assemble(type_, date, fmt=fmt, **kw).decode("utf-8")

    def assert_one_line(self, err):
        self.assertTrue(err.endswith("\n") and err.count("\n") == 1,
                        "expected exactly one line on stderr, got: %r" % err)

    def assert_fails(self, args, out_name="out.docx", message=None, startswith=None,
                     regex=None):
        """Runs a failing assemble into a fresh directory: exit 2, one stderr line, no files."""
        d = tempfile.mkdtemp(dir=self.tmp)
        out = os.path.join(d, out_name)
        rc, stdout, err = run(list(args) + ["-o", out])
        self.assertEqual(rc, 2, "tokki %s: expected exit 2, got %d (stderr %r)" %
                         (" ".join(args), rc, err))
        self.assert_one_line(err)
        self.assertEqual(stdout, b"", "nothing on stdout expected")
        self.assertFalse(os.path.exists(out), "output file left behind: " + out)
        self.assertEqual(os.listdir(d), [], "files left in the output directory")
        line = err.rstrip("\n")
        if message is not None:
            self.assertEqual(line, message)
        if startswith is not None:
            self.assertTrue(line.startswith(startswith), "%r does not start with %r" %
                            (line, startswith))
        if regex is not None:
            self.assertRegex(line, regex)
        return line


# ---------------------------------------------------------------------------------------------
class EditionsTest(TokkiTestCase):
    def test_json_shape_for_every_date_and_type(self):
        for date in DATES:
            for type_ in TYPES:
                if not allowed(type_, date):
                    continue
                with self.subTest(date=date, type=type_):
                    j = self.assemble(type_, date)
                    for key in ("type", "date", "edition", "items"):
                        self.assertIn(key, j)
                    self.assertEqual(j["type"], type_)
                    self.assertEqual(j["date"], date)
                    self.assertEqual(j["edition"], EDITION_OF[date])
                    items = j["items"]
                    self.assertIsInstance(items, list)
                    expected = COUNT_OF[j["edition"]]
                    self.assertEqual(len(items), expected)
                    self.assertEqual([it["n"] for it in items], list(range(1, expected + 1)))
                    self.assertIsInstance(items[0]["heading"], str, "first item needs a heading")
                    for it in items:
                        self.assertIsInstance(it["n"], int)
                        self.assertIn("heading", it)
                        self.assertTrue(it["heading"] is None or
                                        (isinstance(it["heading"], str) and it["heading"]))
                        self.assertIsInstance(it["text"], str)
                        self.assertTrue(it["text"].strip())
                        # Parameters and references are all resolved.
                        for marker in ("{", "}", "<ref", "<param", "<range"):
                            self.assertNotIn(marker, it["text"], "item %d" % it["n"])

    def test_outsourcing_counts(self):
        for date, count in (("2017-09-13", 19), ("2020-02-01", 21), ("2023-03-31", 21),
                            ("2023-04-01", 31)):
            with self.subTest(date=date):
                self.assertEqual(len(self.assemble("outsourcing", date)["items"]), count)

    def test_edition_boundaries(self):
        for date, edition in (("2017-07-01", "2017"), ("2020-01-31", "2017"),
                              ("2020-02-01", "2020"), ("2023-03-31", "2020"),
                              ("2023-04-01", "2023"), ("2030-12-31", "2023")):
            with self.subTest(date=date):
                self.assertEqual(self.assemble("outsourcing", date)["edition"], edition)

    def test_types_share_the_annex(self):
        # system-development and service-operation print the same items as outsourcing.
        for date in ("2017-09-13", "2020-02-01", "2023-04-01"):
            base = self.assemble("outsourcing", date)["items"]
            for type_ in ("system-development", "service-operation"):
                with self.subTest(date=date, type=type_):
                    items = self.assemble(type_, date)["items"]
                    self.assertEqual([(i["n"], i["heading"], i["text"]) for i in items],
                                     [(i["n"], i["heading"], i["text"]) for i in base])


class CrossReferenceTest(TokkiTestCase):
    def items(self, date, type_="outsourcing", **kw):
        return {it["n"]: it for it in self.assemble(type_, date, **kw)["items"]}

    def test_2017_damages_range(self):
        items = self.items("2017-09-13")
        self.assertIn("第1項から第17項まで", items[19]["text"])
        self.assertEqual(items[19]["heading"], "損害の賠償")

    def test_2020_damages_range_and_audit_ref(self):
        for date in ("2020-02-01", "2023-03-31"):
            with self.subTest(date=date):
                items = self.items(date)
                self.assertIn("第1項から第19項まで", items[21]["text"])
                self.assertTrue(items[17]["text"].startswith("乙は、第15項による"),
                                items[17]["text"])

    def test_2023_subcontracting_refs(self):
        items = self.items("2023-04-01")
        for n in range(14, 19):
            self.assertIn("第12項", items[n]["text"], "item %d" % n)
        self.assertTrue(items[13]["text"].startswith("前項の場合において"))

    def test_subcontract_states_the_whole_annex(self):
        # 2023 item 16: the subcontract states the annex's provisions.
        items = self.items("2023-04-01", type_="subcontract")
        self.assertEqual(items, self.items("2023-04-01"))
        self.assertIn("年度当たり1回以上", items[18]["text"])

    def test_null_headings_for_continuing_items(self):
        items = self.items("2023-04-01")
        self.assertEqual(items[11]["heading"], "再委託等の禁止")
        for n in range(12, 19):
            self.assertIsNone(items[n]["heading"], "2023 item %d" % n)
        self.assertIsNotNone(items[19]["heading"])
        items = self.items("2020-02-01")
        self.assertEqual(items[15]["heading"], "監査等")
        self.assertIsNone(items[16]["heading"])
        self.assertIsNone(items[17]["heading"])
        self.assertIsNotNone(items[18]["heading"])

    def test_txt_prints_numbers_and_headings(self):
        txt = self.text("outsourcing", "2020-02-01")
        self.assertIn("（監査等）\n15 ", txt)
        self.assertIn("\n16 前項による確認は、", txt)
        self.assertIn("\n21 乙は、第1項から第19項までに掲げる事項", txt)


class DateFormTest(TokkiTestCase):
    def check(self, text, iso, edition):
        j = self.assemble("outsourcing", text)
        self.assertEqual((j["date"], j["edition"]), (iso, edition), "date %s" % text)

    def test_era_and_short_forms(self):
        for text, iso, edition in (("令和5年4月1日", "2023-04-01", "2023"),
                                   ("R5.4.1", "2023-04-01", "2023"),
                                   ("平成29年9月13日", "2017-09-13", "2017"),
                                   ("令和2年2月1日", "2020-02-01", "2020"),
                                   ("H29.9.13", "2017-09-13", "2017")):
            with self.subTest(date=text):
                self.check(text, iso, edition)

    def test_gannen(self):
        # 元年 is how the first year of an era is written (令和元年 = 2019).
        self.check("令和元年5月1日", "2019-05-01", "2017")

    def test_era_year_in_kanji_numerals(self):
        # Kanji numerals in the year are accepted for 二 and 五 ...; they must be for all.
        for text, iso, edition in (("令和五年四月一日", "2023-04-01", "2023"),
                                   ("令和四年四月一日", "2022-04-01", "2020"),
                                   ("平成三十年四月一日", "2018-04-01", "2017")):
            with self.subTest(date=text):
                self.check(text, iso, edition)

    def test_txt_prints_era_date(self):
        self.assertIn("契約日：令和5年4月1日", self.text("outsourcing", "2023-04-01"))
        self.assertIn("契約日：令和5年4月1日", self.text("outsourcing", "R5.4.1"))
        self.assertIn("契約日：平成29年9月13日", self.text("outsourcing", "2017-09-13"))

    def test_same_output_for_equivalent_dates(self):
        a = self.assemble("outsourcing", "2023-04-01", fmt="docx")
        b = self.assemble("outsourcing", "令和5年4月1日", fmt="docx")
        self.assertEqual(a, b)


class ParameterTest(TokkiTestCase):
    def test_contractor_and_title_in_txt_and_html(self):
        for fmt in ("txt", "html"):
            with self.subTest(fmt=fmt):
                out = self.text("outsourcing", "2023-04-01", fmt=fmt)
                self.assertIn("株式会社サンプル", out)
                self.assertIn("テスト業務", out)
        txt = self.text("outsourcing", "2023-04-01")
        self.assertIn("契約件名：テスト業務", txt)
        self.assertIn("受託者（乙）：株式会社サンプル", txt)
        self.assertIn("委託者（甲）：新宿区", txt)

    def test_html_escapes_parameters(self):
        sets = ["--set", "contractor=株式会社<A&B>", "--set", "contract_title=業務\"x\""]
        html = self.text("outsourcing", "2023-04-01", fmt="html", sets=sets)
        self.assertIn("株式会社&lt;A&amp;B&gt;", html)
        self.assertNotIn("<A&B>", html)

    def test_json_parameters(self):
        j = self.assemble("outsourcing", "2023-04-01")
        self.assertEqual(j["parameters"]["contractor"], "株式会社サンプル")
        self.assertEqual(j["parameters"]["contract_title"], "テスト業務")

    def test_ordinance_default_and_override(self):
        items = {i["n"]: i for i in self.assemble("outsourcing", "2020-02-01")["items"]}
        self.assertIn("新宿区個人情報保護条例", items[18]["text"])
        override = ["--set", "ordinance=杉並区個人情報保護条例"]
        for date, n in (("2020-02-01", 18), ("2017-09-13", 16)):
            with self.subTest(date=date):
                j = self.assemble("outsourcing", date, extra=override)
                items = {i["n"]: i for i in j["items"]}
                self.assertIn("杉並区個人情報保護条例", items[n]["text"])
                self.assertNotIn("新宿区個人情報保護条例", json.dumps(j["items"],
                                                                 ensure_ascii=False))
                txt = self.text("outsourcing", date, extra=override)
                self.assertIn("杉並区個人情報保護条例", txt)
                self.assertNotIn("新宿区個人情報保護条例", txt)

    def test_2023_names_the_act(self):
        for extra in ((), ("--set", "ordinance=杉並区個人情報保護条例")):
            with self.subTest(extra=extra):
                items = {i["n"]: i for i in
                         self.assemble("outsourcing", "2023-04-01", extra=extra)["items"]}
                self.assertIn("個人情報の保護に関する法律", items[26]["text"])
                self.assertEqual(items[26]["heading"], "従事者に対する教育")
                self.assertNotIn("条例", items[26]["text"])

    def test_municipality_override(self):
        txt = self.text("outsourcing", "2023-04-01", extra=["--set", "municipality=杉並区"])
        self.assertIn("委託者（甲）：杉並区", txt)

    def test_subcontractor_printed(self):
        txt = self.text("subcontract", "2023-04-01")
        self.assertIn("丙株式会社", txt)
        self.assertIn("再委託等先に遵守させる事項", txt)


class MeasuresTest(TokkiTestCase):
    NS = "{urn:tokki:clauses:1}"

    def data_groups(self, set_id, edition):
        """(title, item count) of each group of the measures version in force, from the XML."""
        root = ET.parse(os.path.join(SOURCE_DIR, "clauses", "measures", set_id + ".xml")).getroot()
        for version in root.findall(self.NS + "version"):
            if edition in version.get("editions").split():
                return root.get("title"), [(g.get("title") or "", len(g.findall(self.NS + "item")))
                                           for g in version.findall(self.NS + "group")]
        self.fail("no %s measures for edition %s" % (set_id, edition))

    def test_measures_present_only_where_typed(self):
        seen = {}
        for type_ in ("system-development", "service-operation"):
            for date in ("2017-09-13", "2020-02-01", "2023-04-01"):
                with self.subTest(type=type_, date=date):
                    j = self.assemble(type_, date)
                    self.assertIn("measures", j)
                    m = j["measures"]
                    title, groups = self.data_groups(type_, j["edition"])
                    self.assertEqual(m["title"], title)
                    self.assertIsInstance(m["groups"], list)
                    self.assertEqual([(g["title"] or "", len(g["items"])) for g in m["groups"]],
                                     groups)
                    for g in m["groups"]:
                        for item in g["items"]:
                            self.assertIsInstance(item, str)
                            self.assertTrue(item.strip())
                            for marker in ("{", "}", "<param"):
                                self.assertNotIn(marker, item)
                    seen[type_] = m
                    # The printed views carry the measures too.
                    txt = self.text(type_, date)
                    self.assertIn(m["title"], txt)
                    for g in m["groups"]:
                        for item in g["items"]:
                            self.assertIn(item, txt)
                    html = self.text(type_, date, fmt="html")
                    self.assertIn(m["groups"][-1]["items"][-1], html)
        self.assertNotEqual(seen["system-development"]["groups"],
                            seen["service-operation"]["groups"])
        # security_policy is a parameter of the 2023 service-operation measures.
        j = self.assemble("service-operation", "2023-04-01",
                          extra=["--set", "security_policy=杉並区情報セキュリティポリシー"])
        self.assertIn("杉並区情報セキュリティポリシー", j["measures"]["groups"][0]["items"][0])
        for type_, date in (("outsourcing", "2017-09-13"), ("outsourcing", "2020-02-01"),
                            ("outsourcing", "2023-04-01"), ("subcontract", "2023-04-01")):
            with self.subTest(type=type_, date=date):
                j = self.assemble(type_, date)
                self.assertNotIn("measures", j)
                self.assertNotIn(seen["system-development"]["title"],
                                 self.text(type_, date))


# ---------------------------------------------------------------------------------------------
class BadInputTest(TokkiTestCase):
    def base(self, type_="outsourcing", date="2023-04-01", sets=None, fmt=None):
        args = ["assemble", "--type", type_, "--date", date] + list(SETS if sets is None else sets)
        if fmt:
            args += ["--format", fmt]
        return args

    def test_unknown_type(self):
        self.assert_fails(self.base(type_="nosuch"),
                          startswith="tokki assemble: type: 「nosuch」")

    def test_impossible_dates(self):
        for date in ("2023-02-30", "平成31年5月1日", "2023-13-01", "令和5年2月30日"):
            for out_name in ("out.docx", "out.json"):
                with self.subTest(date=date, out=out_name):
                    line = self.assert_fails(self.base(date=date), out_name=out_name,
                                             startswith="tokki assemble: --date: ")
                    self.assertIn(date, line)

    def test_date_before_earliest_edition(self):
        self.assert_fails(
            self.base(date="2017-06-30"),
            message="tokki assemble: date: 2017-06-30（平成29年6月30日）に施行中の特記事項の版は"
                    "ありません。最も古い版（2017）は2017-07-01（平成29年7月1日）からです")

    def test_subcontract_before_2023(self):
        msg = ("tokki assemble: date: 再委託契約の特記事項は令和5年4月1日以降の契約日に限り作成"
               "できます（それより前の版は第10項で再委託を一切禁止しています）")
        for date in ("2023-03-31", "2020-02-01", "2017-09-13"):
            with self.subTest(date=date):
                self.assert_fails(self.base(type_="subcontract", date=date,
                                            sets=type_sets("subcontract")), message=msg)

    def test_missing_required_parameter(self):
        self.assert_fails(
            self.base(sets=["--set", "contract_title=テスト業務"]),
            message="tokki assemble: contractor: 必須のパラメータ（受託者（乙））がありません")
        self.assert_fails(self.base(type_="subcontract"),
                          startswith="tokki assemble: subcontractor: ")

    def test_unknown_set_key(self):
        self.assert_fails(self.base(sets=SETS + ["--set", "nosuchkey=1"]),
                          startswith="tokki assemble: nosuchkey: ")

    def test_malformed_set(self):
        self.assert_fails(self.base(sets=SETS + ["--set", "novalue"]),
                          startswith="tokki assemble: --set: ")

    def test_bad_format(self):
        line = self.assert_fails(self.base(fmt="pdf"), out_name="out.pdf",
                                 startswith="tokki assemble: --format: ")
        self.assertIn("pdf", line)

    def test_unknown_option(self):
        self.assert_fails(self.base() + ["--nosuch-option"], startswith="tokki")

    def test_missing_output_option(self):
        rc, out, err = run(self.base())
        self.assertEqual(rc, 2)
        self.assert_one_line(err)
        self.assertEqual(out, b"")

    def test_failure_to_stdout_writes_nothing(self):
        rc, out, err = run(self.base(date="2023-02-30") + ["-o", "-"])
        self.assertEqual(rc, 2)
        self.assertEqual(out, b"")
        self.assert_one_line(err)

    def test_existing_output_left_unchanged(self):
        d = tempfile.mkdtemp(dir=self.tmp)
        for name, bad in (("out.docx", self.base(date="2023-02-30")),
                          ("out.json", self.base(type_="nosuch", fmt="json")),
                          ("out.txt", self.base(sets=["--set", "contract_title=x"], fmt="txt"))):
            with self.subTest(name=name):
                path = os.path.join(d, name)
                with open(path, "wb") as f:
                    f.write(b"precious contents\n")
                rc, _, err = run(bad + ["-o", path])
                self.assertEqual(rc, 2)
                self.assert_one_line(err)
                with open(path, "rb") as f:
                    self.assertEqual(f.read(), b"precious contents\n")
        self.assertEqual(sorted(os.listdir(d)), ["out.docx", "out.json", "out.txt"])

    def test_unwritable_output(self):
        d = tempfile.mkdtemp(dir=self.tmp)
        os.mkdir(os.path.join(d, "adir"))
        for out in (os.path.join(d, "adir"), os.path.join(d, "nodir", "x.docx")):
            with self.subTest(out=out):
                rc, stdout, err = run(self.base() + ["-o", out])
                self.assertEqual(rc, 2, err)
                self.assert_one_line(err)
                self.assertIn(out, err)
                self.assertEqual(sorted(os.listdir(d)), ["adir"], "temporary files left")
                self.assertEqual(os.listdir(os.path.join(d, "adir")), [])

    # -- broken clause libraries ------------------------------------------------------------
    def copy_library(self):
        lib = os.path.join(tempfile.mkdtemp(dir=self.tmp), "clauses")
        shutil.copytree(os.path.join(SOURCE_DIR, "clauses"), lib)
        return lib

    def test_library_schema_error_names_file_and_line(self):
        lib = self.copy_library()
        path = os.path.join(lib, "modules", "audit.xml")
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        idx = next(i for i, l in enumerate(lines) if "<heading>監査等</heading>" in l)
        lines.insert(idx + 1, "    <bogus/>")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        bad_line = idx + 2
        for args in (self.base(), self.base(type_="system-development", fmt="json")):
            with self.subTest(args=args):
                line = self.assert_fails(["--library", lib] + args)
                self.assertTrue(line.startswith("tokki assemble: %s:%d: schema:" %
                                                (path, bad_line)), line)
        rc, out, err = run(["--library", lib, "clauses", "list"])
        self.assertEqual(rc, 2)
        self.assert_one_line(err)
        self.assertIn("%s:%d: schema:" % (path, bad_line), err)

    def test_library_unknown_reference_target(self):
        lib = self.copy_library()
        path = os.path.join(lib, "modules", "audit.xml")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        self.assertEqual(text.count('<ref to="audit.1"/>'), 1)
        ref_line = text[:text.index('<ref to="audit.1"/>')].count("\n") + 1
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace('<ref to="audit.1"/>', '<ref to="nosuch.1"/>'))
        line = self.assert_fails(["--library", lib] + self.base())
        self.assertEqual(line, "tokki assemble: %s:%d: unknown reference target 'nosuch.1'" %
                         (path, ref_line))
        # A target inside an existing module that has no such item.
        with open(path, "w", encoding="utf-8") as f:
            f.write(text.replace('<ref to="audit.1"/>', '<ref to="audit.9"/>'))
        line = self.assert_fails(["--library", lib] + self.base(date="2020-02-01"))
        self.assertRegex(line, r"^tokki assemble: %s:%d: unknown reference target 'audit\.9'" %
                         (re.escape(path), ref_line))

    def test_library_not_well_formed(self):
        lib = self.copy_library()
        path = os.path.join(lib, "modules", "damages.xml")
        with open(path, "a", encoding="utf-8") as f:
            f.write("<oops")
        self.assert_fails(["--library", lib] + self.base(),
                          startswith="tokki assemble: %s:" % path)

    def test_missing_library_dir(self):
        self.assert_fails(["--library", os.path.join(self.tmp, "nowhere")] + self.base(),
                          startswith="tokki assemble: ")


# ---------------------------------------------------------------------------------------------
class DeterminismTest(TokkiTestCase):
    def test_identical_bytes(self):
        for fmt in ("docx", "html", "json", "txt"):
            for type_, date in (("outsourcing", "2023-04-01"), ("system-development", "2020-02-01"),
                                ("subcontract", "2023-04-01")):
                with self.subTest(fmt=fmt, type=type_):
                    paths = []
                    for i, tz in enumerate(("UTC", "Pacific/Kiritimati")):
                        p = os.path.join(self.tmp, "%s-%s-%d.%s" % (type_, date, i, fmt))
                        rc, _, err = run(["assemble", "--type", type_, "--date", date] +
                                         type_sets(type_) + ["--format", fmt, "-o", p],
                                         env={"TZ": tz})
                        self.assertEqual(rc, 0, err)
                        paths.append(p)
                    with open(paths[0], "rb") as a, open(paths[1], "rb") as b:
                        da, db = a.read(), b.read()
                    self.assertGreater(len(da), 100)
                    self.assertEqual(da, db, "two runs differ: %s" % fmt)

    def test_format_from_extension_and_stdout(self):
        base = ["assemble", "--type", "outsourcing", "--date", "2023-04-01"] + SETS
        for ext in ("html", "txt", "json", "docx"):
            with self.subTest(ext=ext):
                p = os.path.join(self.tmp, "x." + ext)
                self.ok(base + ["-o", p])
                with open(p, "rb") as f:
                    data = f.read()
                self.assertEqual(data, self.ok(base + ["--format", ext, "-o", "-"]))
                if ext == "docx":
                    self.assertEqual(data[:4], b"PK\x03\x04")
                if ext == "json":
                    self.assertEqual(json.loads(data)["edition"], "2023")
        self.assertEqual(sorted(os.listdir(self.tmp)),
                         ["x.docx", "x.html", "x.json", "x.txt"], "temporary files left")
        # Without --format or a known extension: docx.
        p = os.path.join(self.tmp, "annex.out")
        self.ok(base + ["-o", p])
        with open(p, "rb") as f:
            self.assertEqual(f.read()[:4], b"PK\x03\x04")


# ---------------------------------------------------------------------------------------------
PROFILES = [
    {"type": "outsourcing", "date": "2023-04-01", "name": "a-outsourcing-2023",
     "contractor": "株式会社A", "contract_title": "業務A"},
    {"type": "system-development", "date": "令和2年2月1日", "name": "b-sysdev-2020",
     "format": "html", "contractor": "株式会社B", "contract_title": "業務B"},
    {"type": "subcontract", "date": "R5.4.1", "name": "c-subcontract", "format": "json",
     "contractor": "株式会社C", "contract_title": "業務C", "subcontractor": "丙C"},
    {"type": "service-operation", "date": "2017-09-13", "name": "d-serviceop-2017",
     "format": "txt", "contractor": "株式会社D", "contract_title": "業務D"},
    {"type": "outsourcing", "date": "2020-02-01", "name": "e-ordinance", "format": "json",
     "contractor": "株式会社E", "contract_title": "業務E", "ordinance": "杉並区個人情報保護条例"},
    {"type": "outsourcing", "date": "2023-03-31", "name": "f-2020-docx", "format": "docx",
     "contractor": "株式会社F", "contract_title": "業務F", "municipality": "杉並区"},
]
EXT = {"docx": ".docx", "html": ".html", "json": ".json", "txt": ".txt"}


class BatchTest(TokkiTestCase):
    def write_jsonl(self, profiles, name="profiles.jsonl", raw_lines=None):
        path = os.path.join(self.tmp, name)
        lines = raw_lines if raw_lines is not None else [
            json.dumps(p, ensure_ascii=False) for p in profiles]
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        return path

    def single(self, p):
        args = ["assemble", "--type", p["type"], "--date", p["date"]]
        for k, v in p.items():
            if k not in ("type", "date", "name", "format"):
                args += ["--set", "%s=%s" % (k, v)]
        args += ["--format", p.get("format", "docx"), "-o", "-"]
        return self.ok(args)

    def test_batch_matches_single_runs(self):
        jsonl = self.write_jsonl(PROFILES)
        out = os.path.join(self.tmp, "out")
        rc, stdout, err = run(["assemble", "--batch", jsonl, "-o", out])
        self.assertEqual(rc, 0, err)
        expected = sorted(p["name"] + EXT[p.get("format", "docx")] for p in PROFILES)
        self.assertEqual(sorted(os.listdir(out)), expected)
        for p in PROFILES:
            with self.subTest(name=p["name"]):
                with open(os.path.join(out, p["name"] + EXT[p.get("format", "docx")]), "rb") as f:
                    self.assertEqual(f.read(), self.single(p))
        # Spot checks of content.
        with open(os.path.join(out, "e-ordinance.json"), encoding="utf-8") as f:
            j = json.load(f)
        self.assertEqual(j["edition"], "2020")
        self.assertIn("杉並区個人情報保護条例", j["items"][17]["text"])
        with open(os.path.join(out, "c-subcontract.json"), encoding="utf-8") as f:
            self.assertEqual(len(json.load(f)["items"]), 31)
        # One worker gives the same files.
        out1 = os.path.join(self.tmp, "out1")
        rc, _, err = run(["assemble", "--batch", jsonl, "--jobs", "1", "-o", out1])
        self.assertEqual(rc, 0, err)
        for name in expected:
            with open(os.path.join(out, name), "rb") as a, open(os.path.join(out1, name),
                                                                "rb") as b:
                self.assertEqual(a.read(), b.read(), name)

    def test_batch_default_format_option(self):
        profiles = [dict(p) for p in PROFILES[:2]]
        del profiles[1]["format"]
        jsonl = self.write_jsonl(profiles)
        out = os.path.join(self.tmp, "out")
        rc, _, err = run(["assemble", "--batch", jsonl, "--format", "txt", "-o", out])
        self.assertEqual(rc, 0, err)
        self.assertEqual(sorted(os.listdir(out)), ["a-outsourcing-2023.txt", "b-sysdev-2020.txt"])

    def assert_batch_fails(self, jsonl, line_no, out=None):
        out = out or os.path.join(self.tmp, "out-fail")
        before = set(os.listdir(self.tmp))
        rc, stdout, err = run(["assemble", "--batch", jsonl, "-o", out])
        self.assertEqual(rc, 2, err)
        self.assert_one_line(err)
        self.assertIn("%s:%d:" % (jsonl, line_no), err)
        if os.path.exists(out):
            self.assertEqual(os.listdir(out), [], "batch failure left output files")
        after = set(os.listdir(self.tmp)) - {os.path.basename(out)}
        self.assertEqual(after, before - {os.path.basename(out)}, "stray files")
        return err

    def test_bad_type_on_line_4_writes_nothing(self):
        profiles = [dict(p) for p in PROFILES]
        profiles[3]["type"] = "nosuch"
        err = self.assert_batch_fails(self.write_jsonl(profiles), 4)
        self.assertIn("nosuch", err)

    def test_bad_lines_of_several_kinds(self):
        cases = {
            "bad-date": ("date", "2023-02-30"),
            "early-date": ("date", "2017-06-30"),
            "missing-param": ("contractor", None),
            "unknown-param": ("nosuchkey", "x"),
            "bad-format": ("format", "pdf"),
            "subcontract-early": ("type", "subcontract"),
        }
        for label, (key, value) in cases.items():
            with self.subTest(case=label):
                profiles = [dict(p) for p in PROFILES]
                if value is None:
                    del profiles[3][key]
                else:
                    profiles[3][key] = value
                self.assert_batch_fails(self.write_jsonl(profiles, label + ".jsonl"), 4,
                                        os.path.join(self.tmp, "out-" + label))
        raw = [json.dumps(p, ensure_ascii=False) for p in PROFILES]
        raw[2] = "{not json"
        self.assert_batch_fails(self.write_jsonl(None, "syntax.jsonl", raw), 3,
                                os.path.join(self.tmp, "out-syntax"))

    def test_failed_batch_leaves_existing_outputs(self):
        jsonl = self.write_jsonl(PROFILES)
        out = os.path.join(self.tmp, "out")
        rc, _, err = run(["assemble", "--batch", jsonl, "-o", out])
        self.assertEqual(rc, 0, err)
        snapshot = {}
        for name in os.listdir(out):
            with open(os.path.join(out, name), "rb") as f:
                snapshot[name] = f.read()
        profiles = [dict(p) for p in PROFILES]
        profiles[0]["contractor"] = "別の会社"
        profiles[4]["type"] = "nosuch"
        bad = self.write_jsonl(profiles, "bad.jsonl")
        rc, _, err = run(["assemble", "--batch", bad, "-o", out])
        self.assertEqual(rc, 2)
        self.assertIn("bad.jsonl:5:", err)
        self.assertEqual(sorted(os.listdir(out)), sorted(snapshot))
        for name, data in snapshot.items():
            with open(os.path.join(out, name), "rb") as f:
                self.assertEqual(f.read(), data, name)

    def test_failed_write_keeps_existing_files(self):
        # The second file cannot be written (a directory is in the way): the run fails and
        # must leave the directory as it was, including an earlier a.docx.
        out = os.path.join(self.tmp, "out")
        os.makedirs(os.path.join(out, "b.docx"))
        with open(os.path.join(out, "a.docx"), "wb") as f:
            f.write(b"earlier output\n")
        profiles = [dict(PROFILES[0], name="a"), dict(PROFILES[0], name="b")]
        rc, _, err = run(["assemble", "--batch", self.write_jsonl(profiles), "--jobs", "1",
                          "-o", out])
        self.assertEqual(rc, 2, err)
        self.assert_one_line(err)
        self.assertIn("b.docx", err)
        self.assertEqual(sorted(os.listdir(out)), ["a.docx", "b.docx"], "files added or lost")
        with open(os.path.join(out, "a.docx"), "rb") as f:
            self.assertEqual(f.read(), b"earlier output\n", "existing a.docx was not kept")

    def test_unsafe_names_refused(self):
        for name in ("sub/x", "../escape", "..", ".hidden", "a\\b", ""):
            with self.subTest(name=name):
                profiles = [dict(p) for p in PROFILES]
                profiles[1]["name"] = name
                work = tempfile.mkdtemp(dir=self.tmp)
                jsonl = os.path.join(work, "p.jsonl")
                with open(jsonl, "w", encoding="utf-8") as f:
                    f.write("\n".join(json.dumps(p, ensure_ascii=False) for p in profiles) + "\n")
                out = os.path.join(work, "out")
                rc, _, err = run(["assemble", "--batch", jsonl, "-o", out])
                self.assertEqual(rc, 2, err)
                self.assert_one_line(err)
                self.assertIn("%s:2:" % jsonl, err)
                self.assertEqual(sorted(os.listdir(work)), ["p.jsonl"] +
                                 (["out"] if os.path.exists(out) else []))
                if os.path.exists(out):
                    self.assertEqual(os.listdir(out), [])

    def test_duplicate_names_refused(self):
        profiles = [dict(p) for p in PROFILES]
        profiles[5]["name"] = profiles[2]["name"]
        err = self.assert_batch_fails(self.write_jsonl(profiles), 6)
        self.assertIn(profiles[2]["name"], err)


# ---------------------------------------------------------------------------------------------
class RenumberingTest(TokkiTestCase):
    def copy_library(self):
        lib = os.path.join(tempfile.mkdtemp(dir=self.tmp), "clauses")
        shutil.copytree(os.path.join(SOURCE_DIR, "clauses"), lib)
        return lib

    def items(self, lib, date, type_="outsourcing"):
        j = self.assemble(type_, date, library=lib)
        self.assertEqual([i["n"] for i in j["items"]], list(range(1, len(j["items"]) + 1)))
        return {i["n"]: i for i in j["items"]}

    def test_module_removed(self):
        lib = self.copy_library()
        os.remove(os.path.join(lib, "modules", "no_copying.xml"))
        path = os.path.join(lib, "library.xml")
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        kept = [l for l in lines if l.strip() != '<module ref="no_copying"/>']
        self.assertEqual(len(lines) - len(kept), 3, "no_copying is in three editions")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(kept))

        items = self.items(lib, "2020-02-01")
        self.assertEqual(len(items), 20)
        self.assertEqual(items[20]["heading"], "損害の賠償")
        self.assertIn("第1項から第18項まで", items[20]["text"])
        self.assertEqual(items[14]["heading"], "監査等")
        self.assertTrue(items[16]["text"].startswith("乙は、第14項による"), items[16]["text"])
        self.assertNotIn("複写等の禁止", [i["heading"] for i in items.values()])

        items = self.items(lib, "2017-09-13")
        self.assertEqual(len(items), 18)
        self.assertEqual(items[18]["heading"], "損害の賠償")
        self.assertIn("第1項から第16項まで", items[18]["text"])

        items = self.items(lib, "2023-04-01")
        self.assertEqual(len(items), 30)
        for n in range(13, 18):
            self.assertIn("第11項", items[n]["text"], "2023 item %d" % n)
        # The subcontract states the whole annex: renumbered alike.
        sub = self.items(lib, "2023-04-01", type_="subcontract")
        self.assertEqual(sub, items)

        txt = self.text("outsourcing", "2020-02-01", library=lib)
        self.assertIn("\n20 乙は、第1項から第18項までに掲げる事項", txt)

    def insert_test_module(self, after_basic):
        lib = self.copy_library()
        with open(os.path.join(lib, "modules", "zz_inserted.xml"), "w", encoding="utf-8") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<module xmlns="urn:tokki:clauses:1" id="zz_inserted" category="basic">\n'
                    '  <version editions="2020">\n'
                    '    <heading>試験用条項</heading>\n'
                    '    <source seed="test" items="1"/>\n'
                    '    <item><text>これは試験用に挿入した条項である。</text></item>\n'
                    '  </version>\n'
                    '</module>\n')
        path = os.path.join(lib, "library.xml")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        start = text.index('<edition id="2020"')
        anchor = text.index('<module ref="basic"/>', start)
        if after_basic:
            anchor += len('<module ref="basic"/>')
            text = text[:anchor] + '\n    <module ref="zz_inserted"/>' + text[anchor:]
        else:
            text = text[:anchor] + '<module ref="zz_inserted"/>\n    ' + text[anchor:]
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return lib

    def test_module_inserted_before_basic(self):
        lib = self.insert_test_module(after_basic=False)
        items = self.items(lib, "2020-02-01")
        self.assertEqual(len(items), 22)
        self.assertEqual(items[1]["heading"], "試験用条項")
        self.assertEqual(items[2]["heading"], "基本的事項")
        self.assertEqual(items[16]["heading"], "監査等")
        self.assertTrue(items[18]["text"].startswith("乙は、第16項による"), items[18]["text"])
        # damages names basic.1 to incident.1: both ends move by one.
        self.assertEqual(items[22]["heading"], "損害の賠償")
        self.assertIn("第2項から第20項まで", items[22]["text"])
        # Other editions are untouched.
        items = self.items(lib, "2017-09-13")
        self.assertEqual(len(items), 19)
        self.assertIn("第1項から第17項まで", items[19]["text"])

    def test_module_inserted_after_basic(self):
        lib = self.insert_test_module(after_basic=True)
        items = self.items(lib, "2020-02-01")
        self.assertEqual(len(items), 22)
        self.assertEqual(items[2]["heading"], "試験用条項")
        self.assertTrue(items[18]["text"].startswith("乙は、第16項による"), items[18]["text"])
        self.assertIn("第1項から第20項まで", items[22]["text"])
        txt = self.text("outsourcing", "2020-02-01", library=lib)
        self.assertIn("\n22 乙は、第1項から第20項までに掲げる事項", txt)


# ---------------------------------------------------------------------------------------------
class ClausesCommandTest(TokkiTestCase):
    def module_ids(self):
        return sorted(f[:-4] for f in os.listdir(os.path.join(SOURCE_DIR, "clauses", "modules"))
                      if f.endswith(".xml"))

    def test_list(self):
        out = self.ok(["clauses", "list"]).decode("utf-8")
        lines = [l for l in out.split("\n") if l.strip()]
        ids = self.module_ids()
        self.assertEqual(len(lines), len(ids))
        self.assertEqual(sorted(l.split("\t")[0] for l in lines), ids)
        audit = next(l for l in lines if l.startswith("audit\t"))
        for ed in ("[2017]", "[2020]", "[2023]"):
            self.assertIn(ed, audit)

    def test_show_audit(self):
        out = self.ok(["clauses", "show", "audit"]).decode("utf-8")
        for ed in ("[2017]", "[2020]", "[2023]"):
            self.assertEqual(len(re.findall(r"^" + re.escape(ed), out, re.M)), 1, ed)
        for seed in ("001_9015e87258c1506f.txt", "004_fabf8f5175f67c55.txt",
                     "000_eecff7190e13c1cd.txt", "002_387651ff6134b55e.txt"):
            self.assertIn(seed, out)
        self.assertIn("（監査等）", out)
        self.assertIn("2017-07-01", out)

    def test_show_audit_json(self):
        j = json.loads(self.ok(["clauses", "show", "audit", "--format", "json"]))
        self.assertEqual(j["id"], "audit")
        self.assertEqual(len(j["versions"]), 3)
        self.assertEqual([v["editions"] for v in j["versions"]], [["2017"], ["2020"], ["2023"]])
        self.assertEqual([len(v["items"]) for v in j["versions"]], [1, 3, 2])
        seeds = [[s["seed"] for s in v["sources"]] for v in j["versions"]]
        self.assertEqual(seeds, [["001_9015e87258c1506f.txt", "004_fabf8f5175f67c55.txt"],
                                 ["000_eecff7190e13c1cd.txt"], ["002_387651ff6134b55e.txt"]])

    def test_show_unknown(self):
        rc, out, err = run(["clauses", "show", "nosuch"])
        self.assertEqual(rc, 2)
        self.assert_one_line(err)
        self.assertIn("nosuch", err)

    def test_editions(self):
        out = self.ok(["clauses", "editions"]).decode("utf-8")
        for ed, window, count in (("2017", "2017-07-01 〜 2020-01-31", "19項目"),
                                  ("2020", "2020-02-01 〜 2023-03-31", "21項目"),
                                  ("2023", "2023-04-01 〜", "31項目")):
            line = next((l for l in out.split("\n") if l.startswith(ed + "\t")), None)
            self.assertIsNotNone(line, "edition %s not listed" % ed)
            self.assertIn(window, line)
            self.assertIn(count, line)

    def test_json(self):
        for action in ("list", "editions"):
            with self.subTest(action=action):
                j = json.loads(self.ok(["clauses", action, "--format", "json"]))
                eds = {e["id"]: e for e in j["editions"]}
                self.assertEqual(sorted(eds), ["2017", "2020", "2023"])
                self.assertEqual((eds["2017"]["from"], eds["2017"]["until"]),
                                 ("2017-07-01", "2020-01-31"))
                self.assertEqual(eds["2023"]["from"], "2023-04-01")
                self.assertEqual(sorted(m["id"] for m in j["modules"]), self.module_ids())
                self.assertEqual(sorted(t["id"] for t in j["types"]), sorted(TYPES))
                params = {p["name"]: p for p in j["parameters"]}
                self.assertTrue(params["contractor"]["required"])
                self.assertEqual(params["ordinance"]["default"], "新宿区個人情報保護条例")

    def test_bad_action_and_format(self):
        for args in (["clauses", "nosuch"], ["clauses", "list", "--format", "pdf"]):
            with self.subTest(args=args):
                rc, out, err = run(args)
                self.assertEqual(rc, 2)
                self.assert_one_line(err)
                self.assertEqual(out, b"")


class DataRootTest(TokkiTestCase):
    ARGS = ["assemble", "--type", "outsourcing", "--date", "2023-04-01"] + SETS

    def copy_data(self):
        root = os.path.join(tempfile.mkdtemp(dir=self.tmp), "data")
        shutil.copytree(os.path.join(SOURCE_DIR, "clauses"), os.path.join(root, "clauses"))
        shutil.copytree(os.path.join(SOURCE_DIR, "docx-templates"),
                        os.path.join(root, "docx-templates"))
        return root

    def test_data_root_copy(self):
        root = self.copy_data()
        a = self.ok(["--data", root] + self.ARGS + ["-o", "-"])
        b = self.ok(self.ARGS + ["-o", "-"])
        self.assertEqual(a, b)
        # Without the template the run fails cleanly.
        shutil.rmtree(os.path.join(root, "docx-templates"))
        self.assert_fails(["--data", root] + self.ARGS, startswith="tokki assemble: ")

    def test_template_missing_a_referenced_part(self):
        # word/_rels/document.xml.rels names styles.xml: a package without it is broken.
        root = self.copy_data()
        os.remove(os.path.join(root, "docx-templates", "annex", "word", "styles.xml"))
        self.assert_fails(["--data", root] + self.ARGS, startswith="tokki assemble: ")

    def test_template_part_not_well_formed(self):
        root = self.copy_data()
        with open(os.path.join(root, "docx-templates", "annex", "word", "footer1.xml"), "w") as f:
            f.write("<w:ftr")
        self.assert_fails(["--data", root] + self.ARGS, startswith="tokki assemble: ")


def main():
    global TOKKI, SOURCE_DIR
    argv = list(sys.argv)
    positional = []
    while len(argv) > 1 and not argv[1].startswith("-") and len(positional) < 2:
        positional.append(argv.pop(1))
    TOKKI = positional[0] if positional else os.environ.get("TOKKI_BIN")
    SOURCE_DIR = positional[1] if len(positional) > 1 else os.environ.get("TOKKI_SOURCE_DIR")
    if not TOKKI or not SOURCE_DIR:
        sys.exit("usage: cli_test.py TOKKI_BINARY SOURCE_DIR (or TOKKI_BIN, TOKKI_SOURCE_DIR)")
    TOKKI = os.path.abspath(TOKKI)
    SOURCE_DIR = os.path.abspath(SOURCE_DIR)
    if not os.access(TOKKI, os.X_OK):
        sys.exit("cli_test.py: %s is not an executable" % TOKKI)
    if not os.path.isfile(os.path.join(SOURCE_DIR, "clauses", "library.xml")):
        sys.exit("cli_test.py: %s has no clauses/library.xml" % SOURCE_DIR)
    unittest.main(argv=argv, verbosity=2)


if __name__ == "__main__":
    main()
