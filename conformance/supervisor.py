"""The supervisor: decides the verdict in a process that runs none of the implementation's code.

The spec runs in a worker (:mod:`worker`) that announces each spec test and sends each finished
phase over the side channel. However the worker ends (pytest finished, the implementation exited
the process, a signal killed it, or it went silent and was killed), the supervisor records an
outcome naming what happened for the requirement in flight, runs what is left in a fresh worker
in the same order, then applies the expectations, prints the summary, writes the results file
and returns the exit status. Nothing of a worker outlives it: its whole process group is killed.
"""

from __future__ import annotations

import functools
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from . import junit, summary
from .errors import UsageError
from .outcomes import ERROR, TIMEOUT
from .results import validate, write
from .run import ConformanceRun
from .transports import TRANSPORTS
from . import worker

#: The process groups of the workers started in this process (the tests prove none outlives its run).
STARTED: List[int] = []

#: pytest's exit statuses that mean the session itself did not complete.
_INCOMPLETE = (2, 3, 4)


def progress_limit(timeout: float) -> float:
    """Seconds of silence after which a worker is deemed hung: room for a whole request to time
    out on its own (the transports bound each one by ``timeout``), and for slow setup."""
    return 2 * timeout + 5


#: The limit before a worker has listed its tests: pytest's start-up and the collection.
STARTUP_LIMIT = 60.0

#: After this many workers in a row lost to one chapter's app on one transport, the rest of that
#: chapter is not sent to it (like the breaker for requests that time out): a run costs a few
#: fresh workers per broken app, not one per requirement.
LOSSES = 3


@dataclass
class Plan:
    """One supervised run: the worker's pytest command line and the verdict's settings."""

    argv: List[str]
    impl_name: str
    implementation: object = None
    transports: Tuple[str, ...] = ("wsgi",)
    profile: Optional[str] = None
    strict: bool = False
    timeout: float = 10.0
    patterns: Tuple[str, ...] = ()
    expectations: Optional[str] = None
    update_expectations: Optional[str] = None
    results: Optional[str] = None
    junitxml: Optional[str] = None


class Identity:
    """What the verdict needs to know of the implementation (name, version, flask_api, packages,
    lacks), as its worker reported it: the supervisor never loads the implementation."""

    def __init__(self, **attributes):
        self.__dict__.update(attributes)


@dataclass
class _State:
    """What the supervisor learnt from its workers so far."""

    order: Optional[List[str]] = None  # every spec test, in the order pytest runs them
    done: set = field(default_factory=set)
    identities: Dict[str, dict] = field(default_factory=dict)  # nodeid -> its record's identity
    implementation: Optional[Identity] = None
    status: Optional[int] = None  # pytest's exit status, when a worker finished its session
    interrupted: bool = False
    losses: Dict[Tuple[str, str], list] = field(default_factory=dict)  # (chapter, transport) -> blames in a row

    def remaining(self) -> List[str]:
        return [nodeid for nodeid in self.order or () if nodeid not in self.done]


class _Writer:
    """The few terminal calls the summary makes, on pytest's own terminal writer."""

    def __init__(self):
        from _pytest._io import TerminalWriter

        self._tw = TerminalWriter(sys.stdout)

    def section(self, title, sep="=", **markup):
        self._tw.sep(sep, title, **markup)

    def write_line(self, line, **markup):
        self._tw.line(line, **markup)

    def __getattr__(self, name):  # anything else the summary may come to use
        return getattr(self._tw, name)


def supervise(plan: Plan) -> int:
    """Run the spec in supervised workers; the exit status of the run."""
    state = _State()
    verdict: Optional[ConformanceRun] = None
    limit = progress_limit(plan.timeout)
    previous_sigterm = signal.signal(signal.SIGTERM, _interrupt) if _main_thread() else None
    pid = None
    try:
        while not state.interrupted:
            deselect = [arg for nodeid in sorted(state.done) for arg in ("--deselect", nodeid)]
            pid, receiver = worker.start(plan.argv + deselect, plan.impl_name, plan.implementation)
            STARTED.append(pid)
            if verdict is None:  # after the fork: reading the catalog must not precede pytest's import
                try:
                    verdict = _verdict_run(plan)
                except UsageError:
                    _end(pid, receiver, 0)
                    raise
                except KeyboardInterrupt:  # the worker ends its session; its records still count
                    state.interrupted = True
                    _signal_group(pid, signal.SIGINT)
                    verdict = _verdict_run(plan)
            progressed, cause = _watch(pid, receiver, state, verdict, limit, plan.timeout)
            pid = None
            if cause is None:
                break
            if state.order is None:
                if state.implementation is None:
                    raise UsageError(f"implementation {plan.impl_name!r} could not be loaded: "
                                     f"the worker process {cause} while loading it")
                raise UsageError(f"the spec could not be collected: the worker process {cause}")
            _give_up_on_lost_apps(verdict, state)
            left = state.remaining()
            if not left:
                break
            if not progressed:  # a worker that dies before finishing anything would die again
                for nodeid in left:
                    _blame(verdict, state, nodeid, ERROR, f"not run: the worker process {cause} before it")
                break
            _notice(f"the rest of the run ({len(left)} tests) continues in a fresh worker")
    except KeyboardInterrupt:  # between workers, or while one was being reaped
        state.interrupted = True
        if pid is not None:
            _signal_group(pid, signal.SIGKILL)
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
    finally:
        if previous_sigterm is not None:
            signal.signal(signal.SIGTERM, previous_sigterm)
    if state.interrupted:
        state.status = 2
    return _conclude(plan, verdict, state)


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _verdict_run(plan: Plan) -> ConformanceRun:
    from .catalog import requirements

    requirements()  # read now, while the worker starts on the other core: settling the records needs it
    return ConformanceRun(
        impl_name=plan.impl_name, transports=plan.transports, profile=plan.profile, strict=plan.strict,
        timeout=plan.timeout, patterns=plan.patterns, expectations_path=plan.expectations,
        update_expectations=plan.update_expectations,
    )


