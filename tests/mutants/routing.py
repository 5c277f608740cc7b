"""Mutants of the routing chapter: faults a router, its converters or the server in front of it
could have.

The router faults replace pieces of Werkzeug's routing (converters, the rule class, the matcher
behind ``url_map``), so they are written against the installed Werkzeug (3.1).
"""

import re
import unicodedata
import uuid
from urllib.parse import unquote_to_bytes

from werkzeug.routing import (
    AnyConverter, FloatConverter, IntegerConverter, PathConverter, Rule, UnicodeConverter,
    UUIDConverter, ValidationError,
)
from werkzeug.routing.exceptions import NoMatch
from werkzeug.routing.matcher import State, StateMachineMatcher

from . import MUTANTS, mutant, rewrite_request, rewrite_response


def edit_path(change):
    """A request rewrite applying ``change`` to the decoded path (PATH_INFO holds it as Latin-1
    characters standing for the UTF-8 bytes, the WSGI way)."""
    def rewrite(environ):
        text = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "replace")
        environ["PATH_INFO"] = change(text).encode("utf-8").decode("latin-1")
    return rewrite


def use_converters(app, **converters):
    app.url_map.converters.update(converters)


def use_matcher(app, matcher):
    """Route through ``matcher`` from now on (the rules already added are handed over)."""
    for rule in app.url_map.iter_rules():
        matcher.add(rule)
    app.url_map._matcher = matcher


# The server or middleware in front of the router

@mutant("routing", kills=["routing.not-found.unknown", "routing.not-found.partial.prefix",
                          "routing.not-found.partial.longer-segment",
                          "routing.not-found.partial.extra-segment", "routing.query.does-not-route"])
def unknown_paths_fall_back_to_index(app):
    """A single-page-app style fallback: whatever is not found gets the index page."""
    def change(status, headers, body, environ):
        if status.startswith("404"):
            return "200 OK", [("Content-Type", "text/html; charset=utf-8")], b"index"
        return status, headers, body
    return rewrite_response(app, change)


@mutant("routing", kills=["routing.case-sensitive.capitalised", "routing.case-sensitive.upper-case",
                          "routing.case-sensitive.non-ascii", "routing.case-sensitive.static-suffix",
                          "routing.any.rejects.upper-case"])
def paths_lower_cased(app):
    """Case-insensitive routing, done by lower-casing the path before matching."""
    return rewrite_request(app, edit_path(str.lower))


@mutant("routing", kills=["routing.static.match.root", "routing.path.keeps-trailing-slash"])
def trailing_slashes_stripped(app):
    """A path-normalising middleware that strips trailing slashes (``/`` becomes empty)."""
    return rewrite_request(app, edit_path(lambda path: path.rstrip("/")))


@mutant("routing", transport="http",
        kills=["routing.query.ignored.static", "routing.query.ignored.variable",
               "routing.query.ignored.path-like",
               "routing.query.not-in-value"])
def query_string_routed(app):
    """Routing on the whole request target: the query string stays glued to the path."""
    def rewrite(environ):
        target = unquote_to_bytes(environ["REQUEST_URI"]).decode("latin-1")
        environ["PATH_INFO"] = target[len(environ.get("SCRIPT_NAME", "")):]
    return rewrite_request(app, rewrite)


@mutant("routing", transport="http",
        kills=["routing.percent.decoded-before-matching", "routing.percent.non-ascii-static",
               "routing.percent.decoded-value.utf-8", "routing.percent.decoded-value.space",
               "routing.percent.decoded-value.question-mark",
               "routing.percent.decoded-value.number-sign",
               "routing.percent.decoded-value.percent-sign",
               "routing.percent.decoded-value.escaped-escape",
               "routing.string.length-in-characters", "routing.string.round-trip"])
