"""Expectation files: the requirements an implementation is known to fail, so a CI gate fails
only on regressions.

A TOML file with one ``[[expected]]`` table per known failure::

    [[expected]]
    id = "redirects.slash.permanent-redirect"
    reason = "the framework does not redirect to the canonical URL"
    issue = "https://example.org/tracker/42"   # optional
    transports = ["wsgi"]                        # optional: only there (default: every transport)

``id`` is a requirement ID, a family or group of them (``sessions.vary`` covers every ID that
starts with ``sessions.vary.``), or a glob (``responses.tuple.*``), so one cause is one entry. An
entry naming an ID outright wins over a pattern that also covers it; otherwise the first entry
listed wins. With a file, a failing record it covers becomes ``expected-fail`` and a passing one
``unexpected-pass``; an entry matching no requirement of the spec is a stale entry and a usage
error.
"""

from __future__ import annotations

import fnmatch
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
    entry: str = ""

    def covers(self, transport: str) -> bool:
        return self.transports is None or transport in self.transports

    def as_dict(self) -> dict:
        data = {"reason": self.reason}
        if self.issue:
            data["issue"] = self.issue
        if self.entry and self.entry != self.id:
            data["entry"] = self.entry
        return data


def matching(pattern: str, known: Iterable[str]) -> list:
    """The IDs an entry's ``id`` names: itself, the members of a family or group, or a glob's."""
    if any(char in pattern for char in "*?["):
        return [rid for rid in known if fnmatch.fnmatchcase(rid, pattern)]
    return [rid for rid in known if rid == pattern or rid.startswith(pattern + ".")]


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
    known = list(dict.fromkeys(known_ids))
    found: Dict[str, Expectation] = {}
    exact: set = set()
    entries: set = set()
    for index, entry in enumerate(data.get("expected", []), 1):
        pattern, reason = entry.get("id"), entry.get("reason")
        if not isinstance(pattern, str) or not isinstance(reason, str) or not reason.strip():
            raise UsageError(f"{path}: entry {index} needs an id and a non-empty reason")
        if pattern in (retired or {}):
            raise UsageError(f"{path}: stale entry {pattern!r}: spec {SPEC_VERSION} retired it ({retired[pattern]}); "
                             "list the requirement(s) that replace it")
        if pattern in entries:
            raise UsageError(f"{path}: {pattern!r} is listed twice")
        entries.add(pattern)
        ids = matching(pattern, known)
        if not ids:
            raise UsageError(f"{path}: stale entry {pattern!r}: no requirement of the spec matches it")
        transports = entry.get("transports")
        for rid in ids:
            if rid in exact or (rid in found and rid != pattern):
                continue  # an exact entry, or an earlier pattern, has it already
            found[rid] = Expectation(rid, reason.strip(), entry.get("issue"),
                                     tuple(transports) if transports else None, pattern)
        if pattern in ids:
            exact.add(pattern)
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


def render(records, previous: Dict[str, Expectation], impl_name: str, families: Dict[str, str] = None) -> str:
    """An expectation file listing every failing MUST and SHOULD record (MAYs never gate).

    Earlier reasons and issues are kept; a new entry's reason is the failure's message. The
    members of a family (``families``: member ID -> family ID) that all fail on the same
    transports, and that earlier entries did not give different reasons, become one entry.
    """
    families = families or {}
    failing: Dict[str, set] = {}
    messages: Dict[str, str] = {}
    all_transports: Dict[str, set] = {}
    for record in records:
        all_transports.setdefault(record.id, set()).add(record.transport)
        if record.level == "MAY":
            continue
        if record.outcome in FAILING or record.outcome == EXPECTED_FAIL:
            failing.setdefault(record.id, set()).add(record.transport)
            messages.setdefault(record.id, record.message)
    entries: Dict[str, Tuple[str, set]] = {}  # entry id -> (first member, transports)
    for rid in sorted(failing):
        family = families.get(rid)
        members = [m for m, f in families.items() if f == family] if family else []
        reasons = {previous[m].reason for m in members if m in previous}
        # one entry for the family only where its members fail alike and share one known cause
        whole = family and all(failing.get(m) == failing[rid] for m in members) and len(reasons) <= 1
        key = family if whole else rid
        entries.setdefault(key, (rid, failing[rid]))
    lines = [f"# Requirements {impl_name} is expected to fail (written by flask-conformance "
             "--update-expectations; edit the reasons).", ""]
    for key, (first, transports) in entries.items():
        old = previous.get(first)
        reason = old.reason if old else (messages[first] or "fails")
        lines += ["[[expected]]", f"id = {_quote(key)}", f"reason = {_quote(reason)}"]
        if old and old.issue:
            lines.append(f"issue = {_quote(old.issue)}")
        if transports != all_transports[first]:
            lines.append("transports = [" + ", ".join(_quote(t) for t in sorted(transports)) + "]")
        lines.append("")
    return "\n".join(lines)


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'
