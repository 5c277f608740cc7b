"""A fast yes-or-don't-know check of a document against the results schema.

``report`` checks every results file against the schema, and a matrix of a hundred files of five
hundred records is fifty thousand records: jsonschema takes seconds for that, over the merge's
time budget. This compiles the small subset of JSON Schema the results schema uses into plain
Python checks. It only ever answers "valid" when jsonschema would too (it is stricter where the
two could differ, such as ``1.0`` for an integer); on "don't know" the caller asks jsonschema,
which also words the error. A schema using a keyword outside the subset compiles to ``None``.
"""

from __future__ import annotations

import re
from typing import Callable, Optional

Check = Callable[[object], bool]

_TYPES = {
    "object": lambda v: type(v) is dict,
    "array": lambda v: type(v) is list,
    "string": lambda v: type(v) is str,
    "integer": lambda v: type(v) is int,
    "number": lambda v: type(v) in (int, float),
    "boolean": lambda v: type(v) is bool,
    "null": lambda v: v is None,
}
_IGNORED = {"$schema", "$id", "title", "description", "format"}  # annotations: format is not asserted
_SCALARS = (str, int, float, bool, type(None))


def _bound(applies: tuple, measure, holds) -> Callable[[object], Check]:
    """A keyword bounding a measure of the values of some types, others pass."""
    return lambda limit: lambda v: type(v) not in applies or holds(measure(v), limit)


_NUMBERS = (int, float)
_same_value = lambda v: v  # noqa: E731  (numbers compare as they are: float() overflows on huge ints)
_BOUNDS = {
    "minItems": _bound((list,), len, lambda m, k: m >= k),
    "maxItems": _bound((list,), len, lambda m, k: m <= k),
    "minLength": _bound((str,), len, lambda m, k: m >= k),
    "maxLength": _bound((str,), len, lambda m, k: m <= k),
    "minimum": _bound(_NUMBERS, _same_value, lambda m, k: m >= k),
    "maximum": _bound(_NUMBERS, _same_value, lambda m, k: m <= k),
    "exclusiveMinimum": _bound(_NUMBERS, _same_value, lambda m, k: m > k),
    "exclusiveMaximum": _bound(_NUMBERS, _same_value, lambda m, k: m < k),
}


class Unsupported(Exception):
    """The schema uses a keyword this module does not compile."""


def compile_schema(schema: dict) -> Optional[Check]:
    """A function telling whether a document surely follows ``schema``, or None if out of reach."""
    try:
        return _compile(schema)
    except Unsupported:
        return None


def _same(value, expected) -> bool:
    return type(value) is type(expected) and type(value) in _SCALARS and value == expected


def _compile(schema) -> Check:
    if type(schema) is not dict:
        raise Unsupported(repr(schema))
    unknown = set(schema) - _IGNORED - {"type", "enum", "const", "required", "properties",
                                        "additionalProperties", "items", "pattern"} - set(_BOUNDS)
    if unknown:
        raise Unsupported(", ".join(sorted(unknown)))
    checks = []
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        tests = [_TYPES[name] for name in names]
        checks.append(lambda v: any(test(v) for test in tests))
    if "enum" in schema:
        allowed = list(schema["enum"])
        checks.append(lambda v: any(_same(v, e) for e in allowed))
    if "const" in schema:
        constant = schema["const"]
        checks.append(lambda v: _same(v, constant))
    checks += _object_checks(schema)
    if "items" in schema:
        item = _compile(schema["items"])
        checks.append(lambda v: type(v) is not list or all(item(x) for x in v))
    for keyword, bound in _BOUNDS.items():
        if keyword in schema:
            checks.append(bound(schema[keyword]))
    if "pattern" in schema:
        search = re.compile(schema["pattern"]).search
        checks.append(lambda v: type(v) is not str or search(v) is not None)
    return lambda v: all(check(v) for check in checks)


def _object_checks(schema: dict) -> list:
    checks = []
    if "required" in schema:
        keys = list(schema["required"])
        checks.append(lambda v: type(v) is not dict or all(k in v for k in keys))
    properties = {name: _compile(sub) for name, sub in schema.get("properties", {}).items()}
    extra = schema.get("additionalProperties", True)
    if extra is True:
        other: Optional[Check] = None
    elif extra is False:
        other = lambda v: False  # noqa: E731
    else:
        other = _compile(extra)
    if properties or other is not None:
        def check_members(v) -> bool:
            if type(v) is not dict:
                return True
            for key, value in v.items():
                check = properties.get(key, other)
                if check is not None and not check(value):
                    return False
            return True
        checks.append(check_members)
    return checks
