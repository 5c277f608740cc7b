"""The reference docs: they build with warnings as errors, and what they state matches the code.

The docs are built once per session (in-process, into a temporary directory, with a results file
of the adapter example so the outcome strips and the matrix are rendered too). Sphinx, furo and
PyYAML are test dependencies: without them these tests fail, they are not skipped.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import shlex
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest
import yaml
from sphinx.cmd.build import build_main

from flask_conformance import api, cli, registry, results

try:
    import tomllib
except ModuleNotFoundError:  # Python < 3.11
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
EXAMPLES = DOCS / "examples"
ADAPTER = EXAMPLES / "adapter"
WORKFLOW = EXAMPLES / "conformance.yml"
#: The job runs the whole spec; here a slice of it keeps the test fast (the commands are the job's).
JOB_SELECTION = ["--requirement", "routing.static.*"]


# Reading the built HTML.

class Page(HTMLParser):
    """Ids, inline code, code blocks, table rows and text of one HTML page.

    Text inside an element whose class contains ``planned`` (a feature announced for the next
    release) is kept apart: it may name options the CLI does not have yet.
    """

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.ids: set = set()
        self.codes: list = []  # (text, planned)
        self.pres: list = []  # (text, planned)
        self.tables: list = []  # (classes, rows of cell texts)
        self.text_parts: list = []
        self._stack: list = []  # (tag, classes)
        self._captures: list = []  # [tag, depth, parts, planned]
        self._cells: list = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
        if tag in self.VOID:
            return
        classes = (attributes.get("class") or "").split()
        self._stack.append((tag, classes))
        planned = any("planned" in c for _, cs in self._stack for c in cs)
        if tag in ("code", "pre") and not any(c[0] == "pre" for c in self._captures):
            self._captures.append([tag, len(self._stack), [], planned])
        elif tag == "table":
            self.tables.append((classes, []))
        elif tag == "tr" and self.tables:
            self.tables[-1][1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cells.append([len(self._stack), []])

    def handle_endtag(self, tag):
        if tag in self.VOID or not any(t == tag for t, _ in self._stack):
            return
        while self._stack:
            closed, _ = self._stack.pop()
            depth = len(self._stack)
            while self._captures and self._captures[-1][1] > depth:
                kind, _, parts, planned = self._captures.pop()
                (self.codes if kind == "code" else self.pres).append(("".join(parts), planned))
            while self._cells and self._cells[-1][0] > depth:
                _, parts = self._cells.pop()
                if self.tables and self.tables[-1][1]:
                    self.tables[-1][1][-1].append(" ".join("".join(parts).split()))
            if closed == tag:
                break

    def handle_data(self, data):
        for capture in self._captures:
            capture[2].append(data)
        for cell in self._cells:
            cell[1].append(data)
        if not any(t in ("script", "style") for t, _ in self._stack):
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.text_parts).split())

    def table_rows(self, css_class: str) -> list:
        return [rows for classes, rows in self.tables if css_class in classes]


_PAGES: dict = {}


def page(built: Path, name: str) -> Page:
    """The parsed page ``name`` of the build (parsed once per session)."""
    key = (str(built), name)
    if key not in _PAGES:
        _PAGES[key] = Page((built / name).read_text(encoding="utf-8"))
    return _PAGES[key]


def all_pages(built: Path):
    for path in sorted(built.rglob("*.html")):
        if "_static" not in path.parts and path.name not in ("genindex.html", "search.html"):
            name = path.relative_to(built).as_posix()
            yield name, page(built, name)


# What the CLI says about itself.

def parser_options():
    """Option strings per command ("" is the top level), from the CLI's own parser."""
    main = cli.build_parser()
    found = {"": {s for a in main._actions for s in a.option_strings}}
    for action in main._actions:
        if hasattr(action, "choices") and isinstance(action.choices, dict):
            for name, sub in action.choices.items():
                found[name] = {s for a in sub._actions for s in a.option_strings}
    return found


def plugin_options():
    """The pytest plugin's own options (``--conformance-...``), read from its source."""
    import ast

    import flask_conformance.plugin as plugin

    tree = ast.parse(Path(plugin.__file__).read_text(encoding="utf-8"))
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "addoption"
            and node.args and isinstance(node.args[0], ast.Constant)}


