"""The comparison matrix: many results documents merged into one table.

Rows are requirements by chapter, columns implementations; a cell is the requirement's outcome
for that implementation (``split`` when its transports disagree, ``gap`` for a declared gap).
Each column gets a score: the share of its applicable MUST requirements that pass on every
transport it was run over; and what the score covers: the share of the MUST requirements its
profile holds it to that the score counts, so leaving a chapter out, declaring a gap or running
part of the spec shows instead of raising the score.

Every file is checked against the shipped schema before it is merged, so a stray or damaged file
is a one-line usage error naming the file and the field, never a traceback or a wrong matrix. A
column keeps the spec version its results came from: IDs can differ between spec versions, so a
matrix merging several says so.
"""

from __future__ import annotations

import glob
import html
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, List, Optional, Sequence, Tuple

from . import results, schemacheck
from .__about__ import SPEC_VERSION
from .errors import UsageError
from .outcomes import NOT_APPLICABLE

PASSING = {"pass", "unexpected-pass"}
LEVELS = ("MUST", "SHOULD", "MAY")
#: The cell of a requirement not applicable because the implementation declares it lacks the API
#: the requirement needs (the record's ``gap``): counted apart, never a pass.
GAP = "gap"

#: Why a requirement is not applicable to a column, from its records (``run`` words the reasons):
#: outside the profile or the package releases it holds for (not part of what the implementation
#: is held to), a declared gap, a chapter the implementation does not provide, or a transport
#: that cannot observe it; or not run at all (a run restricted with ``--requirement``). Only the
#: first kind leaves the spec the score covers.
NA_KINDS = ("outside-profile", "gap", "not-provided", "transport", "not-run", "other")
NA_TEXT = {"outside-profile": "outside the profile", "gap": "declared gaps",
           "not-provided": "chapters not provided", "transport": "not observable over the transports run",
           "not-run": "not run", "other": "other"}
_OUTSIDE_PROFILE = ("outside profile ", "holds for ")
_NOT_PROVIDED = "the implementation does not provide "
_NOT_OBSERVABLE = "not observable over "
#: What a record may say beyond its outcome, kept for the report's details.
_NOTES = ("message", "expected", "defect", "gap")
#: Cells left out when comparing columns for the differences view.
NO_VERDICT = frozenset({NOT_APPLICABLE, GAP, ""})


@dataclass
class Column:
    name: str
    version: str
    profile: str
    transports: set = field(default_factory=set)
    outcomes: Dict[str, Dict[str, str]] = field(default_factory=dict)  # id -> transport -> outcome
    spec_version: str = ""
    mixed: bool = False  # the matrix merges several spec versions: the label names this column's
    show_profile: bool = False  # another column has the same implementation and version
    #: id -> transport -> what a record that did not simply pass says (message, expected, defect, gap)
    notes: Dict[str, Dict[str, dict]] = field(default_factory=dict)
    gaps: Dict[str, str] = field(default_factory=dict)  # id -> the capability the implementation lacks

    @property
    def label(self) -> str:
        label = f"{self.name} {self.version}"
        extra = ([f"profile {self.profile}"] if self.show_profile else []) + \
            ([f"spec {self.spec_version}"] if self.mixed else [])
        return f"{label} ({', '.join(extra)})" if extra else label

    def cell(self, rid: str) -> str:
        by_transport = self.outcomes.get(rid)
        if not by_transport:
            return ""
        distinct = set(by_transport.values())
        if len(distinct) == 1:
            value = distinct.pop()
            return GAP if value == NOT_APPLICABLE and rid in self.gaps else value
        applicable = distinct - {NOT_APPLICABLE}
        if len(applicable) == 1:
            return applicable.pop()
        if not applicable:
            return GAP if rid in self.gaps else NOT_APPLICABLE
        return "split"

    def passes(self, rid: str) -> bool:
        by_transport = self.outcomes.get(rid, {})
        applicable = [o for o in by_transport.values() if o != NOT_APPLICABLE]
        return bool(applicable) and all(o in PASSING for o in applicable)

    def applicable(self, rid: str) -> bool:
        return any(o != NOT_APPLICABLE for o in self.outcomes.get(rid, {}).values())

    def not_applicable_kind(self, rid: str) -> str:
        """Why a requirement not applicable on any transport is so (one of NA_KINDS)."""
        if rid in self.gaps:
            return "gap"
        messages = [note.get("message", "") for note in self.notes.get(rid, {}).values()]
        if not messages:
            return "other"
        if any(m.startswith(_NOT_PROVIDED) for m in messages):
            return "not-provided"
        if all(m.startswith(_OUTSIDE_PROFILE) for m in messages):
            return "outside-profile"
        if all(m.startswith(_NOT_OBSERVABLE) for m in messages):
            return "transport"
        return "other"


