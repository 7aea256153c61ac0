#!/usr/bin/env python3
"""A stand-in of the paper's merge service (BMM_code/api/app.py), written from PROTOCOL.md's
bmm section, Python standard library only. It answers as the release does, field for field:

  GET  /health                         {"status": "ok"}
  GET  /v1/presets                     {"items": [{"preset_id", "path", "base_model_name_or_path"}]}
  POST /v1/sessions                    SessionInfo {session_id, preset_id, workdir,
                                       model_name_or_path, query_plus (all fields), adapter_count}
  GET  /v1/sessions/{id}               the same object
  POST /v1/sessions/{id}/evaluate      {"loss", "adapter_dir"}; body {"alpha", "beta", "tag"}
  POST /v1/sessions/{id}/materialize   {"adapter_dir", "session"}

Errors are FastAPI's: 404 {"detail": "Unknown session."}; 422 {"detail": [{"loc", "msg",
"type"}]} for a body that fails validation; an unknown preset or a vector of the wrong length
raise inside the service and come back as a bare "500 Internal Server Error" in text.

Like the release, a session evaluates one call at a time: the merge is "loaded" into the
session, the evaluation takes a while, and the loss is computed from whatever merge is loaded
when it ends, so two calls in flight on one session answer wrongly (counted in /stats as
"overlaps"). The loss is a deterministic function of the vectors and the data set (the release's
is noisy; a test wants exact answers).

Connections, as the servers the job meets:
  default         HTTP/1.0, every connection closed after its answer (Python's stdlib servers);
  --idle-close S  HTTP/1.1 keep-alive, an idle connection closed after S seconds (uvicorn: 5 s).

GET /stats (not in the release; the job never calls it) returns what the tests check.
Prints "listening on http://127.0.0.1:PORT" once ready. Stop it with SIGTERM.
"""
import argparse
import hashlib
import json
import re
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PRESETS = [{"preset_id": "conll04", "path": "presets/conll04.json",
            "base_model_name_or_path": "models/llama3-8b-instruct"}]
ADAPTERS = 5
QUERY_DEFAULTS = {"dataset_dir": "data/Userdata", "template": "default", "cutoff_len": 2048,
                  "max_samples": None, "batch_size": 15, "evaluation_batches": 20,
                  "temperature": 0.95, "top_p": 0.7, "top_k": 50, "max_new_tokens": 1024,
                  "repetition_penalty": 1.0}
INTS = {"cutoff_len", "max_samples", "batch_size", "evaluation_batches", "top_k", "max_new_tokens"}
FLOATS = {"temperature", "top_p", "repetition_penalty"}


class State:
    def __init__(self, eval_seconds):
        self.lock = threading.Lock()
        self.sessions = {}
        self.eval_seconds = eval_seconds
        self.stats = {"evaluate": 0, "materialize": 0, "sessions": 0, "overlaps": 0,
                      "tag_collisions": 0, "connections": 0, "requests": 0, "tags": 0}
        self.tags = {}


class ValidationError(Exception):
    def __init__(self, errors):
        self.errors = errors


class Crash(Exception):
    """Raised inside the service: FastAPI answers a bare 500."""


def target(dataset, i):
    h = hashlib.sha256(f"{dataset}/{i}".encode()).digest()
    return 0.2 + 0.6 * h[0] / 255.0


def loss_of(dataset, alpha, beta):
    n = len(alpha)
    fit = sum((alpha[i] - target(dataset, i)) ** 2 for i in range(n)) / n
    scale = sum((b - 0.8) ** 2 for b in beta) / n
    return 1.0 + fit + 0.25 * scale


def vector(body, name):
    value = body.get(name)
    if not isinstance(value, list):
        raise ValidationError([{"loc": ["body", name], "msg": "value is not a valid list",
                                "type": "type_error.list"}])
    for k, x in enumerate(value):
        if isinstance(x, bool) or not isinstance(x, (int, float)):
            raise ValidationError([{"loc": ["body", name, k], "msg": "value is not a valid float",
                                    "type": "type_error.float"}])
    return [float(x) for x in value]


def query_plus(raw):
    if raw is None:
        raise Crash("query_plus is required by this stand-in's presets")
    if not isinstance(raw, dict) or not isinstance(raw.get("dataset"), str):
        raise ValidationError([{"loc": ["body", "query_plus", "dataset"], "msg": "field required",
                                "type": "value_error.missing"}])
    q = {"dataset": raw["dataset"]}
    for key, default in QUERY_DEFAULTS.items():
        value = raw.get(key, default)
        if value is not None and key in INTS and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValidationError([{"loc": ["body", "query_plus", key], "msg": "value is not a valid integer",
                                    "type": "type_error.integer"}])
        if value is not None and key in FLOATS and not isinstance(value, (int, float)):
            raise ValidationError([{"loc": ["body", "query_plus", key], "msg": "value is not a valid float",
                                    "type": "type_error.float"}])
        q[key] = value
    if q["batch_size"] is not None and q["batch_size"] < 1:
        raise ValidationError([{"loc": ["body", "query_plus", "batch_size"],
                                "msg": "ensure this value is greater than 0", "type": "value_error.number.not_gt"}])
    return q


