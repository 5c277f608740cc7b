"""The requests a spec test sends, found by reading its source.

A spec test talks to its chapter's app through ``client.get(path)``, ``client.post(path)``,
``client.request(method, path)`` and the like, often through small helper functions of its
chapter module. This module reads the test's source with :mod:`ast` and resolves the path and
method arguments as far as they are literal: string constants, module constants, the values of
a family's ``cases``, local variables, f-strings (unknown parts replaced by placeholders) and the
arguments a helper is called with. Nothing is executed.
"""

from __future__ import annotations

import ast
import inspect
import itertools
import re
import textwrap
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional

#: Client methods that send one request with a fixed HTTP method; the path is their first argument.
FIXED_METHOD = {
    "get": "GET", "head": "HEAD", "post": "POST", "put": "PUT",
    "patch": "PATCH", "delete": "DELETE", "options": "OPTIONS",
}
#: Client methods taking ``(method, path)``.
ANY_METHOD = {"request", "stream"}
#: What an unknown part of a computed path is replaced with (a number and a word).
PLACEHOLDERS = ("1", "a")
#: Arguments of a spec test supplied by the harness, never by Hypothesis.
HARNESS_ARGUMENTS = {"client", "client_factory", "case", "conformance_run", "conformance_transport", "request"}
#: String methods without arguments a path expression may apply (``case.lower()``).
STRING_METHODS = {"lower", "upper", "strip", "lstrip", "rstrip", "title", "casefold"}
METHOD_TOKEN = re.compile(r"^[A-Z]{3,10}$")
PERCENT_SPEC = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[sdirfx]")
MAX_VALUES = 16
MAX_HELPER_DEPTH = 3

_MISSING = object()


@dataclass(frozen=True)
class Send:
    """One request a test sends: ``method`` is None when the test computes it."""

    method: Optional[str]
    path: str

    def __str__(self) -> str:
        return f"{self.method or 'GET'} {self.path}"


def strings_in(value: Any, depth: int = 0) -> List[str]:
    """Every string inside a (nested) Python value, in order."""
    if depth > 4:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        items: Iterable = list(value.keys()) + list(value.values())
    elif isinstance(value, (list, tuple, set, frozenset)):
        items = value
    else:
        return []
    found: List[str] = []
    for item in items:
        found.extend(strings_in(item, depth + 1))
    return found


def _unique(values: Iterable) -> list:
    seen, result = set(), []
    for value in values:
        if value not in seen:
            seen.add(value)
            result.append(value)
    return result


def _function_node(func) -> Optional[ast.FunctionDef]:
    try:
        source = textwrap.dedent(inspect.getsource(func))
    except (OSError, TypeError):
        return None
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            return node
    return None


def case_values(func) -> Dict[str, Any]:
    """A family's case values by case id, read from its ``parametrize`` mark."""
    values: Dict[str, Any] = {}
    for mark in getattr(func, "pytestmark", []):
        if mark.name != "parametrize" or not mark.args or mark.args[0] != "case":
            continue
        for param in mark.args[1]:
            case_id = getattr(param, "id", None)
            param_values = getattr(param, "values", None)
            if case_id is not None and param_values:
                values[case_id] = param_values[0]
    return values


