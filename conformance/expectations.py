"""Expectation files: the requirements an implementation is known to fail, so a CI gate fails
only on regressions.

A TOML file with one ``[[expected]]`` table per cause of failure::

    [[expected]]
    id = "redirects.status.permanent-308.missing-slash"
    reason = "the framework does not redirect to the canonical URL"
    issue = "https://example.org/tracker/42"   # optional
    transports = ["wsgi"]                        # optional: only there (default: every transport)

    [[expected]]
    id = ["errors.blueprint", "hooks.blueprint.*"]
    reason = "the framework has no blueprints"

``id`` is one pattern or a list of them, each a requirement ID, a family or group of them
(``sessions.vary`` covers every ID that starts with ``sessions.vary.``), or a glob
(``responses.tuple.*``), so one cause is one entry however many requirements it fails. A pattern
naming an ID outright wins over one that also covers it; otherwise the first entry listed wins.
With a file, a failing record it covers becomes ``expected-fail`` and a passing one
``unexpected-pass``; a pattern matching no requirement of the spec (a stale entry) or listed twice
is a usage error naming the pattern and its entry.

``--update-expectations`` (``render``) writes the file a run calls for, keeping the grouping of
the file given with ``--expectations``: an entry keeps its reason and issue and those of its
patterns that still cover failing requirements (one that would cover a passing requirement is
narrowed to its failing members), and a failure no entry covers gets a new entry of its own.
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
    """What an entry says about one requirement it covers."""

    id: str
    reason: str
    issue: Optional[str] = None
    transports: Optional[Tuple[str, ...]] = None
    entry: str = ""  # the pattern of the entry that covers this ID
    patterns: Tuple[str, ...] = ()  # every pattern of that entry, so an update can keep them together
    position: int = 0  # the entry's place in its file

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
    """The IDs a pattern names: itself, the members of a family or group, or a glob's."""
    if any(char in pattern for char in "*?["):
        return [rid for rid in known if fnmatch.fnmatchcase(rid, pattern)]
    return [rid for rid in known if rid == pattern or rid.startswith(pattern + ".")]


