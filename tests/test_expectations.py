"""Expectation files turn known failures into expected-fail and gate only on regressions."""

from pathlib import Path

import pytest

from flask_conformance import api, cli, expectations
from flask_conformance.errors import UsageError
from tests.mutants import load_all


def _must_mutant():
    from flask_conformance import catalog

    levels = {r.id: r.level.value for r in catalog.requirements()}
    for mutant in load_all():
        ids = [i for i in mutant.kills if levels[i] == "MUST"]
        if ids and mutant.transport == "wsgi":
            return mutant, ids
    pytest.fail("no mutant kills a MUST requirement")


def test_update_then_gate(tmp_path):
    mutant, ids = _must_mutant()
    path = tmp_path / "expected.toml"
    first = api.run(mutant, requirements=ids, update_expectations=str(path))
    assert first["exit_status"] == 0, "a run that writes the file is gated on it"
    assert {r["outcome"] for r in first["requirements"]} == {"expected-fail"}
    written = expectations.load(str(path), ids)
    assert set(written) == set(ids)
    assert all(e.reason for e in written.values())

    gated = api.run(mutant, requirements=ids, expectations=str(path))
    assert gated["exit_status"] == 0
    records = gated["requirements"]
    assert {r["outcome"] for r in records} == {"expected-fail"}
    assert {r["actual"] for r in records} == {"fail"}
    assert all(r["expected"]["reason"] for r in records)


def test_an_update_keeps_the_comment_the_file_opened_with(tmp_path):
    mutant, ids = _must_mutant()
    path = tmp_path / "expected.toml"
    path.write_text("# Our framework's known gaps.\n# Keep one entry per cause.\n\n"
                    + "".join(f'[[expected]]\nid = "{i}"\nreason = "a known cause"\n\n' for i in ids))
    api.run(mutant, requirements=ids, expectations=str(path), update_expectations=str(path))
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Our framework's known gaps.\n# Keep one entry per cause.\n\n[[expected]]"), text
    assert 'reason = "a known cause"' in text


def test_unexpected_pass_is_reported_and_fails_under_strict(tmp_path):
    mutant, ids = _must_mutant()
    path = tmp_path / "expected.toml"
    path.write_text("".join(f'[[expected]]\nid = "{i}"\nreason = "once broken"\nissue = "https://example.invalid/1"\n\n' for i in ids))
    from flask_conformance import registry

    reference = registry.load("flask")
    relaxed = api.run(reference, requirements=ids, expectations=str(path))
    assert {r["outcome"] for r in relaxed["requirements"]} == {"unexpected-pass"}
    assert relaxed["exit_status"] == 0
    strict = api.run(reference, requirements=ids, expectations=str(path), strict=True)
    assert strict["exit_status"] == 1


def test_transport_scoped_expectation(tmp_path):
    mutant, ids = _must_mutant()
    path = tmp_path / "expected.toml"
    path.write_text(f'[[expected]]\nid = "{ids[0]}"\nreason = "only over http"\ntransports = ["http"]\n')
    document = api.run(mutant, requirements=[ids[0]], expectations=str(path))
    assert {r["outcome"] for r in document["requirements"]} == {"fail"}  # ran over wsgi only
    assert document["exit_status"] == 1


@pytest.mark.parametrize("content, message", [
    ('[[expected]]\nid = "no.such.requirement"\nreason = "x"\n', "stale entry 1: 'no.such.requirement': no requirement"),
    ('[[expected]]\nid = "routing.static.match"\n', "needs an id (a pattern or a list of them) and a non-empty reason"),
    ('[[expected\n', "not valid TOML"),
])
def test_bad_files_are_usage_errors(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content)
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        expectations.load(str(path), ["routing.static.match"])


def test_stale_entry_exits_two(tmp_path, capsys):
    path = tmp_path / "stale.toml"
    path.write_text('[[expected]]\nid = "no.such.requirement"\nreason = "x"\n')
    assert cli.main(["run", "--expectations", str(path)]) == 2
    assert "stale entry" in capsys.readouterr().err


