"""The suite's own performance, in one run: `python benchmarks/run.py` (--matrix [--cold]: tox p too).

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
4. with --matrix: `tox p` (as many envs at a time as cores) over every env of tox.ini's env_list,
   warm (a first, untimed run builds them); with --cold also from cold: fresh envs in a new tox
   work directory (the installer's download cache stays as the machine has it);
5. merging 100 synthetic results files of 500 requirements each into the matrix.
Targets (2 cores): wall time per check in-process <= Flask's per test, both transports within 2x
of in-process, overhead <= 1.5x, warm matrix <= 60 s, cold matrix <= 5 minutes, merge <= 1 s.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import io
import json
import os
import re
import shutil
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


def overhead(repeat: int = 5):
    """The conversations replayed through the wsgi transport, and the very environs the app
    received (cookies included) replayed by calling the app directly: the CPU time of each (both
    run in this process, so a busy neighbour on the machine does not count), best of ``repeat``."""
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

    times = {through_transport: [], direct: []}
    for _ in range(repeat):  # alternated, so a burst of load falls on both alike
        for func, samples in times.items():
            started = time.process_time()
            quiet(func)
            samples.append(time.process_time() - started)
    return len(received), min(times[through_transport]), min(times[direct])


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


def tox_path() -> str:
    """PATH for tox, with a Python 3.13 added when none is on it (``quart023`` needs one): the
    newest pyenv 3.13 if there is one. A pyenv shim does not count: tox hides the pyenv version
    from its envs, so the shim resolves to nothing there."""
    path = os.environ.get("PATH", "")
    found_on_path = shutil.which("python3.13")
    if found_on_path is None or f"{os.sep}shims{os.sep}" in found_on_path:
        root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
        found = sorted(glob.glob(os.path.join(root, "versions", "3.13*", "bin")))
        if found:
            path = found[-1] + os.pathsep + path
    return path


def matrix_time(cold: bool = False):
    """`tox p` over every env of env_list (as many at a time as cores): seconds, exit status,
    each env's (seconds, name, setup seconds, command seconds), slowest first, and the envs that
    failed. Warm: after an untimed run that builds the envs. Cold: fresh envs in a new tox work
    directory."""
    env = dict(os.environ, PATH=tox_path())
    with tempfile.TemporaryDirectory() as workdir:
        command = ["tox", "p"] + (["--workdir", workdir] if cold else [])
        if not cold:
            subprocess.run(command, cwd=ROOT, capture_output=True, env=env)  # warm up
        started = time.perf_counter()
        proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
        elapsed = time.perf_counter() - started
    number = r"(\d+(?:\.\d+)?)"
    # tox's summary: "  flask31: OK (10.23=setup[1.20]+cmd[9.03] seconds)"
    envs = re.findall(rf"^\s*(\S+): (?:OK|FAIL)[^(\n]*\({number}=setup\[{number}\]\+cmd\[{number}\] seconds\)",
                      proc.stdout, re.M)
    durations = sorted(((float(total), name, float(setup), float(cmd)) for name, total, setup, cmd in envs),
                       reverse=True)
    failed = list(dict.fromkeys(re.findall(r"^\s*(\S+): FAIL", proc.stdout, re.M)))
    return elapsed, proc.returncode, durations, failed


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
    parser.add_argument("--matrix", action="store_true",
                        help="also time `tox p` over every env of env_list, warm (envs built by a first run)")
    parser.add_argument("--cold", action="store_true",
                        help="also time `tox p` from cold, in a fresh tox work directory (minutes; implies --matrix)")
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
          f"implementation in the deciding process = {supervised - unsupervised:+.2f}s (target < 0.5 s)")
    count, through, direct = overhead()
    print(f"harness overhead: {count} requests, wsgi transport {through:.3f}s vs direct WSGI {direct:.3f}s of CPU "
          f"= {through / direct:.2f}x (target <= 1.5x)")
    cores = os.cpu_count()
    if args.matrix or args.cold:
        for cold in (False, True) if args.cold else (False,):
            elapsed, status, durations, failed = matrix_time(cold)
            slowest = ", ".join(f"{name} {seconds:.0f}s" for seconds, name, _, _ in durations[:3])
            setup = sum(d[2] for d in durations)
            command = sum(d[3] for d in durations)
            failures = f"; failed: {', '.join(failed)}" if failed else ""
            print(f"tox p ({cores} at a time), {'cold' if cold else 'warm'}: {len(durations)} envs of env_list in "
                  f"{elapsed:.1f}s (exit {status}{failures}; target <= {300 if cold else 60} s); per env, summed: "
                  f"setup {setup:.0f}s, the run {command:.0f}s; slowest: {slowest}")
        if not args.cold:
            print("tox p, cold: not measured (pass --matrix --cold)")
    else:
        print("tox p, warm and cold: not measured (pass --matrix, and --cold)")
    print(f"merge 100 files x 500 requirements: {merge_time():.3f}s (target <= 1 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