def help_text(*argv) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exc:
        cli.build_parser().parse_args(list(argv) + ["--help"])
    assert exc.value.code == 0
    return out.getvalue()


def exit_statuses_from_help() -> dict:
    """{status: meaning} from the ``exit status:`` section of ``run --help``."""
    text = help_text("run")
    section = text.split("exit status:", 1)[1]
    statuses: dict = {}
    last = None
    for line in section.splitlines():
        match = re.match(r"^\s+(\d+)\s+(\S.*)$", line)
        if match:
            last = int(match.group(1))
            statuses[last] = match.group(2).strip()
        elif last is not None and line.strip():
            statuses[last] += " " + line.strip()
    return statuses


def parses(argv) -> str:
    """'' when the CLI accepts ``argv``, else its error message."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            cli.build_parser().parse_args(argv)
        except SystemExit as exc:
            return "" if exc.code == 0 else err.getvalue().strip()
    return ""


SHELL_OPERATORS = {">", ">>", "|", "||", "&&", ";", "2>&1"}


def command_line(line: str):
    """The arguments of a ``flask-conformance`` command written on ``line``, or None."""
    line = line.strip()
    line = re.sub(r"^\$\s+", "", line)
    line = re.sub(r"^(run:\s+)", "", line)
    line = re.sub(r"^(\w+=\S*\s+)+", "", line)
    if not line.startswith("flask-conformance ") and line != "flask-conformance":
        return None
    tokens = shlex.split(line)
    for index, token in enumerate(tokens):
        if token in SHELL_OPERATORS:
            tokens = tokens[:index]
            break
    return tokens[1:]


# The session's build.

@pytest.fixture(scope="session")
def pyproject_entry_point():
    """(group, name, value) of the adapter example's entry point."""
    data = tomllib.loads((ADAPTER / "pyproject.toml").read_text(encoding="utf-8"))
    groups = data["project"]["entry-points"]
    assert list(groups) == [registry.GROUP], "the adapter registers in the suite's entry point group"
    (name, value), = groups[registry.GROUP].items()
    return registry.GROUP, name, value


@pytest.fixture(scope="session")
def adapter_run(pyproject_entry_point):
    """The adapter example loaded as its entry point says, run on the routing chapter."""
    _, _, value = pyproject_entry_point
    sys.path.insert(0, str(ADAPTER))
    try:
        impl = registry.load(value)
        document = api.run(impl, requirements=["routing.*"])
    finally:
        sys.path.remove(str(ADAPTER))
    return impl, document


@pytest.fixture(scope="session")
def built(tmp_path_factory, adapter_run) -> Path:
    base = tmp_path_factory.mktemp("docs")
    results_dir = base / "results"
    results_dir.mkdir()
    _, document = adapter_run
    document = {k: v for k, v in document.items() if not k.startswith("_")}
    results.write(document, str(results_dir / "tinyframe.json"))
    out, warnings = base / "html", base / "warnings.txt"
    status = build_main(["-W", "-n", "--keep-going", "-q", "-b", "html", "-d", str(base / "doctrees"),
                         "-w", str(warnings), "-D", f"conformance_results_dir={results_dir}", str(DOCS), str(out)])
    assert status == 0, f"the docs build failed:\n{warnings.read_text(encoding='utf-8')}"
    return out


# The tests.

def test_docs_build_without_warnings(built):
    assert (built / "index.html").exists()
    assert (built / "chapters" / "index.html").exists()


def test_every_listed_requirement_has_its_anchor(built):
    listed = subprocess.run([sys.executable, "-m", "flask_conformance.cli", "list", "--format", "json"],
                            capture_output=True, text=True, check=True, cwd=str(ROOT))
    requirements = json.loads(listed.stdout)
    assert requirements, "the spec lists no requirement"
    chapters = {}
    for requirement in requirements:
        name = requirement["chapter"]
        if name not in chapters:
            chapters[name] = page(built, f"chapters/{name}.html")
        assert requirement["id"] in chapters[name].ids, f"{requirement['id']} has no anchor on its chapter page"
    index = (built / "requirements.html").read_text(encoding="utf-8")
    for requirement in requirements:
        assert f'href="chapters/{requirement["chapter"]}.html#{requirement["id"]}"' in index, requirement["id"]


