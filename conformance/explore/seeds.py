"""Seeds: the request sequences the spec's own checks send, recorded from one run on the reference.

A generator that starts from what the spec already asks reaches the behaviour next to it, which
the spec does not ask about: the check's exact request repeated, then the same request with
another method, header, query, body or path segment. So before exploring a chapter, explore runs
its requirements once against the reference Flask (in this process, ``wsgi`` only) and keeps
every client session's steps: the requests it sent, and the cookies the check put in its jar by
hand. Each session becomes one seed :class:`~.model.Case`.

The reference is trusted code, so this run is not supervised; it is done once per chapter and
process and then cached.
"""

from __future__ import annotations

import contextlib
import hashlib
from dataclasses import replace
from types import SimpleNamespace
from typing import Dict, Iterable, List, Tuple

from .. import deferred
from ..client import Client
from ..run import ConformanceRun
from .model import TOKEN, Case, Step, send
from .quiet import silenced

#: At most this many sessions are kept per check: a property starts one per example, and the first
#: ones already hold its shapes of request.
SESSIONS_PER_CHECK = 12

_CACHE: Dict[Tuple[str, str], List[Case]] = {}


def seeds(reference, chapters: Iterable[str]) -> Dict[str, List[Case]]:
    """The seed cases of each chapter, from one spec run on ``reference`` (cached)."""
    version = str(getattr(reference, "version", ""))
    missing = [c for c in chapters if (c, version) not in _CACHE]
    if missing:
        recorded = _record(reference, missing)
        for chapter in missing:
            _CACHE[(chapter, version)] = recorded.get(chapter, [])
    return {c: _CACHE[(c, version)] for c in chapters}


class _Recorder:
    """A pytest plugin keeping, per spec test, the steps of each client it created."""

    def __init__(self):
        self.current = ""
        self.sessions: List[Tuple[str, List[Step]]] = []
        self._by_client: Dict[int, List[Step]] = {}
        self._clients: List[Client] = []  # kept alive, so their ids stay theirs

    def pytest_runtest_setup(self, item):
        self.current = item.nodeid

    def steps_of(self, client: Client) -> List[Step]:
        steps = self._by_client.get(id(client))
        if steps is None:
            steps = self._by_client[id(client)] = []
            self._clients.append(client)
            self.sessions.append((self.current, steps))
        return steps


@contextlib.contextmanager
def _recording(recorder: _Recorder):
    """``Client`` records its requests and hand-set cookies into ``recorder`` for the duration,
    and every requirement of the chapter runs, whatever Flask or Werkzeug release it holds for."""
    # a streamed request is left out: read whole, a stream that waits for a later request would
    # only wait for the deadline
    original = {name: getattr(Client, name) for name in ("send", "set_cookie", "delete_cookie")}

    def send_(self, request):
        recorder.steps_of(self).append(send(request))
        return original["send"](self, request)

    def set_cookie(self, name, value):
        recorder.steps_of(self).append(Step("set-cookie", name=name, value=value))
        return original["set_cookie"](self, name, value)

    def delete_cookie(self, name):
        recorder.steps_of(self).append(Step("delete-cookie", name=name))
        return original["delete_cookie"](self, name)

    patched = {"send": send_, "set_cookie": set_cookie, "delete_cookie": delete_cookie}
    for name, function in patched.items():
        setattr(Client, name, function)
    applicable = ConformanceRun.not_applicable_reason

    def every_version(self, requirement, transport):
        # the checks of other Flask or Werkzeug releases send requests worth sending too
        if transport not in requirement.transports:
            return applicable(self, requirement, transport)
        return None

    ConformanceRun.not_applicable_reason = every_version
    # a clock-bound check's wait is skipped: its requests are what is kept, not its verdict, and a
    # replay does not wait either
    clock = deferred.time
    deferred.time = SimpleNamespace(time=clock.time, sleep=lambda seconds: None)
    try:
        yield
    finally:
        for name, function in original.items():
            setattr(Client, name, function)
        ConformanceRun.not_applicable_reason = applicable
        deferred.time = clock


def _record(reference, chapters: List[str]) -> Dict[str, List[Case]]:
    """Run ``chapters``' requirements on ``reference`` and group the recorded sessions by chapter."""
    import pytest

    from ..api import _Preloaded, pytest_args, run_pytest  # noqa: F401 (run_pytest: same import order)
    from ..plugin import import_hypothesis_first

    recorder = _Recorder()
    argv = pytest_args(impl_name=reference.name, transport="wsgi", requirements=[f"{c}.*" for c in chapters])
    argv += ["-q", "--tb=no", "-p", "no:randomly", "-p", "no:cacheprovider", "-p", "no:xdist"]
    import_hypothesis_first(argv)
    with silenced(), _recording(recorder):
        pytest.main(argv, plugins=[_Preloaded(reference), recorder])
    found: Dict[str, List[Case]] = {c: [] for c in chapters}
    per_check: Dict[str, int] = {}
    for nodeid, steps in recorder.sessions:
        chapter = nodeid.partition(".py")[0].rpartition("/")[2]
        if chapter not in found or not any(step.kind == "send" for step in steps):
            continue
        per_check[nodeid] = per_check.get(nodeid, 0) + 1
        if per_check[nodeid] <= SESSIONS_PER_CHECK:
            found[chapter].append(Case(_stable_tokens(steps, f"{nodeid}#{per_check[nodeid]}"), "seed", nodeid))
    return found


def _stable_tokens(steps: List[Step], session: str) -> Tuple[Step, ...]:
    """``steps`` with each random token a check made replaced by one derived from the session's
    name, so every run reports the same requests (a replay gives each side fresh tokens anyway)."""
    tokens: Dict[str, str] = {}

    def stable(match):
        name = f"{session}:{len(tokens)}" if match.group(0) not in tokens else ""
        return tokens.setdefault(match.group(0), hashlib.md5(name.encode("utf-8")).hexdigest())

    return tuple(replace(step, request=replace(step.request, target=TOKEN.sub(stable, step.request.target)))
                 if step.kind == "send" else step for step in steps)
