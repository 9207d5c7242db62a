// The application page: 作成, 審査, 比較, 条項, 履歴 and 利用者 over the JSON API of
// DESIGN.md. No framework and nothing from outside: the server serves every asset itself
// (closed government networks). Text from the server is always inserted as text, never as
// HTML; tokki's own HTML reports are shown in sandboxed frames (no scripts).
"use strict";

const state = {session: null, library: null, checkBlob: null, checkFiles: []};

// --- Small helpers -------------------------------------------------------------------------

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function flash(message) {
  const f = document.getElementById("flash");
  f.textContent = message || "";
  f.hidden = !message;
  if (message) f.scrollIntoView({block: "nearest"});
}

// A request to the API with the session cookie and, for POST and PUT, the CSRF token. Returns the
// Response when it is 2xx; otherwise shows the server's {"error"} and throws.
async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if ((options.method || "GET") !== "GET" && state.session && state.session.csrf_token) {
    headers["X-CSRF-Token"] = state.session.csrf_token;
  }
  const res = await fetch(path, Object.assign({}, options, {headers, credentials: "same-origin"}));
  if (res.status === 401) {
    location.replace("/login");
    throw new Error("ログインしてください");
  }
  if (!res.ok) {
    let message = res.status + " " + res.statusText;
    try {
      message = (await res.json()).error || message;
    } catch (_) {
      // Not JSON.
    }
    flash(message);
    throw new Error(message);
  }
  flash("");
  return res;
}

function postJson(path, body) {
  return api(path, {
    method: "POST",
    headers: {"Content-Type": "application/json"},
    body: JSON.stringify(body),
  });
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el("a", {href: url, download: name});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function busy(button, on) {
  button.disabled = on;
  button.classList.toggle("busy", on);
}

function fillTypes(select) {
  select.replaceChildren(...state.library.types.map((t) => el("option", {value: t.id, text: t.name})));
}

function fillEditions(select) {
  select.replaceChildren(...state.library.editions.map((e) => el("option", {value: e.id, text: e.name})));
}

// --- Navigation ------------------------------------------------------------------------------

function allowed(job) {
  const role = state.session.role;
  if (role === "admin") return true;
  return {any: true, assemble: role === "officer", check: role === "reviewer",
    diff: role === "legal", clauses: role === "legal", users: false}[job];
}

function show() {
  const links = [...document.querySelectorAll("#tabs a")].filter((a) => !a.hidden);
  let id = location.hash.slice(1);
  if (!links.some((a) => a.getAttribute("href") === "#" + id)) {
    id = links.length ? links[0].getAttribute("href").slice(1) : "";
  }
  for (const section of document.querySelectorAll("main > section")) section.hidden = section.id !== id;
  for (const a of links) a.classList.toggle("current", a.getAttribute("href") === "#" + id);
  if (id === "history") loadHistory();
  if (id === "users") {
    loadUsers();
    loadSettings().catch(() => {});
  }
}

// --- 作成 ----------------------------------------------------------------------------------

function setUpAssemble() {
  const form = document.getElementById("assemble-form");
  fillTypes(form.type);
  const params = document.getElementById("assemble-params");
  for (const p of state.library.parameters) {
    const input = el("input", {name: "param:" + p.name, placeholder: p.default || ""});
    if (p.required) input.required = true;
    params.append(el("label", {}, p.label + (p.required ? "（必須）" : ""), input));
  }
  const request = (format) => {
    const body = {type: form.type.value, date: form.date.value, format};
    for (const input of params.querySelectorAll("input")) {
      if (input.value.trim()) body[input.name.slice(6)] = input.value.trim();
    }
    return body;
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    busy(button, true);
    try {
      const res = await postJson("/api/assemble", request("html"));
      const frame = document.getElementById("assemble-preview");
      frame.srcdoc = await res.text();
      frame.hidden = false;
    } finally {
      busy(button, false);
    }
  });
  document.getElementById("assemble-docx").addEventListener("click", async (event) => {
    if (!form.reportValidity()) return;
    busy(event.target, true);
    try {
      const res = await postJson("/api/assemble", request("docx"));
      download(await res.blob(), "特記事項_" + (form.elements["param:contract_title"]?.value || "annex") + ".docx");
    } finally {
      busy(event.target, false);
    }
  });
}

