"""Small helpers shared by the directives: parsing reST from Python sources, code blocks, tables."""

from __future__ import annotations

import contextlib
import inspect
import re
from typing import Iterable, List, Optional, Sequence

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util import logging

logger = logging.getLogger("conformance_docs")


@contextlib.contextmanager
def _fresh_titles(state):
    """Parse text with its own section title styles (docstrings do not follow the page's)."""
    memo = state.memo
    styles, level = memo.title_styles, memo.section_level
    memo.title_styles, memo.section_level = [], 0
    try:
        yield
    finally:
        memo.title_styles, memo.section_level = styles, level


PYTHON_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|mod|data|attr|exc|obj|const):`~?([^`]+)`")


def plain_roles(text: str) -> str:
    """Python cross-reference roles as literals: these docs do not document the API object by object."""
    return PYTHON_ROLE.sub(lambda m: f"``{m.group(1)}``", text)


def parse_rst(state, text: str, source: str, first_line: int = 0, titles: bool = False) -> List[nodes.Node]:
    """Parse ``text`` (from ``source``, starting at 0-based line ``first_line``) into nodes."""
    content = StringList()
    for index, line in enumerate(text.splitlines()):
        content.append(line, source, first_line + index)
    container = nodes.Element()
    container.document = state.document
    if titles:
        with _fresh_titles(state):
            state.nested_parse(content, 0, container, match_titles=True)
    else:
        state.nested_parse(content, 0, container)
    return list(container.children)


def docstring_position(obj) -> tuple:
    """(source file, 0-based line where the cleaned docstring of a module or function starts)."""
    import ast
    import textwrap

    try:
        source_file = inspect.getsourcefile(obj) or "<unknown>"
        lines, start = inspect.getsourcelines(obj)
        tree = ast.parse(textwrap.dedent("".join(lines)))
    except (OSError, TypeError, SyntaxError):
        return "<unknown>", 0
    start = max(start, 1)
    body = tree.body
    if not inspect.ismodule(obj):
        body = body[0].body if body and hasattr(body[0], "body") else []
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        raw = body[0].value.value
        skipped = 1 if raw.startswith("\n") else 0
        return source_file, start - 1 + body[0].lineno - 1 + skipped
    return source_file, start - 1


def code_block(code: str, caption: str = "", language: str = "python", first_line: Optional[int] = None,
               classes: Sequence[str] = ()) -> nodes.Element:
    block = nodes.literal_block(code, code, language=language, classes=list(classes))
    if first_line is not None:
        block["linenos"] = True
        block["highlight_args"] = {"linenostart": first_line}
    if not caption:
        return block
    container = nodes.container("", literal_block=True, classes=["literal-block-wrapper"])
    container += nodes.caption(caption, "", nodes.Text(caption))
    container += block
    return container


def table(headers: Sequence[str], rows: Iterable[Sequence], classes: Sequence[str] = (),
          widths: Optional[Sequence[int]] = None, document=None) -> nodes.table:
    """A table; a cell is a string, a node or a list of nodes. A row may be ``(row_ids, cells)``:
    its ids are registered with ``document`` (given) exactly as written."""
    table_node = nodes.table(classes=list(classes))
    group = nodes.tgroup(cols=len(headers))
    table_node += group
    for width in widths or [1] * len(headers):
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    group += head
    head += _row(headers)
    body = nodes.tbody()
    group += body
    for row in rows:
        if isinstance(row, tuple) and len(row) == 2 and isinstance(row[0], list) and isinstance(row[1], (list, tuple)):
            row_node = _row(row[1])
            for anchor in row[0]:
                if document is None:
                    row_node["ids"].append(anchor)
                else:
                    register_id(document, row_node, anchor)
            body += row_node
        else:
            body += _row(row)
    return table_node


def _row(cells) -> nodes.row:
    row = nodes.row()
    for value in cells:
        entry = nodes.entry()
        if isinstance(value, str):
            entry += nodes.paragraph(value, value)
        elif isinstance(value, nodes.Node):
            entry += value if not isinstance(value, (nodes.Inline, nodes.Text)) else nodes.paragraph("", "", value)
        else:
            paragraph = nodes.paragraph()
            for item in value:
                paragraph += item
            entry += paragraph
        row += entry
    return row


OPTION = re.compile(r"(?<![\w-])(--?[A-Za-z][\w-]*)")


def text_with_options(text: str) -> List[nodes.Node]:
    """``text`` with the command-line options in it (``--strict``, ``-k``) as literals."""
    parts: List[nodes.Node] = []
    for index, piece in enumerate(OPTION.split(text)):
        if not piece:
            continue
        parts.append(literal(piece, ["cli-option-mention"]) if index % 2 else nodes.Text(piece))
    return parts


def literal(text: str, classes: Sequence[str] = ()) -> nodes.literal:
    return nodes.literal(text, text, classes=list(classes))


def paragraph(*parts) -> nodes.paragraph:
    node = nodes.paragraph()
    for part in parts:
        node += nodes.Text(part) if isinstance(part, str) else part
    return node


def register_id(document, node: nodes.Element, anchor: str, location=None) -> bool:
    """Give ``node`` the HTML id ``anchor`` exactly (no normalisation); warn on a duplicate."""
    if anchor in document.ids:
        logger.warning("duplicate anchor %r", anchor, location=location, type="conformance", subtype="anchor")
        return False
    node["ids"].append(anchor)
    document.ids[anchor] = node
    return True
