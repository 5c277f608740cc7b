"""The pytest plugin: runs the spec against an implementation and records every outcome.

Loaded through the ``pytest11`` entry point in every pytest session of an environment where the
suite is installed, so it stays inert unless spec tests are collected: only then does it load an
implementation, change the exit status or write results.
"""

from __future__ import annotations

import fnmatch
import importlib
import sys
from functools import lru_cache
from pathlib import Path

import pytest

from . import requirements as reqs
from . import arguments, deferred, junit, properties, summary
from .errors import UsageError
from .outcomes import FAILING, NOT_APPLICABLE_PREFIX, classify, message
from .results import validate, write
from .run import ConformanceRun, NotProvided
from .transports import DEFAULT_TIMEOUT

# Spec chapters are not test_*.py files: ask pytest to rewrite their asserts all the same, so a
# failing requirement says what was compared.
pytest.register_assert_rewrite("flask_conformance.spec")

RUN = pytest.StashKey[ConformanceRun]()
REQUIREMENT = pytest.StashKey[reqs.Requirement]()
CLIENTS = pytest.StashKey[list]()
#: A deferred check started early: (its steps and the moment to go on from, or the exception its
#: first steps raised, or None when they ended it).
STARTED = pytest.StashKey[tuple]()

@lru_cache(maxsize=None)
def _spec_dir() -> Path:
    import flask_conformance.spec as spec

    return Path(spec.__file__).resolve().parent


def pytest_addoption(parser):
    group = parser.getgroup("flask-conformance", "Flask conformance suite")
    group.addoption("--conformance-impl", metavar="NAME", default=None,
                    help="implementation to check: entry point name or package.module:attribute (default: flask)")
    group.addoption("--conformance-transport", metavar="T", default="wsgi", choices=("wsgi", "http", "both"),
                    help="wsgi (in-process), http (live server) or both (default: wsgi)")
    group.addoption("--conformance-profile", metavar="VERSION", default=None,
                    help="Flask-API version to check against (default: the implementation's own)")
    group.addoption("--conformance-results", metavar="FILE", default=None, help="write the results JSON here")
    group.addoption("--conformance-junitxml", metavar="FILE", default=None,
                    help="write JUnit XML of the verdict here: one test case per check")
    group.addoption("--conformance-strict", action="store_true", default=False,
                    help="SHOULD failures also make the exit status 1")
    group.addoption("--conformance-timeout", metavar="SECONDS", type=arguments.timeout, default=DEFAULT_TIMEOUT,
                    help=f"per-request timeout, greater than 0 and at most {arguments.MAX_TIMEOUT:g} "
                         f"(default: {DEFAULT_TIMEOUT:g})")
    group.addoption("--conformance-thorough", action="store_true", default=False,
                    help="explore many more Hypothesis examples (default: the derandomized CI profile)")
    group.addoption("--conformance-expectations", metavar="FILE", default=None,
                    help="expectation file: requirements known to fail become expected-fail")
    group.addoption("--conformance-update-expectations", metavar="FILE", default=None,
                    help="write an expectation file listing every MUST and SHOULD requirement that failed "
                         "in this run, and gate the run on it")
    group.addoption("--conformance-requirement", metavar="ID", action="append", default=[],
                    help="run only requirements whose ID matches this glob (repeatable)")


def pytest_configure(config):
    config.addinivalue_line("markers", "requirement(req): a spec requirement (set by flask_conformance.requirement)")
    config.addinivalue_line("markers", "requirement_case(case): the member of a requirement family")
    option = config.option
    transport = option.conformance_transport
    preloaded = next((p.implementation for p in config.pluginmanager.get_plugins()
                      if hasattr(p, "flask_conformance_implementation")), None)
    try:
        run = ConformanceRun(
            impl_name=option.conformance_impl or "flask",
            transports=("wsgi", "http") if transport == "both" else (transport,),
            profile=option.conformance_profile,
            strict=option.conformance_strict,
            timeout=option.conformance_timeout,
            patterns=tuple(option.conformance_requirement),
            implementation=preloaded,
            expectations_path=option.conformance_expectations,
            update_expectations=option.conformance_update_expectations,
        )
        if option.conformance_impl and preloaded is None:
            run.impl  # load now so a bad name is a usage error, not N errors
    except UsageError as exc:
        raise pytest.UsageError(str(exc)) from exc
    config.stash[RUN] = run
    if not hasattr(config, "workerinput"):  # not a pytest-xdist worker
        config.pluginmanager.register(RecordKeeper(run), "flask-conformance-records")


