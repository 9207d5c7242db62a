// Browser tests of tokki serve's pages: playwright-core driving Debian's Chromium headless.
//
//   node pages.test.mjs TOKKI_BINARY SOURCE_DIR ARTEFACTS_DIR
//
// Starts tokki serve on a free port with a fresh register, adds users with tokki users, and
// walks the pages as the staff would: log in; 作成 with a preview and a .docx download that
// python3-docx then opens; 審査 of a vendor's agreement with a missing provision; 比較 of two
// editions; 条項; 履歴 with the rows just made; an officer who sees only 作成 and 履歴; the
// administrator turning on the keeping of uploaded documents on 利用者, then downloading a
// document checked from 履歴. A screenshot of each page is kept in ARTEFACTS_DIR.
import assert from "node:assert/strict";
import {execFileSync, spawn} from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {after, before, test} from "node:test";
import {chromium} from "playwright-core";

const [tokki, sourceDir, artefacts] = process.argv.slice(2).map((p) => path.resolve(p));
assert.ok(tokki && sourceDir && artefacts, "usage: pages.test.mjs TOKKI SOURCE_DIR ARTEFACTS_DIR");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tokki-browser-"));
const db = path.join(tmp, "tokki.db");
const PASSWORD = "pw-for-the-browser-test";
let server, base, context, page;

function users(...args) {
  return execFileSync(tokki, ["users", ...args, "--db", db], {input: PASSWORD + "\n"}).toString();
}

async function startServer() {
  server = spawn(tokki, ["--data", sourceDir, "serve", "--listen", "127.0.0.1:0", "--db", db],
      {stdio: ["ignore", "ignore", "pipe"]});
  let err = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("tokki serve did not start: " + err)), 20000);
    server.stderr.on("data", (chunk) => {
      err += chunk;
      const m = err.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve("http://127.0.0.1:" + m[1]);
      }
    });
    server.on("exit", (code) => reject(new Error("tokki serve exited " + code + ": " + err)));
  });
}

async function shot(name) {
  await page.screenshot({path: path.join(artefacts, name + ".png"), fullPage: true});
}

async function logIn(name) {
  await page.goto(base + "/");
  await page.waitForURL(/\/login$/);
  await page.fill("input[name=name]", name);
  await page.fill("input[name=password]", PASSWORD);
  await Promise.all([page.waitForURL(base + "/"), page.click("button[type=submit]")]);
  await page.waitForSelector("#who-name:not(:empty)");
}

async function logOut() {
  await Promise.all([page.waitForURL(/\/login$/), page.click("#logout")]);
}

// The text of the document shown in a report frame (srcdoc).
async function frameText(selector) {
  const handle = await page.waitForSelector(selector + ":not([hidden])");
  const frame = await handle.contentFrame();
  await frame.waitForLoadState();
  return frame;
}

before(async () => {
  fs.mkdirSync(artefacts, {recursive: true});
  users("add", "管理者", "--role", "admin");
  users("add", "officer1", "--role", "officer");
  base = await startServer();
  context = await chromium.launchPersistentContext(path.join(tmp, "chromium-profile"), {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-dev-shm-usage"],
    viewport: {width: 1280, height: 900},
  });
  page = context.pages()[0] || await context.newPage();
  page.setDefaultTimeout(30000);
});

after(async () => {
  if (context) await context.close();
  if (server) server.kill("SIGTERM");
  fs.rmSync(tmp, {recursive: true, force: true});
});

test("without a session every page leads to the login page", async () => {
  const res = await page.goto(base + "/");
  assert.match(page.url(), /\/login$/);
  assert.equal(res.status(), 200);
  await shot("01-login");
  await page.fill("input[name=name]", "管理者");
  await page.fill("input[name=password]", "wrong password");
  await page.click("button[type=submit]");
  await page.waitForSelector("#login-error:not([hidden])");
  assert.match(await page.textContent("#login-error"), /\S/);
});

