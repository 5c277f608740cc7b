"""The reference fixture's URL rules: what generated paths are built from, and how a request is
named in a report (the rule the reference routes it to)."""

from __future__ import annotations

import re
from typing import List
from urllib.parse import unquote

from ..client import Request
from .model import ANY_PATH

#: A rule variable: ``<converter(arguments):name>`` or ``<name>``.
VARIABLE = re.compile(r"<(?:([A-Za-z_]\w*)(?:\((.*?)\))?:)?([A-Za-z_]\w*)>")


def rules_of(app) -> List[str]:
    """The rules of the reference fixture app, in registration order, without static files."""
    return [rule.rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"]


def rule_for(app, request: Request) -> str:
    """The rule the reference app routes ``request``'s path to (with any method, so a 405 is
    named by its rule, and a redirect by the rule it leads to), or ``ANY_PATH``."""
    from werkzeug.exceptions import MethodNotAllowed
    from werkzeug.routing import RequestRedirect

    adapter = app.url_map.bind("localhost", script_name=request.script_root or None)
    path, method = request.path, "GET"
    for _ in range(3):  # a redirect, then a method the rule allows, then give up
        try:
            rule, _ = adapter.match(path, method=method, return_rule=True)
            return rule.rule
        except RequestRedirect as redirect:
            path = redirect.new_url.partition("localhost")[2].partition("?")[0] or "/"
        except MethodNotAllowed as refused:
            method = sorted(refused.valid_methods or ["GET"])[0]
        except Exception:  # not found, or a path the router cannot even parse
            return ANY_PATH
    return ANY_PATH


def rule_pattern(rule: str) -> "re.Pattern":
    """A path regex for ``rule`` (percent-decoded paths): static parts in any case, each variable
    any segment (a ``path`` variable anything), the trailing slash optional; it groups requests
    about the same rule, whatever their case or spelling."""
    out, position = "", 0
    for match in VARIABLE.finditer(rule):
        out += re.escape(rule[position:match.start()])
        out += ".*" if match.group(1) == "path" else "[^/]*"
        position = match.end()
    out += re.escape(rule[position:].rstrip("/"))
    return re.compile(out + "/?", re.IGNORECASE)


def same_rule(rule: str, path: str, other: str) -> bool:
    """Whether two request paths are the same or both follow ``rule``."""
    if path == other:
        return True
    if rule == ANY_PATH:
        return False
    pattern = rule_pattern(rule)
    return bool(pattern.fullmatch(unquote(path)) and pattern.fullmatch(unquote(other)))