def raw_path_routed(app):
    """Routing on the raw path as the client sent it, percent-escapes left in."""
    def rewrite(environ):
        raw = environ["REQUEST_URI"].partition("?")[0]
        environ["PATH_INFO"] = raw[len(environ.get("SCRIPT_NAME", "")):]
    return rewrite_request(app, rewrite)


@mutant("routing", kills=["routing.percent.non-ascii-static", "routing.percent.decoded-value.utf-8",
                          "routing.string.length-in-characters", "routing.string.round-trip"])
def path_decoded_as_latin1(app):
    """The escaped bytes read as Latin-1 rather than UTF-8 (``é`` arrives as ``Ã©``)."""
    def rewrite(environ):
        environ["PATH_INFO"] = environ["PATH_INFO"].encode("utf-8").decode("latin-1")
    return rewrite_request(app, rewrite)


@mutant("routing", kills=["routing.percent.decoded-value.escaped-escape"])
def path_decoded_twice(app):
    """A middleware that percent-decodes the already decoded path again."""
    def rewrite(environ):
        environ["PATH_INFO"] = unquote_to_bytes(environ["PATH_INFO"].encode("latin-1")).decode("latin-1")
    return rewrite_request(app, rewrite)


@mutant("routing", kills=["routing.percent.plus-is-literal"])
def plus_decoded_as_space(app):
    """The path decoded like a form field, ``+`` becoming a space."""
    return rewrite_request(app, edit_path(lambda path: path.replace("+", " ")))


# Converters

class LowerCaseString(UnicodeConverter):
    def to_python(self, value):
        return value.lower()


@mutant("routing", kills=["routing.string.value"], stage="setup")
def strings_lower_cased(app):
    """Values of the default converter normalised to lower case."""
    use_converters(app, default=LowerCaseString, string=LowerCaseString)


class SpanningString(UnicodeConverter):
    part_isolating = False

    def __init__(self, map, minlength=1, maxlength=None, length=None):
        super().__init__(map, minlength, maxlength, length)
        self.regex = self.regex.replace("[^/]", ".")


@mutant("routing", kills=["routing.string.rejects.slash"], stage="setup")
def string_matches_slashes(app):
    """The default converter's character class lets slashes through."""
    use_converters(app, default=SpanningString, string=SpanningString)


class PossiblyEmptyString(UnicodeConverter):
    def __init__(self, map, minlength=0, maxlength=None, length=None):
        super().__init__(map, minlength, maxlength, length)


@mutant("routing", kills=["routing.string.rejects.empty", "routing.variable.partial-segment"],
        stage="setup")
def string_matches_empty(app):
    """The default converter's minimum length defaults to 0 instead of 1."""
    use_converters(app, default=PossiblyEmptyString, string=PossiblyEmptyString)


class LengthlessString(UnicodeConverter):
    def __init__(self, map, minlength=1, maxlength=None, length=None):
        super().__init__(map)


@mutant("routing", kills=["routing.string.length", "routing.string.min-max-length"], stage="setup")
def string_length_arguments_ignored(app):
    """``length``, ``minlength`` and ``maxlength`` accepted but not applied."""
    use_converters(app, default=LengthlessString, string=LengthlessString)


class ByteLengthString(UnicodeConverter):
    def __init__(self, map, minlength=1, maxlength=None, length=None):
        super().__init__(map)
        self.bounds = (length, length) if length is not None else (minlength, maxlength)

    def to_python(self, value):
        size = len(value.encode("utf-8"))
        low, high = self.bounds
        if size < low or (high is not None and size > high):
            raise ValidationError()
        return value


@mutant("routing", kills=["routing.string.length-in-characters"], stage="setup")
def string_length_in_bytes(app):
    """String lengths counted in UTF-8 bytes."""
    use_converters(app, default=ByteLengthString, string=ByteLengthString)


class PythonInt(IntegerConverter):
    regex = r"[^/]+"

    def to_python(self, value):
        try:
            return super().to_python(str(int(value)))
        except ValueError:
            raise ValidationError()


