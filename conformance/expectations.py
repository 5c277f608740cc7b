"""Expectation files: the requirements an implementation is known to fail, so a CI gate fails
only on regressions.

A TOML file with one ``[[expected]]`` table per known failure::

    [[expected]]
    id = "redirects.slash.permanent-redirect"
    reason = "the framework does not redirect to the canonical URL"
    issue = "https://example.org/tracker/42"   # optional
    transports = ["wsgi"]                        # optional: only there (default: every transport)

With a file, a failing record it names becomes ``expected-fail`` and a passing one
``unexpected-pass``; an ID the spec does not have is a stale entry and a usage error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, Optional, Tuple

from .__about__ import SPEC_VERSION
from .errors import UsageError
from .outcomes import FAILING

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

EXPECTED_FAIL = "expected-fail"
UNEXPECTED_PASS = "unexpected-pass"


@dataclass(frozen=True)
class Expectation:
    id: str
    reason: str
    issue: Optional[str] = None
    transports: Optional[Tuple[str, ...]] = None

    def covers(self, transport: str) -> bool:
        return self.transports is None or transport in self.transports

    def as_dict(self) -> dict:
        data = {"reason": self.reason}
        if self.issue:
            data["issue"] = self.issue
        return data


def load(path: str, known_ids: Iterable[str], retired: Optional[Dict[str, str]] = None) -> Dict[str, Expectation]:
    """Read and check an expectation file; UsageError on a malformed or stale entry.

    ``retired`` maps IDs an earlier spec version had to what became of them, so an entry naming
    one says what to list instead.
    """
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError(f"expectation file {path} does not exist") from exc
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"expectation file {path} is not valid TOML: {exc}") from exc
    known = set(known_ids)
    found: Dict[str, Expectation] = {}
    for index, entry in enumerate(data.get("expected", []), 1):
        rid, reason = entry.get("id"), entry.get("reason")
        if not isinstance(rid, str) or not isinstance(reason, str) or not reason.strip():
            raise UsageError(f"{path}: entry {index} needs an id and a non-empty reason")
        if rid in (retired or {}):
            raise UsageError(f"{path}: stale entry {rid!r}: spec {SPEC_VERSION} retired it ({retired[rid]}); "
                             "list the requirement(s) that replace it")
        if rid not in known:
            raise UsageError(f"{path}: stale entry {rid!r}: the spec has no such requirement")
        if rid in found:
            raise UsageError(f"{path}: {rid!r} is listed twice")
        transports = entry.get("transports")
        found[rid] = Expectation(rid, reason.strip(), entry.get("issue"),
                                 tuple(transports) if transports else None)
    return found


def apply(record, expectations: Dict[str, Expectation]) -> None:
    """Turn a record's outcome into expected-fail / unexpected-pass where the file says so."""
    expectation = expectations.get(record.id)
    if expectation is None or not expectation.covers(record.transport):
        return
    record.expected = expectation.as_dict()
    if record.outcome in FAILING:
        record.actual = record.outcome
        record.outcome = EXPECTED_FAIL
    elif record.outcome == "pass":
        record.outcome = UNEXPECTED_PASS


def render(records, previous: Dict[str, Expectation], impl_name: str) -> str:
    """An expectation file listing every failing record, keeping earlier reasons and issues."""
    failing: Dict[str, set] = {}
    messages: Dict[str, str] = {}
    all_transports: Dict[str, set] = {}
    for record in records:
        all_transports.setdefault(record.id, set()).add(record.transport)
        failed = record.outcome in FAILING or record.outcome == EXPECTED_FAIL
        if failed:
            failing.setdefault(record.id, set()).add(record.transport)
            messages.setdefault(record.id, record.message)
    lines = [f"# Requirements {impl_name} is expected to fail (written by flask-conformance "
             "--update-expectations; edit the reasons).", ""]
    for rid in sorted(failing):
        old = previous.get(rid)
        reason = old.reason if old else (messages[rid] or "fails")
        lines += ["[[expected]]", f"id = {_quote(rid)}", f"reason = {_quote(reason)}"]
        if old and old.issue:
            lines.append(f"issue = {_quote(old.issue)}")
        if failing[rid] != all_transports[rid]:
            lines.append("transports = [" + ", ".join(_quote(t) for t in sorted(failing[rid])) + "]")
        lines.append("")
    return "\n".join(lines)


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'
