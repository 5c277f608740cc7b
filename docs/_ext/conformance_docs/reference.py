"""Reference material read from the harness at build time.

``results-schema``
    the results file's fields, from the schema the harness validates with, and the schema itself;
``described-values``
    a definition list that must describe exactly the values the code has (outcomes, levels,
    transports): a value added or removed in the code is a build warning until the docs follow;
``module-docstring``
    a module's docstring as reST (the plug-in protocol, the expectation file format);
``harness-modules``
    the harness' modules with the first line of their docstrings;
``spec-changelog``
    requirements added, changed and removed per spec version;
``example-requirement``
    a requirement of the spec and the mutant that proves it can fail, as they are in the repository.
"""

from __future__ import annotations

import glob
import importlib
import inspect
import json
import os
from typing import Dict, List, Tuple

from docutils import nodes

from .chapters import GeneratedDirective, all_requirements
from .domain import req_reference
from .util import code_block, literal, logger, paragraph, parse_rst, plain_roles, table

COMPARED_FIELDS = ("level", "statement", "source", "since", "until", "packages", "defects")


# The results schema.

def _type_text(spec: dict) -> str:
    if "const" in spec:
        return f"always {json.dumps(spec['const'])}"
    if "enum" in spec:
        return "one of " + ", ".join(json.dumps(v) for v in spec["enum"])
    kind = spec.get("type", "any")
    if isinstance(kind, list):
        kind = " or ".join(kind)
    if kind == "array" and isinstance(spec.get("items"), dict):
        inner = spec["items"]
        if "enum" in inner:
            return "array of " + ", ".join(json.dumps(v) for v in inner["enum"])
        if inner.get("type") and inner.get("type") != "object":
            return f"array of {inner['type']}"
        return "array of objects"
    if spec.get("format"):
        kind = f"{kind} ({spec['format']})"
    return kind


def schema_rows(spec: dict, prefix: str = "") -> List[Tuple[str, str, bool, str]]:
    """(field path, type, required, description) for every field, depth first."""
    rows: List[Tuple[str, str, bool, str]] = []
    required = set(spec.get("required", []))
    for name, sub in spec.get("properties", {}).items():
        path = f"{prefix}{name}"
        rows.append((path, _type_text(sub), name in required, sub.get("description", "")))
        if sub.get("type") == "object" or "properties" in sub:
            rows.extend(schema_rows(sub, path + "."))
            extra = sub.get("additionalProperties")
            if isinstance(extra, dict):
                rows.append((f"{path}.<key>", _type_text(extra), False, extra.get("description", "")))
                if "additionalProperties" in extra and isinstance(extra["additionalProperties"], dict):
                    rows.append((f"{path}.<key>.<key>", _type_text(extra["additionalProperties"]), False, ""))
        items = sub.get("items")
        if isinstance(items, dict) and ("properties" in items):
            rows.extend(schema_rows(items, path + "[]."))
    return rows


class ResultsSchema(GeneratedDirective):
    def run(self) -> List[nodes.Node]:
        self.note_generated()
        from importlib import resources

        text = resources.files("flask_conformance").joinpath("schema/results.schema.json").read_text(encoding="utf-8")
        spec = json.loads(text)
        rows = [[[literal(path)], kind, "yes" if required else "", description]
                for path, kind, required, description in schema_rows(spec)]
        return [
            paragraph("Schema identifier: ", literal(spec.get("$id", "?")), ". ", spec.get("description", "")),
            table(["Field", "Type", "Required", "Meaning"], rows, classes=["results-schema"], widths=[4, 3, 1, 5]),
            nodes.raw("", '<details class="schema-source"><summary>The schema file '
                          '(<code>flask_conformance/schema/results.schema.json</code>)</summary>', format="html"),
            code_block(text.rstrip("\n"), language="json"),
            nodes.raw("", "</details>", format="html"),
        ]


# Values the docs must describe exactly.

def _schema_outcomes() -> List[str]:
    from flask_conformance import results

    spec = results.schema()
    return list(spec["properties"]["requirements"]["items"]["properties"]["outcome"]["enum"])


def _levels() -> List[str]:
    from flask_conformance.requirements import Level

    return [level.value for level in Level]


def _transports() -> List[str]:
    from flask_conformance.transports import TRANSPORTS

    return list(TRANSPORTS)


VALUE_SOURCES = {"outcomes": _schema_outcomes, "levels": _levels, "transports": _transports}