def test_chapter_pages_show_fixture_code_and_outcomes(built):
    routing = (built / "chapters" / "routing.html").read_text(encoding="utf-8")
    assert "Fixture routes" in routing
    assert "fixtures/flask/routing.py" in routing  # code extracted from the fixture file
    assert "outcome-pass" in routing  # the strip, from the results file of the adapter run


def test_options_named_in_the_docs_exist(built):
    known = parser_options()
    every = set().union(*known.values()) | plugin_options()
    problems = []
    for name, html in all_pages(built):
        for text, planned in html.codes:
            if planned:
                continue
            text = text.strip()
            option = re.match(r"^(--?[A-Za-z][\w-]*)", text)
            if option and option.group(1) not in every:
                problems.append(f"{name}: {option.group(1)} is not an option of the CLI")
            argv = command_line(text)
            if argv:  # a command mentioned in prose: its command and options must exist
                command = "" if argv[0].startswith("-") else argv[0]
                if command not in known:
                    problems.append(f"{name}: no command {command!r} ({text})")
                    continue
                for token in (argv if not command else argv[1:]):
                    if token == "--":  # the rest goes to pytest
                        break
                    flag = token.split("=", 1)[0]
                    if flag.startswith("-") and flag not in known[command]:
                        problems.append(f"{name}: {command} has no option {flag} ({text})")
        for text, planned in html.pres:
            if planned:
                continue
            for line in text.splitlines():
                argv = command_line(line)
                if argv is not None:
                    error = parses(argv)
                    if error:
                        problems.append(f"{name}: {line.strip()!r}: {error}")
    assert not problems, "\n".join(problems)


def test_cli_reference_lists_every_option(built):
    ids = page(built, "cli.html").ids
    main = cli.build_parser()
    parsers = {"main": main}
    for action in main._actions:
        if hasattr(action, "choices") and isinstance(action.choices, dict):
            parsers.update(action.choices)
    for command, parser in parsers.items():
        assert f"cli-{command}" in ids, f"no section for {command}"
        for action in parser._actions:
            if hasattr(action, "choices") and isinstance(action.choices, dict):
                continue  # the sub-command list itself
            key = action.option_strings[-1].lstrip("-") if action.option_strings else action.dest
            assert f"cli-{command}-{key}" in ids, f"{command}: {action.option_strings or action.dest} is not documented"


def test_exit_statuses_match_the_help(built):
    expected = exit_statuses_from_help()
    assert sorted(expected) == [0, 1, 2]
    found_tables = 0
    for name, html in all_pages(built):
        for rows in html.table_rows("exit-statuses"):
            found_tables += 1
            documented = {int(row[0]): row[1] for row in rows[1:]}
            assert documented == expected, f"{name}: exit statuses differ from run --help"
        mentioned = {int(n) for n in re.findall(r"\bexit status(?:es)? (\d+)\b", html.text)}
        assert mentioned <= set(expected), f"{name} names exit statuses the CLI does not have: {mentioned}"
    assert found_tables >= 2, "the CLI page and the CI recipe both show the exit statuses"


