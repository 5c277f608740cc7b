"""Running the spec from Python: what the CLI and the project's own tests share."""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import tempfile
from importlib import resources
from typing import Iterable, List, Optional

import pytest

from .transports import DEFAULT_TIMEOUT


class _Preloaded:
    """A pytest plugin object handing an already loaded implementation to the run."""

    flask_conformance_implementation = True

    def __init__(self, implementation):
        self.implementation = implementation


def pytest_args(
    *,
    impl_name: str = "flask",
    transport: str = "wsgi",
    results: Optional[str] = None,
    junitxml: Optional[str] = None,
    profile: Optional[str] = None,
    strict: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    requirements: Iterable[str] = (),
    keyword: Optional[str] = None,
    thorough: bool = False,
    expectations: Optional[str] = None,
    update_expectations: Optional[str] = None,
) -> List[str]:
    """The pytest command line for one run of the spec."""
    ini = str(resources.files("flask_conformance").joinpath("pytest.ini"))
    # find_spec locates the chapters without importing them: pytest must import them first so it
    # can rewrite their asserts
    spec_dir = importlib.util.find_spec("flask_conformance.spec").submodule_search_locations[0]
    argv = ["-c", ini, "--rootdir", spec_dir, spec_dir,
            # the summary says what failed and why; tracebacks only on request (run --tracebacks)
            "--tb=no", "-rN", "--conformance-impl", impl_name, "--conformance-transport", transport,
            "--conformance-timeout", str(timeout)]
    if results:
        argv += ["--conformance-results", results]
    if junitxml:
        argv += ["--conformance-junitxml", junitxml]
    if profile:
        argv += ["--conformance-profile", profile]
    if strict:
        argv.append("--conformance-strict")
    for pattern in requirements:
        argv += ["--conformance-requirement", pattern]
    if keyword:
        argv += ["-k", keyword]
    if thorough:
        argv.append("--conformance-thorough")
    if expectations:
        argv += ["--conformance-expectations", expectations]
    if update_expectations:
        argv += ["--conformance-update-expectations", update_expectations]
    return argv


def run_pytest(argv: List[str], implementation=None) -> int:
    """Run pytest on the spec; map pytest's own usage statuses onto the suite's status 2."""
    from .plugin import import_hypothesis_first

    plugins = [_Preloaded(implementation)] if implementation is not None else []
    import_hypothesis_first(argv)
    status = int(pytest.main(argv, plugins=plugins))
    return status if status in (0, 1) else 2


def run_spec(*, impl_name: str = "flask", implementation=None, transport: str = "wsgi",
             results: Optional[str] = None, junitxml: Optional[str] = None, profile: Optional[str] = None,
             strict: bool = False, timeout: float = DEFAULT_TIMEOUT, requirements: Iterable[str] = (),
             keyword: Optional[str] = None, thorough: bool = False, expectations: Optional[str] = None,
             update_expectations: Optional[str] = None, extra_args: Iterable[str] = (),
             isolate: bool = True) -> int:
    """Run the spec and return the exit status.

    ``results`` and ``junitxml`` are written from the verdict, so they hold every check, also
    those a worker the implementation took down could not report.

    With ``isolate`` (and where the platform can fork) the implementation runs in a supervised
    worker process (see :mod:`flask_conformance.supervisor`), so nothing it does to its process
    can stop the run from ending with a verdict; otherwise the spec runs in this process.
    """
    requirements = tuple(requirements)
    if not isolate or not hasattr(os, "fork"):
        from . import registry

        if implementation is None:
            implementation = registry.load(impl_name)
        argv = pytest_args(impl_name=impl_name, transport=transport, results=results, junitxml=junitxml,
                           profile=profile,
                           strict=strict, timeout=timeout, requirements=requirements, keyword=keyword,
                           thorough=thorough, expectations=expectations,
                           update_expectations=update_expectations)
        return run_pytest(argv + list(extra_args), implementation)
    from .supervisor import Plan, supervise

    # the worker only runs the checks: the verdict and the results are the supervisor's; it reads
    # the expectation file and --strict only to show the failures that do not gate as xfail
    argv = pytest_args(impl_name=impl_name, transport=transport, profile=profile, timeout=timeout,
                       requirements=requirements, keyword=keyword, thorough=thorough,
                       expectations=expectations, strict=strict)
    return supervise(Plan(
        argv=argv + list(extra_args), impl_name=impl_name, implementation=implementation,
        transports=("wsgi", "http") if transport == "both" else (transport,), profile=profile,
        strict=strict, timeout=timeout, patterns=requirements, expectations=expectations,
        update_expectations=update_expectations, results=results, junitxml=junitxml,
    ))


def run(implementation, *, transport: str = "wsgi", requirements: Iterable[str] = (),
        profile: Optional[str] = None, strict: bool = False, timeout: float = DEFAULT_TIMEOUT,
        junitxml: Optional[str] = None,
        expectations: Optional[str] = None, update_expectations: Optional[str] = None,
        extra_args: Iterable[str] = (), isolate: bool = True) -> dict:
    """Run the spec against an implementation object and return the results document.

    ``isolate=False`` runs the implementation in this process (for tools that observe it there).
    """
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "results.json")
        status = run_spec(impl_name=getattr(implementation, "name", "impl"), implementation=implementation,
                          transport=transport, results=path, junitxml=junitxml, profile=profile, strict=strict,
                          timeout=timeout,
                          requirements=requirements, expectations=expectations,
                          update_expectations=update_expectations, isolate=isolate,
                          extra_args=["-q", "--tb=no", "-p", "no:randomly"] + list(extra_args))
        if not os.path.exists(path):
            raise RuntimeError(f"the run wrote no results (exit status {status})")
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    return document
