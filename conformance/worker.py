"""The worker: the process that runs the implementation's code, under a supervisor's eye.

The supervisor forks it, so an implementation object handed to ``api.run`` comes along as it is
and nothing already imported is imported again. The worker runs the pytest session on the spec,
in its own process group (so its servers and pytest-xdist workers go down with it), and
announces every step on the side channel (:mod:`channel`). It keeps no verdict: the records,
the expectations, the exit status and the results file are the supervisor's.
"""

from __future__ import annotations

import gc
import os
import sys
import traceback
from typing import List, Optional, Tuple

import pytest

from . import taint
from .channel import Receiver, Sender
from .errors import ImplementationError, UsageError

#: Exit status of a worker that stops because the implementation damaged its process.
RETIRED = 75


class Announcer:
    """The worker's pytest plugin: tells the supervisor what happens, test by test."""

    def __init__(self, sender: Sender):
        self.sender = sender
        self._collected = False

    @pytest.hookimpl(trylast=True)
    def pytest_configure(self, config):
        from .plugin import RUN

        # the supervisor keeps the records; the session still recognises itself as a spec run
        config.pluginmanager.unregister(name="flask-conformance-records")
        run = config.stash.get(RUN, None)
        if run is not None:
            run.heartbeat = self.sender.beat

    def _announce_items(self, nodeids) -> None:
        if not self._collected:
            self._collected = True
            self.sender.send("collected", items=list(nodeids))

    def pytest_collection_finish(self, session):
        self._announce_items(item.nodeid for item in session.items)
        # what is alive now (the modules, the collected spec) lives as long as the worker: left
        # to the cyclic collector, each full collection would walk it again, a tenth of the run
        gc.freeze()

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node, ids):
        self._announce_items(ids)

    def pytest_runtest_logstart(self, nodeid, location):
        self.sender.send("start", nodeid=nodeid)

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_call(self, item):
        # outermost, so the damage is named rather than what it broke next (pytest's capture)
        try:
            return (yield)
        finally:
            reason = taint.take_blame()
            if reason:
                raise ImplementationError(reason) from None  # noqa: B012 - the damage is the outcome

    def pytest_runtest_logreport(self, report):
        from .plugin import PHASE

        phase = getattr(report, PHASE, None)
        if phase is not None:
            self.sender.send("phase", nodeid=report.nodeid, when=report.when,
                             duration=report.duration, phase=phase)
        elif report.failed:  # made outside the spec test: pytest-xdist reporting a crashed worker
            text = (getattr(report, "longreprtext", "") or "").strip().splitlines()
            self.sender.send("crash", nodeid=report.nodeid, message=text[0] if text else "the test crashed")

    def pytest_runtest_logfinish(self, nodeid, location):
        self.sender.send("finish", nodeid=nodeid)
        reason = taint.damaged()
        if reason:
            self.sender.send("retired", nodeid=nodeid, reason=reason)
            _flush()
            os._exit(RETIRED)


def _flush() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass


def _identity(impl) -> dict:
    from .implementation import reported_packages

    return {"name": str(getattr(impl, "name", "impl")), "version": str(getattr(impl, "version", "")),
            "flask_api": str(getattr(impl, "flask_api", "")), "packages": reported_packages(impl),
            "lacks": [str(capability) for capability in getattr(impl, "lacks", None) or ()]}


def _forget_spec_modules() -> None:
    """Let pytest import the chapters itself, so it can rewrite their asserts, unless a pytest
    session did already (the supervisor may have imported them plainly to read the catalog)."""
    names = [n for n in sys.modules if n == "flask_conformance.spec" or n.startswith("flask_conformance.spec.")]
    plain = [n for n in names if n != "flask_conformance.spec"
             and type(getattr(sys.modules[n], "__loader__", None)).__name__ != "AssertionRewritingHook"]
    if plain:
        for name in names:
            del sys.modules[name]


def _main(sender: Sender, argv: List[str], impl_name: str, implementation) -> int:
    from . import registry
    from .api import _Preloaded

    taint.reset()
    _forget_spec_modules()
    if implementation is None:
        try:
            implementation = registry.load(impl_name)
        except UsageError as exc:
            sender.send("unusable", message=str(exc))
            return 2
    sender.send("implementation", **_identity(implementation))
    from .plugin import import_hypothesis_first

    import_hypothesis_first(argv)
    status = int(pytest.main(argv, plugins=[_Preloaded(implementation), Announcer(sender)]))
    sender.send("exit", status=status)
    return status


def start(argv: List[str], impl_name: str, implementation=None) -> Tuple[int, Receiver]:
    """Fork a worker running the spec with ``argv``; its pid (also its process group) and channel."""
    read_fd, write_fd = os.pipe()
    _flush()
    gc.freeze()  # the worker's collector then leaves the objects it inherits (and their pages) alone
    pid = os.fork()
    if pid == 0:  # the worker
        status = 3
        try:
            os.close(read_fd)
            os.setpgid(0, 0)
            status = _main(Sender(write_fd), argv, impl_name, implementation)
        except KeyboardInterrupt:  # interrupted before pytest's session could take it
            status = 2
        except BaseException:
            traceback.print_exc()
        finally:
            _flush()
            os._exit(status)
    gc.unfreeze()
    os.close(write_fd)
    try:
        os.setpgid(pid, pid)  # also here: whichever side runs first, the group exists before use
    except OSError:
        pass
    return pid, Receiver(read_fd)


def describe_status(status: int) -> Tuple[Optional[int], str]:
    """(exit code or None, words) for a ``waitpid`` status, naming how the process ended."""
    import signal

    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = "unknown"
        hint = " (out of memory?)" if number == signal.SIGKILL else ""
        return None, f"was killed by signal {number} ({name}){hint}"
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else status
    return code, f"ended with exit status {code}"