// --- 審査 ----------------------------------------------------------------------------------

const STATUS = {present: "あり", partial: "一部不足", missing: "なし"};

function setUpCheck() {
  const form = document.getElementById("check-form");
  fillTypes(form.type);
  fillEditions(form.edition);
  form.edition.value = state.library.editions[state.library.editions.length - 1].id;
  const drop = document.getElementById("drop");
  const list = document.getElementById("drop-list");
  const setFiles = (files) => {
    state.checkFiles = [...files];
    list.replaceChildren(...state.checkFiles.map((f) => el("li", {text: f.name + "（" + Math.ceil(f.size / 1024) + " KB）"})));
  };
  form.file.addEventListener("change", () => setFiles(form.file.files));
  // The parent contract: an annex issued from the register gives the type and the date.
  api("/api/history/annexes?limit=200").then((res) => res.json()).then((annexes) => {
    for (const a of annexes) {
      const p = a.parameters || {};
      const label = (p.contract_title || "") + "／" + (p.contractor || "") + "（" + a.date + "、" + a.created.slice(0, 10) + "）";
      const option = el("option", {value: a.type + "|" + a.date, text: label});
      form.parent.append(option);
    }
  }).catch(() => {});
  form.parent.addEventListener("change", () => {
    if (!form.parent.value) return;
    const [type, date] = form.parent.value.split("|");
    form.type.value = type;
    form.date.value = date;
    form.against.value = "date";
  });
  drop.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("over");
    setFiles(event.dataTransfer.files);
  });
  const formData = (annotate) => {
    const data = new FormData();
    for (const f of annotate ? state.checkFiles.slice(0, 1) : state.checkFiles) data.append("file", f, f.name);
    if (form.against.value === "edition") {
      data.append("edition", form.edition.value);
    } else {
      data.append("type", form.type.value);
      data.append("date", form.date.value);
    }
    if (annotate) data.append("annotate", "1");
    return data;
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!state.checkFiles.length) return flash("審査するファイルを選んでください");
    const button = form.querySelector("button[type=submit]");
    busy(button, true);
    try {
      const res = await api("/api/check", {method: "POST", body: formData(false)});
      const text = await res.text();
      state.checkBlob = new Blob([text], {type: "application/json"});
      const parsed = JSON.parse(text);
      renderFindings(Array.isArray(parsed) ? parsed : [parsed]);
      document.getElementById("check-json").disabled = false;
      document.getElementById("check-annotate").disabled = !/\.docx$/i.test(state.checkFiles[0].name);
    } finally {
      busy(button, false);
    }
  });
  document.getElementById("check-json").addEventListener("click", () => download(state.checkBlob, "check.json"));
  document.getElementById("check-annotate").addEventListener("click", async (event) => {
    busy(event.target, true);
    try {
      const res = await api("/api/check", {method: "POST", body: formData(true)});
      download(await res.blob(), state.checkFiles[0].name.replace(/\.docx$/i, "") + "_審査コメント付き.docx");
    } finally {
      busy(event.target, false);
    }
  });
}