class DescribedValues(GeneratedDirective):
    """``.. described-values:: outcomes`` with a definition list whose terms are the values."""

    required_arguments = 1
    has_content = True

    def run(self) -> List[nodes.Node]:
        self.note_generated()
        kind = self.arguments[0]
        if kind not in VALUE_SOURCES:
            logger.warning("described-values: unknown kind %r (known: %s)", kind, ", ".join(VALUE_SOURCES),
                           location=self.get_location())
            return []
        container = nodes.container(classes=["described-values", f"described-{kind}"])
        self.state.nested_parse(self.content, self.content_offset, container)
        described = [term.astext().strip() for term in container.findall(nodes.term)]
        actual = VALUE_SOURCES[kind]()
        missing = [v for v in actual if v not in described]
        unknown = [v for v in described if v not in actual]
        if missing:
            logger.warning("the docs do not describe these %s: %s", kind, ", ".join(missing),
                           location=self.get_location(), type="conformance", subtype="values")
        if unknown:
            logger.warning("the docs describe %s the code does not have: %s", kind, ", ".join(unknown),
                           location=self.get_location(), type="conformance", subtype="values")
        return [container]


class ModuleDocstring(GeneratedDirective):
    """``.. module-docstring:: flask_conformance.implementation``."""

    required_arguments = 1

    def run(self) -> List[nodes.Node]:
        self.note_generated()
        from .util import docstring_position

        module = importlib.import_module(self.arguments[0])
        source, first_line = docstring_position(module)
        self.env.note_dependency(inspect.getsourcefile(module))
        return parse_rst(self.state, plain_roles(inspect.cleandoc(module.__doc__ or "")), source, first_line)


# The harness modules.

class HarnessModules(GeneratedDirective):
    """``.. harness-modules::``: every module of the harness, read from its file (not imported, so
    an adapter for a framework that is not installed is listed all the same)."""

    def run(self) -> List[nodes.Node]:
        self.note_generated()
        import ast

        import flask_conformance

        package_dir = os.path.dirname(os.path.abspath(flask_conformance.__file__))
        rows = []
        for folder, subfolders, files in os.walk(package_dir):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith(("_", "."))
                                   and not (folder == package_dir and d in ("spec", "fixtures", "schema")))
            for filename in sorted(f for f in files if f.endswith(".py")):
                path = os.path.join(folder, filename)
                with open(path, encoding="utf-8") as handle:
                    try:
                        docstring = ast.get_docstring(ast.parse(handle.read())) or ""
                    except SyntaxError:
                        docstring = ""
                summary = docstring.strip().split("\n\n")[0].replace("\n", " ")
                parsed = parse_rst(self.state, plain_roles(summary), path, 0) if summary else []
                cell = list(parsed[0].children) if parsed and isinstance(parsed[0], nodes.paragraph) \
                    else [nodes.Text(summary)]
                relative = os.path.relpath(path, package_dir).replace(os.sep, "/")
                rows.append((relative, [[literal("conformance/" + relative)], cell]))
        rows.sort(key=lambda row: (row[0].count("/"), row[0]))
        return [table(["File", "What it does"], [cells for _, cells in rows], classes=["harness-modules"],
                      widths=[2, 5])]


# The changelog.

def _version_key(version: str):
    from packaging.version import Version

    return Version(version)


def _snapshot(path: str) -> Dict[str, dict]:
    with open(path, encoding="utf-8") as handle:
        return {entry["id"]: entry for entry in json.load(handle)}


def _diff(old: Dict[str, dict], new: Dict[str, dict]):
    added = [rid for rid in new if rid not in old]
    removed = [rid for rid in old if rid not in new]
    changed = []
    for rid in new:
        if rid in old:
            fields = [f for f in COMPARED_FIELDS if (old[rid].get(f) or None) != (new[rid].get(f) or None)]
            if fields:
                changed.append((rid, fields))
    return added, changed, removed