def _watch(pid: int, receiver, state: _State, verdict: ConformanceRun, limit: float, timeout: float):
    """Follow one worker to its end: (whether it finished a test, why it ended early or None)."""
    in_flight: Dict[str, float] = {}
    progressed = False
    unusable = None
    retired = None
    finished = False
    receiver.limit = STARTUP_LIMIT if state.order is None else limit
    if state.interrupted:  # already told to stop: give it a moment to end its session
        receiver.limit = min(receiver.limit, 10.0)
    silent = False
    finished_key = None
    while True:
        try:
            for message in receiver.messages():
                if message is None:
                    silent = True
                    break
                event = message["event"]
                if event == "start":
                    in_flight[message["nodeid"]] = time.monotonic()
                    # its setup may build the chapter's app (imports, a server) without a request
                    receiver.limit = max(limit, STARTUP_LIMIT)
                    # the test before it ended and left the worker fit to go on: its app is
                    # no longer losing workers in a row
                    state.losses.pop(finished_key, None)
                elif event == "phase":
                    receiver.limit = limit
                    state.identities.setdefault(message["nodeid"], _identity_of(message["phase"]))
                    verdict.record_phase(message["nodeid"], message["when"], message["duration"], message["phase"])
                elif event == "finish":
                    in_flight.pop(message["nodeid"], None)
                    state.done.add(message["nodeid"])
                    finished_key = _key(state.identities.get(message["nodeid"]))
                    progressed = True
                elif event == "crash":
                    _blame(verdict, state, message["nodeid"], ERROR, message["message"])
                elif event == "collected":
                    if state.order is None:
                        state.order = list(message["items"])
                    receiver.limit = limit
                elif event == "implementation":
                    message.pop("event")
                    state.implementation = Identity(**message)
                    verdict._impl = state.implementation
                elif event == "unusable":
                    unusable = message["message"]
                elif event == "retired":  # the app damaged the worker's process
                    retired = message["reason"]
                    identity = state.identities.get(message["nodeid"])
                    record = identity and verdict.records.get((identity["id"], identity["transport"]))
                    if record is not None:
                        state.losses.setdefault(_key(identity), []).append((record.outcome, retired))
                elif event == "exit":
                    finished = True
                    state.status = message["status"]
            break
        except KeyboardInterrupt:  # forward it: the worker's pytest ends the session cleanly
            state.interrupted = True
            _signal_group(pid, signal.SIGINT)
            receiver.limit = min(limit, 10.0)
    status = _end(pid, receiver, 0 if silent else limit)
    if unusable is not None:
        raise UsageError(unusable)
    if finished or retired:
        return progressed, retired
    if state.interrupted:
        state.status = 2
        return progressed, None
    if silent:
        cause = f"made no progress for {receiver.limit:g}s and was killed"
        outcome = TIMEOUT
        message = (f"no progress for {receiver.limit:g}s: the implementation hangs where the {timeout:g}s "
                   "request timeout cannot reach it; the worker was killed")
    else:
        code, how = worker.describe_status(status)
        cause = how
        outcome = ERROR
        if code is not None:
            message = f"the implementation ended the process with exit status {code} (os._exit?)"
        else:
            message = f"the implementation's process {how}"
    blamed = _culprits(in_flight, limit) if outcome == TIMEOUT else list(in_flight)
    for nodeid in blamed:
        identity = _blame(verdict, state, nodeid, outcome, message)
        state.losses.setdefault(_key(identity), []).append((outcome, message))
        progressed = True
    if blamed:
        _notice(f"{blamed[0]}: {message}")
    return progressed, cause


