"""An OpenAI-compatible chat-completions server for protext describe's tests.

No LLM can run on the test machine, so this stands in for llama.cpp's server, Ollama or
OpenAI: it answers POST /v1/chat/completions with deterministic text made from the
question, and injects the faults a real server shows. It prints its port on the first
line of stdout and logs every request (with its headers) as a JSON line to --log.

Faults (--fault, repeatable): 429-once (Retry-After: 1 on the first request),
500-once, slow-once (sleeps --slow seconds on the first request), slow-always,
malformed (a body that is not JSON), close (closes the connection without answering),
ignore-n (always one choice), bad-key (401 quoting the key it refused).
"""
import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

parser = argparse.ArgumentParser()
parser.add_argument("--log", required=True)
parser.add_argument("--fault", action="append", default=[])
parser.add_argument("--slow", type=float, default=3.0)
args = parser.parse_args()

lock = threading.Lock()
state = {"count": 0, "in_flight": 0, "max_in_flight": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def leave(self):
        # Out of flight before the answer is written: once the client has it, it may send
        # the next request at once, and that one must not count this one as still open.
        if getattr(self, "in_flight", False):
            self.in_flight = False
            with lock:
                state["in_flight"] -= 1

    def send_json(self, status, payload, headers=()):
        self.leave()
        body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        request = json.loads(self.rfile.read(length) or b"{}")
        with lock:
            state["count"] += 1
            n = state["count"]
            state["in_flight"] += 1
            self.in_flight = True
            state["max_in_flight"] = max(state["max_in_flight"], state["in_flight"])
            with open(args.log, "a") as log:
                log.write(json.dumps({"n": n, "path": self.path, "authorization": self.headers.get("Authorization"),
                                      "request": request, "max_in_flight": state["max_in_flight"]}) + "\n")
        try:
            self.answer(n, request)
        finally:
            self.leave()

    def answer(self, n, request):
        faults = args.fault
        if self.path != "/v1/chat/completions":
            return self.send_json(404, {"error": {"message": "no such route " + self.path}})
        if "bad-key" in faults:
            key = (self.headers.get("Authorization") or "").replace("Bearer ", "")
            return self.send_json(401, {"error": {"message": "Incorrect API key provided: " + key}})
        if "429-once" in faults and n == 1:
            return self.send_json(429, {"error": {"message": "slow down"}}, [("Retry-After", "1")])
        if "500-once" in faults and n == 1:
            return self.send_json(500, {"error": {"message": "boom"}})
        if ("slow-once" in faults and n == 1) or "slow-always" in faults:
            time.sleep(args.slow)
        if "malformed" in faults:
            return self.send_json(200, b"{\"choices\": [ this is not json")
        if "close" in faults:
            self.close_connection = True
            self.wfile.flush()
            self.connection.shutdown(2)
            return
        time.sleep(0.05)  # requests overlap, so the concurrency cap shows
        question = request["messages"][0]["content"]
        count = 1 if "ignore-n" in faults else int(request.get("n", 1))
        choices = [{"index": i, "message": {"role": "assistant",
                                             "content": "  Answer %d-%d to: %s  " % (n, i, question)}}
                   for i in range(count)]
        self.send_json(200, {"id": "chat-%d" % n, "object": "chat.completion", "model": request["model"],
                             "choices": choices})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