@dataclass
class Row:
    id: str
    chapter: str
    level: str
    spec_versions: set = field(default_factory=set)  # of the results that name it


@dataclass
class Summary:
    """One column's numbers: its score, the share of the spec the score covers, counts per level."""

    passing: int  # applicable MUST requirements passing on every transport
    applicable: int  # MUST requirements applicable on some transport
    held: int  # MUST requirements of the spec the profile holds the implementation to
    not_applicable: Counter  # MUST requirements not applicable, by NA_KINDS
    counts: Dict[str, Counter]  # level -> cell -> requirements

    @property
    def score(self) -> str:
        return _percent(self.passing, self.applicable)

    @property
    def coverage(self) -> str:
        return _percent(self.applicable, self.held)

    @property
    def uncovered(self) -> str:
        """The held MUST requirements the score leaves out, by reason ("" when none)."""
        return ", ".join(f"{NA_TEXT[kind]} {self.not_applicable[kind]}" for kind in NA_KINDS
                         if kind != "outside-profile" and self.not_applicable[kind])


@dataclass
class Matrix:
    columns: List[Column]
    rows: List[Row]
    _summaries: Dict[int, Summary] = field(default_factory=dict, repr=False)
    _cells: Dict[str, List[str]] = field(default_factory=dict, repr=False)

    @property
    def spec_versions(self) -> List[str]:
        return sorted({c.spec_version for c in self.columns})

    def spec_note(self) -> str:
        """A warning when the columns come from different spec versions, else ""."""
        if len(self.spec_versions) < 2:
            return ""
        return (f"Note: these results come from different spec versions ({', '.join(self.spec_versions)}); "
                "requirement IDs and statements can differ between versions, so compare columns "
                "of the same spec version only.")

    def chapters(self, rows: Optional[Sequence[Row]] = None) -> List[Tuple[str, List[Row]]]:
        grouped: Dict[str, List[Row]] = {}
        for row in self.rows if rows is None else rows:
            grouped.setdefault(row.chapter, []).append(row)
        return list(grouped.items())

    def cells(self, row: Row) -> List[str]:
        """The row's cell in each column, in column order."""
        cells = self._cells.get(row.id)
        if cells is None:
            cells = self._cells[row.id] = [c.cell(row.id) for c in self.columns]
        return cells

    def differs(self, row: Row) -> bool:
        """Whether the columns reach different verdicts on ``row``: two of its cells differ, leaving
        out the cells with no verdict (not applicable, a declared gap, not run)."""
        verdicts = {cell for cell in self.cells(row) if cell not in NO_VERDICT}
        return len(verdicts) > 1

    def differing(self) -> List[Row]:
        return [row for row in self.rows if self.differs(row)]

    def summary(self, column: Column) -> Summary:
        found = self._summaries.get(id(column))
        if found is not None:
            return found
        passing = applicable = held = 0
        not_applicable: Counter = Counter()
        counts = {level: Counter() for level in LEVELS}
        for row in self.rows:
            cell = column.cell(row.id)
            if cell:
                counts[row.level][cell] += 1
            if row.level != "MUST":
                continue
            if not cell:
                if column.spec_version in row.spec_versions:  # the spec had it; the run left it out
                    not_applicable["not-run"] += 1
                    held += 1
                continue
            if column.applicable(row.id):
                applicable += 1
                held += 1
                passing += column.passes(row.id)
                continue
            kind = column.not_applicable_kind(row.id)
            not_applicable[kind] += 1
            held += kind != "outside-profile"
        summary = self._summaries[id(column)] = Summary(passing, applicable, held, not_applicable, counts)
        return summary

    def score(self, column: Column) -> Tuple[int, int]:
        """(passing, applicable) MUST requirements of ``column``."""
        summary = self.summary(column)
        return summary.passing, summary.applicable

    def coverage(self, column: Column) -> Tuple[int, int]:
        """(applicable, held) MUST requirements: how much of the spec the profile holds the
        implementation to its score covers. A chapter not provided, a declared gap or a transport
        not run lowers it; a requirement outside the profile is not held, so does not."""
        summary = self.summary(column)
        return summary.applicable, summary.held

    def counts(self, column: Column) -> Dict[str, Counter]:
        return self.summary(column).counts


