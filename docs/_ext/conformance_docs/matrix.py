"""The implementation matrix page, from the results files present at build time."""

from __future__ import annotations

from typing import List

from docutils import nodes

from . import resultsdata
from .chapters import GeneratedDirective, all_requirements, chapter_names, results
from .domain import chapter_reference, req_reference
from .util import literal, paragraph, table


class ImplementationMatrix(GeneratedDirective):
    """``.. implementation-matrix::``: scores, then one table per chapter."""

    def run(self) -> List[nodes.Node]:
        self.note_generated()
        loaded = results(self.env)
        if loaded.matrix is None:
            note = nodes.note()
            note += paragraph(
                f"No results were found when these docs were built (looked for *.json in {loaded.directory}). "
                "The matrix appears once results files are there: write them with ",
                literal("flask-conformance run --results results/NAME.json"), " and build the docs again.")
            return [note]
        matrix = loaded.matrix
        output: List[nodes.Node] = [paragraph(
            f"Built from {len(loaded.files)} results file{'s' if len(loaded.files) != 1 else ''} "
            f"(spec version{'s' if len(loaded.spec_versions) != 1 else ''} {', '.join(loaded.spec_versions)}).")]
        rows = []
        for column in matrix.columns:
            rows.append([column.label, column.profile, ", ".join(sorted(column.transports)),
                         resultsdata.score_text(matrix, column), resultsdata.coverage_text(matrix, column)])
        output.append(table(["Implementation", "Profile", "Transports", "MUST score", "Covers"], rows,
                            classes=["matrix-scores"], widths=[3, 1, 2, 2, 3]))
        known = {r.id for r in all_requirements()}
        for chapter in chapter_names():
            reqs = [r for r in all_requirements() if r.chapter == chapter]
            if not reqs:
                continue
            section = nodes.section(ids=[f"matrix-{chapter}"])
            title = nodes.title("", "")
            title += chapter_reference(chapter)
            section += title
            body = []
            for req in reqs:
                cells = [[req_reference(req.id)], req.level.value]
                for column in matrix.columns:
                    css, text = resultsdata.cell(column, req.id)
                    cells.append([nodes.inline("", text, classes=["outcome", f"outcome-{css}"])])
                body.append(cells)
            section += table(["Requirement", "Level"] + [c.label for c in matrix.columns], body,
                             classes=["matrix"], widths=[5, 1] + [2] * len(matrix.columns))
            output.append(section)
        extra = sorted({row.id for row in matrix.rows} - known)
        if extra:
            section = nodes.section(ids=["matrix-not-in-spec"])
            section += nodes.title("", "Not in this version of the spec")
            section += paragraph("The results files name these requirements, which this version of the spec "
                                 "does not have (results of an older or newer spec version):")
            items = nodes.bullet_list()
            for rid in extra:
                item = nodes.list_item()
                item += paragraph(literal(rid))
                items += item
            section += items
            output.append(section)
        return output


def setup(app) -> None:
    app.add_directive("implementation-matrix", ImplementationMatrix)
