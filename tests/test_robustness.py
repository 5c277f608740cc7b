"""Broken implementations get clear outcomes, touch nothing else, and cannot stall the run."""

import os
import resource
import threading
import time

import pytest

from flask_conformance import api, supervisor
from tests.zoo import BROKEN_CHAPTER, ZOO, slow_reference

HEALTHY_CHAPTER = "methods"
TIMEOUT = 1.0


def processes_in_groups(groups):
    """Live processes (not zombies) in any of the process groups ``groups`` (Linux's /proc)."""
    found = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    fields = handle.read().rpartition(")")[2].split()
            except OSError:
                continue
            if fields[0] != "Z" and int(fields[2]) in groups:
                found.append(int(entry))
    return found


def peak_memory_mib():
    """The largest resident size this process or any process it waited for reached."""
    return max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


def run(impl, transport):
    return api.run(impl, transport=transport, timeout=TIMEOUT,
                   requirements=[f"{BROKEN_CHAPTER}.*", f"{HEALTHY_CHAPTER}.*"])


@pytest.mark.parametrize("transport", ["wsgi", "http"])
@pytest.mark.parametrize("name", sorted(ZOO))
def test_broken_implementation(name, transport):
    factory, outcome, words = ZOO[name]
    words = words[transport] if isinstance(words, dict) else words
    threads = set(threading.enumerate())
    workers = len(supervisor.STARTED)
    started = time.monotonic()
    document = run(factory(), transport)  # read from the results file the run wrote
    elapsed = time.monotonic() - started
    assert processes_in_groups(set(supervisor.STARTED[workers:])) == [], "a worker left processes behind"
    assert set(threading.enumerate()) - threads == set()
    assert peak_memory_mib() < 1024
    applicable = [r for r in document["requirements"] if r["outcome"] != "not-applicable"]
    broken = [r for r in applicable if r["chapter"] == BROKEN_CHAPTER]
    healthy = [r for r in applicable if r["chapter"] == HEALTHY_CHAPTER]
    assert broken and healthy
    assert {r["outcome"] for r in broken} == {outcome}, {(r["id"], r["outcome"], r["message"]) for r in broken}
    first = [r for r in broken if "not sent" not in r["message"]]
    assert first and all(words in r["message"] for r in first), [r["message"] for r in first][:3]
    assert all(len(r["message"].splitlines()) == 1 for r in broken)
    assert {r["outcome"] for r in healthy} == {"pass"}, [(r["id"], r["message"]) for r in healthy if r["outcome"] != "pass"]
    assert document["exit_status"] == 1
    # a hung chapter costs a few timeouts (the breaker), not one per requirement; one the
    # supervisor must kill costs a few progress limits and fresh workers
    assert elapsed < (180 if name in {"native-hang", "swallows-interrupts"} else 90), f"the run took {elapsed:.1f}s"


def test_slow_but_correct_implementation_passes():
    document = api.run(slow_reference(), transport="http", timeout=5,
                       requirements=[f"{HEALTHY_CHAPTER}.*"])
    assert {r["outcome"] for r in document["requirements"]} <= {"pass", "not-applicable"}


def test_hung_view_leaves_no_server_behind():
    import multiprocessing

    before = set(multiprocessing.active_children())
    run(ZOO["hangs-forever"][0](), "http")
    assert set(multiprocessing.active_children()) - before == set()
    assert not [t for t in threading.enumerate() if t.name.startswith("flask-conformance-waitress")]


def test_hung_view_leaves_no_thread_behind_in_process():
    before = set(threading.enumerate())
    document = run(ZOO["hangs-forever"][0](), "wsgi")
    assert "timeout" in {r["outcome"] for r in document["requirements"]}
    assert set(threading.enumerate()) - before == set()


def test_the_command_line_ends_with_the_truth_when_the_implementation_exits(tmp_path):
    """The worst a gate can do is pass silently: a view calling os._exit(0) must not end the run."""
    import subprocess
    import sys

    from flask_conformance import results

    import xml.etree.ElementTree as ET

    path, junit = tmp_path / "results.json", tmp_path / "junit.xml"
    proc = subprocess.run(
        [sys.executable, "-m", "flask_conformance.cli", "run", "--impl", "tests.zoo:exits_process_implementation",
         "--requirement", f"{BROKEN_CHAPTER}.*", "--requirement", f"{HEALTHY_CHAPTER}.*", "--timeout", str(TIMEOUT),
         "--results", str(path), "--junitxml", str(junit)],
        capture_output=True, text=True, timeout=600, cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
    )
    assert proc.returncode == 1, proc.stdout[-2000:] + proc.stderr[-2000:]
    document = results.read(str(path))
    results.validate(document)
    assert document["exit_status"] == 1
    assert "with exit status 0 (os._exit?)" in proc.stdout
    assert "Traceback" not in proc.stderr
    assert proc.stdout.rstrip().endswith(f"results written to {path}")
    # JUnit holds every check, also those of the workers the app took down, and errs where they gate
    cases = {case.get("name"): case for case in ET.parse(junit).iter("testcase")}
    records = {f"{r['id']}[{r['transport']}]": r for r in document["requirements"]}
    assert set(cases) == set(records)
    erred = {name for name, case in cases.items() if case.find("error") is not None}
    assert erred == {name for name, r in records.items() if r["outcome"] == "error" and r["level"] == "MUST"} != set()


def test_an_implementation_ending_the_process_while_loading_is_a_usage_error(capsys):
    from flask_conformance import cli

    assert cli.main(["run", "--impl", "tests.ends_process_at_import:impl"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == ("flask-conformance: error: implementation 'tests.ends_process_at_import:impl' could not be "
                   "loaded: the worker process ended with exit status 0 while loading it")
