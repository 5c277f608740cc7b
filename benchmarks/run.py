"""The suite's own performance, in one run: `python benchmarks/run.py` (add --matrix for tox p).

Prints:
1. the whole spec against the installed Flask, per transport (wsgi, http, both), in a fresh
   process as `flask-conformance run` does it, runs alternated, medians: seconds, checks per
   second, and the time of the clock-bound (deferred) session requirements, whose waiting
   overlaps the rest of the run;
2. the cost of supervision: the in-process spec with and without a supervising process;
   harness overhead: the requests the spec sends, replayed client by client through the wsgi
   transport vs. the same environs (cookies included) passed straight to the app, as a ratio;
3. Flask's own test suite (from the source distribution of the installed release, in a
   cached environment with a pytest it supports), timed the same way, and the spec's wall time
   per check against its wall time per test;
4. with --matrix: `tox p -p 4` over every implementation env, warm (a first, untimed run builds them);
5. merging 100 synthetic results files of 500 requirements each into the matrix.
Targets (2 cores): wall time per check in-process <= Flask's per test, both transports within 2x
of in-process, overhead <= 1.5x, warm matrix <= 60 s, merge <= 1 s.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from flask_conformance import api, registry, report
from flask_conformance.client import Client
from flask_conformance.run import ConformanceRun
from flask_conformance.transports.wsgi import WSGITransport

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def quiet(func, *args, **kwargs):
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return func(*args, **kwargs)


#: Requirements that must let the clock run (cookie dates and signature times have whole
#: seconds): deferred checks, started first and finished last, so their wait overlaps the run.
CLOCK_BOUND = ("sessions.permanent.refresh", "sessions.permanent.server-expiry")


def spec_speed(transport: str):
    """The whole spec against Flask in a fresh process, as `flask-conformance run` does it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "results.json")
        command = [sys.executable, "-c", "import sys; from flask_conformance.cli import main; sys.exit(main())",
                   "run", "--impl", "flask", "--transport", transport, "--results", path]
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        elapsed = time.perf_counter() - started
        with open(path, encoding="utf-8") as handle:
            records = json.load(handle)["requirements"]
    checks = sum(1 for r in records if r["outcome"] != "not-applicable")
    clock = sum(r["duration"] for r in records if r["id"] in CLOCK_BOUND)
    return elapsed, checks, clock