def build(documents: Sequence[dict], spec: Sequence[Tuple[str, str, str, str]] = ()) -> Matrix:
    """Merge results documents; runs of one implementation version, profile and spec version share a column.

    ``spec``: (id, chapter, level, spec version) of every requirement of a spec version, so a
    requirement no document of that version has a record of is a row too (not run), and counts
    against the coverage of that version's columns.
    """
    columns: Dict[Tuple[str, str, str, str], Column] = {}
    rows: Dict[str, Row] = {}
    for document in documents:
        impl = document["implementation"]
        spec_version = str(document.get("spec_version", "unknown"))
        key = (impl["name"], impl["version"], impl["profile"], spec_version)
        column = columns.get(key)
        if column is None:
            column = columns[key] = Column(*key[:3], spec_version=spec_version)
        outcomes, notes, gaps = column.outcomes, column.notes, column.gaps
        for record in document["requirements"]:
            rid = record["id"]
            row = rows.get(rid)
            if row is None:
                row = rows[rid] = Row(rid, record["chapter"], record["level"])
            row.spec_versions.add(spec_version)
            transport, outcome = record["transport"], record["outcome"]
            column.transports.add(transport)
            by_transport = outcomes.get(rid)
            if by_transport is None:
                by_transport = outcomes[rid] = {}
            by_transport[transport] = outcome
            if outcome != "pass":
                note = {key: record[key] for key in _NOTES if record.get(key)}
                if note:
                    notes.setdefault(rid, {})[transport] = note
                    if "gap" in note:
                        gaps[rid] = note["gap"]
    versions = {c.spec_version for c in columns.values()}
    for rid, chapter, level, spec_version in spec:
        if spec_version in versions:
            rows.setdefault(rid, Row(rid, chapter, level)).spec_versions.add(spec_version)
    ordered_rows = sorted(rows.values(), key=lambda r: (r.chapter, r.id))
    mixed = len({c.spec_version for c in columns.values()}) > 1
    profiles: Dict[Tuple[str, str], set] = {}
    for column in columns.values():
        profiles.setdefault((column.name, column.version), set()).add(column.profile)
    for column in columns.values():
        column.mixed = mixed
        column.show_profile = len(profiles[(column.name, column.version)]) > 1
    return Matrix(list(columns.values()), ordered_rows)


def expand(paths: Sequence[str]) -> List[str]:
    """Files as given; a directory stands for the ``*.json`` files in it, in name order.

    Raise UsageError for a path that does not exist or a directory without results files.
    """
    found: List[str] = []
    for path in paths:
        if os.path.isdir(path):
            files = sorted(glob.glob(os.path.join(path, "*.json")))
            if not files:
                raise UsageError(f"no results files (*.json) in directory {path}")
            found += files
        elif os.path.exists(path):
            found.append(path)
        else:
            raise UsageError(f"no results file {path}")
    return found


@lru_cache(maxsize=None)
def _validator():
    import jsonschema

    schema = results.schema()
    return jsonschema.validators.validator_for(schema)(schema)


@lru_cache(maxsize=None)
def _surely_valid():
    return schemacheck.compile_schema(results.schema()) or (lambda document: False)


