#!/usr/bin/env python3
"""A stand-in SMS gateway for the HTTP transport's tests (tests/unit/test_sms.cpp).

Listens on 127.0.0.1 on a free port and prints the port as its first line of
standard output. Each POST gets the answer the plan gives:

  --plan 500,hang,200   answers in turn, starting again after the last
  --per-key             take the plan per Idempotency-Key instead: the n-th
                        request with a key gets the n-th answer

An answer is an HTTP status (a 2xx comes with {"id": "gw-<n>"}, except 204,
which has no body; a 3xx with a Location header pointing back at the
gateway), `hang` (sleeps --hang-seconds, longer than the client waits, then
answers 200) or `drop` (closes the connection without an answer).

Every request is recorded before it is answered, as one JSON line in --log:
method, path, idempotency key, authorization header, content type, the form
fields (to, text, sender; absent ones are null) and the answer given.
Runs until it is killed.
"""

import argparse
import itertools
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", default="200", help="comma-separated answers: a status, hang or drop")
    parser.add_argument("--per-key", action="store_true", help="follow the plan per Idempotency-Key")
    parser.add_argument("--log", required=True, help="file to append one JSON line per request to")
    parser.add_argument("--hang-seconds", type=float, default=5.0)
    args = parser.parse_args()
    args.plan = [answer.strip() for answer in args.plan.split(",") if answer.strip()]
    for answer in args.plan:
        if answer not in ("hang", "drop") and not (answer.isdigit() and 100 <= int(answer) <= 599):
            parser.error(f"not an answer: {answer}")
    return args


class Gateway:
    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.served = 0
        self.per_key = {}
        self.ids = itertools.count(1)
        self.log = open(args.log, "a", encoding="utf-8")

    def answer_for(self, key):
        with self.lock:
            if self.args.per_key:
                n = self.per_key.get(key, 0)
                self.per_key[key] = n + 1
            else:
                n = self.served
            self.served += 1
            return self.args.plan[n % len(self.args.plan)], next(self.ids)

    def record(self, entry):
        with self.lock:
            self.log.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self.log.flush()


def make_handler(gateway):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):
            pass  # the JSON log is the record; stderr stays quiet

        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            raw = self.rfile.read(length).decode("utf-8", errors="replace")
            fields = urllib.parse.parse_qs(raw, keep_blank_values=True, encoding="utf-8", errors="replace")
            key = self.headers.get("Idempotency-Key")
            answer, number = gateway.answer_for(key)
            gateway.record({
                "method": self.command,
                "path": self.path,
                "key": key,
                "auth": self.headers.get("Authorization"),
                "content_type": self.headers.get("Content-Type"),
                "to": fields.get("to", [None])[0],
                "text": fields.get("text", [None])[0],
                "sender": fields.get("sender", [None])[0],
                "fields": sorted(fields),
                "answer": answer,
            })
            if answer == "drop":
                self.close_connection = True
                return
            if answer == "hang":
                time.sleep(gateway.args.hang_seconds)
                answer = "200"
            status = int(answer)
            body = b""
            if 200 <= status < 300 and status != 204:
                body = json.dumps({"id": f"gw-{number}", "status": "queued"}).encode()
            elif status >= 400:
                body = json.dumps({"error": f"answer {status} as planned"}).encode()
            self.send_response(status)
            if 300 <= status < 400:
                self.send_header("Location", "/redirected")
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


def main():
    args = parse_args()
    gateway = Gateway(args)
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(gateway))
    server.daemon_threads = True  # a hanging answer does not keep the process alive
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