@mutant("routing", kills=["routing.int.rejects.minus", "routing.int.rejects.plus",
                          "routing.int.digits-only.underscore", "routing.int.digits-only.space"],
        stage="setup")
def int_parsed_by_python_int(app):
    """The segment handed to Python's ``int()``, which takes signs, underscores and spaces."""
    use_converters(app, int=PythonInt)


class LeadingDigitsInt(IntegerConverter):
    regex = r"[^/]*"

    def to_python(self, value):
        digits = re.match(r"\d*", value).group()
        return int(digits or "0")


@mutant("routing", kills=["routing.int.rejects.minus", "routing.int.rejects.letters",
                          "routing.int.rejects.trailing-letter", "routing.int.rejects.decimal",
                          "routing.int.rejects.exponent", "routing.int.rejects.empty"],
        stage="setup")
def int_parsed_like_atoi(app):
    """``atoi``-style parsing: the leading digits count, the rest is ignored (none gives 0)."""
    use_converters(app, int=LeadingDigitsInt)


class NoLeadingZerosInt(IntegerConverter):
    regex = r"(?:0|[1-9]\d*)"


@mutant("routing", kills=["routing.int.leading-zeros", "routing.int.fixed-digits",
                          "routing.int.any-digits"], stage="setup")
def int_rejects_leading_zeros(app):
    """A canonical-numbers-only ``int`` pattern."""
    use_converters(app, int=NoLeadingZerosInt)


def _exclusive(cls):
    class Exclusive(cls):
        def to_python(self, value):
            number = super().to_python(value)
            if number == self.min or number == self.max:
                raise ValidationError()
            return number
    return Exclusive


@mutant("routing", kills=["routing.int.min-max", "routing.float.min-max"], stage="setup")
def number_bounds_exclusive(app):
    """``min`` and ``max`` compared with ``<``/``>`` the wrong way: the bounds themselves fail."""
    use_converters(app, int=_exclusive(IntegerConverter), float=_exclusive(FloatConverter))


def _unsigned(cls):
    class Unsigned(cls):
        def __init__(self, map, *args, **kwargs):
            kwargs.pop("signed", None)
            super().__init__(map, *args, **kwargs)
    return Unsigned


@mutant("routing", kills=["routing.int.signed", "routing.float.signed"], stage="setup")
def signed_argument_ignored(app):
    """``signed=True`` accepted but not applied."""
    use_converters(app, int=_unsigned(IntegerConverter), float=_unsigned(FloatConverter))


def _as_text(cls):
    class AsText(cls):
        def to_python(self, value):
            super().to_python(value)  # validated, then the text is passed on
            return value
    return AsText


@mutant("routing", kills=["routing.int.value", "routing.int.leading-zeros", "routing.int.signed",
                          "routing.int.any-digits", "routing.float.value", "routing.float.signed",
                          "routing.variable.several", "routing.precedence.converter-weight",
                          "routing.precedence.leftmost-segment"], stage="setup")
def numbers_passed_as_text(app):
    """Numeric converters that check their value but hand the view the matched text."""
    use_converters(app, int=_as_text(IntegerConverter), float=_as_text(FloatConverter))


class PythonFloat(FloatConverter):
    regex = r"[^/]+"

    def to_python(self, value):
        try:
            return float(value)
        except ValueError:
            raise ValidationError()


@mutant("routing", kills=["routing.float.digits-dot-digits.integer",
                          "routing.float.digits-dot-digits.leading-dot",
                          "routing.float.digits-dot-digits.trailing-dot",
                          "routing.float.digits-dot-digits.exponent",
                          "routing.float.digits-dot-digits.decimal-exponent",
                          "routing.float.rejects.minus", "routing.float.rejects.plus",
                          "routing.float.digits-dot-digits.nan",
                          "routing.float.digits-dot-digits.infinity"], stage="setup")
def float_parsed_by_python_float(app):
    """The segment handed to Python's ``float()``, which takes every float spelling."""
    use_converters(app, float=PythonFloat)


