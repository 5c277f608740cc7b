"""The comparison matrix: many results documents merged into one table.

Rows are requirements by chapter, columns implementations; a cell is the requirement's outcome
for that implementation (``split`` when its transports disagree). Each column gets a score: the
share of its applicable MUST requirements that pass on every transport it was run over.
"""

from __future__ import annotations

import glob
import html
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, List, Sequence, Tuple

from . import results
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

    @property
    def label(self) -> str:
        return f"{self.name} {self.version}"

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
    """Merge results documents; runs of one implementation version and profile share a column."""
    columns: Dict[Tuple[str, str, str], Column] = {}
    rows: Dict[str, Row] = {}
    for document in documents:
        impl = document["implementation"]
        key = (impl["name"], impl["version"], impl["profile"])
        column = columns.setdefault(key, Column(*key))
        for record in document["requirements"]:
            rid = record["id"]
            rows.setdefault(rid, Row(rid, record["chapter"], record["level"]))
            column.transports.add(record["transport"])
            column.outcomes.setdefault(rid, {})[record["transport"]] = record["outcome"]
    ordered_rows = sorted(rows.values(), key=lambda r: (r.chapter, r.id))
    return Matrix(list(columns.values()), ordered_rows)


def expand(paths: Sequence[str]) -> List[str]:
    """Files as given; a directory stands for the ``*.json`` files in it, in name order."""
    found: List[str] = []
    for path in paths:
        if os.path.isdir(path):
            found += sorted(glob.glob(os.path.join(path, "*.json")))
        else:
            found.append(path)
    return found


def load(paths: Sequence[str]) -> Matrix:
    return build([results.read(p) for p in expand(paths)])


def _percent(passing: int, applicable: int) -> str:
    return f"{100.0 * passing / applicable:.1f}%" if applicable else "n/a"


SHORT = {"pass": "pass", "fail": "FAIL", "error": "ERROR", "timeout": "TIMEOUT", "not-applicable": "n/a",
         "expected-fail": "xfail", "unexpected-pass": "XPASS", "split": "SPLIT", "": "-"}


def render_text(matrix: Matrix) -> str:
    width = max([len(r.id) for r in matrix.rows] + [12])
    lines = ["Scores (applicable MUST requirements passing on every transport):"]
    for column in matrix.columns:
        passing, applicable = matrix.score(column)
        counts = matrix.counts(column)
        levels = "; ".join(f"{lvl} " + ", ".join(f"{k} {v}" for k, v in sorted(counts[lvl].items()))
                           for lvl in LEVELS if counts[lvl])
        lines.append(f"  {column.label} (profile {column.profile}, {'+'.join(sorted(column.transports))}): "
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
    lines = ["# flask-conformance matrix", "",
             "| implementation | profile | transports | MUST score | MUST | SHOULD | MAY |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for column in matrix.columns:
        passing, applicable = matrix.score(column)
        counts = matrix.counts(column)
        per_level = [", ".join(f"{v} {k}" for k, v in sorted(counts[lvl].items())) or "-" for lvl in LEVELS]
        lines.append(f"| {column.label} | {column.profile} | {', '.join(sorted(column.transports))} | "
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
"""


def render_html(matrix: Matrix) -> str:
    esc = html.escape
    parts = ["<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
             "<title>flask-conformance matrix</title><style>", _CSS, "</style></head><body>",
             "<h1>flask-conformance matrix</h1>", "<table><tr><th>implementation</th><th>profile</th>"
             "<th>transports</th><th>MUST score</th></tr>"]
    for column in matrix.columns:
        passing, applicable = matrix.score(column)
        parts.append(f"<tr><td>{esc(column.label)}</td><td>{esc(column.profile)}</td>"
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
