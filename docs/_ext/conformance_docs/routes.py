"""Which routes of the Flask fixture a request reaches, and the fixture code behind them.

The chapter's app is built the way a run builds it (``flask_conformance.implementations.flask``),
with every application object the fixture creates instrumented twice:

* ``url_map.add`` records where in the fixture each rule was registered (the call stack);
* ``dispatch_request`` is replaced so that a request goes through the whole WSGI app (middleware
  and mounted sub-apps included) and stops where the view would run, recording the rule it
  matched or the routing exception (redirect, 405, 404) instead of running the view.

So the docs show the code that runs, taken from the fixture files at build time.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import linecache
import os
import traceback
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple
from urllib.parse import urlsplit

from .sends import Send

MAX_REDIRECTS = 3


@dataclass(frozen=True)
class Snippet:
    """Lines ``start``..``end`` (1-based, inclusive) of a fixture file."""

    path: str  # absolute
    display: str  # relative to the repository, e.g. fixtures/flask/routing.py
    start: int
    end: int
    role: str  # "registration", "view" or "helper"

    @property
    def code(self) -> str:
        lines = [linecache.getline(self.path, n) for n in range(self.start, self.end + 1)]
        return "".join(lines).rstrip("\n")

    def contains(self, other: "Snippet") -> bool:
        return self.path == other.path and self.start <= other.start and other.end <= self.end


@dataclass
class RuleInfo:
    rule: str
    endpoint: str
    methods: Tuple[str, ...]
    snippets: List[Snippet]
    builtin: str = ""  # set when the view is not fixture code (Flask's static route)


@dataclass
class Match:
    """Where one request went: ``kind`` is matched, redirect, method-not-allowed, not-found,
    unreached or error."""

    send: Send
    kind: str
    rules: List[RuleInfo] = field(default_factory=list)
    detail: str = ""


@dataclass
class _Hit:
    app: object
    rule: object
    exception: Optional[Exception]
    path: str


class FixtureApp:
    """The Flask fixture of one chapter, instrumented; ``available`` is False without a fixture."""

    def __init__(self, chapter: str):
        from flask_conformance.implementations import flask as flask_impl

        self.chapter = chapter
        self.apps: List[object] = []
        self._registrations: Dict[int, List[traceback.FrameSummary]] = {}
        self._hits: List[_Hit] = []
        self._parsed: Dict[str, Optional[ast.Module]] = {}
        family = flask_impl.load()
        self.fixture_dir = os.path.dirname(os.path.abspath(
            inspect.getfile(importlib.import_module(flask_impl.FIXTURES))))
        self.module = family.fixture_module(chapter)
        self.available = self.module is not None
        self.wsgi = None
        if self.available:
            instrumented = flask_impl.FlaskFamily(family.name, family.version, family.flask_api,
                                                  self._instrument(family.make_app))
            self.wsgi = instrumented.build_app(chapter)

    # Instrumentation.

    def _instrument(self, make_app):
        def make(import_name, *args, **kwargs):
            app = make_app(import_name, *args, **kwargs)
            self.apps.append(app)
            self._record_registrations(app)
            self._stop_before_views(app)
            return app

        return make

    def _record_registrations(self, app) -> None:
        url_map = app.url_map
        add = url_map.add

        def recording_add(rule_factory):
            before = {id(r) for r in url_map.iter_rules()}
            result = add(rule_factory)
            frames = [f for f in traceback.extract_stack()[:-1] if self._in_fixture(f.filename)]
            for rule in url_map.iter_rules():
                if id(rule) not in before:
                    self._registrations[id(rule)] = frames
            return result

        url_map.add = recording_add

    def _stop_before_views(self, app) -> None:
        from flask import request

        def dispatch_request():
            req = request._get_current_object()
            self._hits.append(_Hit(app, req.url_rule, req.routing_exception, req.path))
            return ""

        app.dispatch_request = dispatch_request

    def _is_fixture_function(self, func) -> bool:
        try:
            filename = inspect.getsourcefile(func)
        except TypeError:
            return False
        return bool(filename) and self._in_fixture(filename)

    def _in_fixture(self, filename: str) -> bool:
        return os.path.abspath(filename).startswith(self.fixture_dir + os.sep)

    # Matching.

    def match(self, send: Send) -> Match:
        """Where ``send`` goes in the fixture, following redirects a few hops."""
        method, path = send.method or "GET", send.path
        redirects: List[str] = []
        for _ in range(MAX_REDIRECTS + 1):
            try:
                hit = self._dispatch(method, path)
            except Exception as exc:  # a fixture that breaks on a request: say so, don't crash
                return Match(send, "error", detail=f"{type(exc).__name__}: {exc}")
            if hit is None:
                return Match(send, "unreached", detail="answered before any view was chosen")
            new_url = getattr(hit.exception, "new_url", None)
            if new_url is not None and _target(new_url) != path:
                path = _target(new_url)
                redirects.append(path)
                continue
            via = f"redirected to {' then '.join(redirects)}" if redirects else ""
            kind = "redirect" if redirects else ""
            if hit.exception is None and hit.rule is not None:
                return Match(send, kind or "matched", [self._rule_info(hit.app, hit.rule)], via)
            valid = getattr(hit.exception, "valid_methods", None)
            if valid:
                detail = "; ".join(filter(None, [via, "allowed: " + ", ".join(sorted(valid))]))
                return Match(send, kind or "method-not-allowed", self._rules_for_methods(hit, valid), detail)
            detail = "; ".join(filter(None, [via, "no rule matches"]))
            return Match(send, kind or "not-found", self._nearest(hit), detail)
        return Match(send, "error", detail="too many redirects")

    def _dispatch(self, method: str, path: str) -> Optional[_Hit]:
        from werkzeug.test import EnvironBuilder

        environ = EnvironBuilder(path=path, method=method, base_url="http://localhost/").get_environ()
        self._hits.clear()

        def start_response(status, headers, exc_info=None):
            return lambda data: None

        result = self.wsgi(environ, start_response)
        try:
            for _ in result:
                pass
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        return self._hits[0] if self._hits else None

    def _rules_for_methods(self, hit: _Hit, methods) -> List[RuleInfo]:
        adapter = hit.app.url_map.bind("localhost")
        found: List[RuleInfo] = []
        for method in sorted(methods):
            try:
                rule, _ = adapter.match(hit.path, method=method, return_rule=True)
            except Exception:
                continue
            if all(info.rule != rule.rule or info.endpoint != rule.endpoint for info in found):
                found.append(self._rule_info(hit.app, rule))
        return found

    def _nearest(self, hit: _Hit) -> List[RuleInfo]:
        """Rules whose fixed prefix (up to the first variable part) is the longest prefix of the path."""
        best, rules = 1, []
        for rule in hit.app.url_map.iter_rules():
            prefix = rule.rule.split("<", 1)[0]
            if len(prefix) <= 1 or not (hit.path + "/").startswith(prefix):
                continue
            if len(prefix) > best:
                best, rules = len(prefix), [rule]
            elif len(prefix) == best:
                rules.append(rule)
        return [self._rule_info(hit.app, rule) for rule in rules]

    # The code.

    def _rule_info(self, app, rule) -> RuleInfo:
        methods = tuple(sorted(rule.methods or ()))
        view = app.view_functions.get(rule.endpoint)
        snippets: List[Snippet] = []
        frames = self._registrations.get(id(rule), [])
        if frames:
            snippets.extend(self._statement(frames[0].filename, frames[0].lineno, "registration"))
        builtin = ""
        if view is not None:
            view_snippets = self._function_snippets(view, "view")
            if view_snippets:
                snippets.extend(view_snippets)
                for helper in _called_functions(view, self._is_fixture_function):
                    snippets.extend(self._function_snippets(helper, "helper"))
            elif not frames:
                builtin = f"{getattr(view, '__module__', '?')}.{getattr(view, '__qualname__', '?')}"
        return RuleInfo(rule.rule, rule.endpoint, methods, _merge(snippets), builtin)

    def _function_snippets(self, func, role: str) -> List[Snippet]:
        target = getattr(func, "view_class", None) or inspect.unwrap(func)
        try:
            filename = inspect.getsourcefile(target)
            lines, start = inspect.getsourcelines(target)
        except (OSError, TypeError):
            return []
        if not filename or not self._in_fixture(filename):
            return []
        if not lines[0].lstrip().startswith(("def ", "async def ", "class ", "@")):
            return self._statement(filename, start, role)  # a lambda: its whole statement
        end = start + len(lines) - 1
        if role == "view":
            start, end = self._enclosing_helper(filename, start, end)
        return [self._snippet(filename, start, end, role)]

    def _enclosing_helper(self, filename: str, start: int, end: int) -> Tuple[int, int]:
        """A view made inside a helper (``def rule(path): def view(): ...``) is shown with the
        helper; a view defined directly in a module-level function (``create_app``) alone."""
        tree = self._tree(filename)
        if tree is None:
            return start, end
        top_level = {id(node) for node in tree.body}
        best = None
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or id(node) in top_level:
                continue
            first = min([node.lineno] + [d.lineno for d in node.decorator_list])
            if first <= start and end <= node.end_lineno and (first, node.end_lineno) != (start, end):
                if best is None or node.end_lineno - first < best[1] - best[0]:
                    best = (first, node.end_lineno)
        return best or (start, end)

    def _tree(self, filename: str) -> Optional[ast.Module]:
        if filename not in self._parsed:
            try:
                with open(filename, encoding="utf-8") as handle:
                    self._parsed[filename] = ast.parse(handle.read())
            except (OSError, SyntaxError):
                self._parsed[filename] = None
        return self._parsed[filename]

    def _statement(self, filename: str, lineno: int, role: str) -> List[Snippet]:
        """The innermost statement of ``filename`` containing line ``lineno``."""
        tree = self._tree(filename)
        if tree is None:
            return []
        best = None
        for node in ast.walk(tree):
            if not isinstance(node, ast.stmt) or getattr(node, "end_lineno", None) is None:
                continue
            start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
            if start <= lineno <= node.end_lineno and (best is None or node.end_lineno - start < best[1] - best[0]):
                best = (start, node.end_lineno)
        if best is None:
            return []
        return [self._snippet(filename, best[0], best[1], role)]

    def _snippet(self, filename: str, start: int, end: int, role: str) -> Snippet:
        package_root = os.path.dirname(self.fixture_dir)  # the fixtures/ folder
        display = os.path.relpath(filename, os.path.dirname(package_root)).replace(os.sep, "/")
        return Snippet(os.path.abspath(filename), display, start, end, role)


def _called_functions(func, keep, depth: int = 2, limit: int = 6) -> List:
    """Functions the view uses: those it closes over (``rule(path, body)`` helpers keep the real
    code in ``body``) and module functions it names, two levels deep."""
    found: List = []
    pending = [inspect.unwrap(func)]
    for _ in range(depth):
        following = []
        for item in pending:
            for value in _referenced(item):
                if inspect.isfunction(value) and value not in found and len(found) < limit and keep(value):
                    found.append(value)
                    following.append(value)
        pending = following
    return found


def _referenced(func) -> List:
    """Values of the free and global names ``func`` uses, comprehensions and lambdas included."""
    code = getattr(func, "__code__", None)
    if code is None:
        return []
    values: List = []
    cells = dict(zip(code.co_freevars, func.__closure__ or ()))
    for name, cell in cells.items():
        try:
            values.append(cell.cell_contents)
        except ValueError:  # an empty cell
            pass
    stack, names = [code], []
    while stack:
        current = stack.pop()
        names.extend(current.co_names)
        stack.extend(c for c in current.co_consts if inspect.iscode(c))
    namespace = getattr(func, "__globals__", {})
    values.extend(namespace[name] for name in dict.fromkeys(names) if name in namespace)
    return values


def _merge(snippets: List[Snippet]) -> List[Snippet]:
    """Drop snippets inside another one; keep the order of first appearance."""
    kept: List[Snippet] = []
    for snippet in snippets:
        if any(other.contains(snippet) for other in kept):
            continue
        kept = [other for other in kept if not snippet.contains(other)] + [snippet]
    return kept


def _target(url: str) -> str:
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