def json_path(parts) -> str:
    """A JSON path (``$.requirements[3].outcome``) for a jsonschema error's ``absolute_path``."""
    text = "$"
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _shorten(text: str, limit: int = 160) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[:limit - 3] + "..."


def read(path: str) -> dict:
    """One results file, checked against the shipped schema; UsageError names the file and the field."""
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except OSError as exc:
        raise UsageError(f"cannot read results file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"not a results file: {path} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"not a results file: {path} is not JSON (line {exc.lineno} column {exc.colno}: "
                         f"{exc.msg})") from None
    except ValueError as exc:  # valid syntax Python refuses, such as an integer of too many digits
        raise UsageError(f"not a results file: {path} is not JSON this can read ({_shorten(exc)})") from None
    except RecursionError:
        raise UsageError(f"not a results file: {path} is JSON nested too deeply") from None
    try:
        error = None if _surely_valid()(document) else _first_error(document)
        if error is not None:
            where, what = json_path(error.absolute_path), _shorten(error.message)
    except RecursionError:  # jsonschema words its message with repr(), which deep nesting defeats
        raise UsageError(f"not a results file: {path} is JSON nested too deeply") from None
    if error is not None:
        raise UsageError(f"not a results file: {path}: {where}: {what}")
    return document


def _first_error(document):
    import jsonschema

    errors = list(_validator().iter_errors(document))
    if not errors:
        return None
    return jsonschema.exceptions.best_match(errors)


def load(paths: Sequence[str]) -> Matrix:
    """The matrix of the results files at ``paths``; a requirement of the installed spec that results
    of its version do not name (a run restricted with ``--requirement``) is a row not run."""
    documents = [read(p) for p in expand(paths)]
    return build(documents, installed_spec() if any(d.get("spec_version") == SPEC_VERSION for d in documents) else ())


def installed_spec() -> List[Tuple[str, str, str, str]]:
    """(id, chapter, level, spec version) of every requirement of the installed spec."""
    from .catalog import requirements

    return [(r.id, r.chapter, r.level.value, SPEC_VERSION) for r in requirements()]


def _percent(passing: int, applicable: int) -> str:
    return f"{100.0 * passing / applicable:.1f}%" if applicable else "n/a"


SHORT = {"pass": "pass", "fail": "FAIL", "error": "ERROR", "timeout": "TIMEOUT", "not-applicable": "n/a",
         GAP: "gap", "expected-fail": "xfail", "unexpected-pass": "XPASS", "split": "SPLIT", "": "-"}

#: What each cell means, in the order the legend lists them.
LEGEND = (
    ("pass", "passes on every transport run"),
    ("fail", "fails: the implementation answered, and not as the requirement says"),
    ("error", "the check could not complete (the implementation raised, or the fixture is missing)"),
    ("timeout", "no answer within the per-request timeout"),
    ("expected-fail", "fails, and the implementation's expectation file lists it (the reason is in the cell's details)"),
    ("unexpected-pass", "passes although the expectation file lists it as failing"),
    ("split", "the transports disagree (the cell's details give each)"),
    ("not-applicable", "not applicable: outside the profile or the package releases it holds for, "
                       "a chapter the implementation does not provide, or a transport that cannot observe it"),
    (GAP, "not applicable because the implementation declares it lacks the API the requirement needs: "
          "never a pass, and it lowers the share of the spec the score covers"),
    ("", "not run: the results have no record of it (a run restricted with --requirement, or another spec version)"),
)

ORDER = {outcome: index for index, (outcome, _) in enumerate(LEGEND)}

SCORE_TEXT = ("MUST score: the share of the applicable MUST requirements that pass on every transport run. "
              "Covers: the share of the MUST requirements the profile holds the implementation to that "
              "the score counts; a chapter not provided, a declared gap, a transport not run or a "
              "requirement not run lowers it (a requirement outside the profile does not count).")


DIFFERENCES_TEXT = ("on which the columns reach different verdicts (n/a, gap and not-run cells "
                    "left out of the comparison)")


def docs_link(docs_url: Optional[str], row: Row) -> Optional[str]:
    """The requirement's anchor in the reference docs published at ``docs_url`` (None without one)."""
    if not docs_url:
        return None
    return f"{docs_url.rstrip('/')}/chapters/{row.chapter}.html#{row.id}"


