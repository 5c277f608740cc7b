"""Broken implementations get clear outcomes, touch nothing else, and cannot stall the run."""

import threading
import time

import pytest

from flask_conformance import api
from tests.zoo import BROKEN_CHAPTER, ZOO, slow_reference

HEALTHY_CHAPTER = "methods"
TIMEOUT = 1.0


def run(impl, transport):
    return api.run(impl, transport=transport, timeout=TIMEOUT,
                   requirements=[f"{BROKEN_CHAPTER}.*", f"{HEALTHY_CHAPTER}.*"])


@pytest.mark.parametrize("transport", ["wsgi", "http"])
@pytest.mark.parametrize("name", sorted(ZOO))
def test_broken_implementation(name, transport):
    factory, outcome, words = ZOO[name]
    started = time.monotonic()
    document = run(factory(), transport)
    elapsed = time.monotonic() - started
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
    # a hung chapter costs a few timeouts (the breaker), not one per requirement
    assert elapsed < 90, f"the run took {elapsed:.1f}s"


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