def pytest_collect_file(file_path, parent):
    """Spec chapters are plain modules in the spec package (``routing.py``), not ``test_*.py``."""
    if file_path.suffix != ".py" or file_path.name.startswith("_") or file_path.parent != _spec_dir():
        return None
    if any(fnmatch.fnmatch(file_path.name, pattern) for pattern in parent.config.getini("python_files")):
        return None  # pytest collects it already
    if not _may_select(parent.config.stash[RUN].patterns, file_path.stem):
        return None
    return SpecModule.from_parent(parent, path=file_path)


def import_hypothesis_first(argv) -> None:
    """Import Hypothesis before pytest starts, if the chapters the run may collect use it.

    pytest rewrites the asserts of every package with a pytest plugin, Hypothesis included,
    unless it is imported already: rewriting its hundred modules from source costs more than the
    whole in-process spec where bytecode is not cached (``PYTHONDONTWRITEBYTECODE``), while a
    plain import reads its installed bytecode. A run without properties still never loads it."""
    if "hypothesis" in sys.modules:
        return
    patterns = [argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == "--conformance-requirement"]
    try:
        chapters = [path for path in _spec_dir().glob("[!_]*.py") if _may_select(patterns, path.stem)]
        if any("hypothesis" in path.read_text(encoding="utf-8") for path in chapters):
            import hypothesis  # noqa: F401
    except Exception:  # not installed, or unreadable: the chapters' own import says so
        pass


def _may_select(patterns, chapter: str) -> bool:
    """Whether ``--requirement`` patterns can select a requirement of ``chapter``.

    An ID starts with its chapter's name and a dot, so a pattern whose first segment has no glob
    characters selects only in the chapter of that name: the other chapters are not even
    imported, which saves most of a short run's start (the project's tests make hundreds)."""
    for pattern in patterns or ("*",):
        head, dot, _ = pattern.partition(".")
        if not dot or any(c in head for c in "*?[") or head == chapter:
            return True
    return False


class SpecModule(pytest.Module):
    """A chapter, imported by its package name whatever the directory layout (editable or not)."""

    def _getobj(self):
        module = importlib.import_module(f"flask_conformance.spec.{self.path.stem}")
        if self.config.option.conformance_impl and "hypothesis" in sys.modules:
            # a run of the suite, not a project's own test session, with properties: Hypothesis'
            # caches must not land in the implementer's project (and a run without properties
            # never imports Hypothesis)
            properties.keep_storage_out_of_the_working_directory()
        return module


def pytest_generate_tests(metafunc):
    if "conformance_transport" in metafunc.fixturenames and reqs.declared(metafunc.function):
        run = metafunc.config.stash[RUN]
        metafunc.parametrize("conformance_transport", run.transports, ids=run.transports, scope="session")


@pytest.hookimpl(trylast=True)  # after -k and --deselect, so only what runs is started early
def pytest_collection_modifyitems(session, config, items):
    run = config.stash[RUN]
    kept, dropped = [], []
    for item in items:
        requirement = reqs.for_item(item)
        if requirement is None:
            kept.append(item)
            continue
        if not run.selected(requirement):
            dropped.append(item)
            continue
        item.stash[REQUIREMENT] = requirement
        test = getattr(item, "obj", None)
        if config.getoption("hypothesis_profile", None) is None:
            # properties run under the suite's profile unless --hypothesis-profile is given
            properties.apply(test, config.option.conformance_thorough)
        kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
    _start_first_finish_last(config, items)