def _culprits(in_flight: Dict[str, float], limit: float) -> List[str]:
    """The tests a silent worker hung in: those running for longer than the limit (under
    pytest-xdist the others were still moving), or all of them."""
    now = time.monotonic()
    old = [nodeid for nodeid, started in in_flight.items() if now - started >= limit]
    return old or list(in_flight)


def _end(pid: int, receiver, grace: float) -> int:
    """Reap the worker (killing it after ``grace`` seconds) and everything in its process group."""
    deadline = time.monotonic() + grace
    status = None
    while status is None:
        done, raw = os.waitpid(pid, os.WNOHANG)
        if done:
            status = raw
        elif time.monotonic() >= deadline:
            _signal_group(pid, signal.SIGKILL)
            status = os.waitpid(pid, 0)[1]
        else:
            time.sleep(0.005)
    _signal_group(pid, signal.SIGKILL)  # its servers and pytest-xdist workers, if any are left
    receiver.close()
    return status


def _signal_group(pgid: int, signum: int) -> None:
    try:
        os.killpg(pgid, signum)
    except (ProcessLookupError, PermissionError):
        pass


def _key(identity: Optional[dict]):
    return (identity["chapter"], identity["transport"]) if identity else None


def _give_up_on_lost_apps(verdict: ConformanceRun, state: _State) -> None:
    """Record the remaining tests of an app that took down LOSSES workers in a row as not sent."""
    lost = {key: losses for key, losses in state.losses.items() if key and len(losses) >= LOSSES}
    if not lost:
        return
    for nodeid in state.remaining():
        losses = lost.get(_parse(nodeid)[::2])
        if losses:
            outcome, last = losses[-1]
            _blame(verdict, state, nodeid, outcome,
                   f"not sent, the app took down {len(losses)} workers in a row (last: {last})")


def _identity_of(phase: dict) -> dict:
    return {key: phase[key] for key in ("id", "chapter", "level", "transport", "since", "until")}


def _blame(verdict: ConformanceRun, state: _State, nodeid: str, outcome: str, message: str) -> Optional[dict]:
    """Give ``nodeid``'s requirement the outcome ``outcome`` with ``message``; mark it done."""
    state.done.add(nodeid)
    identity = state.identities.get(nodeid) or _identity_from_catalog(nodeid)
    if identity is not None:
        verdict.record_phase(nodeid, "call", 0.0, dict(identity, outcome=outcome, message=message))
    return identity


def _parse(nodeid: str) -> Tuple[str, str, Optional[str], Optional[str]]:
    """(chapter, function, transport, case) of a spec test's node ID (``routing.py::test_x[case-wsgi]``)."""
    path, _, rest = nodeid.partition("::")
    chapter = path.rsplit("/", 1)[-1][: -len(".py")]
    function, _, params = rest.partition("[")
    parts = params.rstrip("]")
    for transport in TRANSPORTS:
        if parts == transport:
            return chapter, function, transport, None
        if parts.startswith(transport + "-"):
            return chapter, function, transport, parts[len(transport) + 1:]
        if parts.endswith("-" + transport):
            return chapter, function, transport, parts[: -len(transport) - 1]
    return chapter, function, None, None


@functools.lru_cache(maxsize=None)
def _members(chapter: str) -> tuple:
    from .catalog import chapter_requirements

    try:
        return tuple(chapter_requirements(chapter))
    except ImportError:
        return ()


def _identity_from_catalog(nodeid: str) -> Optional[dict]:
    """The identity of the requirement a spec test's node ID stands for, read from the catalog."""
    chapter, function, transport, case = _parse(nodeid)
    if transport is None:
        return None
    for requirement in _members(chapter):
        if requirement.test.rpartition(".")[2] == function and requirement.case == case:
            return {"id": requirement.id, "chapter": requirement.chapter, "level": str(requirement.level),
                    "transport": transport, "since": requirement.since, "until": requirement.until}
    return None


def _notice(text: str) -> None:
    sys.stdout.write(f"\nflask-conformance: {text}\n")
    sys.stdout.flush()


def _conclude(plan: Plan, verdict: Optional[ConformanceRun], state: _State) -> int:
    """Settle the records, print the summary, write the results; the run's exit status."""
    status = state.status if state.status is not None else 0
    if verdict is None or not verdict.records:
        return status if status in (0, 1) else 2
    verdict.finish()
    code = 2 if status in _INCOMPLETE else verdict.exit_status()
    if plan.results:
        document = verdict.results(code).as_dict()
        validate(document)
        write(document, plan.results)
    if plan.junitxml:
        junit.write(verdict, plan.junitxml)
    summary.write(_Writer(), verdict, plan.results)
    return code