class DecimalCommaFloat(FloatConverter):
    regex = r"\d+[.,]\d+"

    def to_python(self, value):
        return super().to_python(value.replace(",", "."))


@mutant("routing", kills=["routing.float.rejects.comma"], stage="setup")
def float_takes_decimal_comma(app):
    """A locale-minded ``float`` that also reads a decimal comma."""
    use_converters(app, float=DecimalCommaFloat)


@mutant("routing", kills=["routing.path.value", "routing.path.static-suffix"], stage="setup")
def path_confined_to_one_segment(app):
    """``path`` treated as the default converter."""
    use_converters(app, path=UnicodeConverter)


class PossiblyEmptyPath(PathConverter):
    regex = ".*?"


@mutant("routing", kills=["routing.path.rejects-empty"], stage="setup")
def path_matches_empty(app):
    """A ``path`` pattern that also matches nothing at all."""
    use_converters(app, path=PossiblyEmptyPath)


class SlashTrimmedPath(PathConverter):
    def to_python(self, value):
        return value.rstrip("/")


@mutant("routing", kills=["routing.path.keeps-trailing-slash"], stage="setup")
def path_value_trimmed(app):
    """``path`` values with their trailing slash removed."""
    use_converters(app, path=SlashTrimmedPath)


@mutant("routing", kills=["routing.uuid.value", "routing.uuid.upper-case",
                          "routing.uuid.rejects.no-hyphens", "routing.uuid.rejects.braces",
                          "routing.uuid.rejects.urn", "routing.uuid.rejects.short",
                          "routing.uuid.rejects.long", "routing.uuid.rejects.not-hex",
                          "routing.uuid.rejects.misplaced-hyphens"], stage="setup")
def uuid_treated_as_string(app):
    """No real ``uuid`` converter: the name falls back to the default one."""
    use_converters(app, uuid=UnicodeConverter)


class LowerCaseUUID(UUIDConverter):
    regex = r"[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}"


@mutant("routing", kills=["routing.uuid.upper-case"], stage="setup")
def uuid_lower_case_only(app):
    """A ``uuid`` pattern written for lower-case digits only."""
    use_converters(app, uuid=LowerCaseUUID)


class LenientUUID(UUIDConverter):
    regex = r"[^/]+"

    def to_python(self, value):
        try:
            return uuid.UUID(value)
        except ValueError:
            raise ValidationError()


@mutant("routing", kills=["routing.uuid.rejects.no-hyphens", "routing.uuid.rejects.braces",
                          "routing.uuid.rejects.urn", "routing.uuid.rejects.misplaced-hyphens"],
        stage="setup")
def uuid_parsed_by_uuid_module(app):
    """Any segment Python's ``uuid.UUID()`` can read is taken."""
    use_converters(app, uuid=LenientUUID)


class PositionAny(AnyConverter):
    def __init__(self, map, *items):
        super().__init__(map, *items)
        self.positions = {item: index for index, item in enumerate(items)}

    def to_python(self, value):
        return self.positions[value]


@mutant("routing", kills=["routing.any.value.first", "routing.any.value.middle",
                          "routing.any.value.last"], stage="setup")
def any_passes_position(app):
    """``any`` handing the view the word's position in the list instead of the word."""
    use_converters(app, any=PositionAny)


class AnyWordAtAll(AnyConverter):
    def __init__(self, map, *items):
        super().__init__(map, *items)
        self.regex = "[^/]+"


@mutant("routing", kills=["routing.any.rejects.unlisted", "routing.any.rejects.prefix",
                          "routing.any.rejects.longer", "routing.any.rejects.upper-case"],
        stage="setup")
def any_list_not_enforced(app):
    """``any(...)`` treated as a plain string variable."""
    use_converters(app, any=AnyWordAtAll)


class CaseBlindAny(AnyConverter):
    def __init__(self, map, *items):
        super().__init__(map, *items)
        self.regex = "(?i:%s)" % self.regex