def test_entry_naming_a_retired_requirement_says_what_replaced_it(tmp_path):
    path = tmp_path / "expected.toml"
    path.write_text('[[expected]]\nid = "old.gone"\nreason = "was failing"\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"stale entry 1: 'old.gone': spec .* retired it \(split into a.b and a.c\)"):
        expectations.load(str(path), ["a.b", "a.c"], {"old.gone": "split into a.b and a.c"})


def _file(tmp_path, *entries):
    path = tmp_path / "expected.toml"
    path.write_text("".join(f'[[expected]]\nid = "{e}"\nreason = "because {e}"\n\n' for e in entries),
                    encoding="utf-8")
    return str(path)


KNOWN = ["a.fam.one", "a.fam.two", "a.other", "b.thing"]


def test_a_family_or_glob_entry_covers_its_members(tmp_path):
    found = expectations.load(_file(tmp_path, "a.fam", "b.*"), KNOWN)
    assert sorted(found) == ["a.fam.one", "a.fam.two", "b.thing"]
    assert found["a.fam.one"].as_dict() == {"reason": "because a.fam", "entry": "a.fam"}


def test_an_exact_entry_wins_over_a_pattern(tmp_path):
    found = expectations.load(_file(tmp_path, "a.*", "a.other"), KNOWN)
    assert found["a.other"].reason == "because a.other"
    assert found["a.fam.one"].reason == "because a.*"


def test_a_pattern_matching_nothing_is_stale(tmp_path):
    with pytest.raises(UsageError, match=r"stale entry 1: 'c\.\*': no requirement of the spec matches it"):
        expectations.load(_file(tmp_path, "c.*"), KNOWN)
    with pytest.raises(UsageError, match="stale entry 1: 'a.fa'"):
        expectations.load(_file(tmp_path, "a.fa"), KNOWN)


def _record(rid, level="MUST", outcome="fail", transport="wsgi"):
    from flask_conformance.results import Record

    return Record(id=rid, chapter="a", level=level, transport=transport, since="1.0", until=None,
                  outcome=outcome, message=f"{rid} came back wrong")


def test_render_writes_a_family_once_and_leaves_out_mays():
    records = [_record("a.fam.one"), _record("a.fam.two"), _record("a.other", level="MAY"),
               _record("b.thing", outcome="pass")]
    text = expectations.render(records, {}, "demo", {"a.fam.one": "a.fam", "a.fam.two": "a.fam"})
    assert text.count("[[expected]]") == 1
    assert 'id = "a.fam"' in text and 'reason = "a.fam.one came back wrong"' in text


def test_render_keeps_members_apart_when_only_some_fail():
    records = [_record("a.fam.one"), _record("a.fam.two", outcome="pass")]
    text = expectations.render(records, {}, "demo", {"a.fam.one": "a.fam", "a.fam.two": "a.fam"})
    assert 'id = "a.fam.one"' in text and 'id = "a.fam"\n' not in text


def test_expected_failures_are_xfail_to_pytest_and_junit(tmp_path):
    import xml.etree.ElementTree as ET

    mutant, ids = _must_mutant()
    path, junit = tmp_path / "expected.toml", tmp_path / "junit.xml"
    api.run(mutant, requirements=ids, update_expectations=str(path))
    gated = api.run(mutant, requirements=ids, expectations=str(path), junitxml=str(junit))
    assert gated["exit_status"] == 0
    suite = ET.parse(junit).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    assert suite.get("failures") == "0" and suite.get("errors") == "0"
    assert int(suite.get("skipped")) == len(gated["requirements"])
    assert all("expected to fail" in (case.find("skipped").get("message") or "") for case in suite.iter("testcase"))


def test_render_keeps_members_apart_when_their_reasons_differ():
    records = [_record("a.fam.one"), _record("a.fam.two")]
    previous = {"a.fam.one": expectations.Expectation("a.fam.one", "cause one"),
                "a.fam.two": expectations.Expectation("a.fam.two", "cause two")}
    text = expectations.render(records, previous, "demo", {"a.fam.one": "a.fam", "a.fam.two": "a.fam"})
    assert text.count("[[expected]]") == 2 and "cause one" in text and "cause two" in text


# One cause, one entry: an entry lists several patterns under one reason.

def _write(tmp_path, text):
    path = tmp_path / "expected.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_an_entry_may_list_several_patterns(tmp_path):
    path = _write(tmp_path, '[[expected]]\nid = ["a.fam", "b.*"]\nreason = "one cause"\n')
    found = expectations.load(path, KNOWN)
    assert sorted(found) == ["a.fam.one", "a.fam.two", "b.thing"]
    assert {e.reason for e in found.values()} == {"one cause"}
    assert found["b.thing"].as_dict() == {"reason": "one cause", "entry": "b.*"}


@pytest.mark.parametrize("patterns, message", [
    ('["a.fam", "c.*"]', r"stale entry 1 \(pattern 2 of 2\): 'c\.\*': no requirement of the spec matches it"),
    ('["a.fam", "a.fam"]', r"'a\.fam' is listed twice \(entries 1 and 1\)"),
    ('[]', r"entry 1 needs an id \(a pattern or a list of them\)"),
    ('["a.fam", 3]', r"entry 1 needs an id"),
])
def test_each_pattern_of_a_list_is_checked_on_its_own(tmp_path, patterns, message):
    with pytest.raises(UsageError, match=message):
        expectations.load(_write(tmp_path, f'[[expected]]\nid = {patterns}\nreason = "x"\n'), KNOWN)


def test_a_pattern_listed_by_two_entries_is_an_error(tmp_path):
    text = '[[expected]]\nid = ["a.fam", "b.*"]\nreason = "x"\n\n[[expected]]\nid = "b.*"\nreason = "y"\n'
    with pytest.raises(UsageError, match=r"'b\.\*' is listed twice \(entries 1 and 2\)"):
        expectations.load(_write(tmp_path, text), KNOWN)


def test_exact_and_first_wins_hold_across_lists(tmp_path):
    text = ('[[expected]]\nid = ["a.*", "b.thing"]\nreason = "first"\n\n'
            '[[expected]]\nid = ["a.fam", "a.other"]\nreason = "second"\n')
    found = expectations.load(_write(tmp_path, text), KNOWN)
    assert found["a.other"].reason == "second"  # named outright
    assert found["a.fam.one"].reason == "first"  # two patterns: the first entry's
    assert found["b.thing"].reason == "first"


# --update-expectations keeps the grouping of the file it updates.

def _previous(tmp_path, text, known=KNOWN):
    return expectations.load(_write(tmp_path, text), known)


def _entries(text):
    """The tables of a written file, each id as a list."""
    tables = expectations.tomllib.loads(text).get("expected", [])
    return [dict(t, id=[t["id"]] if isinstance(t["id"], str) else t["id"]) for t in tables]


ALL = ["a.fam.one", "a.fam.two", "a.other", "b.thing"]
FAMILIES = {"a.fam.one": "a.fam", "a.fam.two": "a.fam"}


def test_render_keeps_an_earlier_entry_of_several_patterns_together(tmp_path):
    previous = _previous(tmp_path, '[[expected]]\nid = ["a.other", "b.thing"]\nreason = "one cause"\n'
                                   'issue = "https://example.invalid/7"\n')
    records = [_record(rid) for rid in ("a.other", "b.thing")] + [_record(rid, outcome="pass") for rid in ("a.fam.one", "a.fam.two")]
    written = _entries(expectations.render(records, previous, "demo", FAMILIES))
    assert written == [{"id": ["a.other", "b.thing"], "reason": "one cause", "issue": "https://example.invalid/7"}]


def test_render_keeps_a_glob_whose_members_all_fail(tmp_path):
    previous = _previous(tmp_path, '[[expected]]\nid = "a.*"\nreason = "no a"\n')
    records = [_record(rid) for rid in ("a.fam.one", "a.fam.two", "a.other")] + [_record("b.thing", outcome="pass")]
    assert _entries(expectations.render(records, previous, "demo", FAMILIES)) == [{"id": ["a.*"], "reason": "no a"}]


def test_render_narrows_a_pattern_that_would_cover_a_pass(tmp_path):
    previous = _previous(tmp_path, '[[expected]]\nid = ["a.*", "b.thing"]\nreason = "no a"\n')
    records = [_record("a.fam.one"), _record("a.fam.two"), _record("a.other", outcome="pass"), _record("b.thing")]
    written = _entries(expectations.render(records, previous, "demo", FAMILIES))
    assert written == [{"id": ["a.fam", "b.thing"], "reason": "no a"}]  # the family still fails whole


def test_render_drops_patterns_whose_members_all_pass(tmp_path):
    previous = _previous(tmp_path, '[[expected]]\nid = ["a.fam", "b.thing"]\nreason = "gone"\n\n'
                                   '[[expected]]\nid = "a.other"\nreason = "still"\n')
    records = [_record(rid, outcome="pass") for rid in ("a.fam.one", "a.fam.two", "b.thing")] + [_record("a.other")]
    assert _entries(expectations.render(records, previous, "demo", FAMILIES)) == [{"id": ["a.other"], "reason": "still"}]


def test_render_gives_new_failures_entries_of_their_own(tmp_path):
    previous = _previous(tmp_path, '[[expected]]\nid = "a.other"\nreason = "known"\n')
    records = [_record("a.other"), _record("b.thing"), _record("a.fam.one"), _record("a.fam.two")]
    written = _entries(expectations.render(records, previous, "demo", FAMILIES))
    assert written == [{"id": ["a.other"], "reason": "known"},
                       {"id": ["a.fam"], "reason": "a.fam.one came back wrong"},
                       {"id": ["b.thing"], "reason": "b.thing came back wrong"}]


def test_render_splits_an_entry_whose_members_fail_on_different_transports(tmp_path):
    previous = _previous(tmp_path, '[[expected]]\nid = ["a.other", "b.thing"]\nreason = "one cause"\n')
    records = [_record("a.other", transport=t) for t in ("wsgi", "http")]
    records += [_record("b.thing", transport="http"), _record("b.thing", outcome="pass", transport="wsgi")]
    written = _entries(expectations.render(records, previous, "demo", FAMILIES))
    assert written == [{"id": ["a.other"], "reason": "one cause"},
                       {"id": ["b.thing"], "reason": "one cause", "transports": ["http"]}]


def test_a_rendered_file_gates_the_run_that_wrote_it(tmp_path):
    previous = _previous(tmp_path, '[[expected]]\nid = ["a.*", "b.thing"]\nreason = "x"\n')
    records = [_record("a.fam.one"), _record("a.fam.two", outcome="pass"), _record("a.other"), _record("b.thing")]
    path = tmp_path / "written.toml"
    path.write_text(expectations.render(records, previous, "demo", FAMILIES), encoding="utf-8")
    found = expectations.load(str(path), ALL)
    assert sorted(found) == ["a.fam.one", "a.other", "b.thing"]
    assert len(_entries(path.read_text(encoding="utf-8"))) == 1


# The shipped expectation files stay short, live and exact.

SHIPPED = Path(__file__).resolve().parent.parent / "expectations"


@pytest.mark.parametrize("name", ["bottle", "microdot"])
def test_shipped_expectation_files_are_live_and_short(name):
    """Every pattern matches a requirement of the spec, and the file lists causes, not IDs: it
    cannot grow back into one entry per requirement unnoticed."""
    from flask_conformance import catalog

    path = SHIPPED / f"{name}.toml"
    found = expectations.load(str(path), [r.id for r in catalog.requirements()], catalog.retired())
    tables = expectations.tomllib.loads(path.read_text(encoding="utf-8"))["expected"]
    assert len(tables) < 45, f"{path.name} has {len(tables)} entries: group them by cause"
    assert len(found) > 2 * len(tables), "entries should name families and globs, not one ID each"


def test_the_bottle_gate_is_green_and_its_junit_has_no_failures(tmp_path):
    """The shipped Bottle file gates a strict run on both transports (two chapters full of
    families and globs): no unlisted failure, no listed requirement passing, and JUnit shows the
    expected failures as skipped."""
    import xml.etree.ElementTree as ET

    from flask_conformance import registry

    junit = tmp_path / "junit.xml"
    document = api.run(registry.load("bottle"), transport="both", requirements=["redirects.*", "responses.*"],
                       strict=True, expectations=str(SHIPPED / "bottle.toml"), junitxml=str(junit))
    records = document["requirements"]
    assert document["exit_status"] == 0
    assert [r["id"] for r in records if r["outcome"] == "unexpected-pass"] == []
    assert [r["id"] for r in records if r["outcome"] in ("fail", "error", "timeout") and r["level"] != "MAY"] == []
    assert sum(r["outcome"] == "expected-fail" for r in records) > 100
    suite = ET.parse(junit).getroot()
    suite = suite if suite.tag == "testsuite" else suite.find("testsuite")
    assert suite.get("failures") == "0" and suite.get("errors") == "0"
    assert int(suite.get("skipped")) > 0
