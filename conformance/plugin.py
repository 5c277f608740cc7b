"""The pytest plugin: runs the spec against an implementation and records every outcome.

Loaded through the ``pytest11`` entry point in every pytest session of an environment where the
suite is installed, so it stays inert unless spec tests are collected: only then does it load an
implementation, change the exit status or write results.
"""

from __future__ import annotations

import fnmatch
import importlib
from functools import lru_cache
from pathlib import Path

import pytest

from . import requirements as reqs
from . import arguments, properties, summary
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
    if option.conformance_impl:  # a run of the suite, not a project's own test session
        properties.keep_storage_out_of_the_working_directory()
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
    return SpecModule.from_parent(parent, path=file_path)


class SpecModule(pytest.Module):
    """A chapter, imported by its package name whatever the directory layout (editable or not)."""

    def _getobj(self):
        return importlib.import_module(f"flask_conformance.spec.{self.path.stem}")


def pytest_generate_tests(metafunc):
    if "conformance_transport" in metafunc.fixturenames and reqs.declared(metafunc.function):
        run = metafunc.config.stash[RUN]
        metafunc.parametrize("conformance_transport", run.transports, ids=run.transports, scope="session")


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
        if config.getoption("hypothesis_profile", None) is None:
            # properties run under the suite's profile unless --hypothesis-profile is given
            properties.apply(getattr(item, "obj", None), config.option.conformance_thorough)
        kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


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
    """Show a failure the expectation file lists as pytest's xfail, and a listed requirement that
    passes as XPASS, so pytest's last line and JUnit XML agree with the gate. The record keeps
    what really happened."""
    expectation = run.expectations.get(phase["id"])
    if expectation is None or not expectation.covers(phase["transport"]):
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
        record = {"request": request.describe(), "sent": request.as_dict(), "response": response.describe()}
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
    finally:
        run.close()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    run = config.stash[RUN]
    if run.records:
        summary.write(terminalreporter, run, config.option.conformance_results)