class SendFinder:
    """Finds the requests of spec tests of one chapter module."""

    def __init__(self, module):
        self.module = module

    # Public API.

    def sends(self, func, case_value: Any = _MISSING) -> List[Send]:
        """The requests ``func`` (a spec test) sends; ``case_value`` is the family member's value."""
        func = inspect.unwrap(func)
        node = _function_node(func)
        if node is None:
            return []
        env: Dict[str, List[str]] = {}
        decorator_strings = [s for d in node.decorator_list for s in self._constants(d)]
        for arg in node.args.args + node.args.kwonlyargs:
            if arg.arg == "case" and case_value is not _MISSING:
                env["case"] = strings_in(case_value)
            elif arg.arg not in HARNESS_ARGUMENTS and decorator_strings:
                env[arg.arg] = decorator_strings  # Hypothesis strategies in the decorators
        found = self._sends_in(node, env, self.module, depth=0)
        if not found:  # nothing resolvable: fall back to every path literal in the body
            found = [Send(None, s) for stmt in node.body for s in self._constants(stmt)]
        return _unique(s for s in found if s.path.startswith("/"))[:MAX_VALUES]

    # Resolution.

    def _sends_in(self, func_node, env, module, depth) -> List[Send]:
        env = dict(env)
        self._bind_locals(func_node, env, module)
        found: List[Send] = []
        for node in ast.walk(func_node):
            if not isinstance(node, ast.Call):
                continue
            target = node.func
            if isinstance(target, ast.Attribute) and target.attr in FIXED_METHOD:
                path_node = self._argument(node, 0, "path")
                if path_node is not None:
                    for path in self._resolve(path_node, env, module):
                        found.append(Send(FIXED_METHOD[target.attr], path))
            elif isinstance(target, ast.Attribute) and target.attr in ANY_METHOD:
                method_node = self._argument(node, 0, "method")
                path_node = self._argument(node, 1, "path")
                if path_node is None:
                    continue
                methods = [m.upper() for m in self._resolve(method_node, env, module)] if method_node else []
                methods = [m for m in methods if METHOD_TOKEN.match(m)] or [None]
                for path in self._resolve(path_node, env, module):
                    found.extend(Send(method, path) for method in methods)
            elif isinstance(target, ast.Name) and depth < MAX_HELPER_DEPTH:
                found.extend(self._helper_sends(node, target.id, env, module, depth))
        return found

    def _helper_sends(self, call: ast.Call, name: str, env, module, depth) -> List[Send]:
        """Requests sent by a helper function of the spec package, with this call's arguments."""
        helper = getattr(module, name, None)
        if not inspect.isfunction(helper) or not helper.__module__.startswith(_spec_package(module)):
            return []
        helper_module = inspect.getmodule(helper) or module
        node = _function_node(inspect.unwrap(helper))
        if node is None:
            return []
        params = node.args.posonlyargs + node.args.args
        bound: Dict[str, List[str]] = {}
        for index, arg in enumerate(call.args):
            if isinstance(arg, ast.Starred):
                break
            if index < len(params):
                bound[params[index].arg] = self._resolve(arg, env, module)
            elif node.args.vararg is not None:
                bound.setdefault(node.args.vararg.arg, []).extend(self._resolve(arg, env, module))
        for keyword in call.keywords:
            if keyword.arg is not None:
                bound[keyword.arg] = self._resolve(keyword.value, env, module)
        defaults = dict(zip([p.arg for p in params[len(params) - len(node.args.defaults):]], node.args.defaults))
        defaults.update({a.arg: d for a, d in zip(node.args.kwonlyargs, node.args.kw_defaults) if d is not None})
        for param, default in defaults.items():
            if param not in bound:
                bound[param] = self._resolve(default, {}, helper_module)
        return self._sends_in(node, bound, helper_module, depth + 1)

    @staticmethod
    def _argument(call: ast.Call, index: int, keyword: str) -> Optional[ast.expr]:
        for item in call.keywords:
            if item.arg == keyword:
                return item.value
        if len(call.args) > index and not isinstance(call.args[index], ast.Starred):
            return call.args[index]
        return None

    def _bind_locals(self, func_node, env, module) -> None:
        """Values of local names: assignments, loop and comprehension targets (twice, for chains)."""
        for _ in range(2):
            for node in ast.walk(func_node):
                if isinstance(node, ast.Assign):
                    values = self._resolve(node.value, env, module)
                    for target in node.targets:
                        self._assign(target, values, env)
                elif isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and node.value is not None:
                    self._assign(node.target, self._resolve(node.value, env, module), env)
                elif isinstance(node, (ast.For, ast.comprehension)):
                    self._assign(node.target, self._resolve(node.iter, env, module), env)

    @staticmethod
    def _assign(target, values, env) -> None:
        if not values:
            return
        if isinstance(target, ast.Name):
            if target.id not in HARNESS_ARGUMENTS:
                env[target.id] = _unique(env.get(target.id, []) + values)[:MAX_VALUES]
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                SendFinder._assign(element, values, env)

    def _resolve(self, node, env, module) -> List[str]:
        """The strings an expression may evaluate to (empty when unknown)."""
        if node is None:
            return []
        if isinstance(node, ast.Constant):
            return [node.value] if isinstance(node.value, str) else []
        if isinstance(node, ast.Name):
            if node.id in env:
                return env[node.id]
            value = getattr(module, node.id, _MISSING)
            return strings_in(value) if value is not _MISSING and not callable(value) else []
        if isinstance(node, ast.Subscript):
            return self._resolve(node.value, env, module)
        if isinstance(node, ast.Call) and not node.args and not node.keywords:
            target = node.func
            if isinstance(target, ast.Attribute) and target.attr in STRING_METHODS:
                return _unique(getattr(s, target.attr)() for s in self._resolve(target.value, env, module))
            return []
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str" \
                and len(node.args) == 1:
            return self._resolve(node.args[0], env, module)
        if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            return _unique(s for element in node.elts for s in self._resolve(element, env, module))
        if isinstance(node, ast.Dict):
            return _unique(s for value in node.values for s in self._resolve(value, env, module))
        if isinstance(node, ast.IfExp):
            return _unique(self._resolve(node.body, env, module) + self._resolve(node.orelse, env, module))
        if isinstance(node, ast.JoinedStr):
            parts = []
            for value in node.values:
                if isinstance(value, ast.Constant):
                    parts.append([str(value.value)])
                else:
                    inner = value.value if isinstance(value, ast.FormattedValue) else value
                    parts.append(self._resolve(inner, env, module) or list(PLACEHOLDERS))
            return _combine(parts)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left = self._resolve(node.left, env, module)
            if not left:
                return []
            return _combine([left, self._resolve(node.right, env, module) or list(PLACEHOLDERS)])
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            templates = self._resolve(node.left, env, module)
            return _unique(PERCENT_SPEC.sub(p, t) for t in templates for p in PLACEHOLDERS)[:MAX_VALUES]
        return []

    @staticmethod
    def _constants(node) -> List[str]:
        return [n.value for n in ast.walk(node)
                if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.startswith("/")]


def _combine(parts: List[List[str]]) -> List[str]:
    combined = ("".join(p) for p in itertools.product(*parts))
    return _unique(itertools.islice(combined, MAX_VALUES))


def _spec_package(module) -> str:
    return module.__name__.rpartition(".")[0] or module.__name__