@mutant("routing", kills=["routing.any.rejects.upper-case"], stage="setup")
def any_ignores_case(app):
    """``any`` compiled case-insensitively."""
    use_converters(app, any=CaseBlindAny)


def _weighted_100(cls):
    class Unweighted(cls):
        weight = 100
    return Unweighted


@mutant("routing", kills=["routing.precedence.converter-weight", "routing.precedence.path-last"],
        stage="setup")
def converters_equally_weighted(app):
    """Every converter weighs the same, so registration order alone decides between them."""
    use_converters(app, int=_weighted_100(IntegerConverter), float=_weighted_100(FloatConverter),
                   path=_weighted_100(PathConverter))


class StringDefaultsRule(Rule):
    def __init__(self, string, defaults=None, **options):
        if defaults:
            defaults = {key: str(value) for key, value in defaults.items()}
        super().__init__(string, defaults=defaults, **options)


@mutant("routing", kills=["routing.defaults.several-rules"], stage="setup")
def defaults_passed_as_text(app):
    """``defaults`` values turned into strings, as if they had come from a URL."""
    app.url_rule_class = StringDefaultsRule


# Matchers

class RegexListMatcher:
    """A naive router: every rule becomes one regular expression, tried in registration order.

    ``mode`` says how a pattern is applied to the path: ``"full"`` (the whole path must match),
    ``"dollar"`` (``re.match`` with a ``$`` at the end, which also accepts a trailing newline) or
    ``"prefix"`` (``re.match`` without an end anchor).
    """

    def __init__(self, mode):
        self.mode = mode
        self.merge_slashes = False
        self.rules = []

    def add(self, rule):
        pattern = ""
        for dynamic, data in rule._trace[1:]:  # the first entry separates the (empty) domain
            pattern += "(?P<%s>%s)" % (data, rule._converters[data].regex) if dynamic else re.escape(data)
        self.rules.append((rule, re.compile(pattern + ("$" if self.mode == "dollar" else ""))))

    def update(self):
        pass

    def match(self, domain, path, method, websocket):
        allowed = set()
        for rule, pattern in self.rules:
            found = pattern.fullmatch(path) if self.mode == "full" else pattern.match(path)
            if found is None:
                continue
            if rule.methods is not None and method not in rule.methods:
                allowed.update(rule.methods)
                continue
            try:
                values = {name: rule._converters[name].to_python(text)
                          for name, text in found.groupdict().items()}
            except ValidationError:
                continue
            values.update(rule.defaults or {})
            return rule, values
        raise NoMatch(allowed, False)


@mutant("routing", kills=["routing.precedence.static-over-variable",
                          "routing.precedence.converter-weight", "routing.precedence.path-last",
                          "routing.precedence.longer-static", "routing.precedence.static-in-segment",
                          "routing.precedence.leftmost-segment", "routing.path.static-suffix"],
        stage="setup")
def first_registered_rule_wins(app):
    """No ranking: the first rule registered that matches is used."""
    use_matcher(app, RegexListMatcher("full"))


@mutant("routing", kills=["routing.percent.newline-kept"], stage="setup")
def patterns_anchored_with_dollar(app):
    """Rule patterns ending in ``$``, which also matches just before a final newline."""
    use_matcher(app, RegexListMatcher("dollar"))


@mutant("routing", kills=["routing.static.match.segment", "routing.static.match.nested",
                          "routing.not-found.unknown", "routing.not-found.partial.prefix",
                          "routing.not-found.partial.longer-segment",
                          "routing.not-found.partial.extra-segment", "routing.query.does-not-route"],
        stage="setup")
def patterns_not_anchored(app):
    """Rule patterns without an end anchor: ``/`` is a prefix of every path."""
    use_matcher(app, RegexListMatcher("prefix"))