function renderFindings(reports) {
  const out = document.getElementById("check-results");
  out.replaceChildren();
  for (const r of reports) {
    const s = r.summary;
    const section = el("article", {class: "report-card"},
      el("h3", {text: r.file}),
      el("p", {class: "note", text: (r.edition_name || r.edition) + " ／ " + r.date + " ／ あり " + s.present + "・一部不足 " + s.partial + "・なし " + s.missing}));
    const table = el("table", {class: "findings"},
      el("thead", {}, el("tr", {}, el("th", {text: "規定"}), el("th", {text: "判定"}), el("th", {text: "根拠となる記載"}), el("th", {text: "根拠・追加すべき文言"}))));
    const body = el("tbody");
    for (const f of r.findings) {
      const status = el("td", {class: "status " + f.status, text: STATUS[f.status] || f.status});
      if (f.missing_element_names && f.missing_element_names.length) {
        status.append(el("div", {class: "missing", text: "不足: " + f.missing_element_names.join("、")}));
      }
      const evidence = el("td");
      for (const e of f.evidence || []) {
        evidence.append(el("div", {class: "evidence"}, el("span", {class: "where", text: (e.page ? e.page + "頁 " : "") + "段落 " + e.paragraph}), el("mark", {text: e.text})));
      }
      const basis = el("td", {}, el("div", {class: "basis", text: f.basis || ""}));
      if (f.status !== "present" && f.suggestion) {
        basis.append(el("details", {}, el("summary", {text: "追加すべき文言"}), el("p", {class: "suggestion", text: f.suggestion})));
      }
      body.append(el("tr", {class: f.status}, el("td", {text: f.name || f.category}), status, evidence, basis));
    }
    table.append(body);
    section.append(table);
    out.append(section);
  }
}

// --- 比較 ----------------------------------------------------------------------------------

function setUpDiff() {
  const form = document.getElementById("diff-form");
  fillTypes(form.type);
  fillTypes(form.edition_type);
  const sync = () => {
    for (const row of form.querySelectorAll("[data-mode]")) row.hidden = row.dataset.mode !== form.mode.value;
  };
  for (const radio of form.mode) radio.addEventListener("change", sync);
  const send = async (format, style) => {
    if (form.mode.value === "editions") {
      const body = {type: form.type.value, from: form.from.value, to: form.to.value, format};
      if (style) body.style = style;
      return postJson("/api/diff", body);
    }
    const data = new FormData();
    if (form.mode.value === "file-edition") {
      // The officer's check that a returned annex is the one issued.
      if (!form.returned.files.length) {
        flash("返ってきた文書を選んでください");
        throw new Error("files");
      }
      data.append("new", form.returned.files[0], form.returned.files[0].name);
      data.append("type", form.edition_type.value);
      data.append("date", form.edition_date.value);
    } else {
      if (!form.old.files.length || !form.new.files.length) {
        flash("旧と新のファイルを選んでください");
        throw new Error("files");
      }
      data.append("old", form.old.files[0], form.old.files[0].name);
      data.append("new", form.new.files[0], form.new.files[0].name);
    }
    data.append("format", format);
    if (style) data.append("style", style);
    return api("/api/diff", {method: "POST", body: data});
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    busy(button, true);
    try {
      const frame = document.getElementById("diff-view");
      frame.srcdoc = await (await send("html")).text();
      frame.hidden = false;
    } finally {
      busy(button, false);
    }
  });
  document.getElementById("diff-docx").addEventListener("click", async (event) => {
    busy(event.target, true);
    try {
      download(await (await send("docx")).blob(), "新旧対照_変更履歴.docx");
    } finally {
      busy(event.target, false);
    }
  });
  document.getElementById("diff-underline").addEventListener("click", async (event) => {
    busy(event.target, true);
    try {
      download(await (await send("docx", "underline")).blob(), "新旧対照_下線.docx");
    } finally {
      busy(event.target, false);
    }
  });
}

// --- 条項 ----------------------------------------------------------------------------------