def _rows(matrix: Matrix, differences: bool) -> List[Row]:
    return matrix.differing() if differences else matrix.rows


def _differences_line(matrix: Matrix) -> str:
    return (f"Differences only: {len(matrix.differing())} of {len(matrix.rows)} requirements, "
            f"those {DIFFERENCES_TEXT}.")


def _ordered(counts: Counter) -> List[Tuple[str, int]]:
    """Cell counts in the legend's order."""
    return sorted(counts.items(), key=lambda item: ORDER.get(item[0], len(ORDER)))


def _levels(summary: Summary, level: str, sep: str = ", ") -> str:
    return sep.join(f"{SHORT[k]} {v}" for k, v in _ordered(summary.counts[level]))


def _score_line(summary: Summary) -> str:
    line = (f"{summary.score} ({summary.passing}/{summary.applicable}), covers {summary.coverage} "
            f"({summary.applicable}/{summary.held})")
    return line + (f" (not covered: {summary.uncovered})" if summary.uncovered else "")


def render_text(matrix: Matrix, docs_url: Optional[str] = None, differences: bool = False) -> str:
    width = max([len(r.id) for r in matrix.rows] + [12])
    widths = [max(len(c.label), 5) for c in matrix.columns]
    lines = [matrix.spec_note(), ""] if matrix.spec_note() else []
    lines.append("Scores (applicable MUST requirements passing on every transport; covers: share of the "
                 "MUST requirements of the profile the score counts):")
    for column in matrix.columns:
        summary = matrix.summary(column)
        levels = "; ".join(f"{lvl} {_levels(summary, lvl)}" for lvl in LEVELS if summary.counts[lvl])
        lines.append(f"  {column.label} (profile {column.profile}, spec {column.spec_version}, "
                     f"{'+'.join(sorted(column.transports))}): {_score_line(summary)}; {levels}")
    lines.append("")
    if differences:
        lines += [_differences_line(matrix), ""]
    header = f"{'requirement':<{width}}  {'level':<6}" + "".join(
        f"  {c.label:>{w}}" for c, w in zip(matrix.columns, widths))
    lines.append(header)
    for chapter, rows in matrix.chapters(_rows(matrix, differences)):
        lines.append(f"[{chapter}]")
        for row in rows:
            cells = "".join(f"  {SHORT[cell]:>{w}}" for cell, w in zip(matrix.cells(row), widths))
            lines.append(f"{row.id:<{width}}  {row.level:<6}{cells}")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return str(text).replace("|", "\\|")


