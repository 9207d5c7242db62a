#!/usr/bin/python3
"""tokki serve against what a hostile or broken client does, as a real process: malformed
requests, slow clients holding connections, oversized and many concurrent uploads, and
SIGKILL in the middle of a load; the server keeps answering, the register passes
PRAGMA integrity_check, and every request answered with success has its row.

Usage: server_robustness_test.py TOKKI_BINARY SOURCE_DIR [unittest options]
"""

import json
import os
import re
import shutil
import signal
import socket
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
AGREEMENT = "tests/corpus/files/2023_outsourcing_itaku_compliant.docx"


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    out = bytearray()
    for name, value in fields.items():
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                f"{value}\r\n").encode()
    for name, filename, data in files:
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; "
                f"filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n").encode()
        out += data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), "multipart/form-data; boundary=" + boundary


class Server:
    def __init__(self, tmp, db):
        self.proc = subprocess.Popen(
            [TOKKI, "--data", SOURCE_DIR, "serve", "--listen", "127.0.0.1:0", "--db", db,
             "--jobs", "2", "--max-upload-mb", "2"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        line = self.proc.stderr.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            self.proc.kill()
            raise AssertionError("tokki serve did not start: " + line)
        self.port = int(m.group(1))
        self.url = f"http://127.0.0.1:{self.port}"
        # Drain standard error so that the server never blocks on a full pipe.
        threading.Thread(target=self.proc.stderr.read, daemon=True).start()

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        self.proc.wait(timeout=30)


class ServerRobustnessTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="tokki-serve-")
        cls.db = os.path.join(cls.tmp, "tokki.db")
        subprocess.run([TOKKI, "users", "add", "checker", "--role", "reviewer", "--db", cls.db],
                       input="robust-password-1\n", text=True, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        cls.token = subprocess.run([TOKKI, "users", "token", "checker", "--db", cls.db],
                                   capture_output=True, text=True, check=True).stdout.strip()
        with open(os.path.join(SOURCE_DIR, AGREEMENT), "rb") as f:
            cls.agreement = f.read()

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        self.server = Server(self.tmp, self.db)

    def tearDown(self):
        self.server.stop()

    def request(self, path, body=None, content_type=None, timeout=30):
        req = urllib.request.Request(self.server.url + path, data=body,
                                     headers={"Authorization": "Bearer " + self.token})
        if content_type:
            req.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as res:
                return res.status, res.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    def check(self, data=None, name="agreement.docx"):
        body, ctype = multipart({"type": "outsourcing", "date": "2023-04-01"},
                                [("file", name, self.agreement if data is None else data)])
        return self.request("/api/check", body, ctype)

    def healthy(self):
        status, body = self.request("/healthz", timeout=10)
        return status == 200 and json.loads(body)["status"] == "ok"

    def raw(self, payload, read=True):
        with socket.create_connection(("127.0.0.1", self.server.port), timeout=10) as s:
            s.sendall(payload)
            if not read:
                return b""
            s.shutdown(socket.SHUT_WR)
            chunks = []
            while True:
                try:
                    c = s.recv(65536)
                except socket.timeout:
                    break
                if not c:
                    break
                chunks.append(c)
            return b"".join(chunks)

    def test_malformed_requests_are_refused_and_the_server_goes_on(self):
        for payload in (b"\x00\x01\x02garbage\r\n\r\n",
                        b"GET / HTTP/9.9\r\n\r\n",
                        b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                        b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
                        b"GET /" + b"a" * 100000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
                        b"POST /api/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                        self.token.encode() + b"\r\nContent-Type: multipart/form-data; "
                        b"boundary=zz\r\nContent-Length: 20\r\n\r\n--zz\r\nbroken!!!!"):
            answer = self.raw(payload)
            if answer:
                status = int(answer.split(b" ", 2)[1])
                self.assertGreaterEqual(status, 400, answer[:200])
                self.assertLess(status, 500, answer[:200])
            self.assertTrue(self.healthy())
        status, body = self.check()
        self.assertEqual(status, 200, body[:300])

    def test_slow_clients_do_not_stop_the_others(self):
        # Forty connections that send half a request and then nothing.
        idle = []
        for _ in range(40):
            s = socket.create_connection(("127.0.0.1", self.server.port), timeout=10)
            s.sendall(b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\nab")
            idle.append(s)
        try:
            start = time.monotonic()
            status, body = self.check()
            self.assertEqual(status, 200, body[:300])
            self.assertLess(time.monotonic() - start, 10)
        finally:
            for s in idle:
                s.close()

    def test_oversized_and_bad_uploads(self):
        status, body = self.check(b"PK\x03\x04" + os.urandom(3 << 20))  # Over --max-upload-mb 2.
        self.assertEqual(status, 413, body[:300])
        self.assertIn("error", json.loads(body))
        status, body = self.check(b"not a zip at all, but named .docx")
        self.assertEqual(status, 422, body[:300])
        self.assertIn("agreement.docx", json.loads(body)["error"])
        self.assertTrue(self.healthy())

    def test_many_concurrent_uploads(self):
        results = []
        lock = threading.Lock()

        def one():
            status, _ = self.check()
            with lock:
                results.append(status)

        threads = [threading.Thread(target=one) for _ in range(24)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        self.assertEqual(len(results), 24)
        # Each is served, or told to come back (503 when no job slot frees within its wait).
        self.assertTrue(set(results) <= {200, 503}, results)
        self.assertGreater(results.count(200), 0)
        self.assertTrue(self.healthy())

    def test_sigkill_during_a_load_keeps_every_answered_row(self):
        con = sqlite3.connect(self.db)
        before = con.execute("select count(*) from checks").fetchone()[0]
        audited_before = con.execute(
            "select count(*) from audit where path = '/api/check' and status = 200").fetchone()[0]
        con.close()
        answered = []
        stop = threading.Event()
        lock = threading.Lock()

        def load():
            while not stop.is_set():
                try:
                    status, _ = self.check()
                except (OSError, urllib.error.URLError):
                    continue  # The server is gone.
                if status == 200:
                    with lock:
                        answered.append(1)

        threads = [threading.Thread(target=load) for _ in range(8)]
        for t in threads:
            t.start()
        time.sleep(3)
        self.server.stop(signal.SIGKILL)
        stop.set()
        for t in threads:
            t.join(timeout=60)
        self.assertGreater(len(answered), 5, "the load ran before the kill")
        con = sqlite3.connect(self.db)
        self.assertEqual(con.execute("pragma integrity_check").fetchone()[0], "ok")
        rows = con.execute("select count(*) from checks").fetchone()[0] - before
        audited = con.execute(
            "select count(*) from audit where path = '/api/check' and status = 200"
        ).fetchone()[0] - audited_before
        con.close()
        # A row may exist whose answer the kill cut off; never an answer without its row, in
        # the checks and in the audit log (written before the answer goes out).
        self.assertGreaterEqual(rows, len(answered))
        self.assertGreaterEqual(audited, len(answered))
        # And the register opens again and serves (setUp of the next test restarts; here too).
        self.server = Server(self.tmp, self.db)
        status, body = self.check()
        self.assertEqual(status, 200, body[:300])


if __name__ == "__main__":
    TOKKI = os.path.abspath(sys.argv[1])
    SOURCE_DIR = os.path.abspath(sys.argv[2])
    unittest.main(argv=[sys.argv[0]] + sys.argv[3:])