class Handler(BaseHTTPRequestHandler):
    server_version = "uvicorn-standin"

    def log_message(self, fmt, *args):
        pass

    def setup(self):
        super().setup()
        with self.server.state.lock:
            self.server.state.stats["connections"] += 1

    # --- answers ---------------------------------------------------------------------------
    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def bare_500(self):
        data = b"Internal Server Error"
        self.send_response(500)
        self.send_header("content-type", "text/plain; charset=utf-8")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def body(self):
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            value = json.loads(raw or b"null")
        except ValueError:
            raise ValidationError([{"loc": ["body", 0], "msg": "Expecting value", "type": "value_error.jsondecode"}])
        if not isinstance(value, dict):
            raise ValidationError([{"loc": ["body"], "msg": "value is not a valid dict", "type": "type_error.dict"}])
        return value

    def route(self, handler):
        state = self.server.state
        if self.path != "/stats":
            with state.lock:
                state.stats["requests"] += 1
        try:
            handler()
        except ValidationError as e:
            self.answer(422, {"detail": e.errors})
        except Crash:
            self.bare_500()

    # --- endpoints -------------------------------------------------------------------------
    def do_GET(self):
        self.route(self.get)

    def do_POST(self):
        self.route(self.post)

    def get(self):
        state = self.server.state
        if self.path == "/health":
            return self.answer(200, {"status": "ok"})
        if self.path == "/v1/presets":
            return self.answer(200, {"items": PRESETS})
        if self.path == "/stats":
            with state.lock:
                return self.answer(200, dict(state.stats))
        m = re.fullmatch(r"/v1/sessions/([^/]+)", self.path)
        if m:
            session = state.sessions.get(m.group(1))
            if session is None:
                return self.answer(404, {"detail": "Unknown session."})
            return self.answer(200, session["info"])
        self.answer(404, {"detail": "Not Found"})

    def post(self):
        state = self.server.state
        if self.path == "/v1/sessions":
            return self.create()
        m = re.fullmatch(r"/v1/sessions/([^/]+)/(evaluate|materialize)", self.path)
        if not m:
            return self.answer(404, {"detail": "Not Found"})
        body = self.body()
        session = state.sessions.get(m.group(1))
        if session is None:
            return self.answer(404, {"detail": "Unknown session."})
        alpha, beta = vector(body, "alpha"), vector(body, "beta")
        tag = body.get("tag", "manual")
        if not isinstance(tag, str):
            raise ValidationError([{"loc": ["body", "tag"], "msg": "str type expected", "type": "type_error.str"}])
        if len(alpha) != ADAPTERS or len(beta) != ADAPTERS:
            raise Crash("vector length")
        info = session["info"]
        adapter_dir = f"{info['workdir']}/artifacts/{tag}"
        if m.group(2) == "materialize":
            with state.lock:
                state.stats["materialize"] += 1
            return self.answer(200, {"adapter_dir": adapter_dir, "session": info})
        with state.lock:
            state.stats["evaluate"] += 1
            key = (m.group(1), tag)
            seen = state.tags.get(key)
            if seen is None:
                state.tags[key] = (alpha, beta)
                state.stats["tags"] += 1
            elif seen != (alpha, beta):
                state.stats["tag_collisions"] += 1
            if session["busy"] > 0:
                state.stats["overlaps"] += 1
            session["busy"] += 1
            session["loaded"] = (alpha, beta)
        time.sleep(state.eval_seconds)
        with state.lock:
            loaded_alpha, loaded_beta = session["loaded"]
            session["busy"] -= 1
        loss = loss_of(info["query_plus"]["dataset"], loaded_alpha, loaded_beta)
        self.answer(200, {"loss": loss, "adapter_dir": adapter_dir})

    def create(self):
        state = self.server.state
        body = self.body()
        preset_id = body.get("preset_id")
        if not isinstance(preset_id, str):
            raise ValidationError([{"loc": ["body", "preset_id"], "msg": "field required",
                                    "type": "value_error.missing"}])
        preset = next((p for p in PRESETS if p["preset_id"] == preset_id), None)
        if preset is None:
            raise Crash("unknown preset")
        q = query_plus(body.get("query_plus"))
        sid = uuid.uuid4().hex
        info = {"session_id": sid, "preset_id": preset_id, "workdir": f"artifacts/{sid}",
                "model_name_or_path": body.get("model_name_or_path") or preset["base_model_name_or_path"],
                "query_plus": q, "adapter_count": ADAPTERS}
        with state.lock:
            state.sessions[sid] = {"info": info, "busy": 0, "loaded": None}
            state.stats["sessions"] += 1
        self.answer(200, info)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--idle-close", type=float, default=None,
                        help="HTTP/1.1 keep-alive; close a connection idle this many seconds")
    parser.add_argument("--eval-seconds", type=float, default=0.02,
                        help="how long one evaluation takes")
    args = parser.parse_args()
    if args.idle_close is not None:
        Handler.protocol_version = "HTTP/1.1"
        Handler.timeout = args.idle_close
    else:
        Handler.protocol_version = "HTTP/1.0"
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    server.state = State(args.eval_seconds)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
