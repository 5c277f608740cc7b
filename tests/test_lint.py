"""Metadata lint: every requirement is well formed, unique and proven able to fail."""

import re

import pytest
from packaging.version import Version

from flask_conformance import catalog
from flask_conformance.requirements import ID_PATTERN, SOURCE_BASES, Level
from tests.mutants import load_all

REQUIREMENTS = catalog.requirements()


def test_spec_has_requirements():
    assert len(REQUIREMENTS) > 0


def test_ids_are_unique():
    seen = {}
    for r in REQUIREMENTS:
        assert r.id not in seen, f"{r.id} is declared by {seen[r.id]} and {r.test}"
        seen[r.id] = r.test


@pytest.mark.parametrize("r", REQUIREMENTS, ids=[r.id for r in REQUIREMENTS])
def test_metadata(r):
    assert ID_PATTERN.match(r.id), f"{r.id}: IDs are lowercase, dotted, hyphenated words"
    assert r.id.split(".")[0] == r.chapter, f"{r.id}: IDs start with their chapter {r.chapter!r}"
    assert r.chapter in catalog.chapter_names()
    assert isinstance(r.level, Level)
    assert 0 < len(r.statement) <= 400, f"{r.id}: the statement is one or two sentences"
    assert r.level.value in r.statement, f"{r.id}: the statement uses its level's keyword ({r.level.value})"
    assert r.source.split(":")[0] in SOURCE_BASES
    assert r.source_url.startswith("https://")
    assert Version(r.since) >= Version("0.1")
    if r.until is not None:
        assert Version(r.until) >= Version(r.since), f"{r.id}: until before since"


def test_chapters_have_prose_and_contract():
    for name in catalog.chapter_names():
        doc = catalog.chapter_module(name).__doc__ or ""
        assert len(doc) > 200, f"chapter {name} needs its prose as the module docstring"
        assert "Fixture contract" in doc, f"chapter {name} must document its fixture contract"


def test_every_requirement_is_killed_by_a_mutant():
    killed = {rid for m in load_all() for rid in m.kills}
    missing = sorted(r.id for r in REQUIREMENTS if r.id not in killed)
    assert not missing, f"requirements no mutant makes fail: {missing}"


def test_mutants_name_real_requirements():
    known = {r.id for r in REQUIREMENTS}
    unknown = sorted({rid for m in load_all() for rid in m.kills} - known)
    assert not unknown, f"mutants name IDs the spec does not have: {unknown}"


def test_spec_modules_do_not_import_frameworks():
    frameworks = re.compile(r"^\s*(from|import)\s+(flask|werkzeug|markupsafe|jinja2|itsdangerous|quart)\b", re.M)
    for name in catalog.chapter_names():
        module = catalog.chapter_module(name)
        with open(module.__file__, encoding="utf-8") as handle:
            source = handle.read()
        assert not frameworks.search(source), f"spec/{name}.py imports a framework: observe through the client"


def test_no_spec_function_is_defined_twice():
    """A second function with the same name silently replaces the first and its requirements."""
    import ast

    for name in catalog.chapter_names():
        module = catalog.chapter_module(name)
        with open(module.__file__, encoding="utf-8") as handle:
            tree = ast.parse(handle.read())
        names = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
        twice = sorted({n for n in names if names.count(n) > 1})
        assert not twice, f"spec/{name}.py defines {twice} more than once"


def test_flask_fixture_writes_out_the_contract_routing_rules():
    """The Flask fixture spells its rules out (the docs show its code); Quart reads the table."""
    from flask_conformance.fixtures.contract import ROUTING_RULES
    from flask_conformance.implementations.flask import load

    app = load().build_app("routing")
    registered = [(rule.rule, rule.endpoint) for rule in app.url_map.iter_rules()]
    contract = [(path, path) for path, _ in ROUTING_RULES]
    assert [pair for pair in registered if pair in contract] == contract
