"""The cases explore generates: requests built from the URL rules, and the spec's own request
sequences (the seeds) mutated one request at a time.

A request gets a method, a path from a rule (:mod:`.paths`), and now and then a query, header
fields a Flask app reacts to (``Accept``, the conditional ``If-*`` fields, ``Origin``, ``Host``,
``Cookie``, ``Range``...) and a body (a form, JSON, invalid JSON, bytes with a media type). A
mutated seed is a spec check's session with one of its requests changed in one to three ways
(method, a header added or dropped, query, body, a path segment, the trailing slash, the case):
the requests before and after it still run, so their cookies still travel. Hypothesis shrinks
both kinds toward the first seed, the first request and the fewest changes.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Dict, List, Sequence, Tuple
from urllib.parse import urlencode

from hypothesis import strategies as st

from ..client import Request
from .model import Case, Step
from .paths import SEGMENT, any_path, path_strategy
from .rules import rules_of

#: The methods sent; PROPFIND is an extension method (the methods fixture answers it on one view).
METHODS = ("GET", "HEAD", "POST", "OPTIONS", "PUT", "DELETE", "PATCH", "PROPFIND")
#: Header fields a Flask app or Werkzeug reacts to, with values worth sending.
HEADERS = {
    "Accept": ["application/json", "text/html", "*/*", "text/plain;q=0.5, application/json", "image/png"],
    "Accept-Encoding": ["gzip", "identity;q=0"],
    "If-None-Match": ["*", '"x"', 'W/"x"'],
    "If-Match": ["*", '"x"'],
    "If-Modified-Since": ["Thu, 01 Jan 1970 00:00:00 GMT", "Fri, 01 Jan 2100 00:00:00 GMT", "garbage"],
    "If-Unmodified-Since": ["Thu, 01 Jan 1970 00:00:00 GMT"],
    "Range": ["bytes=0-1", "bytes=5-", "bytes=x"],
    "Origin": ["http://example.com", "null"],
    "Host": ["example.com", "example.com:8080", "EXAMPLE.com"],
    "Cookie": ["session=garbage", "session=", "a=b; session=x.y.z"],
    "X-Requested-With": ["XMLHttpRequest"],
    "Authorization": ["Basic dXNlcjpwYXNz"],
    "Content-Type": ["application/json", "text/plain", "application/x-www-form-urlencoded",
                     "multipart/form-data; boundary=x", "application/json; charset=latin-1"],
}
QUERY_NAMES = ("a", "q", "name", "next", "page", "\u00e9")

_JSON = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=5)),
                     lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)),
                     max_leaves=5)


def _query(names: Sequence[str]) -> st.SearchStrategy:
    pairs = st.lists(st.tuples(st.sampled_from(list(names)), st.text(max_size=5)), min_size=1, max_size=3)
    return pairs.map(urlencode)


_HEADER = st.sampled_from(sorted(HEADERS)).flatmap(lambda name: st.tuples(st.just(name), st.sampled_from(HEADERS[name])))

#: A body with its media type: a form, JSON, invalid JSON, text or bytes.
BODY = st.one_of(
    st.dictionaries(st.sampled_from(QUERY_NAMES), st.text(max_size=5), min_size=1, max_size=3).map(
        lambda form: (urlencode(form).encode("ascii"), "application/x-www-form-urlencoded")),
    _JSON.map(lambda value: (json.dumps(value).encode("utf-8"), "application/json")),
    st.sampled_from([b"{", b"", b"null", b"\xff"]).map(lambda raw: (raw, "application/json")),
    st.binary(max_size=8).map(lambda raw: (raw, "application/octet-stream")),
    st.text(max_size=8).map(lambda text: (text.encode("utf-8"), "text/plain")),
)


def _with_body(request: Request, body: Tuple[bytes, str]) -> Request:
    data, content_type = body
    headers = [(k, v) for k, v in request.headers if k.lower() != "content-type"] + [("Content-Type", content_type)]
    return replace(request, body=data, headers=headers)


@st.composite
def request_for(draw, paths: st.SearchStrategy, query_names: Sequence[str] = QUERY_NAMES) -> Request:
    """A request to a path drawn from ``paths``, with a method and maybe a query, header fields
    and a body."""
    target = draw(paths)
    query = draw(st.one_of(st.none(), _query(query_names)))
    if query:
        target += "?" + query
    request = Request(draw(st.sampled_from(METHODS)), target, draw(st.lists(_HEADER, max_size=2)))
    if draw(st.integers(0, 3)) == 3:
        request = _with_body(request, draw(BODY))
    return request


def generated(app, query_names: Sequence[str] = QUERY_NAMES) -> Dict[str, st.SearchStrategy]:
    """One-request cases per rule of the reference ``app``, and for paths that follow no rule."""
    found = {rule: request_for(path_strategy(rule), query_names) for rule in rules_of(app)}
    found["(any path)"] = request_for(any_path(), query_names)
    return {rule: strategy.map(lambda request: Case((Step("send", request),))) for rule, strategy in found.items()}


# Mutating seeds.

def _method(request: Request, method: str) -> Request:
    return replace(request, method=method)


def _add_header(request: Request, header: Tuple[str, str]) -> Request:
    return replace(request, headers=request.headers + [header])


def _drop_header(request: Request, index: int) -> Request:
    if not request.headers:
        return request
    kept = list(request.headers)
    del kept[index % len(kept)]
    return replace(request, headers=kept)


def _set_query(request: Request, query: str) -> Request:
    return replace(request, target=request.path + ("?" + query if query else ""))


def _segment(request: Request, change: Tuple[int, str]) -> Request:
    index, segment = change
    path, sep, query = request.target.partition("?")
    parts = path.split("/")
    parts[1 + index % max(1, len(parts) - 1)] = segment
    return replace(request, target="/".join(parts) + sep + query)


def _slash(request: Request, _) -> Request:
    path, sep, query = request.target.partition("?")
    path = path[:-1] if path.endswith("/") and len(path) > 1 else path + "/"
    return replace(request, target=path + sep + query)


def _upper(request: Request, _) -> Request:
    path, sep, query = request.target.partition("?")
    return replace(request, target=path.upper() + sep + query)


def _no_body(request: Request, _) -> Request:
    return replace(request, body=b"", headers=[(k, v) for k, v in request.headers if k.lower() != "content-type"])


MUTATIONS = st.one_of(
    st.tuples(st.just(_method), st.sampled_from(METHODS)),
    st.tuples(st.just(_add_header), _HEADER),
    st.tuples(st.just(_drop_header), st.integers(0, 20)),
    st.tuples(st.just(_set_query), st.one_of(st.just(""), _query(QUERY_NAMES))),
    st.tuples(st.just(_with_body), BODY),
    st.tuples(st.just(_no_body), st.none()),
    st.tuples(st.just(_segment), st.tuples(st.integers(0, 5), SEGMENT)),
    st.tuples(st.just(_slash), st.none()),
    st.tuples(st.just(_upper), st.none()),
)


def mutated(seeds: List[Case]) -> st.SearchStrategy:
    """Seed cases with one request changed by one to three mutations."""
    usable = [case for case in seeds if case.requests]

    @st.composite
    def build(draw) -> Case:
        seed = draw(st.sampled_from(usable))
        sends = [i for i, step in enumerate(seed.steps) if step.kind == "send"]
        index = draw(st.sampled_from(sends))
        request = seed.steps[index].request
        for mutation, argument in draw(st.lists(MUTATIONS, min_size=1, max_size=3)):
            request = mutation(request, argument)
        steps = seed.steps[:index] + (Step("send", request),) + seed.steps[index + 1:]
        return Case(steps, "mutated-seed", seed.origin)

    return build()


def query_names_of(seeds: List[Case]) -> List[str]:
    """The query parameter names the spec's checks use, added to the generic ones."""
    from urllib.parse import parse_qsl

    names = dict.fromkeys(QUERY_NAMES)
    for case in seeds:
        for request in case.requests:
            for name, _ in parse_qsl(request.target.partition("?")[2], keep_blank_values=True):
                if len(names) < 40:
                    names.setdefault(name)
    return list(names)
