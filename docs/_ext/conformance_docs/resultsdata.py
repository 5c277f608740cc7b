"""Results files found at build time, merged with the harness' own matrix code.

The docs read ``results/*.json`` (the directory is the ``conformance_results_dir`` setting) and
merge them with :func:`flask_conformance.report.build`, so a score in the docs is computed exactly
as ``flask-conformance report`` computes it. A file that is not a valid results document is
reported as a build warning and left out.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

#: Words shown for a matrix cell (``report.Column.cell``); "" is a requirement the run did not include.
CELL_TEXT = {
    "pass": "pass", "fail": "fail", "error": "error", "timeout": "timeout",
    "not-applicable": "n/a", "expected-fail": "expected fail", "unexpected-pass": "unexpected pass",
    "split": "split", "gap": "declared gap", "": "not run",
}


@dataclass
class Loaded:
    directory: str
    files: List[str] = field(default_factory=list)
    problems: List[Tuple[str, str]] = field(default_factory=list)  # (path, message)
    matrix: Optional[object] = None  # flask_conformance.report.Matrix
    spec_versions: List[str] = field(default_factory=list)

    @property
    def columns(self) -> list:
        return list(self.matrix.columns) if self.matrix is not None else []


def load(directory: str) -> Loaded:
    """Every ``*.json`` in ``directory`` that is a valid results document, merged."""
    from flask_conformance import report, results

    loaded = Loaded(directory)
    if not os.path.isdir(directory):
        return loaded
    documents = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".json"):
            continue
        path = os.path.join(directory, name)
        try:
            document = results.read(path)
            results.validate(document)
        except Exception as exc:  # invalid JSON, or not following the schema
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            loaded.problems.append((path, first))
            continue
        documents.append(document)
        loaded.files.append(path)
        if document.get("spec_version") not in loaded.spec_versions:
            loaded.spec_versions.append(document.get("spec_version"))
    if documents:
        loaded.matrix = report.build(documents, report.installed_spec())
    return loaded


def cell(column, rid: str) -> Tuple[str, str]:
    """(css class suffix, text) of ``column``'s outcome for requirement ``rid``."""
    value = column.cell(rid)
    if value == "split":
        detail = ", ".join(f"{t} {CELL_TEXT.get(o, o)}" for t, o in sorted(column.outcomes[rid].items()))
        return "split", f"split ({detail})"
    return (value or "not-run"), CELL_TEXT.get(value, value)


def coverage_text(matrix, column) -> str:
    """The share of the MUST requirements the profile holds the column to that its score covers."""
    summary = matrix.summary(column)
    text = f"{summary.coverage} ({summary.applicable}/{summary.held})"
    return text + (f"; not covered: {summary.uncovered}" if summary.uncovered else "")


def score_text(matrix, column) -> str:
    passing, applicable = matrix.score(column)
    if not applicable:
        return "no applicable MUST requirement"
    return f"{100.0 * passing / applicable:.1f}% ({passing}/{applicable})"