def _start_first_finish_last(config, items) -> None:
    """Order the deferred checks (:mod:`.deferred`) around the rest: an item starting each one
    first, the check itself last, so the clock runs while the other checks do.

    Not under pytest-xdist (the two halves would land on different workers), and not for a check
    whose start a restarted worker was told to leave out (the start took the last worker down:
    the check runs in one go, in its own test, where the supervisor can blame it)."""
    if hasattr(config, "workerinput") or getattr(config.option, "numprocesses", None):
        return
    checks = [item for item in items if REQUIREMENT in item.stash and deferred.steps_of(getattr(item, "obj", None))]
    if not checks:
        return
    left_out = set(config.getoption("deselect", None) or ())
    starts = [DeferredStart.from_parent(item.parent, name=item.name + DeferredStart.SUFFIX, check=item)
              for item in checks if item.nodeid + DeferredStart.SUFFIX not in left_out]
    rest = [item for item in items if item not in checks]
    items[:] = starts + rest + checks


class DeferredStart(pytest.Item):
    """Runs a deferred check's first steps at the start of the run, for the check's own test to
    finish at the end. It is no requirement: what its steps raise is kept for the check to raise,
    and where it cannot start the check (not applicable, no app), the check runs in one go."""

    SUFFIX = "@start"

    def __init__(self, *, check, **kwargs):
        super().__init__(**kwargs)
        self.check = check

    def reportinfo(self):
        path, line, name = self.check.reportinfo()
        return path, line, name + self.SUFFIX

    def runtest(self) -> None:
        item = self.check
        run = item.config.stash[RUN]
        requirement = item.stash[REQUIREMENT]
        params = item.callspec.params if hasattr(item, "callspec") else {}
        transport = params.get("conformance_transport", run.transports[0])
        chapter = item.module.__name__.rpartition(".")[2]
        if run.not_applicable_reason(requirement, transport):
            return
        try:
            run.transport(chapter, transport)
        except Exception:  # not provided, or not buildable: the check's own test says which
            return
        clients = item.stash.setdefault(CLIENTS, [])

        def new_client():
            client = run.new_client(chapter, transport)
            clients.append(client)
            return client

        fixtures = {"client": new_client, "client_factory": lambda: new_client, "case": lambda: params["case"]}
        names = item._fixtureinfo.argnames
        if not set(names) <= set(fixtures):
            return  # a fixture only pytest can provide: the check runs in one go
        steps = deferred.steps_of(item.obj)(**{name: fixtures[name]() for name in names})
        try:
            item.stash[STARTED] = (steps, deferred.start(steps))
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException as exc:  # a failure, an error, a skip: the check's outcome, in its test
            item.stash[STARTED] = (exc, None)


def pytest_report_teststatus(report, config):
    """An early start that went through is no check: pytest neither prints nor counts it (it is
    no case in JUnit and no record either). One that broke is shown as pytest shows it."""
    if report.passed and report.nodeid.endswith(DeferredStart.SUFFIX):
        return "", "", ""
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Finish a deferred check that was started early, in its own test."""
    started = pyfuncitem.stash.get(STARTED, None)
    if started is None:
        return None
    del pyfuncitem.stash[STARTED]
    steps, moment = started
    if isinstance(steps, BaseException):
        raise steps
    if moment is not None:
        deferred.finish(steps, moment)
    return True


@pytest.fixture(scope="session")
def conformance_run(request) -> ConformanceRun:
    """The run's shared state (implementation, apps, transports)."""
    return request.config.stash[RUN]


@pytest.fixture(scope="session")
def conformance_transport() -> str:
    """The transport this spec test runs over (parametrized per run)."""
    return "wsgi"


@pytest.fixture
def client_factory(request, conformance_run, conformance_transport):
    """A function returning a new client (own cookie jar) for this test's chapter and transport.

    Properties use it to start each example from a clean client.
    """
    requirement = request.node.stash.get(REQUIREMENT, None)
    if requirement is not None:
        reason = conformance_run.not_applicable_reason(requirement, conformance_transport)
        if reason:
            pytest.skip(NOT_APPLICABLE_PREFIX + reason)
    chapter = request.module.__name__.rpartition(".")[2]
    try:
        conformance_run.transport(chapter, conformance_transport)
    except NotProvided:
        pytest.skip(f"{NOT_APPLICABLE_PREFIX}the implementation does not provide the {chapter!r} chapter")
    clients = request.node.stash.setdefault(CLIENTS, [])

    def new_client():
        client = conformance_run.new_client(chapter, conformance_transport)
        clients.append(client)
        return client

    return new_client