def median(samples):
    """The sample with the median wall time (samples are tuples, wall time first)."""
    return sorted(samples)[len(samples) // 2]


def supervision_cost(repeat: int = 3):
    """The whole in-process spec in a fresh process, supervised (as `flask-conformance run` does
    it) and unsupervised (the implementation in the deciding process): best of ``repeat`` each."""
    def best(isolate: bool) -> float:
        code = ("import sys; from flask_conformance.api import run_spec; "
                f"sys.exit(run_spec(impl_name='flask', isolate={isolate}))")
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
            times.append(time.perf_counter() - started)
        return min(times)

    return best(True), best(False)


def recorded_conversations():
    """What the spec sends over wsgi: one (chapter, [requests]) per client it makes."""
    conversations = []
    original_new_client, original_send = ConformanceRun.new_client, Client.send

    def new_client(self, chapter, transport):
        client = original_new_client(self, chapter, transport)
        client.benchmark_sent = []
        conversations.append((chapter, client.benchmark_sent))
        return client

    def send(self, request):
        self.benchmark_sent.append(request)
        return original_send(self, request)

    ConformanceRun.new_client, Client.send = new_client, send
    try:
        quiet(api.run, registry.load("flask"), transport="wsgi", isolate=False)  # observed in this process
    finally:
        ConformanceRun.new_client, Client.send = original_new_client, original_send
    return conversations


def overhead(repeat: int = 3):
    """The conversations replayed through the wsgi transport, and the very environs the app
    received (cookies included) replayed by calling the app directly."""
    impl = registry.load("flask")
    conversations = recorded_conversations()
    apps = {chapter: impl.build_app(chapter) for chapter, _ in conversations}
    received = []

    def capturing(app):
        def capture(environ, start_response):
            body = environ["wsgi.input"].read()
            environ["wsgi.input"] = io.BytesIO(body)
            received.append((app, dict(environ, **{"wsgi.input": body, "wsgi.errors": None})))
            return app(environ, start_response)
        return capture

    def through_transport(wrap=lambda app: app):
        transports = {chapter: WSGITransport(wrap(app), timeout=10) for chapter, app in apps.items()}
        for chapter, requests in conversations:
            session = transports[chapter].session()
            for request in requests:
                session.send(request)

    def direct():
        for app, environ in received:
            environ = dict(environ, **{"wsgi.input": io.BytesIO(environ["wsgi.input"]), "wsgi.errors": sys.stderr})
            body = app(environ, lambda status, headers, exc_info=None: None)
            try:
                b"".join(body)
            finally:
                if hasattr(body, "close"):
                    body.close()

    quiet(through_transport, capturing)

    def best(func):
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            quiet(func)
            times.append(time.perf_counter() - started)
        return min(times)

    return len(received), best(through_transport), best(direct)


def flask_suite_speed(runs: int = 3):
    """Flask's own tests for the installed release, in a fresh process per run: (median wall
    seconds, tests run). The source distribution and an environment with a pytest its tests
    support are cached under the user's cache directory."""
    flask_version, werkzeug_version = version("flask"), version("werkzeug")
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "flask-conformance" / "benchmark"
    home = cache / f"flask-{flask_version}-werkzeug-{werkzeug_version}"
    python = home / "venv" / "bin" / "python"
    if not python.exists():
        home.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-binary", ":all:", "--no-deps",
                        f"flask=={flask_version}", "-d", str(home)], check=True)
        with tarfile.open(next(home.glob("flask-*.tar.gz"))) as archive:
            archive.extractall(home, filter="data") if hasattr(tarfile, "data_filter") else archive.extractall(home)
        subprocess.run([sys.executable, "-m", "venv", str(home / "venv")], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "pytest<9", f"flask[async]=={flask_version}",
                        f"werkzeug=={werkzeug_version}"], check=True)
    source = next(p for p in home.iterdir() if p.is_dir() and p.name.startswith("flask-"))
    times, count = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
                              cwd=source, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        counts = re.findall(r"(\d+) (passed|failed|error)", proc.stdout.splitlines()[-1] if proc.stdout else "")
        count = sum(int(n) for n, _ in counts)
    return sorted(times)[len(times) // 2], count


def matrix_time():
    command = ["tox", "p", "-p", "4", "-q"]  # every env of tox.ini's env_list
    subprocess.run(command, cwd=ROOT, capture_output=True)  # warm up
    started = time.perf_counter()
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - started, proc.returncode


def merge_time():
    levels = ("MUST", "SHOULD", "MAY")
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(100):
            # a document that follows the schema, since report checks every file against it
            document = {"schema": "flask-conformance/results/1", "spec_version": "0", "harness_version": "0",
                        "implementation": {"name": f"impl{i}", "version": "1.0", "profile": "3.1"},
                        "transport": "wsgi", "transports": ["wsgi"], "started": "", "finished": "",
                        "exit_status": 0, "summary": {}, "disagreements": [],
                        "requirements": [{"id": f"chapter{j % 7}.req{j}", "chapter": f"chapter{j % 7}",
                                          "level": levels[j % 3], "transport": "wsgi",
                                          "outcome": "pass" if (i + j) % 5 else "fail", "message": "",
                                          "duration": 0.0, "since": "0.12", "until": None} for j in range(500)]}
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
    parser.add_argument("--runs", type=int, default=3, help="runs of each timing, medians reported (default: 3)")
    args = parser.parse_args()

    transports = ("wsgi", "http", "both")
    samples = {transport: [] for transport in transports}
    for _ in range(args.runs):  # alternated, so a burst of load falls on every transport alike
        for transport in transports:
            samples[transport].append(spec_speed(transport))
    speeds, checks_run = {}, {}
    for transport in transports:
        elapsed, checks, clock = median(samples[transport])
        speeds[transport], checks_run[transport] = elapsed, checks
        print(f"spec over {transport}: {checks} checks in {elapsed:.2f}s (median of {args.runs}) = "
              f"{checks / elapsed:.0f} checks/s; the {len(CLOCK_BOUND)} clock-bound requirements' checks "
              f"took {clock:.2f}s (their wait overlaps the run)")
    print(f"http / wsgi time: {speeds['http'] / speeds['wsgi']:.2f}x; both transports / wsgi: "
          f"{speeds['both'] / speeds['wsgi']:.2f}x (target <= 2x)")
    flask_wall, flask_tests = flask_suite_speed(args.runs)
    spec_per_check = speeds["wsgi"] / checks_run["wsgi"]
    flask_per_test = flask_wall / max(flask_tests, 1)
    print(f"Flask's own suite: {flask_tests} tests in {flask_wall:.2f}s = {flask_per_test * 1000:.1f} ms/test; "
          f"the spec in-process: {spec_per_check * 1000:.1f} ms/check = {spec_per_check / flask_per_test:.2f}x "
          "(target <= 1x)")
    supervised, unsupervised = supervision_cost()
    print(f"supervision: the in-process spec takes {supervised:.2f}s supervised vs {unsupervised:.2f}s with the "
          f"implementation in the deciding process = +{supervised - unsupervised:.2f}s (target < 0.5 s)")
    count, through, direct = overhead()
    print(f"harness overhead: {count} requests, wsgi transport {through:.3f}s vs direct WSGI {direct:.3f}s "
          f"= {through / direct:.2f}x (target <= 1.5x)")
    if args.matrix:
        elapsed, status = matrix_time()
        print(f"tox p -p 4, warm, every env of env_list: {elapsed:.1f}s (exit {status}; target <= 60 s)")
    else:
        print("tox p, warm: not measured (pass --matrix)")
    print(f"merge 100 files x 500 requirements: {merge_time():.3f}s (target <= 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
