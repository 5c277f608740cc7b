"""Differential exploration: requests generated from the fixture routes, sent to an
implementation and to the reference Flask, and the answers compared (issue 14).

For each chapter both implementations provide, Hypothesis generates requests from the rules of
the Flask fixture's ``url_map`` (variable values with edge encodings, empty, long and non-ASCII
segments, a few methods including an extension method, optional query strings), sends each one
in-process through the wsgi transport to both apps and compares the two responses with the
equivalence rules the spec uses (:func:`differences`). Each kind of difference (the rule and the
aspects that differ) is then shrunk to a minimal request with :func:`hypothesis.find`. Every run
is derandomized, so the same implementation always gives the same report.

A difference is *covered* by a requirement when that requirement fails against the
implementation and its reproducer sent the same method to the same path, or to a path the
reference routes to the same rule (:func:`coverage`).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sys
import warnings
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple
from urllib.parse import quote, urlencode

from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample, Unsatisfiable

from .client import Headers, Request
from .errors import ImplementationError, LoadError, UsageError
from flask_conformance.spec._fields import list_elements, media_type
from flask_conformance.spec._uri import normalise, resolve

SCHEMA_ID = "flask-conformance/explore/1"
#: The chapters explored when none is named: their fixtures are routes and methods only.
DEFAULT_CHAPTERS = ("routing", "methods")
#: The methods sent; PROPFIND is the extension method (the methods fixture answers it on one view).
METHODS = ("GET", "HEAD", "POST", "OPTIONS", "PUT", "PROPFIND")
NOT_COVERED = "not covered by any requirement"
#: The rule name of requests to generated paths that follow no rule.
ANY_PATH = "(any path)"
#: Fields compared by their own rules (or not at all when the bodies are equal).
SPECIAL_FIELDS = {"content-type", "allow", "vary", "location", "content-length", "date", "server"}
BODY_EXCERPT = 300
TIMEOUT = 10.0

_VARIABLE = re.compile(r"<(?:([A-Za-z_]\w*)(?:\((.*?)\))?:)?([A-Za-z_]\w*)>")


# Loading both sides.

def load_reference():
    """The reference Flask implementation; UsageError (exit status 2) when Flask is missing."""
    from . import registry

    try:
        return registry.load("flask")
    except LoadError as exc:
        raise UsageError("explore needs the reference Flask installed: "
                         f"pip install 'flask-conformance[explore]' ({exc})") from None


# Generating requests.

_SEGMENT_TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/"), max_size=8)
_EDGE_SEGMENTS = st.sampled_from(["", "a" * 300, "%", "%2F", "%25", "+", " ", ".", "..", "%C3%A9", "%E2%9C%93",
                                  "A", "ABC", "%00", "%C3%89", "%c3%a9", "%FF", "%41", "%e9", "a%2Fb", "0"])


def _encode(value: str, encode_all: bool) -> str:
    """``value`` as it goes into a path: non-ASCII and unsafe characters percent-encoded; with
    ``encode_all`` the unreserved ones too (an edge encoding the router must decode)."""
    if encode_all:
        return "".join(f"%{b:02X}" for b in value.encode("utf-8"))
    return quote(value, safe="!$&'()*+,;=:@%~")


def _encoded(values: st.SearchStrategy) -> st.SearchStrategy:
    return st.tuples(values, st.booleans()).map(lambda pair: _encode(*pair))


def _digits() -> st.SearchStrategy:
    return st.one_of(st.integers(0, 10 ** 6).map(str), st.from_regex(r"\A[+-]?0*[0-9]{1,25}\Z"))


def _value_strategy(converter: Optional[str], arguments: str) -> st.SearchStrategy:
    """Raw (already encoded) path text for one rule variable."""
    generic = st.one_of(_EDGE_SEGMENTS, _encoded(_SEGMENT_TEXT))
    if converter == "int":
        specific = _digits()
    elif converter == "float":
        specific = st.one_of(st.floats(allow_nan=False, allow_infinity=False).map(repr),
                             st.from_regex(r"\A[+-]?[0-9]{0,4}\.[0-9]{0,4}(e[+-]?[0-9])?\Z"))
    elif converter == "uuid":
        specific = st.uuids().map(str).flatmap(lambda u: st.sampled_from([u, u.upper(), u.replace("-", "")]))
    elif converter == "any":
        words = [w.strip().strip("\"'") for w in re.split(r",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", arguments)]
        words = [w for w in words if w and "=" not in w]
        specific = st.sampled_from(words or ["x"]).flatmap(
            lambda w: st.sampled_from([_encode(w, False), w.upper(), _encode(w, True)]))
    elif converter == "path":
        specific = st.lists(st.one_of(_EDGE_SEGMENTS, _encoded(_SEGMENT_TEXT)), min_size=1, max_size=4).map("/".join)
    else:  # default, string
        specific = _encoded(_SEGMENT_TEXT)
    return st.one_of(specific, generic)


def _rule_strategy(rule: str) -> st.SearchStrategy:
    """Paths generated from one rule: each variable replaced by a generated value, the static
    parts sometimes upper-cased and the trailing slash sometimes toggled."""
    parts: List[st.SearchStrategy] = []
    position = 0
    for match in _VARIABLE.finditer(rule):
        static = rule[position:match.start()]
        if static:
            parts.append(_static(static))
        parts.append(_value_strategy(match.group(1), match.group(2) or ""))
        position = match.end()
    if rule[position:]:
        parts.append(_static(rule[position:]))
    path = st.tuples(*parts).map("".join) if parts else st.just("/")
    return st.tuples(path, st.sampled_from(["keep", "keep", "keep", "toggle"])).map(_slash)


def _static(text: str) -> st.SearchStrategy:
    encoded = quote(text, safe="/!$&'()*+,;=:@%~")
    return st.sampled_from([encoded, encoded, encoded, encoded.upper()])


def _slash(pair: Tuple[str, str]) -> str:
    path, slash = pair
    if slash == "toggle":
        path = path[:-1] if path.endswith("/") and len(path) > 1 else path + "/"
    return path if path.startswith("/") else "/" + path


_QUERY = st.one_of(st.none(), st.dictionaries(st.sampled_from(["a", "q", "name", "\u00e9"]),
                                               st.text(max_size=5), min_size=1, max_size=2).map(urlencode))


def request_strategy(path: st.SearchStrategy) -> st.SearchStrategy:
    def build(triple):
        target, method, query = triple
        return Request(method, target + ("?" + query if query is not None else ""))
    return st.tuples(path, st.sampled_from(METHODS), _QUERY).map(build)


def rules_of(app) -> List[str]:
    """The rules of the reference fixture app, in registration order, without static files."""
    return [rule.rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]


def strategies(app) -> Dict[str, st.SearchStrategy]:
    """A request strategy per rule of the reference ``app``, and one for any path at all."""
    found = {rule: request_strategy(_rule_strategy(rule)) for rule in rules_of(app)}
    anything = st.lists(st.one_of(_EDGE_SEGMENTS, _encoded(_SEGMENT_TEXT)), max_size=3).map(lambda s: "/" + "/".join(s))
    found[ANY_PATH] = request_strategy(anything)
    return found


# Sending and comparing.

@dataclass
class Answer:
    """A response, or the error the implementation raised instead of answering."""

    status: Optional[int]
    headers: Headers
    body: bytes
    error: Optional[str] = None

    def as_dict(self) -> dict:
        excerpt = self.body[:BODY_EXCERPT].decode("utf-8", "replace")
        return {"status": self.status, "headers": [list(h) for h in self.headers], "body": excerpt,
                "body_length": len(self.body), "error": self.error}

    def describe(self) -> str:
        if self.error is not None:
            return f"error: {self.error}"
        lines = [str(self.status)] + [f"{k}: {v}" for k, v in self.headers]
        excerpt = self.body[:120].decode("utf-8", "replace")
        if len(self.body) > 120:
            excerpt += f"... ({len(self.body)} bytes)"
        return "\n".join(lines) + ("\n\n" + excerpt if excerpt else "")


class Side:
    """One chapter app behind the wsgi transport; a fresh session (cookie jar) per request."""

    def __init__(self, app):
        from .transports.wsgi import WSGITransport

        self.transport = WSGITransport(app, timeout=TIMEOUT)

    def send(self, request: Request) -> Answer:
        try:
            response = self.transport.session().send(request)
        except ImplementationError as exc:
            return Answer(None, Headers(), b"", str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return Answer(response.status, response.headers, response.body)


def _is_json(headers: Headers) -> bool:
    parsed = media_type(headers.get("Content-Type", ""))
    return parsed is not None and (parsed[0] == "application/json" or parsed[0].endswith("+json"))


def _json(body: bytes):
    try:
        return json.loads(body)
    except ValueError:
        return body


def differences(request: Request, reference: Answer, implementation: Answer) -> List[str]:
    """The aspects in which two answers to ``request`` differ, compared the way the spec compares
    them: status exactly, media types as media types, Allow and Vary as token sets, Location
    resolved against the request URL (RFC 3986), JSON bodies as JSON and other bodies as bytes;
    Date, Server and Content-Length are ignored."""
    if reference.error is not None or implementation.error is not None:
        return [] if (reference.error is None) == (implementation.error is None) else ["error"]
    found = []
    if reference.status != implementation.status:
        found.append("status")
    ref, imp = reference.headers, implementation.headers
    ref_type, imp_type = ref.get("Content-Type"), imp.get("Content-Type")
    if (ref_type is None) != (imp_type is None) or (
            ref_type is not None and (media_type(ref_type) or ref_type) != (media_type(imp_type) or imp_type)):
        found.append("content-type")
    if set(list_elements(ref, "Allow")) != set(list_elements(imp, "Allow")):
        found.append("allow")
    if {v.lower() for v in list_elements(ref, "Vary")} != {v.lower() for v in list_elements(imp, "Vary")}:
        found.append("vary")
    base = f"http://localhost{request.target}"
    ref_location, imp_location = ref.get("Location"), imp.get("Location")
    if (ref_location is None) != (imp_location is None) or (
            ref_location is not None and normalise(resolve(ref_location, base)) != normalise(resolve(imp_location, base))):
        found.append("location")
    if ref.comparable(SPECIAL_FIELDS) != imp.comparable(SPECIAL_FIELDS):
        found.append("headers")
    if _is_json(ref) and _is_json(imp):
        if _json(reference.body) != _json(implementation.body):
            found.append("body")
    elif reference.body != implementation.body:
        found.append("body")
    return found


# Exploring.

@dataclass
class Difference:
    chapter: str
    rule: str
    aspects: List[str]
    request: Request
    reference: Answer
    implementation: Answer
    covered_by: List[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"chapter": self.chapter, "rule": self.rule, "aspects": self.aspects,
                "request": self.request.as_dict(), "reference": self.reference.as_dict(),
                "implementation": self.implementation.as_dict(), "covered_by": self.covered_by}


def _settings(examples: int) -> settings:
    return settings(max_examples=examples, derandomize=True, database=None, deadline=None,
                    suppress_health_check=list(HealthCheck), report_multiple_bugs=False)


def explore_chapter(chapter: str, reference_app, implementation_app, examples: int) -> List[Difference]:
    """The differences found in ``chapter``, each kind (rule and differing aspects) shrunk to a
    minimal request."""
    ref_side, imp_side = Side(reference_app), Side(implementation_app)
    by_rule = strategies(reference_app)
    tagged = st.one_of(*[st.tuples(st.just(rule), strategy) for rule, strategy in by_rule.items()])

    def compare(request: Request):
        ref, imp = ref_side.send(request), imp_side.send(request)
        return ref, imp, differences(request, ref, imp)

    seen: Dict[Tuple[str, Tuple[str, ...]], Request] = {}

    @_settings(examples)
    @given(tagged)
    def collect(pair):
        rule, request = pair
        found = compare(request)[2]
        if found:
            seen.setdefault((rule, tuple(found)), request)

    collect()
    results = []
    for (rule, aspects), first in seen.items():
        try:
            minimal = find(by_rule[rule], lambda r, a=aspects: tuple(compare(r)[2]) == a,
                           settings=settings(_settings(max(examples, 50)), phases=[Phase.generate, Phase.shrink]))
        except (NoSuchExample, Unsatisfiable):
            minimal = first
        ref, imp, found = compare(minimal)
        if not found:  # the app is not deterministic: keep the request that showed it
            minimal = first
            ref, imp, found = compare(first)
        results.append(Difference(chapter, rule, list(found or aspects), minimal, ref, imp))
    results.sort(key=lambda d: (d.rule, d.aspects))
    return _dedupe(results)


def _dedupe(found: List[Difference]) -> List[Difference]:
    """One record per minimal request and aspects (two rules can shrink to the same request)."""
    kept, keys = [], set()
    for difference in found:
        key = (difference.request.method, difference.request.target, tuple(difference.aspects))
        if key not in keys:
            keys.add(key)
            kept.append(difference)
    return kept


def rule_pattern(rule: str) -> "re.Pattern":
    """A path regex for ``rule`` (percent-decoded paths): static parts in any case, each variable
    any segment (a ``path`` variable anything), the trailing slash optional; it groups requests
    about the same rule, whatever their case or spelling."""
    out, position = "", 0
    for match in _VARIABLE.finditer(rule):
        out += re.escape(rule[position:match.start()])
        out += ".*" if match.group(1) == "path" else "[^/]*"
        position = match.end()
    out += re.escape(rule[position:].rstrip("/"))
    return re.compile(out + "/?", re.IGNORECASE)


def _same_place(difference: "Difference", path: str) -> bool:
    from urllib.parse import unquote

    if path == difference.request.path:
        return True
    if difference.rule == ANY_PATH:
        return False
    pattern = rule_pattern(difference.rule)
    return bool(pattern.fullmatch(unquote(path)) and pattern.fullmatch(unquote(difference.request.path)))


@contextlib.contextmanager
def _silenced():
    """Standard output and error (the file descriptors, which the spec run's worker shares) sent to
    the null device, so the coverage run does not print into explore's report."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        os.dup2(null, 2)
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            yield
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in saved + [null]:
            os.close(fd)


def coverage(implementation, chapter: str, found: Sequence[Difference]) -> None:
    """Set ``covered_by`` of each difference: the requirements of ``chapter`` failing against the
    implementation whose reproducer sent the same method to the same path, or to a path of the
    same rule (:func:`rule_pattern`)."""
    from . import api

    with _silenced():
        document = api.run(implementation, requirements=[f"{chapter}.*"])
    failing = [r for r in document.get("requirements", []) if r.get("outcome") in ("fail", "error", "timeout")]
    for difference in found:
        covered = set()
        for record in failing:
            for exchange in (record.get("reproducer") or {}).get("exchanges", []):
                sent = exchange.get("sent") or {}
                target = str(sent.get("target", ""))
                if sent.get("method") == difference.request.method and _same_place(difference, target.partition("?")[0]):
                    covered.add(record["id"])
                    break
        difference.covered_by = sorted(covered)


def explore(implementation, reference, chapters: Sequence[str], examples: int,
            covering: bool = True) -> dict:
    """Explore ``chapters``; the results document (see ``schema/explore.schema.json``)."""
    with warnings.catch_warnings():  # WebTest's lint warns on every extension method
        warnings.simplefilter("ignore")
        return _explore(implementation, reference, chapters, examples, covering)


def _explore(implementation, reference, chapters, examples, covering) -> dict:
    # Hypothesis draws now and then from the constants of the local modules imported so far: import
    # what the coverage run imports before generating, so a second run in this process draws the same
    from . import api, supervisor  # noqa: F401
    explored, found = [], []
    for chapter in chapters:
        try:
            reference_app = reference.build_app(chapter)
            implementation_app = implementation.build_app(chapter)
        except Exception as exc:  # an app that cannot be built: nothing to explore
            raise UsageError(f"chapter {chapter!r}: the app could not be built: {exc}") from exc
        if reference_app is None or implementation_app is None or not hasattr(reference_app, "url_map"):
            continue
        explored.append(chapter)
        chapter_found = explore_chapter(chapter, reference_app, implementation_app, examples)
        if chapter_found and covering:
            coverage(implementation, chapter, chapter_found)
        found.extend(chapter_found)
    return {
        "schema": SCHEMA_ID,
        "implementation": {"name": implementation.name, "version": str(implementation.version)},
        "reference": {"name": reference.name, "version": str(reference.version)},
        "examples": examples,
        "chapters": explored,
        "differences": [d.as_dict() for d in found],
    }


def render_text(document: dict) -> str:
    lines = []
    for d in document["differences"]:
        request = d["request"]
        lines.append(f"{d['chapter']}: {request['method']} {request['target']}  (rule {d['rule']}; "
                     f"differs in {', '.join(d['aspects'])})")
        for side in ("reference", "implementation"):
            lines.append(f"  {side}:")
            lines += ["    " + line for line in _describe(d[side]).splitlines()]
        lines.append("  covered by: " + (", ".join(d["covered_by"]) or NOT_COVERED))
        lines.append("")
    impl, ref = document["implementation"], document["reference"]
    count = len(document["differences"])
    lines.append(f"explore: {count} difference{'s' if count != 1 else ''} between {impl['name']} "
                 f"{impl['version']} and {ref['name']} {ref['version']} in "
                 f"{', '.join(document['chapters']) or 'no chapter'} "
                 f"({document['examples']} examples per chapter)")
    return "\n".join(lines) + "\n"


def _describe(answer: dict) -> str:
    if answer["error"] is not None:
        return f"error: {answer['error']}"
    lines = [str(answer["status"])] + [f"{k}: {v}" for k, v in answer["headers"]]
    body = answer["body"]
    if answer["body_length"] > len(body.encode("utf-8")):
        body += f"... ({answer['body_length']} bytes)"
    return "\n".join(lines) + ("\n\n" + body if body else "")
