"""The suite's own performance, in one run: `python benchmarks/run.py` (add --matrix for tox p).

Prints:
1. the whole spec against the installed Flask, per transport: seconds and checks per second;
2. harness overhead: the requests the spec sends, replayed through the wsgi transport vs. called
   directly as WSGI in the same process, as a ratio;
3. with --matrix: `tox p` over every implementation env, warm (a first, untimed run builds them);
4. merging 100 synthetic results files of 500 requirements each into the matrix.
Targets (2 cores): >= 220 checks/s in-process, http within 2x of wsgi, overhead <= 1.5x, warm
matrix <= 60 s, merge <= 1 s.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from wsgiref.util import setup_testing_defaults

from flask_conformance import api, registry, report
from flask_conformance.client import Client
from flask_conformance.transports.wsgi import WSGITransport, environ_for

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def quiet(func, *args, **kwargs):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return func(*args, **kwargs)


def spec_speed(transport: str):
    impl = registry.load("flask")
    started = time.perf_counter()
    document = quiet(api.run, impl, transport=transport)
    elapsed = time.perf_counter() - started
    checks = sum(1 for r in document["requirements"] if r["outcome"] != "not-applicable")
    return elapsed, checks


def recorded_requests():
    """Every (chapter, request) the spec sends over wsgi."""
    sent = []
    original = Client.send

    def recording(self, request):
        sent.append((self._chapter, request))
        return original(self, request)

    from flask_conformance import run as run_module

    original_new_client = run_module.ConformanceRun.new_client

    def new_client(self, chapter, transport):
        client = original_new_client(self, chapter, transport)
        client._chapter = chapter
        return client

    Client.send = recording
    run_module.ConformanceRun.new_client = new_client
    try:
        quiet(api.run, registry.load("flask"), transport="wsgi")
    finally:
        Client.send = original
        run_module.ConformanceRun.new_client = original_new_client
    return sent


def overhead(repeat: int = 3):
    impl = registry.load("flask")
    sent = recorded_requests()
    apps = {chapter: impl.build_app(chapter) for chapter in {c for c, _ in sent}}
    sessions = {chapter: WSGITransport(app, timeout=10).session() for chapter, app in apps.items()}

    def through_transport():
        for chapter, request in sent:
            sessions[chapter].send(request)

    def direct():
        for chapter, request in sent:
            environ = environ_for(request)
            environ.update({"REQUEST_METHOD": request.method, "PATH_INFO": request.path,
                            "QUERY_STRING": request.target.partition("?")[2]})
            setup_testing_defaults(environ)
            status = []
            body = apps[chapter](environ, lambda s, h, e=None: status.append(s))
            try:
                b"".join(body)
            finally:
                if hasattr(body, "close"):
                    body.close()

    def best(func):
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            quiet(func)
            times.append(time.perf_counter() - started)
        return min(times)

    return len(sent), best(through_transport), best(direct)


def matrix_time():
    envs = "flask31,flask30,flask23,flask22,flask21,flask20,flask11,flask10,flask012,apiflask,quart,bottle,microdot"
    subprocess.run(["tox", "p", "-e", envs, "-q"], cwd=ROOT, capture_output=True)  # warm up
    started = time.perf_counter()
    proc = subprocess.run(["tox", "p", "-e", envs, "-q"], cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - started, proc.returncode


def merge_time():
    levels = ("MUST", "SHOULD", "MAY")
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(100):
            document = {"implementation": {"name": f"impl{i}", "version": "1.0", "profile": "3.1"},
                        "requirements": [{"id": f"chapter{j % 7}.req{j}", "chapter": f"chapter{j % 7}",
                                          "level": levels[j % 3], "transport": "wsgi",
                                          "outcome": "pass" if (i + j) % 5 else "fail"} for j in range(500)]}
            with open(os.path.join(tmp, f"{i:03}.json"), "w") as handle:
                json.dump(document, handle)
        started = time.perf_counter()
        matrix = report.load([tmp])
        report.render_markdown(matrix)
        report.render_html(matrix)
        return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--matrix", action="store_true", help="also time `tox p` over every env (slow when cold)")
    args = parser.parse_args()

    speeds = {}
    for transport in ("wsgi", "http"):
        elapsed, checks = spec_speed(transport)
        speeds[transport] = elapsed
        print(f"spec over {transport}: {checks} checks in {elapsed:.2f}s = {checks / elapsed:.0f} checks/s")
    print(f"http / wsgi time: {speeds['http'] / speeds['wsgi']:.2f}x (target <= 2x)")
    count, through, direct = overhead()
    print(f"harness overhead: {count} requests, wsgi transport {through:.3f}s vs direct WSGI {direct:.3f}s "
          f"= {through / direct:.2f}x (target <= 1.5x)")
    if args.matrix:
        elapsed, status = matrix_time()
        print(f"tox p, warm, 13 envs: {elapsed:.1f}s (exit {status}; target <= 60 s)")
    else:
        print("tox p, warm: not measured (pass --matrix)")
    print(f"merge 100 files x 500 requirements: {merge_time():.3f}s (target <= 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
