// The login page: posts name and password as JSON to /login; on success the server has set
// the session cookie, and the application page takes over.
"use strict";

document.getElementById("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.target;
  const error = document.getElementById("login-error");
  error.hidden = true;
  const button = form.querySelector("button");
  button.disabled = true;
  try {
    const res = await fetch("/login", {
      method: "POST",
      credentials: "same-origin",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({name: form.name.value, password: form.password.value}),
    });
    if (res.ok) {
      location.replace("/");
      return;
    }
    let message = "ログインできませんでした（" + res.status + "）";
    try {
      message = (await res.json()).error || message;
    } catch (_) {
      // Not JSON: keep the status line.
    }
    error.textContent = message;
    error.hidden = false;
  } catch (_) {
    error.textContent = "サーバーに接続できません";
    error.hidden = false;
  } finally {
    button.disabled = false;
  }
});