def render_markdown(matrix: Matrix, docs_url: Optional[str] = None, differences: bool = False) -> str:
    lines = ["# flask-conformance matrix", ""]
    if matrix.spec_note():
        lines += [f"> **{matrix.spec_note()}**", ""]
    lines += ["| implementation | profile | spec | transports | MUST score | covers | MUST | SHOULD | MAY |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for column in matrix.columns:
        summary = matrix.summary(column)
        per_level = [_levels(summary, lvl) or "-" for lvl in LEVELS]
        covers = f"{summary.coverage} ({summary.applicable}/{summary.held})"
        covers += f"; not covered: {summary.uncovered}" if summary.uncovered else ""
        lines.append(f"| {_md(column.label)} | {_md(column.profile)} | {column.spec_version} | "
                     f"{', '.join(sorted(column.transports))} | "
                     f"{summary.score} ({summary.passing}/{summary.applicable}) | {covers} | "
                     + " | ".join(per_level) + " |")
    lines += ["", SCORE_TEXT]
    if differences:
        lines += ["", _differences_line(matrix)]
    for chapter, rows in matrix.chapters(_rows(matrix, differences)):
        lines += ["", f"## {chapter}", "",
                  "| requirement | level | " + " | ".join(_md(c.label) for c in matrix.columns) + " |",
                  "| --- | --- | " + " | ".join("---" for _ in matrix.columns) + " |"]
        for row in rows:
            cells = " | ".join(SHORT[cell] for cell in matrix.cells(row))
            link = docs_link(docs_url, row)
            name = f"[`{row.id}`]({link})" if link else f"`{row.id}`"
            lines.append(f"| {name} | {row.level} | {cells} |")
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin-bottom:2em}
th,td{border:1px solid #ccc;padding:.2em .5em;font-size:.9em;text-align:left;vertical-align:top}
th .profile{font-weight:normal;color:#555;font-size:.85em}
td.o{text-align:center}
.pass{background:#d7f5dd}.fail,.error,.timeout{background:#f8d0d0}.split{background:#ffe7a8}
.not-applicable,.not-run{background:#eee;color:#777}.gap{background:#e4dcf5;color:#4c1d95}
.expected-fail{background:#f3e3c3}.unexpected-pass{background:#c9e3ff}
td.o details{text-align:left}td.o summary{cursor:pointer;text-align:center}
.why{max-width:28em;font-size:.85em;white-space:normal;margin:.3em 0}
code{font-size:.95em}
.note{border-left:.3em solid #e0a800;background:#fff6d6;padding:.5em 1em}
.explain{max-width:60em;font-size:.9em;color:#444}
.toggle{display:inline-block;margin:.5em 0 1.5em;padding:.4em .8em;border:1px solid #bbb;border-radius:.3em;background:#f6f6f6}
#differences-only:checked ~ section.same,#differences-only:checked ~ section tr.same{display:none}
"""


def _link(url: str, text: str) -> str:
    esc = html.escape
    if url.startswith(("https://", "http://")):
        return f"<a href='{esc(url)}'>{esc(text)}</a>"
    return esc(text)


def _details(column: Column, rid: str) -> Tuple[str, str]:
    """(tooltip text, details HTML) of a cell; the details are "" when a record says nothing beyond
    its outcome worth opening (a not-applicable reason other than a gap goes in the tooltip only)."""
    esc = html.escape
    outcomes = column.outcomes.get(rid, {})
    notes = column.notes.get(rid, {})
    tips, items = [], {}  # details HTML -> the transports that say it
    for transport in sorted(outcomes):
        outcome, note = outcomes[transport], notes.get(transport, {})
        tip = f"{transport}: {outcome}"
        parts = []
        if note.get("gap"):
            tip += f" (declared gap: {note['gap']})"
            parts.append(f"declared gap: the implementation lacks <code>{esc(note['gap'])}</code>")
        elif note.get("message"):
            tip += f": {note['message']}"
            if outcome != NOT_APPLICABLE:
                parts.append(esc(note["message"]))
        expected = note.get("expected")
        if expected:
            tip += f"; expected to fail: {expected['reason']}"
            text = f"expected to fail: {esc(expected['reason'])}"
            if expected.get("issue"):
                text += f" ({_link(expected['issue'], expected['issue'])})"
            if expected.get("entry"):
                text += f" (entry <code>{esc(expected['entry'])}</code>)"
            parts.append(text)
        defect = note.get("defect")
        if defect:
            tip += f"; known defect of {defect['package']} {defect['versions']}: {defect['what']}"
            parts.append(f"known defect of {esc(defect['package'])} {esc(defect['versions'])}: "
                         f"{esc(defect['what'])} (fixed in {esc(defect['fixed'])}; "
                         f"{_link(defect['link'], defect['link'])})")
        tips.append(tip)
        if column.cell(rid) == "split":
            parts.insert(0, esc(SHORT.get(outcome, outcome)))
        for part in parts:
            items.setdefault(part, []).append(transport)
    html_items = "".join(
        f"<p class='why'>{esc(', '.join(transports)) + ': ' if len(transports) < len(outcomes) else ''}{part}</p>"
        for part, transports in items.items())
    return "\n".join(tips), html_items


def _html_levels(summary: Summary, level: str) -> str:
    counts = _ordered(summary.counts[level])
    return "<br>".join(f"<span class='{k or 'not-run'}'>{html.escape(SHORT[k])} {v}</span>" for k, v in counts) or "-"


def render_html(matrix: Matrix, docs_url: Optional[str] = None, differences: bool = False) -> str:
    esc = html.escape
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
             "<title>flask-conformance matrix</title><style>", _CSS, "</style></head><body>",
             "<h1>flask-conformance matrix</h1>"]
    if matrix.spec_note():
        parts.append(f"<p class='note' role='note'><strong>{esc(matrix.spec_note())}</strong></p>")
    parts.append("<table class='scores'><tr><th>implementation</th><th>profile</th><th>spec</th>"
                 "<th>transports</th><th>MUST score</th><th>covers</th><th>MUST</th><th>SHOULD</th>"
                 "<th>MAY</th></tr>")
    for column in matrix.columns:
        summary = matrix.summary(column)
        covers = f"{summary.coverage} ({summary.applicable}/{summary.held})"
        if summary.uncovered:
            covers += f"<br><small>not covered: {esc(summary.uncovered)}</small>"
        parts.append(f"<tr><td>{esc(column.label)}</td><td>{esc(column.profile)}</td>"
                     f"<td>{esc(column.spec_version)}</td>"
                     f"<td>{esc(', '.join(sorted(column.transports)))}</td>"
                     f"<td class='score'>{summary.score} ({summary.passing}/{summary.applicable})</td>"
                     f"<td class='covers'>{covers}</td>"
                     + "".join(f"<td class='level-counts'>{_html_levels(summary, lvl)}</td>" for lvl in LEVELS)
                     + "</tr>")
    parts.append(f"</table><p class='explain'>{esc(SCORE_TEXT)}</p>")
    parts.append("<h2 id='legend'>Legend</h2><table class='legend'>")
    for outcome, meaning in LEGEND:
        parts.append(f"<tr><td class='o {outcome or 'not-run'}'>{esc(SHORT[outcome])}</td><td>{esc(meaning)}</td></tr>")
    parts.append("</table><p class='explain'>Hover over a cell for each transport's outcome and message; "
                 "a cell with a triangle opens to the failure, the expectation's reason, the known defect "
                 "or the declared gap behind it.</p>")
    differing = matrix.differing()
    if len(matrix.columns) > 1:
        parts.append(f"<input type='checkbox' id='differences-only'{' checked' if differences else ''}>"
                     f"<label class='toggle' for='differences-only'> Differences only: show the "
                     f"{len(differing)} of {len(matrix.rows)} requirements {esc(DIFFERENCES_TEXT)}</label>")
    differs = {row.id for row in differing}
    for chapter, rows in matrix.chapters():
        same = "" if any(row.id in differs for row in rows) else " same"
        parts.append(f"<section class='chapter{same}'><h2 id='{esc(chapter)}'>{esc(chapter)}</h2>"
                     "<table class='matrix'><tr><th>requirement</th><th>level</th>")
        for c in matrix.columns:
            parts.append(f"<th>{esc(c.name)} {esc(c.version)}<br><span class='profile'>profile {esc(c.profile)}"
                         f"{', spec ' + esc(c.spec_version) if c.mixed else ''}</span></th>")
        parts.append("</tr>")
        for row in rows:
            link = docs_link(docs_url, row)
            name = f"<a href='{esc(link)}'><code>{esc(row.id)}</code></a>" if link else f"<code>{esc(row.id)}</code>"
            parts.append(f"<tr id='{esc(row.id)}'{'' if row.id in differs else ' class=same'}>"
                         f"<td>{name}</td><td>{row.level}</td>")
            for column, cell in zip(matrix.columns, matrix.cells(row)):
                short = esc(SHORT[cell])
                if column.notes.get(row.id) or cell == "split":
                    title, details = _details(column, row.id)
                    if details:
                        short = f"<details><summary>{short}</summary>{details}</details>"
                else:
                    title = ", ".join(f"{t}: {o}" for t, o in sorted(column.outcomes.get(row.id, {}).items()))
                parts.append(f"<td class='o {cell or 'not-run'}' title='{esc(title)}'>{short}</td>")
            parts.append("</tr>")
        parts.append("</table></section>")
    parts.append("</body></html>")
    return "".join(parts) + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "html": render_html}
