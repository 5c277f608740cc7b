"""Paths generated from the reference fixture's URL rules.

Each variable of a rule gets values its converter should take and values it should refuse:
percent-encoded and over-encoded text, empty and 300-character segments, non-ASCII, the edge
values of ints, floats, UUIDs and ``any`` words. Static parts are sometimes upper-cased and the
trailing slash sometimes toggled, so the router's case, slash and decoding rules are all reached.
"""

from __future__ import annotations

import re
from typing import List, Optional, Tuple
from urllib.parse import quote

from hypothesis import strategies as st

from .rules import VARIABLE


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


#: One path segment of any kind, as it goes into a target.
SEGMENT = st.one_of(_EDGE_SEGMENTS, _encoded(_SEGMENT_TEXT))


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


def path_strategy(rule: str) -> st.SearchStrategy:
    """Paths generated from one rule: each variable replaced by a generated value, the static
    parts sometimes upper-cased and the trailing slash sometimes toggled."""
    parts: List[st.SearchStrategy] = []
    position = 0
    for match in VARIABLE.finditer(rule):
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


def any_path() -> st.SearchStrategy:
    """Paths that follow no rule in particular."""
    return st.lists(SEGMENT, max_size=3).map(lambda s: "/" + "/".join(s))
