"""Outcomes of a requirement and how a pytest report turns into one."""

from __future__ import annotations

from typing import Optional

from .errors import ImplementationError

PASS = "pass"
FAIL = "fail"
ERROR = "error"
TIMEOUT = "timeout"
NOT_APPLICABLE = "not-applicable"

#: Every outcome a record can have, worst last (a record keeps the worst of its phases).
OUTCOMES = (NOT_APPLICABLE, PASS, FAIL, ERROR, TIMEOUT)
#: Outcomes that count against a requirement.
FAILING = frozenset({FAIL, ERROR, TIMEOUT})

NOT_APPLICABLE_PREFIX = "not-applicable: "


def worst(a: Optional[str], b: str) -> str:
    if a is None:
        return b
    return a if OUTCOMES.index(a) >= OUTCOMES.index(b) else b


def classify(report, excinfo) -> str:
    """The outcome of one pytest phase report."""
    if report.passed:
        return PASS
    if report.skipped:
        return NOT_APPLICABLE
    if excinfo is not None and excinfo.errisinstance(ImplementationError):
        return excinfo.value.outcome
    if excinfo is not None and excinfo.errisinstance(AssertionError) and report.when == "call":
        return FAIL
    return ERROR


def message(report, excinfo, limit: int = 500) -> str:
    """One line saying why: the assertion or error message, or the not-applicable reason."""
    if report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        reason = reason.removeprefix("Skipped: ")
        return reason.removeprefix(NOT_APPLICABLE_PREFIX)
    if excinfo is None:
        return ""
    exc = excinfo.value
    text = str(exc).strip()
    if isinstance(exc, ImplementationError):
        line = text.splitlines()[0] if text else type(exc).__name__
    elif isinstance(exc, AssertionError):
        line = text.splitlines()[0] if text else "assertion failed"
    else:
        first = text.splitlines()[0] if text else ""
        line = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    return line if len(line) <= limit else line[: limit - 3] + "..."
