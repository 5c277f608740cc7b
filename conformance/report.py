"""The comparison matrix: many results documents merged into one table.

Rows are requirements by chapter, columns implementations; a cell is the requirement's outcome
for that implementation (``split`` when its transports disagree). Each column gets a score: the
share of its applicable MUST requirements that pass on every transport it was run over.

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
from typing import Dict, List, Sequence, Tuple

from . import results, schemacheck
from .errors import UsageError
from .outcomes import NOT_APPLICABLE

PASSING = {"pass", "unexpected-pass"}
LEVELS = ("MUST", "SHOULD", "MAY")


@dataclass
class Column:
    name: str
    version: str
    profile: str
    transports: set = field(default_factory=set)
    outcomes: Dict[str, Dict[str, str]] = field(default_factory=dict)  # id -> transport -> outcome
    spec_version: str = ""
    mixed: bool = False  # the matrix merges several spec versions: the label names this column's

    @property
    def label(self) -> str:
        label = f"{self.name} {self.version}"
        return f"{label} (spec {self.spec_version})" if self.mixed else label

    def cell(self, rid: str) -> str:
        by_transport = self.outcomes.get(rid)
        if not by_transport:
            return ""
        distinct = set(by_transport.values())
        if len(distinct) == 1:
            return distinct.pop()
        applicable = distinct - {NOT_APPLICABLE}
        if len(applicable) == 1:
            return applicable.pop()
        return "split"

    def passes(self, rid: str) -> bool:
        by_transport = self.outcomes.get(rid, {})
        applicable = [o for o in by_transport.values() if o != NOT_APPLICABLE]
        return bool(applicable) and all(o in PASSING for o in applicable)

    def applicable(self, rid: str) -> bool:
        return any(o != NOT_APPLICABLE for o in self.outcomes.get(rid, {}).values())


@dataclass
class Row:
    id: str
    chapter: str
    level: str


@dataclass
class Matrix:
    columns: List[Column]
    rows: List[Row]

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

    def chapters(self) -> List[Tuple[str, List[Row]]]:
        grouped: Dict[str, List[Row]] = {}
        for row in self.rows:
            grouped.setdefault(row.chapter, []).append(row)
        return list(grouped.items())

    def score(self, column: Column) -> Tuple[int, int]:
        """(passing, applicable) MUST requirements of ``column``."""
        must = [r.id for r in self.rows if r.level == "MUST" and column.applicable(r.id)]
        return sum(column.passes(rid) for rid in must), len(must)

    def counts(self, column: Column) -> Dict[str, Counter]:
        counts = {level: Counter() for level in LEVELS}
        for row in self.rows:
            cell = column.cell(row.id)
            if cell:
                counts[row.level][cell] += 1
        return counts


def build(documents: Sequence[dict]) -> Matrix:
    """Merge results documents; runs of one implementation version, profile and spec version share a column."""
    columns: Dict[Tuple[str, str, str, str], Column] = {}
    rows: Dict[str, Row] = {}
    for document in documents:
        impl = document["implementation"]
        spec_version = str(document.get("spec_version", "unknown"))
        key = (impl["name"], impl["version"], impl["profile"], spec_version)
        column = columns.get(key)
        if column is None:
            column = columns[key] = Column(*key[:3], spec_version=spec_version)
        for record in document["requirements"]:
            rid = record["id"]
            rows.setdefault(rid, Row(rid, record["chapter"], record["level"]))
            column.transports.add(record["transport"])
            column.outcomes.setdefault(rid, {})[record["transport"]] = record["outcome"]
    ordered_rows = sorted(rows.values(), key=lambda r: (r.chapter, r.id))
    mixed = len({c.spec_version for c in columns.values()}) > 1
    for column in columns.values():
        column.mixed = mixed
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
    return build([read(p) for p in expand(paths)])


def _percent(passing: int, applicable: int) -> str:
    return f"{100.0 * passing / applicable:.1f}%" if applicable else "n/a"


SHORT = {"pass": "pass", "fail": "FAIL", "error": "ERROR", "timeout": "TIMEOUT", "not-applicable": "n/a",
         "expected-fail": "xfail", "unexpected-pass": "XPASS", "split": "SPLIT", "": "-"}


def render_text(matrix: Matrix) -> str:
    width = max([len(r.id) for r in matrix.rows] + [12])
    lines = [matrix.spec_note(), ""] if matrix.spec_note() else []
    lines.append("Scores (applicable MUST requirements passing on every transport):")
    for column in matrix.columns:
        passing, applicable = matrix.score(column)
        counts = matrix.counts(column)
        levels = "; ".join(f"{lvl} " + ", ".join(f"{k} {v}" for k, v in sorted(counts[lvl].items()))
                           for lvl in LEVELS if counts[lvl])
        lines.append(f"  {column.label} (profile {column.profile}, spec {column.spec_version}, "
                     f"{'+'.join(sorted(column.transports))}): "
                     f"{_percent(passing, applicable)} ({passing}/{applicable}); {levels}")
    lines.append("")
    header = f"{'requirement':<{width}}  {'level':<6}" + "".join(f"  {c.label[:14]:>14}" for c in matrix.columns)
    lines.append(header)
    for chapter, rows in matrix.chapters():
        lines.append(f"[{chapter}]")
        for row in rows:
            cells = "".join(f"  {SHORT[c.cell(row.id)]:>14}" for c in matrix.columns)
            lines.append(f"{row.id:<{width}}  {row.level:<6}{cells}")
    return "\n".join(lines) + "\n"


def render_markdown(matrix: Matrix) -> str:
    lines = ["# flask-conformance matrix", ""]
    if matrix.spec_note():
        lines += [f"> **{matrix.spec_note()}**", ""]
    lines += ["| implementation | profile | spec | transports | MUST score | MUST | SHOULD | MAY |",
              "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for column in matrix.columns:
        passing, applicable = matrix.score(column)
        counts = matrix.counts(column)
        per_level = [", ".join(f"{v} {k}" for k, v in sorted(counts[lvl].items())) or "-" for lvl in LEVELS]
        lines.append(f"| {column.label} | {column.profile} | {column.spec_version} | "
                     f"{', '.join(sorted(column.transports))} | "
                     f"{_percent(passing, applicable)} ({passing}/{applicable}) | " + " | ".join(per_level) + " |")
    for chapter, rows in matrix.chapters():
        lines += ["", f"## {chapter}", "",
                  "| requirement | level | " + " | ".join(c.label for c in matrix.columns) + " |",
                  "| --- | --- | " + " | ".join("---" for _ in matrix.columns) + " |"]
        for row in rows:
            cells = " | ".join(SHORT[c.cell(row.id)] for c in matrix.columns)
            lines.append(f"| `{row.id}` | {row.level} | {cells} |")
    return "\n".join(lines) + "\n"


_CSS = """
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;margin-bottom:2em}
th,td{border:1px solid #ccc;padding:.2em .5em;font-size:.9em;text-align:left}
td.o{text-align:center}
.pass{background:#d7f5dd}.fail,.error,.timeout{background:#f8d0d0}.split{background:#ffe7a8}
.not-applicable{background:#eee;color:#777}.expected-fail{background:#f3e3c3}.unexpected-pass{background:#c9e3ff}
code{font-size:.95em}
.note{border-left:.3em solid #e0a800;background:#fff6d6;padding:.5em 1em}
"""


def render_html(matrix: Matrix) -> str:
    esc = html.escape
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
             "<title>flask-conformance matrix</title><style>", _CSS, "</style></head><body>",
             "<h1>flask-conformance matrix</h1>"]
    if matrix.spec_note():
        parts.append(f"<p class='note' role='note'><strong>{esc(matrix.spec_note())}</strong></p>")
    parts.append("<table><tr><th>implementation</th><th>profile</th><th>spec</th>"
                 "<th>transports</th><th>MUST score</th></tr>")
    for column in matrix.columns:
        passing, applicable = matrix.score(column)
        parts.append(f"<tr><td>{esc(column.label)}</td><td>{esc(column.profile)}</td>"
                     f"<td>{esc(column.spec_version)}</td>"
                     f"<td>{esc(', '.join(sorted(column.transports)))}</td>"
                     f"<td>{_percent(passing, applicable)} ({passing}/{applicable})</td></tr>")
    parts.append("</table>")
    for chapter, rows in matrix.chapters():
        parts.append(f"<h2 id='{esc(chapter)}'>{esc(chapter)}</h2><table><tr><th>requirement</th><th>level</th>")
        parts += [f"<th>{esc(c.label)}</th>" for c in matrix.columns]
        parts.append("</tr>")
        for row in rows:
            parts.append(f"<tr id='{esc(row.id)}'><td><code>{esc(row.id)}</code></td><td>{row.level}</td>")
            for column in matrix.columns:
                cell = column.cell(row.id)
                title = ", ".join(f"{t}: {o}" for t, o in sorted(column.outcomes.get(row.id, {}).items()))
                parts.append(f"<td class='o {esc(cell)}' title='{esc(title)}'>{esc(SHORT[cell])}</td>")
            parts.append("</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts) + "\n"


RENDERERS = {"text": render_text, "markdown": render_markdown, "html": render_html}