def _patterns(value) -> Optional[list]:
    """An entry's ``id`` as a list of patterns (one string or a non-empty list of strings)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return list(value)
    return None


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
    retired = retired or {}
    found: Dict[str, Expectation] = {}
    exact: set = set()
    listed: Dict[str, int] = {}  # pattern -> the entry that lists it
    for index, entry in enumerate(data.get("expected", []), 1):
        patterns, reason = _patterns(entry.get("id")), entry.get("reason")
        if not patterns or not isinstance(reason, str) or not reason.strip():
            raise UsageError(f"{path}: entry {index} needs an id (a pattern or a list of them) and a non-empty reason")
        transports = entry.get("transports")
        for number, pattern in enumerate(patterns, 1):
            where = f"entry {index}" + (f" (pattern {number} of {len(patterns)})" if len(patterns) > 1 else "")
            if pattern in retired:
                raise UsageError(f"{path}: stale {where}: {pattern!r}: spec {SPEC_VERSION} retired it "
                                 f"({retired[pattern]}); list the requirement(s) that replace it")
            if pattern in listed:
                raise UsageError(f"{path}: {pattern!r} is listed twice (entries {listed[pattern]} and {index})")
            listed[pattern] = index
            ids = matching(pattern, known)
            if not ids:
                raise UsageError(f"{path}: stale {where}: {pattern!r}: no requirement of the spec matches it")
            for rid in ids:
                if rid in exact or (rid in found and rid != pattern):
                    continue  # an exact pattern, or an earlier one, has it already
                found[rid] = Expectation(rid, reason.strip(), entry.get("issue"),
                                         tuple(transports) if transports else None, pattern,
                                         tuple(patterns), index)
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


@dataclass
class _Entry:
    """One ``[[expected]]`` table to write."""

    patterns: list
    transports: frozenset
    reason: str
    issue: Optional[str] = None


def render(records, previous: Dict[str, Expectation], impl_name: str, families: Dict[str, str] = None,
           header: str = "") -> str:
    """An expectation file listing every failing MUST and SHOULD record (MAYs never gate).

    ``header`` is the comment the earlier file opened with (:func:`header_of`), kept as it was.

    The earlier entries (``previous``, as ``load`` read them) keep their grouping, reason and
    issue: each of their patterns that still covers a failing requirement stays in its entry; one
    that would also cover a requirement passing now is narrowed to its failing members, and one
    whose members all pass is dropped. A failing requirement no earlier entry covers gets an entry
    of its own with the failure's message as the reason, a whole family (``families``: member ID
    -> family ID) one entry where all its members fail on the same transports.
    """
    records = list(records)
    failing: Dict[str, set] = {}  # MUST/SHOULD ID -> transports it fails on
    passing: Dict[str, set] = {}  # any ID -> transports it passes on
    messages: Dict[str, str] = {}
    for record in records:
        if record.outcome in ("pass", UNEXPECTED_PASS):
            passing.setdefault(record.id, set()).add(record.transport)
        elif record.level != "MAY" and (record.outcome in FAILING or record.outcome == EXPECTED_FAIL):
            failing.setdefault(record.id, set()).add(record.transport)
            messages.setdefault(record.id, record.message)
    run_transports = frozenset(record.transport for record in records)
    known = sorted({record.id for record in records})
    entries = _earlier(previous, failing, passing, known, families or {})
    covered = {rid for rid, old in previous.items() if rid in failing}
    for pattern, transports in _collapse([rid for rid in failing if rid not in covered], failing, families or {}):
        first = sorted(rid for rid in failing if rid == pattern or rid.startswith(pattern + "."))[0]
        entries.append(_Entry([pattern], transports, messages[first] or "fails"))
    lines = [header.rstrip("\n") if header.strip() else
             f"# Requirements {impl_name} is expected to fail (written by flask-conformance "
             "--update-expectations; edit the reasons, group the entries by cause).", ""]
    for entry in entries:
        lines += ["[[expected]]", _id_line(entry.patterns), f"reason = {_quote(entry.reason)}"]
        if entry.issue:
            lines.append(f"issue = {_quote(entry.issue)}")
        if entry.transports != run_transports:
            lines.append("transports = [" + ", ".join(_quote(t) for t in sorted(entry.transports)) + "]")
        lines.append("")
    return "\n".join(lines)


def _earlier(previous, failing, passing, known, families) -> list:
    """The earlier entries, in file order, reduced to the patterns that still cover failures."""
    by_entry: Dict[tuple, Expectation] = {}
    owned: Dict[tuple, list] = {}
    for rid, old in previous.items():
        key = (old.position, old.patterns or (old.entry or old.id,))
        by_entry.setdefault(key, old)
        owned.setdefault(key, []).append(rid)
    named = {rid for rid, old in previous.items() if (old.entry or old.id) == rid and rid in failing}  # exact, kept
    entries = []
    for key in sorted(by_entry):
        old = by_entry[key]
        kept = []  # (pattern, transports)
        for pattern in key[1]:
            members = [rid for rid in matching(pattern, owned[key]) if rid in failing]
            if not members:
                continue  # every member passes (or is a MAY) now: the pattern goes
            transports = frozenset().union(*(failing[rid] for rid in members))
            swept = [rid for rid in matching(pattern, known) if rid not in named or rid in members]
            if any(passing.get(rid, set()) & transports for rid in swept):
                kept += _collapse(members, failing, families)  # narrowed to what still fails
            else:
                kept.append((pattern, transports))
        for transports in dict.fromkeys(t for _, t in kept):  # one entry per set of transports
            patterns = list(dict.fromkeys(p for p, t in kept if t == transports))
            entries.append(_Entry(patterns, transports, old.reason, old.issue))
    return entries


def _collapse(ids, failing, families) -> list:
    """``(pattern, transports)`` for the given failing IDs: a family's ID where all its members
    are among them and fail on the same transports, else each ID."""
    ids = sorted(ids)
    chosen = set(ids)
    result = {}
    for rid in ids:
        family = families.get(rid)
        members = [m for m, f in families.items() if f == family] if family else []
        whole = family and all(m in chosen and failing[m] == failing[rid] for m in members)
        result.setdefault(family if whole else rid, frozenset(failing[rid]))
    return list(result.items())


def _id_line(patterns: list) -> str:
    if len(patterns) == 1:
        return f"id = {_quote(patterns[0])}"
    inline = "id = [" + ", ".join(_quote(p) for p in patterns) + "]"
    if len(inline) <= 100:
        return inline
    return "id = [\n" + "".join(f"    {_quote(p)},\n" for p in patterns) + "]"


def header_of(path: Optional[str]) -> str:
    """The comment lines an expectation file opens with ('' without a file or a comment)."""
    if not path or not Path(path).is_file():
        return ""
    lines = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return "\n".join(lines)


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'