def test_github_actions_job_runs(built, tmp_path, monkeypatch, capsys, pyproject_entry_point):
    """The job parses, the commands it runs exist, and they run against the adapter (a slice)."""
    job_text = WORKFLOW.read_text(encoding="utf-8")
    shown = [" ".join(text.split()) for text, _ in page(built, "plugging-in.html").pres]
    lines = [" ".join(line.split()) for line in job_text.splitlines() if line.strip()]
    assert any(all(line in block for line in lines) for block in shown), "the docs include the job as it is"
    workflow = yaml.safe_load(job_text)
    commands = []
    for job in workflow["jobs"].values():
        assert job.get("runs-on")
        for step in job["steps"]:
            assert "uses" in step or "run" in step, step
            for line in str(step.get("run", "")).splitlines():
                argv = command_line(line)
                if argv is not None:
                    assert parses(argv) == "", f"the CLI rejects {line!r}: {parses(argv)}"
                    commands.append(argv)
    assert [argv[0] for argv in commands] == ["implementations", "run", "report"]

    group, name, value = pyproject_entry_point
    installed = registry._entry_points()
    monkeypatch.setattr(registry, "_entry_points",
                        lambda: {**installed, name: EntryPoint(name=name, value=value, group=group)})
    monkeypatch.syspath_prepend(str(ADAPTER))
    monkeypatch.chdir(tmp_path)
    summary = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    shutil.copy(ADAPTER / "expected-failures.toml", tmp_path / "expected-failures.toml")
    for argv in commands:
        if argv[0] == "run":
            argv = argv + JOB_SELECTION + ["--", "-q", "-p", "no:randomly"]
        capsys.readouterr()
        assert cli.main(argv) == 0, f"flask-conformance {' '.join(argv)} failed"
        if argv[0] == "implementations":
            assert name in capsys.readouterr().out.split()
    document = results.read("results/tinyframe.json")
    results.validate(document)
    assert document["implementation"]["name"] == name
    assert document["transports"] == ["wsgi", "http"]
    assert Path("results/tinyframe.xml").exists()
    assert "tinyframe" in Path("results/summary.md").read_text(encoding="utf-8")


def test_adapter_example_passes_the_routing_chapter(adapter_run):
    impl, document = adapter_run
    assert impl.name == "tinyframe"
    assert document["exit_status"] == 0
    assert {r["chapter"] for r in document["requirements"]} == {"routing"}
    assert any(r["outcome"] == "pass" for r in document["requirements"])


def test_results_reader_example(adapter_run, tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("failing_must", EXAMPLES / "failing_must.py")
    reader = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reader)
    _, document = adapter_run
    document = {k: v for k, v in document.items() if not k.startswith("_")}
    path = tmp_path / "results.json"
    results.write(document, str(path))
    assert reader.main(str(path)) == 0
    assert capsys.readouterr().out.startswith("tinyframe ")
    broken = next(r for r in document["requirements"] if r["level"] == "MUST")
    broken.update(outcome="fail", message="expected 404, got 200")
    results.write(document, str(path))
    assert reader.main(str(path)) == 1
    assert f"{broken['id']} [{broken['transport']}]: expected 404, got 200" in capsys.readouterr().out


def test_matrix_page_from_results(built):
    matrix = page(built, "matrix.html")
    assert "tinyframe 1.0.0" in matrix.text
    assert re.search(r"\d+\.\d% \(\d+/\d+\)", matrix.text), "the MUST score is shown"


def test_no_results_is_said_not_an_error(tmp_path):
    sys.path.insert(0, str(DOCS / "_ext"))
    try:
        from conformance_docs import resultsdata
    finally:
        sys.path.remove(str(DOCS / "_ext"))
    loaded = resultsdata.load(str(tmp_path / "absent"))
    assert loaded.matrix is None and not loaded.problems
    (tmp_path / "bad.json").write_text("{}", encoding="utf-8")
    loaded = resultsdata.load(str(tmp_path))
    assert loaded.matrix is None and loaded.problems  # reported (a build warning), not merged


def test_publishing_configurations_name_what_exists():
    """The Pages workflow and the Read the Docs configuration run tox envs, extras and files that
    exist, so publishing does not break silently when they are renamed."""
    import configparser

    import yaml

    root = Path(__file__).resolve().parent.parent
    tox = configparser.ConfigParser(interpolation=None)
    tox.read(root / "tox.ini")
    workflow = yaml.safe_load((root / ".github/workflows/docs.yml").read_text())
    commands = [step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])]
    assert any("tox -e docs" in command for command in commands)
    assert tox.has_section("testenv:docs")
    rtd = yaml.safe_load((root / ".readthedocs.yaml").read_text())
    assert (root / rtd["sphinx"]["configuration"]).exists()
    extras = rtd["python"]["install"][0]["extra_requirements"]
    pyproject = (root / "pyproject.toml").read_text()
    assert all(f"\n{extra} = [" in pyproject for extra in extras)