class LatestFirstMatcher(StateMachineMatcher):
    """Werkzeug's matcher, except that each new transition and rule goes in front of those
    already there, so that ties go to the rule registered last."""

    def add(self, rule):
        state = self._root
        for part in rule._parts:
            if part.static:
                state = state.static.setdefault(part.content, State())
                continue
            for known, next_state in state.dynamic:
                if known == part:
                    state = next_state
                    break
            else:
                next_state = State()
                state.dynamic.insert(0, (part, next_state))
                state = next_state
        state.rules.insert(0, rule)


@mutant("routing", kills=["routing.precedence.registration-order"], stage="setup")
def latest_registration_wins_ties(app):
    """Equally specific rules tried newest first."""
    use_matcher(app, LatestFirstMatcher(app.url_map.merge_slashes))


@mutant("routing", kills=["routing.precedence.more-static-segments"])
def segment_ranking_claiming_werkzeug_2_1(app):
    """The segment-by-segment ranking of Werkzeug 2.2, in an implementation claiming Werkzeug 2.1."""
    return app


MUTANTS[-1].packages = dict(MUTANTS[-1].packages, werkzeug="2.1.2")


# Encoded slashes, quoted any items, twins and non-ASCII digits

@mutant("routing", transport="http",
        kills=["routing.percent.encoded-slash-in-path", "routing.percent.encoded-slash-separates.variable",
               "routing.percent.encoded-slash-separates.static"])
def encoded_slash_left_encoded(app):
    """Routing on the raw ``REQUEST_URI`` decoded except for ``%2F``, which stays in the value as
    sent: the escape a router keeping encoded slashes as data forgot to decode afterwards."""
    def rewrite(environ):
        raw = re.sub("%2[Ff]", "%252F", environ["REQUEST_URI"].partition("?")[0])
        environ["PATH_INFO"] = unquote_to_bytes(raw).decode("latin-1")
    return rewrite_request(app, rewrite)


class CommaSplitAny(AnyConverter):
    def __init__(self, map, *items):
        super().__init__(map, *[part for item in items for part in item.split(",")])


@mutant("routing", kills=["routing.any.quoted.comma", "routing.any.quoted-rejects.before-comma",
                          "routing.any.quoted-rejects.after-comma"], stage="setup")
def any_splits_at_every_comma(app):
    """``any`` splitting its arguments at every comma, quoted or not."""
    use_converters(app, any=CommaSplitAny)


class UnescapedAny(AnyConverter):
    def __init__(self, map, *items):
        super().__init__(map, *items)
        self.regex = "(?:%s)" % "|".join(items)


@mutant("routing", kills=["routing.any.quoted-rejects.dot-as-wildcard"], stage="setup")
def any_items_as_patterns(app):
    """``any`` joining its items into a pattern without escaping them, so ``.`` is a wildcard."""
    use_converters(app, any=UnescapedAny)


class QuotesKeptAny(AnyConverter):
    def __init__(self, map, *items):
        super().__init__(map, *[item if item.isidentifier() else '"%s"' % item for item in items])


@mutant("routing", kills=["routing.any.quoted.comma", "routing.any.quoted.dot", "routing.any.quoted.space",
                          "routing.any.quoted-rejects.with-quotes"], stage="setup")
def any_keeps_quotes(app):
    """``any`` items that are not identifiers kept with their quotes, as a naive parser would."""
    use_converters(app, any=QuotesKeptAny)


class QuotedOnlyAny(AnyConverter):
    def __init__(self, map, *items):
        super().__init__(map, *[item for item in items if not item.isidentifier()])


@mutant("routing", kills=["routing.any.quoted.bare-beside-quoted"], stage="setup")
def any_drops_bare_items_beside_quoted(app):
    """``any`` losing its bare items when the list also has quoted ones."""
    use_converters(app, any=QuotedOnlyAny)