class SpecChangelog(GeneratedDirective):
    """``.. spec-changelog::``: per spec version, what changed against the version before.

    Released versions are frozen as ``docs/spec-versions/<version>.json`` (the output of
    ``flask-conformance list --format json``); the current version is compared live.
    """

    def run(self) -> List[nodes.Node]:
        self.note_generated()
        from flask_conformance import SPEC_VERSION

        directory = self.config.conformance_spec_versions_dir
        if not os.path.isabs(directory):
            directory = os.path.join(str(self.env.srcdir), directory)
        snapshots = {os.path.basename(p)[:-5]: p for p in glob.glob(os.path.join(directory, "*.json"))}
        current = {r.id: r.as_dict() for r in all_requirements()}
        from flask_conformance.catalog import retired

        retired_ids = retired()
        versions = sorted(set(snapshots) | {SPEC_VERSION}, key=_version_key, reverse=True)
        output: List[nodes.Node] = []
        for index, version in enumerate(versions):
            if version == SPEC_VERSION:
                state = current
                if version in snapshots and _diff(_snapshot(snapshots[version]), current) != ([], [], []):
                    logger.warning("the spec differs from the frozen snapshot of spec version %s: bump "
                                   "flask_conformance.SPEC_VERSION", version, location=self.get_location(),
                                   type="conformance", subtype="changelog")
            else:
                state = _snapshot(snapshots[version])
            older = versions[index + 1] if index + 1 < len(versions) else None
            previous = _snapshot(snapshots[older]) if older in snapshots else {}
            added, changed, removed = _diff(previous, state)
            title = f"Spec {version}" + (" (this version)" if version == SPEC_VERSION else "")
            section = nodes.section(ids=[nodes.make_id(f"spec-{version}")])
            section += nodes.title(title, title)
            if older is None:
                section += paragraph("The first version of the spec: every requirement is new.")
            section += paragraph(f"{len(added)} added, {len(changed)} changed, {len(removed)} removed.")
            rows = []
            for rid in added:
                rows.append([[self._ref(rid, version == SPEC_VERSION)], "added", state[rid]["level"],
                             f"since Flask {state[rid]['since']}"])
            for rid, fields in changed:
                rows.append([[self._ref(rid, version == SPEC_VERSION)], "changed", state[rid]["level"],
                             "; ".join(self._change(previous[rid], state[rid], f) for f in fields)])
            for rid in removed:
                fate = retired_ids.get(rid, "no longer in the spec") if version == SPEC_VERSION else "no longer in the spec"
                rows.append([[literal(rid)], "removed", previous[rid]["level"], fate])
            if rows:
                section += table(["Requirement", "Change", "Level", "Detail"], rows,
                                 classes=["spec-changelog"], widths=[5, 1, 1, 4])
            output.append(section)
        return output

    @staticmethod
    def _ref(rid: str, live: bool):
        return req_reference(rid) if live else literal(rid)

    @staticmethod
    def _change(old: dict, new: dict, field: str) -> str:
        if field == "statement":
            return "statement reworded"
        if field == "defects":
            return "known upstream defects: " + (", ".join(f"{d['package']} {d['versions']}" for d in new.get(field) or []) or "none")
        return f"{field} {old.get(field)} → {new.get(field)}"


# A requirement and its mutant.

class ExampleRequirement(GeneratedDirective):
    """``.. example-requirement::``: the first requirement of the spec (in reading order) that a mutant kills, with
    its check and the mutant's fault, straight from the repository files."""

    def run(self) -> List[nodes.Node]:
        self.note_generated()
        try:
            from tests.mutants import load_all
        except Exception as exc:
            logger.warning("the mutants (tests/mutants) cannot be imported: %s", exc, location=self.get_location(),
                           type="conformance", subtype="example")
            return [paragraph("The mutants could not be imported when these docs were built.")]
        killers = {}
        for mutant in load_all():
            for rid in mutant.kills:
                killers.setdefault(rid, mutant)
        for req in all_requirements():  # in reading order
            if req.id in killers:
                return self._render(req, killers[req.id])
        return [paragraph("No mutant names a requirement of the spec yet.")]

    def _render(self, req, mutant) -> List[nodes.Node]:
        module_name, _, function_name = req.test.rpartition(".")
        check = inspect.unwrap(getattr(importlib.import_module(module_name), function_name))
        fault = mutant.fault
        output: List[nodes.Node] = [paragraph(
            "The requirement ", req_reference(req.id), f" ({req.level.value}) is declared by this check:")]
        output.append(self._source_block(check))
        output.append(paragraph(
            "and proven able to fail by the mutant ", literal(mutant.name), " (stage ", literal(mutant.stage),
            "), which names it in ", literal("kills"), ":"))
        output.append(self._source_block(fault))
        return output

    def _source_block(self, func) -> nodes.Node:
        lines, start = inspect.getsourcelines(func)
        path = inspect.getsourcefile(func)
        self.env.note_dependency(path)
        return code_block("".join(lines).rstrip("\n"), f"{_display(path)}, lines {start}-{start + len(lines) - 1}",
                          first_line=start)


def _display(path: str) -> str:
    """A repository path for a file of the spec, the fixtures or the tests."""
    parts = os.path.abspath(path).split(os.sep)
    for anchor in ("spec", "fixtures", "tests", "conformance"):
        if anchor in parts:
            index = len(parts) - 1 - parts[::-1].index(anchor)
            return "/".join(parts[index:])
    return os.path.basename(path)


def setup(app) -> None:
    app.add_config_value("conformance_spec_versions_dir", "spec-versions", "env")
    app.add_directive("results-schema", ResultsSchema)
    app.add_directive("described-values", DescribedValues)
    app.add_directive("module-docstring", ModuleDocstring)
    app.add_directive("harness-modules", HarnessModules)
    app.add_directive("spec-changelog", SpecChangelog)
    app.add_directive("example-requirement", ExampleRequirement)
