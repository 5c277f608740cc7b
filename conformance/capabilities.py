"""API capabilities: Flask API surface a requirement needs beyond HTTP behaviour.

Some requirements are about an API more than about what goes over the wire: attributes a view
function carries, a view returning a WSGI application, ``jsonify`` called with positional and
keyword arguments at once. A framework without that API cannot earn those passes by analogy, and
should not have to list them as failures either. A requirement names what it needs
(``requirement(..., needs=("view-attributes",))``); an implementation names what it lacks
(``lacks = {"view-attributes"}``); such a requirement is then not applicable *with the gap named*,
counted apart in the summary, the results and the report, so a declared gap is visible and never
raises a score.
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Iterable

#: Every capability a requirement may need, with what it means; the docs list them.
CAPABILITIES: Dict[str, str] = {
    "view-attributes": "the router reads options set as attributes of a view function "
                       "(methods, required_methods, provide_automatic_options)",
    "wsgi-app-views": "a view may return a WSGI application, which then produces the response",
    "jsonify": "a jsonify helper taking either positional or keyword arguments, refusing both at once",
    "class-based-views": "views written as classes (View, MethodView) dispatching by method",
}

#: The marker in a not-applicable message (and the results' ``lacks`` field) for a declared gap.
GAP_PREFIX = "declared gap: "


class UnknownCapability(ValueError):
    """A name that is not in :data:`CAPABILITIES`."""


def check(names: Iterable[str], who: str) -> FrozenSet[str]:
    """``names`` as a set, every one of them known; UnknownCapability names the first that is not."""
    names = frozenset(names)
    unknown = sorted(names - set(CAPABILITIES))
    if unknown:
        raise UnknownCapability(f"{who}: unknown capability {unknown[0]!r} (known: {', '.join(sorted(CAPABILITIES))})")
    return names