@mutant("routing", kills=["routing.twin.leaf-first", "routing.twin.branch-first"])
def branch_redirect_before_leaf(app):
    """The trailing-slash redirect decided before the leaf rules are tried: a slash-less path
    whose slash-terminated twin exists is redirected to it, the leaf never reached."""
    def middleware(environ, start_response):
        path = environ["PATH_INFO"]
        if not path.endswith("/"):
            probe = dict(environ, PATH_INFO=path + "/")
            seen = {}
            body = b"".join(app(probe, lambda s, h, e=None: seen.update(status=s) or (lambda d: None)))
            del body
            if seen["status"].startswith("200"):
                start_response("308 PERMANENT REDIRECT", [("Location", path + "/"), ("Content-Length", "0")])
                return [b""]
        return app(environ, start_response)
    return middleware


class AsciiInt(IntegerConverter):
    regex = "[0-9]+"


class AsciiFloat(FloatConverter):
    regex = r"[0-9]+\.[0-9]+"


@mutant("routing", kills=["routing.int.non-ascii-digits.arabic-indic", "routing.int.non-ascii-digits.fullwidth",
                          "routing.float.non-ascii-digits"], stage="setup")
def numbers_ascii_digits_only(app):
    """Numeric converters matching the ASCII digits 0-9 only."""
    use_converters(app, int=AsciiInt, float=AsciiFloat)


class NumericInt(IntegerConverter):
    regex = "[^/]+"

    def to_python(self, value):
        if not value.isnumeric():
            raise ValidationError()
        return int("".join(str(int(unicodedata.numeric(char))) for char in value))


@mutant("routing", kills=["routing.int.rejects-digit-symbols.superscript", "routing.int.rejects-digit-symbols.circled",
                          "routing.int.rejects-digit-symbols.roman-numeral"], stage="setup")
def int_reads_numeric_characters(app):
    """An ``int`` converter testing ``str.isnumeric()`` and reading each character's numeric
    value, so ``²`` is 2 and ``Ⅻ`` is 12."""
    use_converters(app, int=NumericInt)


class UnescapedRegexListMatcher(RegexListMatcher):
    """The naive router again, with the rules' static text pasted into the pattern unescaped."""

    def add(self, rule):
        pattern = ""
        for dynamic, data in rule._trace[1:]:
            pattern += "(?P<%s>%s)" % (data, rule._converters[data].regex) if dynamic else data
        self.rules.append((rule, re.compile(pattern)))


@mutant("routing", kills=["routing.static.literal-text.static-rule", "routing.static.literal-text.beside-variable"],
        stage="setup")
def static_text_read_as_pattern(app):
    """Rules compiled with their static text taken as regular expression syntax (``.`` matches
    any character)."""
    use_matcher(app, UnescapedRegexListMatcher("full"))


@mutant("routing", kills=["routing.percent.invalid-utf-8.no-server-error.lone-byte",
                          "routing.percent.invalid-utf-8.no-server-error.truncated-sequence",
                          "routing.percent.invalid-utf-8.no-server-error.latin-1-static",
                          "routing.percent.invalid-utf-8.no-server-error.unmatched",
                          "routing.percent.invalid-utf-8.no-server-error.options",
                          "routing.percent.invalid-utf-8.no-server-error.not-allowed"], stage="setup")
def path_decoded_strictly(app):
    """The path decoded as strict UTF-8 in a ``before_request`` function: undecodable bytes raise,
    and the application answers 500."""
    @app.before_request
    def decode_path():
        from flask import request
        request.environ["PATH_INFO"].encode("latin-1").decode("utf-8")


@mutant("routing", kills=["routing.percent.invalid-utf-8.replaced.lone-byte",
                          "routing.percent.invalid-utf-8.replaced.truncated-sequence"])
def invalid_bytes_dropped(app):
    """Bytes that are not UTF-8 silently dropped from the path (``errors="ignore"``)."""
    def rewrite(environ):
        text = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        environ["PATH_INFO"] = text.encode("utf-8").decode("latin-1")
    return rewrite_request(app, rewrite)