function setUpLibrary() {
  const lib = state.library;
  const editions = document.getElementById("library-editions");
  editions.replaceChildren(el("table", {class: "timeline"},
    el("thead", {}, el("tr", {}, el("th", {text: "版"}), el("th", {text: "適用期間"}), el("th", {text: "根拠"}))),
    el("tbody", {}, ...lib.editions.map((e) => el("tr", {},
      el("td", {text: e.name}), el("td", {text: e.from + " 〜 " + (e.until || "")}),
      el("td", {}, ...(e.evidence || []).map((x) => el("div", {class: "note", text: x}))))))));
  const modules = document.getElementById("library-modules");
  const picked = [];
  for (const m of lib.modules) {
    const row = el("div", {class: "module"}, el("h3", {text: (m.versions[m.versions.length - 1].heading || m.id) + "（" + m.id + "）"}));
    const track = el("div", {class: "versions"});
    m.versions.forEach((v, i) => {
      const card = el("label", {class: "version"},
        el("input", {type: "checkbox"}),
        el("strong", {text: v.editions.join("・") + "年版"}),
        el("span", {class: "note", text: v.validity}),
        el("span", {class: "heading", text: v.heading || "（見出しなし）"}));
      card.title = (v.sources || []).map((s) => "出典 " + s.seed + " 項目 " + s.items).join("\n");
      card.querySelector("input").addEventListener("change", (event) => {
        if (event.target.checked) {
          picked.push({m, v, input: event.target});
          while (picked.length > 2) picked.shift().input.checked = false;
        } else {
          const k = picked.findIndex((p) => p.input === event.target);
          if (k >= 0) picked.splice(k, 1);
        }
        compare(picked);
      });
      track.append(card);
    });
    row.append(track);
    modules.append(row);
  }
}

function versionView(p) {
  const v = p.v;
  return el("div", {class: "version-text"},
    el("h4", {text: p.m.id + " ／ " + v.editions.join("・") + "年版 ／ " + (v.heading || "")}),
    ...v.items.map((t, i) => el("p", {text: (i + 1) + "　" + t})),
    ...(v.sources || []).map((s) => el("div", {class: "note", text: "出典: " + s.seed + "（項目 " + s.items + "）"})),
    ...(v.notes || []).map((n) => el("div", {class: "note", text: "注: " + n})));
}

function compare(picked) {
  const box = document.getElementById("library-compare");
  box.hidden = picked.length === 0;
  document.getElementById("library-compare-title").textContent = picked.length === 2 ? "並べて表示" : "選んだ版";
  document.getElementById("library-left").replaceChildren(...(picked[0] ? [versionView(picked[0])] : []));
  document.getElementById("library-right").replaceChildren(...(picked[1] ? [versionView(picked[1])] : []));
}

// --- 履歴 ----------------------------------------------------------------------------------

function historyQuery() {
  const form = document.getElementById("history-form");
  const q = new URLSearchParams();
  for (const k of ["q", "from", "to", "result"]) if (form[k].value) q.set(k, form[k].value);
  return {kind: form.kind.value, q};
}

async function loadHistory() {
  const {kind, q} = historyQuery();
  const csv = new URLSearchParams(q);
  csv.set("format", "csv");
  document.getElementById("history-csv").href = "/api/history/" + kind + "?" + csv;
  const rows = await (await api("/api/history/" + kind + "?" + q)).json();
  const table = document.getElementById("history-table");
  // Checks whose document was kept carry "upload" only for those who may download it: the
  // column appears when there is such a row.
  const documents = kind === "checks" && rows.some((r) => r.upload);
  const head = kind === "checks"
    ? ["日時", "審査者", "ファイル", "審査基準", "あり", "一部不足", "なし", "SHA-256"]
    : ["日時", "作成者", "種別", "契約日", "版", "契約件名", "受託者", "SHA-256"];
  if (documents) head.push("文書");
  table.tHead.replaceChildren(el("tr", {}, ...head.map((h) => el("th", {text: h}))));
  table.tBodies[0].replaceChildren(...rows.map((r) => {
    const p = r.parameters || {};
    const cells = kind === "checks"
      ? [r.created, r.user, r.file, r.edition + "（" + r.type + " " + r.date + "）", r.summary.present, r.summary.partial, r.summary.missing, (r.sha256 || "").slice(0, 12)]
      : [r.created, r.user, r.type, r.date, r.edition, p.contract_title || r.contract_title || "", p.contractor || r.contractor || "", (r.sha256 || "").slice(0, 12)];
    const tr = el("tr", {}, ...cells.map((c) => el("td", {text: String(c ?? "")})));
    if (documents) {
      const td = el("td");
      if (r.upload) td.append(el("a", {class: "upload", href: r.upload.url, download: r.file, text: "ダウンロード"}));
      tr.append(td);
    }
    if (kind === "checks" && (r.summary.partial || r.summary.missing)) tr.className = "problem";
    return tr;
  }));
}

