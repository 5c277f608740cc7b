"""The ``spec`` domain: requirements and chapters as link targets.

``:spec:req:`routing.int.rejects.sign``` (or ``:req:`...``` for short) links to a requirement's
anchor, ``:spec:chapter:`routing``` to a chapter page. The anchors are the requirement IDs
themselves, so a link into the docs from anywhere (a CI log, an expectation file) is
``chapters/<chapter>.html#<id>``. Unknown targets are warnings, errors under ``-W``.
"""

from __future__ import annotations

from typing import Dict, Iterable, Tuple

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode


class SpecDomain(Domain):
    name = "spec"
    label = "Specification"
    object_types = {
        "requirement": ObjType("requirement", "req"),
        "chapter": ObjType("chapter", "chapter"),
    }
    roles = {
        "req": XRefRole(innernodeclass=nodes.literal),
        "chapter": XRefRole(),
    }
    initial_data: dict = {
        "requirements": {},  # id -> (docname, anchor)
        "chapters": {},  # name -> (docname, title)
    }
    data_version = 1

    @property
    def requirements(self) -> Dict[str, Tuple[str, str]]:
        return self.data.setdefault("requirements", {})

    @property
    def chapters(self) -> Dict[str, Tuple[str, str]]:
        return self.data.setdefault("chapters", {})

    def note_requirement(self, rid: str, docname: str, anchor: str) -> None:
        self.requirements[rid] = (docname, anchor)

    def note_chapter(self, name: str, docname: str, title: str) -> None:
        self.chapters[name] = (docname, title)

    def clear_doc(self, docname: str) -> None:
        for table in (self.requirements, self.chapters):
            for key, value in list(table.items()):
                if value[0] == docname:
                    del table[key]

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict) -> None:
        wanted = set(docnames)
        for table in ("requirements", "chapters"):
            for key, value in otherdata.get(table, {}).items():
                if value[0] in wanted:
                    self.data.setdefault(table, {})[key] = value

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        if typ == "req" and target in self.requirements:
            docname, anchor = self.requirements[target]
            return make_refnode(builder, fromdocname, docname, anchor, contnode, target)
        if typ == "chapter" and target in self.chapters:
            docname, title = self.chapters[target]
            if not node.get("refexplicit"):
                contnode = nodes.inline(title, title)
            return make_refnode(builder, fromdocname, docname, "", contnode, title)
        return None

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        found = []
        for typ, role in (("req", "spec:req"), ("chapter", "spec:chapter")):
            ref = self.resolve_xref(env, fromdocname, builder, typ, target, node, contnode)
            if ref is not None:
                found.append((role, ref))
        return found

    def get_objects(self):
        for rid, (docname, anchor) in sorted(self.requirements.items()):
            yield rid, rid, "requirement", docname, anchor, 1
        for name, (docname, title) in sorted(self.chapters.items()):
            yield name, title, "chapter", docname, "", 1


def req_reference(rid: str, text: str = "") -> nodes.Node:
    """A pending link to requirement ``rid`` (resolved by the domain)."""
    from sphinx import addnodes

    ref = addnodes.pending_xref("", refdomain="spec", reftype="req", reftarget=rid,
                                refexplicit=bool(text), refwarn=True)
    ref += nodes.literal(text or rid, text or rid)
    return ref


def chapter_reference(name: str) -> nodes.Node:
    from sphinx import addnodes

    ref = addnodes.pending_xref("", refdomain="spec", reftype="chapter", reftarget=name,
                                refexplicit=False, refwarn=True)
    ref += nodes.inline(name, name)
    return ref


class _ShortReqRole(XRefRole):
    """``:req:`id``` as a short name for ``:spec:req:`id```."""

    def run(self):
        self.name = "spec:req"
        return super().run()


def setup(app) -> None:
    app.add_domain(SpecDomain)
    app.add_role("req", _ShortReqRole(innernodeclass=nodes.literal))