@pytest.fixture
def client(client_factory):
    """A client for this test's chapter app over this test's transport."""
    return client_factory()


#: The attribute of a spec test's phase reports that carries what its record needs. Reports cross
#: from pytest-xdist workers to the controller with their attributes, so records are kept where
#: reports are logged: in the controller, or in the one process of a serial run.
PHASE = "flask_conformance_phase"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach the phase's outcome, message and reproducer, while the exception is at hand."""
    report = yield
    requirement = item.stash.get(REQUIREMENT, None)
    if requirement is None:
        return report
    run = item.config.stash[RUN]
    params = item.callspec.params if hasattr(item, "callspec") else {}
    outcome = classify(report, call.excinfo)
    phase = {
        "id": requirement.id, "chapter": requirement.chapter, "level": str(requirement.level),
        "transport": params.get("conformance_transport", run.transports[0]),
        "since": requirement.since, "until": requirement.until, "outcome": outcome,
    }
    if outcome != "pass":
        phase["message"] = message(report, call.excinfo)
        phase["reproducer"] = _reproducer(item) if outcome != "not-applicable" else None
    setattr(report, PHASE, phase)
    _show_as_expected(report, run, phase)
    return report


def _show_as_expected(report, run: ConformanceRun, phase: dict) -> None:
    """Show a failure the run does not gate on (one the expectation file lists, a MAY, a SHOULD
    without --strict) as pytest's xfail, and a listed requirement that passes as XPASS, so
    pytest's last line agrees with the gate. The record keeps what really happened."""
    expectation = run.expectations.get(phase["id"])
    if expectation is None or not expectation.covers(phase["transport"]):
        if phase["outcome"] in FAILING and not run.gates(phase["level"]):
            report.outcome = "skipped"
            report.wasxfail = f"{phase['level']} {phase['outcome']}, which does not gate the run"
        return
    if phase["outcome"] in FAILING:
        report.outcome = "skipped"
        report.wasxfail = f"expected to fail: {expectation.reason}"
    elif phase["outcome"] == "pass" and report.when == "call":
        report.wasxfail = f"listed as expected to fail, but passed: {expectation.reason}"


class RecordKeeper:
    """Folds each spec test's phases into its record.

    Registered where reports are logged: the controller of a pytest-xdist run (its workers only
    attach phases to their reports), or the one process of a serial run.
    """

    def __init__(self, run: ConformanceRun):
        self.run = run

    def pytest_runtest_logreport(self, report):
        phase = getattr(report, PHASE, None)
        if phase is not None:
            self.run.record_phase(report.nodeid, report.when, report.duration, phase)


def _reproducer(item):
    exchanges = [ex for client in item.stash.get(CLIENTS, []) for ex in client.exchanges]
    if not exchanges:
        return None
    run = item.config.stash[RUN]
    chapter = item.stash[REQUIREMENT].chapter
    records = []
    for request, response in exchanges[-5:]:
        record = {"request": request.describe(), "sent": request.as_dict()}
        if response is not None:  # None: no answer came (the record's message says what happened)
            record["response"] = response.describe()
        route = run.route_for(chapter, request)
        if route:
            record["route"] = route
        records.append(record)
    return {"test": item.nodeid, "exchanges": records, "omitted": len(exchanges) - len(records)}


def pytest_sessionfinish(session, exitstatus):
    run = session.config.stash[RUN]
    try:
        if not run.records:  # no spec test ran: leave a non-conformance session alone
            if int(exitstatus) == pytest.ExitCode.NO_TESTS_COLLECTED and session.config.option.conformance_impl:
                session.exitstatus = 2
            return
        run.finish()
        if int(exitstatus) in (pytest.ExitCode.INTERRUPTED, pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
            code = 2
        else:
            code = run.exit_status()
        session.exitstatus = code
        path = session.config.option.conformance_results
        if path:
            document = run.results(code).as_dict()
            validate(document)
            write(document, path)
        if session.config.option.conformance_junitxml:
            junit.write(run, session.config.option.conformance_junitxml)
    finally:
        run.close()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    run = config.stash[RUN]
    if run.records:
        summary.write(terminalreporter, run, config.option.conformance_results)
