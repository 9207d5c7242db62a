#!/usr/bin/python3
"""Whole-program tests of `tokki users` and `tokki serve` as separate processes.

Usage: serve_cli_test.py TOKKI_BINARY SOURCE_DIR [unittest options]

What the in-process GoogleTest suite (server_test.cc) cannot see: the password read from a
pipe, exit statuses and messages of `tokki users`, both commands run from libtokki_server.so
(and a missing module), the signal handling of `tokki serve`
(SIGTERM stops it cleanly with every row written), and a server killed with SIGKILL in the
middle of a load leaving a register that passes PRAGMA integrity_check, keeps a row for every
request that was answered, and serves again after a restart.
"""

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request
import uuid

TOKKI = None
SOURCE_DIR = None
COMPLIANT = "tests/corpus/files/2023_outsourcing_itaku_compliant.docx"


def multipart(fields, files):
    """A multipart/form-data body: fields {name: value}, files [(name, filename, bytes)]."""
    boundary = uuid.uuid4().hex
    out = b""
    for name, value in fields.items():
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                f"{value}\r\n").encode()
    for name, filename, data in files:
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; "
                f"filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                ).encode() + data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return out, f"multipart/form-data; boundary={boundary}"


class Tokki(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="tokki-serve-")
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        self.db = os.path.join(self.tmp, "var", "tokki.db")
        self.server = None

    def tearDown(self):
        self.stop_server()

    def stop_server(self):
        if self.server:
            if self.server.poll() is None:
                self.server.kill()
                self.server.wait()
            self.server.stderr.close()
            self.server = None

    def users(self, *args, stdin=""):
        p = subprocess.run([TOKKI, "users", *args, "--db", self.db], input=stdin.encode(),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        return p.returncode, p.stdout.decode(), p.stderr.decode()

    def start(self):
        self.stop_server()
        self.server = subprocess.Popen(
            [TOKKI, "--data", SOURCE_DIR, "serve", "--listen", "127.0.0.1:0", "--db", self.db],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        line = self.server.stderr.readline().decode()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        self.assertIsNotNone(m, line)
        self.base = f"http://127.0.0.1:{m.group(1)}"

    def request(self, path, data=None, content_type=None, token=None):
        req = urllib.request.Request(self.base + path, data=data)
        if content_type:
            req.add_header("Content-Type", content_type)
        if token:
            req.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def rows(self, table):
        with sqlite3.connect(self.db) as db:
            return db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def test_users_commands(self):
        code, _, err = self.users("add", "佐藤", "--role", "reviewer", stdin="password-1\n")
        self.assertEqual(code, 0, err)
        self.assertIn("佐藤", err)
        # Refusals: one line on stderr, exit 2.
        for args, stdin, part in [
            (("add", "佐藤", "--role", "reviewer"), "password-2\n", "すでに登録"),
            (("add", "bob", "--role", "root"), "password-2\n", "不明な役割"),
            (("add", "bob"), "password-2\n", "--role"),
            (("add", "bob", "--role", "legal"), "short\n", "8文字"),
            (("add", "bob", "--role", "legal"), "", "標準入力"),
            (("disable", "nobody"), "", "nobody"),
            (("frobnicate",), "", "不明な操作"),
        ]:
            code, out, err = self.users(*args, stdin=stdin)
            self.assertEqual(code, 2, (args, err))
            self.assertEqual(len(err.strip().splitlines()), 1, err)
            self.assertIn(part, err)
        code, out, _ = self.users("list", "--format", "json")
        self.assertEqual(code, 0)
        self.assertEqual([(u["name"], u["role"], u["disabled"]) for u in json.loads(out)],
                         [("佐藤", "reviewer", False)])
        code, token, _ = self.users("token", "佐藤")
        self.assertEqual(code, 0)
        self.assertRegex(token.strip(), r"^tk_[0-9a-f]{64}$")
        code, _, err = self.users("passwd", "佐藤", stdin="password-3\r\n")
        self.assertEqual(code, 0, err)
        code, out, _ = self.users("init-admin")
        self.assertEqual(code, 0)
        self.assertRegex(out, r"ユーザー名: admin  パスワード: [0-9a-f]{24}")
        code, out, err = self.users("init-admin")
        self.assertEqual((code, out), (0, ""))
        self.assertIn("すでに", err)
        code, _, _ = self.users("disable", "佐藤")
        self.assertEqual(code, 0)
        code, out, _ = self.users("list")
        self.assertIn("佐藤\treviewer\t無効", out)
        # Only hashes in the database.
        with sqlite3.connect(self.db) as db:
            self.assertEqual(db.execute("PRAGMA user_version").fetchone()[0], 2)
            hashes = [r[0] for r in db.execute("SELECT password_hash FROM users")]
        self.assertTrue(all(h.startswith("$argon2id$") for h in hashes))

    def test_serve_rejects_bad_listen_and_bad_db(self):
        p = subprocess.run([TOKKI, "serve", "--listen", "localhost", "--db", self.db],
                           stderr=subprocess.PIPE, timeout=60)
        self.assertEqual(p.returncode, 2)
        self.assertIn("HOST:PORT", p.stderr.decode())
        os.makedirs(os.path.dirname(self.db))
        with open(self.db, "w") as f:
            f.write("not a database" * 100)
        p = subprocess.run([TOKKI, "serve", "--listen", "127.0.0.1:0", "--db", self.db],
                           stderr=subprocess.PIPE, timeout=60)
        self.assertEqual(p.returncode, 2)
        self.assertIn(self.db, p.stderr.decode())

    def test_server_module_loaded_only_by_serve_and_users(self):
        # cpp-httplib (with OpenSSL's libssl and brotli), SQLite and libsodium live in
        # libtokki_server.so, loaded by tokki serve and tokki users only: the program itself
        # does not link them (every run would pay for loading them). libcrypto stays, as a
        # dependency of Debian's libzip.
        ldd = subprocess.run(["ldd", TOKKI], stdout=subprocess.PIPE, text=True, check=True)
        for lib in ("libssl", "libbrotli", "libsqlite3", "libsodium", "libcpp-httplib"):
            self.assertNotIn(lib, ldd.stdout)
        # Without the module: one line naming it, exit 2, for both commands.
        for module in ("/nonexistent/libtokki_server.so", os.path.join(SOURCE_DIR, "README.md")):
            env = dict(os.environ, TOKKI_SERVER_MODULE=module)
            for args in (["users", "list", "--db", self.db],
                         ["serve", "--listen", "127.0.0.1:0", "--db", self.db]):
                p = subprocess.run([TOKKI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   env=env, timeout=60)
                err = p.stderr.decode()
                self.assertEqual(p.returncode, 2, err)
                self.assertEqual(err.count("\n"), 1, err)
                self.assertIn(f"tokki {args[0]}: サーバー・台帳のモジュールを読み込めません", err)
                self.assertIn(module, err)
                self.assertEqual(p.stdout, b"")
        self.assertFalse(os.path.exists(self.db))

    def test_sigterm_stops_cleanly_with_every_row(self):
        self.users("add", "officer", "--role", "officer", stdin="password-1\n")
        token = self.users("token", "officer")[1].strip()
        self.start()
        self.assertEqual(self.request("/healthz")[0], 200)
        body = json.dumps({"type": "outsourcing", "date": "R5.4.1", "contractor": "A社",
                           "contract_title": "窓口業務委託"}).encode()
        status, doc = self.request("/api/assemble", body, "application/json", token)
        self.assertEqual(status, 200, doc[:200])
        self.assertEqual(doc[:4], b"PK\x03\x04")
        self.server.send_signal(signal.SIGTERM)
        self.assertEqual(self.server.wait(timeout=30), 0)
        self.assertIn("停止しました", self.server.stderr.read().decode())
        self.assertEqual(self.rows("annexes"), 1)
        self.assertEqual(self.rows("audit"), 2)

    def test_sigkill_under_load_keeps_the_register_whole(self):
        self.users("add", "reviewer", "--role", "reviewer", stdin="password-1\n")
        token = self.users("token", "reviewer")[1].strip()
        with open(os.path.join(SOURCE_DIR, COMPLIANT), "rb") as f:
            body, ctype = multipart({"edition": "2023"}, [("file", "a.docx", f.read())])
        self.start()
        answered = []
        lock = threading.Lock()
        stop = threading.Event()

        def client():
            while not stop.is_set():
                try:
                    status, _ = self.request("/api/check", body, ctype, token)
                except Exception:  # The server is gone.
                    return
                if status == 200:
                    with lock:
                        answered.append(1)

        threads = [threading.Thread(target=client) for _ in range(4)]
        for t in threads:
            t.start()
        deadline = time.time() + 30
        while len(answered) < 20 and time.time() < deadline:
            time.sleep(0.01)
        self.stop_server()  # SIGKILL, mid-load.
        stop.set()
        for t in threads:
            t.join()
        self.assertGreaterEqual(len(answered), 20)
        with sqlite3.connect(self.db) as db:
            self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")
        checks = self.rows("checks")
        # Every answered check has its row (written before the answer); at most the requests
        # in flight at the kill have a row without an answer.
        self.assertGreaterEqual(checks, len(answered))
        self.assertLessEqual(checks, len(answered) + 4)
        # A restart keeps every row and serves again.
        self.start()
        self.assertEqual(self.request("/api/check", body, ctype, token)[0], 200)
        self.assertEqual(self.rows("checks"), checks + 1)
        self.server.send_signal(signal.SIGTERM)
        self.assertEqual(self.server.wait(timeout=30), 0)


if __name__ == "__main__":
    TOKKI = os.path.abspath(sys.argv[1])
    SOURCE_DIR = os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:], verbosity=2)