test("作成: preview, then a .docx that python3-docx opens", async () => {
  await logIn("管理者");
  await page.click("a[href='#assemble']");
  await page.selectOption("#assemble-form select[name=type]", "outsourcing");
  await page.fill("#assemble-form input[name=date]", "令和5年4月1日");
  await page.fill("#assemble-form input[name='param:contractor']", "株式会社ブラウザ試験");
  await page.fill("#assemble-form input[name='param:contract_title']", "窓口業務委託");
  await page.click("#assemble-form button[type=submit]");
  const frame = await frameText("#assemble-preview");
  const text = await frame.textContent("body");
  assert.match(text, /株式会社ブラウザ試験/);
  assert.match(text, /年度当たり1回以上/);
  await shot("02-assemble");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#assemble-docx")]);
  const saved = path.join(tmp, "annex.docx");
  await download.saveAs(saved);
  const paragraphs = execFileSync("/usr/bin/python3", ["-c",
    "import docx, sys; print('\\n'.join(p.text for p in docx.Document(sys.argv[1]).paragraphs))",
    saved]).toString();
  assert.match(paragraphs, /株式会社ブラウザ試験/);
  assert.match(paragraphs, /窓口業務委託/);
});

test("審査: a vendor's agreement without a subcontracting provision is flagged", async () => {
  // The annex just issued is in the register: choosing it as the parent contract sets the
  // type and date the agreement is checked against.
  await page.goto(base + "/#check");
  await page.reload();  // The page lists the register once, when it loads.
  await page.waitForFunction(() => document.querySelector("#check-form select[name=parent]").options.length > 1);
  await page.selectOption("#check-form select[name=parent]", {index: 1});
  assert.equal(await page.inputValue("#check-form select[name=type]"), "outsourcing");
  assert.equal(await page.inputValue("#check-form input[name=date]"), "2023-04-01");
  const agreement = path.join(sourceDir, "tests/corpus/files/2023_outsourcing_vendor_memo_sparse.txt");
  await page.setInputFiles("#check-form input[type=file]", agreement);
  await page.click("#check-form button[type=submit]");
  await page.waitForSelector("#check-results table.findings");
  const rows = await page.$$eval("#check-results table.findings tbody tr",
      (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
  const sub = rows.find((r) => /再委託/.test(r[0]));
  assert.ok(sub, "a row for subcontracting: " + JSON.stringify(rows.map((r) => r[0])));
  assert.match(sub[1], /なし/);
  assert.ok(rows.some((r) => /あり/.test(r[1])), "some provisions are present");
  await shot("03-check");
});

test("比較: two editions, with the insertions shown", async () => {
  await page.click("a[href='#diff']");
  await page.selectOption("#diff-form select[name=type]", "outsourcing");
  await page.fill("#diff-form input[name=from]", "平成29年9月13日");
  await page.fill("#diff-form input[name=to]", "令和2年2月1日");
  await page.click("#diff-form button[type=submit]");
  const frame = await frameText("#diff-view");
  const inserted = await frame.$$eval("ins", (xs) => xs.map((x) => x.textContent).join("|"));
  assert.match(inserted, /年度当たり1回以上/);
  await shot("04-diff");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#diff-docx")]);
  const saved = path.join(tmp, "redline.docx");
  await download.saveAs(saved);
  const xml = execFileSync("/usr/bin/python3", ["-c",
    "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode())",
    saved]).toString();
  assert.match(xml, /<w:ins /);
  assert.match(xml, /<w:del /);

  // The officer's check that a returned annex is the one issued: the .docx downloaded from
  // 作成 against the edition in force on its date.
  await page.check("#diff-form input[name=mode][value=file-edition]");
  await page.selectOption("#diff-form select[name=edition_type]", "outsourcing");
  await page.fill("#diff-form input[name=edition_date]", "令和5年4月1日");
  await page.setInputFiles("#diff-form input[name=returned]", path.join(tmp, "annex.docx"));
  await page.click("#diff-form button[type=submit]");
  await page.waitForFunction(() => /annex\.docx/.test(document.querySelector("#diff-view").srcdoc));
  const same = await frameText("#diff-view");
  // Only the parties differ: the edition shows their labels (〔受託者（乙）〕), the issued annex
  // their names, and its title block (contract title, parties, date) comes in as one insertion.
  const inserted2 = await same.$$eval("ins", (xs) => xs.map((x) => x.textContent));
  const deleted2 = await same.$$eval("del", (xs) => xs.map((x) => x.textContent));
  assert.ok(inserted2.length > 0);
  for (const t of inserted2) assert.match(t, /株式会社ブラウザ試験|窓口業務委託/);
  for (const t of deleted2) assert.match(t, /^〔.*〕$/);
  assert.match(await same.textContent("body"), /同一/);
  assert.ok(await page.isHidden("#diff-form [data-mode=editions]"), "one mode's fields shown");
  await shot("04b-diff-returned");
});

test("条項 and 履歴: the library, and the rows just made", async () => {
  await page.click("a[href='#library']");
  await page.waitForSelector("#library-modules .module");
  const modules = await page.$$eval("#library-modules .module", (xs) => xs.length);
  assert.ok(modules >= 20, modules + " modules");
  const boxes = await page.$$("#library-modules .module:has-text('audit') input[type=checkbox]");
  assert.ok(boxes.length >= 2);
  await boxes[0].check();
  await boxes[boxes.length - 1].check();
  await page.waitForSelector("#library-right .version-text");
  await shot("05-library");

  await page.click("a[href='#history']");
  await page.waitForSelector("#history-table tbody tr");
  const checks = await page.$$eval("#history-table tbody tr", (trs) => trs.map((tr) => tr.textContent));
  assert.equal(checks.length, 1);
  assert.match(checks[0], /vendor_memo_sparse/);
  await page.selectOption("#history-form select[name=kind]", "annexes");
  await page.click("#history-form button[type=submit]");
  await page.waitForFunction(() => /ブラウザ試験/.test(document.querySelector("#history-table tbody")?.textContent || ""));
  await shot("06-history");
  await logOut();
});

test("an officer sees 作成 and 履歴 only", async () => {
  await logIn("officer1");
  const tabs = await page.$$eval("#tabs a:not([hidden])", (xs) => xs.map((x) => x.textContent));
  assert.deepEqual(tabs, ["作成", "履歴"]);
  await page.waitForSelector("#assemble-form select[name=type] option", {state: "attached"});
  assert.ok(await page.$$eval("#assemble-form select[name=type] option", (o) => o.length) >= 4);
  await shot("07-officer");
  await logOut();
});

test("利用者: kept uploads are switched on, and 履歴 gives the document back", async () => {
  await logIn("管理者");
  await page.click("a[href='#users']");
  await page.waitForSelector("#users-table tbody tr");
  await page.waitForFunction(() => /現在/.test(document.querySelector("#keep-uploads-state").textContent));
  assert.equal(await page.isChecked("#keep-uploads"), false, "off by default");
  assert.match(await page.textContent("#settings"), /同じ役割の利用者だけ/);
  await page.check("#keep-uploads");
  await page.waitForFunction(() => /現在: 保存する$/.test(document.querySelector("#keep-uploads-state").textContent));
  // Stored on the server, not only in the page.
  await page.reload();
  await page.waitForFunction(() => /現在: 保存する$/.test(document.querySelector("#keep-uploads-state").textContent));
  assert.equal(await page.isChecked("#keep-uploads"), true);
  await shot("08-settings");

  const agreement = path.join(sourceDir, "tests/corpus/files/2023_outsourcing_vendor_memo_sparse.txt");
  await page.click("a[href='#check']");
  await page.selectOption("#check-form select[name=type]", "outsourcing");
  await page.fill("#check-form input[name=date]", "令和5年4月1日");
  await page.setInputFiles("#check-form input[type=file]", agreement);
  await page.click("#check-form button[type=submit]");
  await page.waitForSelector("#check-results table.findings");
  await page.click("a[href='#history']");
  await page.waitForSelector("#history-table a.upload");
  assert.equal(await page.$$eval("#history-table a.upload", (xs) => xs.length), 1, "only the check made with the setting on");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#history-table a.upload")]);
  const saved = path.join(tmp, "kept.txt");
  await download.saveAs(saved);
  assert.deepEqual(fs.readFileSync(saved), fs.readFileSync(agreement));
  await shot("09-history-kept");

  await page.click("a[href='#users']");
  await page.waitForFunction(() => /現在: 保存する$/.test(document.querySelector("#keep-uploads-state").textContent));
  await page.uncheck("#keep-uploads");
  await page.waitForFunction(() => /保存しない/.test(document.querySelector("#keep-uploads-state").textContent));
  await logOut();
});
