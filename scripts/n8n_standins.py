"""Local stand-ins for scripts/n8n_e2e.sh's WhatsApp Cloud checks (nothing outside the box):

- a Graph API stand-in: records every POST /<version>/<phone_number_id>/messages (path,
  Authorization header, JSON body) as a line of <log>/graph.jsonl and answers as Meta does;
- a proxy in front of Pulpo: forwards /v1/decide, except that the first try of a message whose
  id ends in ".busy" is answered 429 with Retry-After: 2 (Pulpo's own rate-limit answer), so the
  workflow's wait-and-retry is checked; every try is recorded in <log>/proxy.jsonl.

Usage: python3 n8n_standins.py graph PORT LOG_DIR
       python3 n8n_standins.py proxy PORT PULPO_URL LOG_DIR
(two processes, so the proxy can be stopped with Pulpo while the Graph API stays up)
"""
import json
import sys
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODE, PORT = sys.argv[1], int(sys.argv[2])
PULPO_URL = sys.argv[3] if MODE == "proxy" else ""
LOG_DIR = sys.argv[-1]
LOCK = threading.Lock()
SENT = [0]
BUSY_SEEN = set()


def record(name, entry):
    with LOCK, open(f"{LOG_DIR}/{name}.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, ensure_ascii=False) + "\n")


class Quiet(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def body(self):
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n else b""

    def answer(self, code, payload, headers=()):
        data = json.dumps(payload).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class Graph(Quiet):
    def do_POST(self):
        raw = self.body()
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        record("graph", {"at": time.time(), "path": self.path,
                         "authorization": self.headers.get("Authorization"), "body": body})
        if not self.path.endswith("/messages") or not isinstance(body, dict):
            return self.answer(400, {"error": {"message": "bad request", "code": 100}})
        with LOCK:
            SENT[0] += 1
            n = SENT[0]
        self.answer(200, {"messaging_product": "whatsapp",
                          "contacts": [{"input": body.get("to"), "wa_id": body.get("to")}],
                          "messages": [{"id": f"wamid.standin.{n}"}]})


class Proxy(Quiet):
    def do_GET(self):
        self.forward(None)

    def do_POST(self):
        self.forward(self.body())

    def forward(self, raw):
        message_id = ""
        if raw:
            try:
                message_id = json.loads(raw).get("message", {}).get("id", "")
            except (ValueError, AttributeError):
                pass
        record("proxy", {"at": time.time(), "path": self.path, "message_id": message_id})
        if message_id.endswith(".busy"):
            with LOCK:
                first = message_id not in BUSY_SEEN
                BUSY_SEEN.add(message_id)
            if first:
                return self.answer(429, {"type": "https://pulpo.dev/problems/rate-limited",
                                         "title": "Too many requests", "status": 429,
                                         "code": "rate_limited"}, [("Retry-After", "2")])
        headers = {k: v for k, v in self.headers.items() if k.lower() in ("authorization", "content-type", "x-request-id")}
        req = urllib.request.Request(PULPO_URL + self.path, data=raw, headers=headers,
                                     method="POST" if raw is not None else "GET")
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                code, data, ctype = r.status, r.read(), r.headers.get("Content-Type", "application/json")
        except urllib.error.HTTPError as e:
            code, data, ctype = e.code, e.read(), e.headers.get("Content-Type", "application/json")
        except OSError:  # Pulpo down: drop the connection
            self.close_connection = True
            self.connection.close()
            return
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", PORT), {"graph": Graph, "proxy": Proxy}[MODE])
    print(f"{MODE} stand-in on {PORT}", flush=True)
    server.serve_forever()