function setUpHistory() {
  document.getElementById("history-form").addEventListener("submit", (event) => {
    event.preventDefault();
    loadHistory();
  });
}

// --- 利用者 --------------------------------------------------------------------------------

async function loadUsers() {
  const users = await (await api("/api/users")).json();
  const body = document.querySelector("#users-table tbody");
  body.replaceChildren(...users.map((u) => {
    const actions = el("td");
    if (!u.disabled) {
      const disable = el("button", {type: "button", text: "無効にする"});
      disable.addEventListener("click", async () => {
        if (!confirm(u.name + " を無効にしますか（ログインとトークンが使えなくなります）")) return;
        await postJson("/api/users/disable", {name: u.name});
        loadUsers();
      });
      const token = el("button", {type: "button", text: "API トークン発行"});
      token.addEventListener("click", async () => {
        const t = await (await postJson("/api/users/token", {name: u.name})).json();
        document.getElementById("users-token").textContent = u.name + " の API トークン（この一度だけ表示）: " + t.token;
      });
      actions.append(disable, " ", token);
    }
    return el("tr", {}, el("td", {text: u.name}), el("td", {text: u.role}), el("td", {text: u.disabled ? "無効" : "有効"}), actions);
  }));
}

// The keep_uploads setting: read when the page opens, written as soon as the box changes.
async function loadSettings() {
  const box = document.getElementById("keep-uploads");
  const settings = await (await api("/api/settings")).json();
  box.checked = settings.keep_uploads;
  document.getElementById("keep-uploads-state").textContent = settings.keep_uploads ? "現在: 保存する" : "現在: 保存しない（既定）";
}

function setUpUsers() {
  const box = document.getElementById("keep-uploads");
  box.addEventListener("change", async () => {
    box.disabled = true;
    try {
      await api("/api/settings", {
        method: "PUT",
        headers: {"Content-Type": "application/json"},
        body: JSON.stringify({keep_uploads: box.checked}),
      });
    } finally {
      box.disabled = false;
      loadSettings().catch(() => {});
    }
  });
  const form = document.getElementById("users-form");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    await postJson("/api/users", {name: form.name.value, role: form.role.value, password: form.password.value});
    form.reset();
    loadUsers();
  });
}

// --- Start -----------------------------------------------------------------------------------

async function start() {
  state.session = await (await api("/api/session")).json();
  document.getElementById("who-name").textContent = state.session.name + "（" + state.session.role + "）";
  document.getElementById("logout").addEventListener("click", async () => {
    await api("/logout", {method: "POST"});
    location.replace("/login");
  });
  for (const a of document.querySelectorAll("#tabs a")) a.hidden = !allowed(a.dataset.job);
  // The whole library for legal staff; the choices the forms need (types, editions,
  // parameters) for everyone else.
  if (allowed("assemble") || allowed("check") || allowed("diff") || allowed("clauses")) {
    try {
      state.library = await (await api(allowed("clauses") ? "/api/clauses" : "/api/options")).json();
    } catch (_) {
      state.library = null;
    }
  }
  if (state.library) {
    if (allowed("assemble")) setUpAssemble();
    if (allowed("check")) setUpCheck();
    if (allowed("diff")) setUpDiff();
    if (allowed("clauses")) setUpLibrary();
  }
  setUpHistory();
  if (allowed("users")) setUpUsers();
  window.addEventListener("hashchange", show);
  show();
}

start().catch((e) => flash(String(e.message || e)));
