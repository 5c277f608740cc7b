"""Outcomes of a requirement and how a pytest report turns into one."""

from __future__ import annotations

import re
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
        line = _assertion_line(text) if text else "assertion failed"
    else:
        first = text.splitlines()[0] if text else ""
        line = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    return line if len(line) <= limit else line[: limit - 3] + "..."


_COMPARISON = re.compile(r"^assert (?P<left>.+?) (?:==|!=|<=|>=|<|>|not in|in|is not|is) (?P<right>.+)$")


def _assertion_line(text: str) -> str:
    """An assertion's message and pytest's explanation of it, on one line that says what came.

    The check's own message (every line before pytest's explanation) names what was sent and
    expected; ending with "got", it is completed with the left operand of pytest's first
    explanation line (``assert 200 == 404``), which is what came. A bare ``assert`` keeps its
    first ``where`` line, which names the response.
    """
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines[0].startswith("assert "):
        where = next((line.lstrip("+ ") for line in lines[1:] if line.lstrip("+ ").startswith("where ")), None)
        return f"{lines[0]} ({where})" if where else lines[0]
    cut = next((i for i, line in enumerate(lines) if line.startswith("assert ")), len(lines))
    own = " ".join(lines[:cut])
    comparison = _COMPARISON.match(lines[cut]) if cut < len(lines) else None
    if own.rstrip(":").endswith("got") and comparison:
        return f"{own.rstrip(':')} {comparison.group('left')}"
    return own
