"""Routing
=======

Routing decides which view answers a request. The application registers *rules*, URL paths
such as ``/about`` or ``/user/<name>``, each tied to a view; for every request the router looks
at the request path, picks the one rule that matches it and calls that rule's view. When no rule
matches, the answer is ``404 Not Found``.

What the router matches against is the *decoded* path: the percent-escapes the client sent have
been turned back into bytes and those bytes read as UTF-8 before any comparison. A rule written
as ``/café`` therefore answers ``/caf%C3%A9``, and a value taken from the URL reaches the view as
text (``%20`` is a space; ``+`` stays a plus sign, because form encoding is not path encoding).
The query string takes no part in matching, and matching is case-sensitive throughout. The
static text of a rule is literal: the dot of ``/robots.txt`` is a dot, whatever it means in the
regular expressions a router may compile rules into.

Escapes that are not UTF-8 (``%FF``, or ``%E9`` for a Latin-1 ``é``) are a client's error, never
the application's: no server error. Werkzeug decodes them with ``errors="replace"``, so each
undecodable byte reaches a variable as U+FFFD; that form is a MAY
(:req:`routing.percent.invalid-utf-8.replaced.lone-byte`), a framework answering
``400 Bad Request`` instead is as right.

An encoded slash (``%2F``) is decoded like any other escape, so inside a ``path`` value it is
a slash. Whether it also *separates segments* is where frameworks differ. Werkzeug matches the
``PATH_INFO`` a WSGI server has already decoded, in which ``/a%2Fb`` and ``/a/b`` are the same
text, so for Flask an encoded slash is a slash everywhere: ``/str/a%2Fb`` is not found. Many
servers also report the raw request target (``REQUEST_URI``, ``RAW_URI``; Werkzeug's own
server does since 0.15), and Werkzeug's changelog names it as what a middleware could route on
instead, but Werkzeug never reads it itself. RFC 3986 lets a router keep ``%2F`` as data inside
its segment, so Flask's way is a MAY (:req:`routing.percent.encoded-slash-separates.variable`);
that the value ends up a slash is a MUST. The http transport's server reports the raw URI, so
these requirements are observed there with it present.

Variable parts and converters
-----------------------------

A rule can contain variable parts, written ``<name>`` or ``<converter:name>`` or, with
arguments, ``<converter(arguments):name>``. The matched text is handed to the converter, which
may reject it (the rule then does not match) and which turns it into the value the view receives
as the keyword argument ``name``. The built-in converters:

``string`` (the default)
    One or more characters of a single path segment (no ``/``). Arguments ``length`` (exact)
    or ``minlength``/``maxlength``, counted in characters of the decoded text. The view gets
    a ``str``.
``int``
    An unsigned integer: digits, leading zeros allowed, no sign, no decimal point, no exponent;
    the view gets an ``int``. Arguments ``min`` and ``max`` (inclusive bounds),
    ``fixed_digits`` (exactly that many digits, so ``0042``) and ``signed`` (a leading ``-``
    is then allowed; a ``+`` never is). Symbols that are digits only in a wider sense
    (superscripts, circled digits, Roman numerals) are not digits.
``float``
    Digits, a dot and digits (``1.5``): not ``1``, ``.5``, ``1.``, ``1e5``, ``nan`` or a sign.
    The view gets a ``float``. Arguments ``min``, ``max`` and ``signed`` as for ``int``.
``path``
    Like ``string`` but it also accepts slashes, so it can span several segments (a trailing
    slash included). It still needs at least one character.
``uuid``
    The hyphenated 8-4-4-4-12 hexadecimal form, either letter case; the view gets a
    ``uuid.UUID``, so the value is canonical (lower case) whatever case the URL used. Braces,
    ``urn:uuid:`` and the 32-digit form without hyphens are rejected.
``any(a, b, c)``
    Exactly one of the listed words, case included; the view gets the word. An item can be
    quoted (``any("a,b", "c.d", plain)``): it is then the literal text between the quotes,
    commas, dots and spaces included, never a pattern.

A variable part can share its segment with static text (``/feeds/<name>.rss``), and a rule can
have several variable parts. The ``signed`` argument of ``int`` and ``float`` came with
Werkzeug 0.15.

Werkzeug documents its converters as accepting "integer values", "floating point values" (both
unsigned unless ``signed``) and "UUID strings". What its patterns refuse beyond that is not
promised anywhere: that ``float`` wants digits on both sides of the dot (no ``1``, ``.5``,
``1.``, exponent, ``nan`` or ``inf``), and that ``int`` refuses what Python's ``int()`` reads
besides digits (``1_000``, a leading space). An implementation that takes those spellings is
more lenient, not wrong for a client, so they are MAY requirements
(:req:`routing.float.digits-dot-digits.integer`, :req:`routing.int.digits-only.underscore`).
The same holds the other way for the decimal digits of other scripts (``٣٤``, the fullwidth
``１２``): Werkzeug's ``\\d`` is Python's Unicode-aware digit class and ``int()`` reads them, so
Flask passes 34 and 12, in every release on Python 3. No document says so, and a framework
taking ASCII digits only is as right, so that is a MAY too (:req:`routing.int.non-ascii-digits.arabic-indic`).

A rule and its slash-terminated twin
------------------------------------

A rule ``/twin`` (a "leaf") and ``/twin/`` (a "branch") are two rules: each serves its own URL
and neither redirects to the other. Before Werkzeug 2.2 this depended on the order they were
registered in: with the branch first, its trailing-slash redirect took the slash-less URL
too, so ``/twin-reversed`` was redirected to ``/twin-reversed/`` and the leaf was never reached;
the router of 2.2 tries the exact match first. (The redirect itself, and every other
trailing-slash question, is the redirects chapter's.)

Which rule wins
---------------

Several rules can match one path; the router then picks the most specific one, whatever order
they were registered in. Rules are compared segment by segment from the left. In a segment, a
static part beats a variable one, a longer static text beats a shorter one, and among
converters ``int`` and ``float`` come before ``string``, which comes before ``path``, so a
``path`` variable only gets what nothing narrower takes (``/files/<path:name>/edit`` still
receives ``/files/a/b/edit``). Rules that are equally specific are tried in the order they were
registered.

That segment-by-segment comparison is Werkzeug 2.2's router. The older router first preferred
the rule with more static segments overall, wherever they were: of ``/mix/<a>/edit`` and
``/mix/<int:a>/<b>``, ``/mix/1/edit`` went to the first before Werkzeug 2.2 and goes to the
second since. Since Werkzeug 2.1 a percent-encoded newline at the end of the path is part of the
path; before, ``/about%0A`` reached ``/about``.

Werkzeug, not Flask, decides all of this, and Flask releases accept wide Werkzeug ranges (Flask
2.1.3 runs on Werkzeug 2.0 as well as 2.3), so these requirements are bounded by the Werkzeug
release an implementation reports, not by its Flask profile.

How answers are compared
------------------------

A check looks at the status and at the body, decoded with the charset the ``Content-Type``
names (UTF-8 when it names none); the body's text is the fixture contract's, so it is compared
exactly. The media type, other header fields and their spelling play no part in this chapter.

Several rules can lead to one view. ``defaults`` gives the view the values a rule's URL does
not carry, so ``/users`` (with ``defaults={"page": 1}``) and ``/users/page/<int:page>`` can
share one view. (Requesting a default value spelled out in the URL redirects: that, and every
trailing-slash question, belongs to the redirects chapter; HTTP methods to the methods chapter.)

Fixture contract
----------------

One application, default configuration. Views answer ``200`` with a UTF-8 text body (its
content type does not matter). A body is built from *typed values*: a value the view received,
written ``<type>:<value>``:

* a ``str`` as ``str:`` and the text itself (``str:a b``),
* an ``int`` as ``int:`` and its decimal digits, a ``-`` first if negative (``int:7``),
* a ``float`` as ``float:`` and Python's ``repr`` of it, the shortest text that reads back as
  the same number (``float:1.5``),
* a ``uuid.UUID`` as ``uuid:`` and its canonical lower-case hyphenated form.

"*Values*" below means the typed values of the view's keyword arguments, ordered by argument
name and separated by single spaces; "*label* values" means the word *label*, a space, then
the values (just the word when there are none).

Static rules
    ``/`` answers ``index``; ``/about`` answers ``about``; ``/docs/guide/intro`` answers
    ``intro``; ``/café`` (the rule contains the non-ASCII ``é``) answers ``cafe``;
    ``/robots.txt`` answers ``robots``.
One rule per converter; each answers its values
    ``/str/<name>``, ``/str-exact/<string(length=3):code>``,
    ``/str-range/<string(minlength=2, maxlength=4):word>``, ``/int/<int:n>``,
    ``/int-range/<int(min=1, max=10):n>``, ``/int-fixed/<int(fixed_digits=4):n>``,
    ``/int-signed/<int(signed=True):n>``, ``/float/<float:x>``,
    ``/float-range/<float(min=0.5, max=2.5):x>``, ``/float-signed/<float(signed=True):x>``,
    ``/path/<path:p>``, ``/uuid/<uuid:u>``, ``/any/<any(red, green, blue):colour>``,
    ``/feeds/<name>.rss``, ``/archive/<int:a>/<b>``,
    ``/any-quoted/<any("a,b", "c.d", "e f", plain):word>``. The two ``signed`` rules only where
    the converters take that argument.
Twins, registered in this order; each answers *label* values
    ``/twin`` (``leaf``), ``/twin/`` (``branch``); ``/twin-reversed/`` (``branch``),
    ``/twin-reversed`` (``leaf``); ``/twin-var/<name>/`` (``branch``), ``/twin-var/<name>``
    (``leaf``).
Pairs of competing rules, registered in this order; each answers *label* values
    ``/page/<name>`` (``variable``), ``/page/new`` (``static``);
    ``/item/<name>``, ``/item/<int:n>``, ``/item/<float:x>`` (these three answer just their
    values); ``/deep/<path:p>`` (``path``), ``/deep/<name>`` (``segment``);
    ``/files/<path:name>`` (``view``), ``/files/<path:name>/edit`` (``edit``);
    ``/tag/v<name>`` (``short``), ``/tag/ver<name>`` (``long``);
    ``/export/<name>`` (``bare``), ``/export/<name>.csv`` (``csv``);
    ``/mix/<a>/edit`` (``named``), ``/mix/<int:a>/<b>`` (``numbered``);
    ``/mix-reversed/<int:a>/<b>`` (``numbered``), ``/mix-reversed/<a>/edit`` (``named``);
    ``/tie/<string(length=3):code>`` (``first``), ``/tie/<name>`` (``second``);
    ``/tie-reversed/<name>`` (``first``), ``/tie-reversed/<string(length=3):code>``
    (``second``).
One view, two rules
    ``/users`` with ``defaults={"page": 1}`` and ``/users/page/<int:page>``, both on one view
    answering its values.

No rule matches ``/no-such-page``, and the application has no catch-all rule.
"""

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from flask_conformance import MAY, MUST, Defect, requirement

QUICKSTART_ROUTING = "flask:quickstart#routing"
QUICKSTART_VARIABLES = "flask:quickstart#variable-rules"
QUICKSTART_SLASHES = "flask:quickstart#unique-urls-redirection-behavior"
REGISTRATIONS = "flask:api#url-route-registrations"
REQUEST_PATH = "flask:api#flask.Request.path"
RULE_FORMAT = "werkzeug:routing#rule-format"
PRIORITY = "werkzeug:routing#rule-priority"
MATCH = "werkzeug:routing#werkzeug.routing.MapAdapter.match"
STRING = "werkzeug:routing#werkzeug.routing.UnicodeConverter"
PATH = "werkzeug:routing#werkzeug.routing.PathConverter"
ANY = "werkzeug:routing#werkzeug.routing.AnyConverter"
INT = "werkzeug:routing#werkzeug.routing.IntegerConverter"
FLOAT = "werkzeug:routing#werkzeug.routing.FloatConverter"
UUID = "werkzeug:routing#werkzeug.routing.UUIDConverter"
RULE = "werkzeug:routing#werkzeug.routing.Rule"

#: Werkzeug 2.2.0, the first release of the rewritten router, let a converter match just the
#: start of a path segment; 2.2.1 anchored it again.
SEGMENT_START_DEFECT = Defect(
    package="werkzeug", versions="==2.2.0", fixed="2.2.1",
    link="https://github.com/pallets/werkzeug/pull/2470",
    what="a converter matches only the start of a path segment, so longer values reach its rule")


def segment_start(*cases):
    """The Werkzeug 2.2.0 defect, for the members of a family it breaks."""
    return [replace(SEGMENT_START_DEFECT, cases=cases)]

#: The behaviour came with a Werkzeug release, whatever Flask runs on it.
SIGNED = {"werkzeug": ">=0.15"}
OLD_ROUTER = {"werkzeug": "<2.2"}
ROUTER_2_2 = {"werkzeug": ">=2.2"}

#: IDs this chapter no longer uses, and why (IDs are never reused).
RETIRED = {
    "routing.int.rejects.underscore": "moved to routing.int.digits-only.underscore (MAY): no source says "
                                      "an integer spelled with an underscore is not an integer value",
    "routing.int.rejects.space": "moved to routing.int.digits-only.space (MAY): no source says a space "
                                 "before the digits is refused; it is Werkzeug's pattern",
    **{f"routing.float.rejects.{case}": f"moved to routing.float.digits-dot-digits.{case} (MAY): that "
       "the float converter refuses this spelling of a number is Werkzeug's pattern, not documented"
       for case in ("integer", "leading-dot", "trailing-dot", "exponent", "decimal-exponent", "nan",
                    "infinity")},
}

#: Connection: close, so the many short-lived clients of a property leave no open connections.
CLOSE = {"Connection": "close"}


def served(client, path, body, **kwargs):
    """``path`` reaches a view, which answers exactly ``body``."""
    response = client.get(path, **kwargs)
    assert response.status == 200, f"GET {path}: expected 200 {body!r}, got\n{response.describe()}"
    assert response.text == body, f"GET {path}: expected the body {body!r}, got {response.text!r}"


def not_found(client, path):
    """No rule takes ``path``: 404."""
    response = client.get(path)
    assert response.status == 404, f"GET {path}: expected 404, got\n{response.describe()}"


def percent_encoded(text):
    """``text`` as a path segment: every byte of its UTF-8 form escaped except ASCII letters and
    digits (dots too, so no client can take ``..`` for a dot-segment)."""
    return "".join(chr(b) if chr(b).isascii() and chr(b).isalnum() else "%{:02X}".format(b)
                   for b in text.encode("utf-8"))


# Static rules, unknown paths, case and query string

@requirement("routing.static.match", MUST, since="0.12", source=QUICKSTART_ROUTING,
             cases={"root": ("/", "index"), "segment": ("/about", "about"),
                    "nested": ("/docs/guide/intro", "intro")})
def test_static_match(client, case):
    """A request whose path is exactly a static rule's path MUST reach that rule's view."""
    path, body = case
    served(client, path, body)


@requirement("routing.static.literal-text", MUST, since="0.12", source=RULE_FORMAT,
             cases={"static-rule": ("/robots.txt", "robots", "/robotsxtxt"),
                    "beside-variable": ("/feeds/news.rss", "str:news", "/feeds/newsxrss")})
def test_static_literal_text(client, case):
    """The static text of a rule MUST match only itself, a character that means something in a
    regular expression included: the dot of ``/robots.txt`` or of ``/feeds/<name>.rss`` is a
    dot, so ``/robotsxtxt`` and ``/feeds/newsxrss`` are not found."""
    path, body, lookalike = case
    served(client, path, body)
    not_found(client, lookalike)


@requirement("routing.not-found.unknown", MUST, since="0.12", source=MATCH)
def test_unknown_path(client):
    """A path that no rule matches MUST be answered with 404 Not Found."""
    not_found(client, "/no-such-page")


@requirement("routing.not-found.partial", MUST, since="0.12", source=MATCH,
             cases={"prefix": "/abou", "longer-segment": "/aboutx", "extra-segment": "/about/x"})
def test_partial_path(client, case):
    """A static rule MUST match its whole path only: a path that merely starts like it, or that
    extends it, is 404 Not Found."""
    not_found(client, case)


@requirement("routing.case-sensitive", MUST, since="0.12", source=RULE_FORMAT,
             cases={"capitalised": "/About", "upper-case": "/ABOUT", "non-ascii": "/CAF%C3%89",
                    "static-suffix": "/feeds/news.RSS"})
def test_case_sensitive(client, case):
    """Matching MUST be case-sensitive: a path that differs from a rule only in letter case does
    not match it (404 Not Found)."""
    not_found(client, case)


@requirement("routing.query.ignored", MUST, since="0.12", source=REQUEST_PATH,
             cases={"static": ("/about", "page=2", "about"), "variable": ("/int/42", "n=7", "int:42"),
                    "path-like": ("/about", "/int/1", "about")})
def test_query_ignored(client, case):
    """The query string MUST play no part in matching: a path with a query string reaches the
    same rule, with the same values, as without it."""
    path, query, body = case
    served(client, path, body, query=query)


@requirement("routing.query.not-in-value", MUST, since="0.12", source=REQUEST_PATH)
def test_query_not_in_value(client):
    """A variable part MUST end where the query string begins: the query string is never part
    of a value, not even of a ``path`` value."""
    served(client, "/str/a?b=c", "str:a")
    served(client, "/path/a/b?c/d", "str:a/b")


@requirement("routing.query.does-not-route", MUST, since="0.12", source=REQUEST_PATH)
def test_query_does_not_route(client):
    """A path no rule matches MUST stay 404 Not Found whatever its query string holds, even the
    path of an existing rule."""
    not_found(client, "/no-such-page?/about")


# Percent-encoding and non-ASCII paths

@requirement("routing.percent.decoded-before-matching", MUST, since="0.12", source=REQUEST_PATH)
def test_decoded_before_matching(client):
    """Percent-escapes MUST be decoded before matching: an escaped ASCII character in a static
    rule's path (``/ab%6Fut``) reaches the rule (``/about``)."""
    served(client, "/ab%6Fut", "about")


@requirement("routing.percent.non-ascii-static", MUST, since="0.12", source=REQUEST_PATH)
def test_non_ascii_static(client):
    """A static rule containing non-ASCII characters MUST match the path whose percent-escapes
    are those characters' UTF-8 bytes (``/caf%C3%A9`` reaches ``/café``)."""
    served(client, "/caf%C3%A9", "cafe")


@requirement("routing.percent.decoded-value", MUST, since="0.12", source=QUICKSTART_VARIABLES,
             cases={"utf-8": ("%C3%A9t%C3%A9", "\u00e9t\u00e9"), "space": ("a%20b", "a b"),
                    "question-mark": ("a%3Fb", "a?b"), "number-sign": ("a%23b", "a#b"),
                    "percent-sign": ("100%25", "100%"), "escaped-escape": ("a%2520b", "a%20b")})
def test_decoded_value(client, case):
    """A variable part MUST receive the decoded text, UTF-8 sequences included, and be decoded
    exactly once (``a%2520b`` gives ``a%20b``)."""
    segment, text = case
    served(client, "/str/" + segment, "str:" + text)


@requirement("routing.percent.plus-is-literal", MUST, since="0.12", source=REQUEST_PATH)
def test_plus_is_literal(client):
    """A ``+`` in the path MUST stay a plus sign (form encoding does not apply to paths)."""
    served(client, "/str/a+b", "str:a+b")


@requirement("routing.percent.newline-kept", MUST, defects=[SEGMENT_START_DEFECT], since="0.12", packages={"werkzeug": ">=2.1"},
             source="werkzeug:changes#version-2-1-0")
def test_newline_kept(client):
    """A percent-encoded newline at the end of the path MUST count as part of the path, so
    ``/about%0A`` does not reach ``/about`` and ``/int/1%0A`` does not reach the int rule
    (Werkzeug 2.1 and later)."""
    not_found(client, "/about%0A")
    not_found(client, "/int/1%0A")


@requirement("routing.percent.invalid-utf-8.no-server-error", MUST, since="0.12", source=REQUEST_PATH,
             cases={"lone-byte": ("GET", "/str/%FF"), "truncated-sequence": ("GET", "/str/a%C3"),
                    "latin-1-static": ("GET", "/caf%E9"), "unmatched": ("GET", "/no-such-page/%E9"),
                    "options": ("OPTIONS", "/str/%FF"), "not-allowed": ("PROPFIND", "/str/%FF")})
def test_invalid_utf_8_no_server_error(client, case):
    """A path whose percent-escapes are not UTF-8 (a lone ``%FF``, a sequence cut short, ``é``
    escaped as Latin-1) MUST NOT make the application fail, whatever it meets: GET on a
    ``string`` variable, on a static rule and on a path no rule matches, the automatic OPTIONS
    answer and a method the rule does not allow all get an answer that is not a 5xx server
    error."""
    method, path = case
    response = client.request(method, path)
    assert response.status < 500, f"{method} {path}: expected no server error, got\n{response.describe()}"


@requirement("routing.percent.invalid-utf-8.replaced", MAY, since="0.12", source=REQUEST_PATH,
             cases={"lone-byte": ("/str/%FF", "str:\ufffd"), "truncated-sequence": ("/str/a%C3", "str:a\ufffd")})
def test_invalid_utf_8_replaced(client, case):
    """Bytes that are not UTF-8 MAY reach a variable as U+FFFD REPLACEMENT CHARACTER, as
    Werkzeug decodes the path with ``errors="replace"``."""
    path, body = case
    served(client, path, body)


@requirement("routing.percent.encoded-slash-in-path", MUST, since="0.12", source=PATH)
def test_encoded_slash_in_path(client):
    """An encoded slash (``%2F``, either hex case) inside a ``path`` variable MUST reach the view
    as a slash, like a slash sent as such: ``/path/a%2Fb`` gives ``a/b``."""
    served(client, "/path/a%2Fb", "str:a/b")
    served(client, "/path/a%2fb/c", "str:a/b/c")


@requirement("routing.percent.encoded-slash-separates", MAY, since="0.12", source=REQUEST_PATH,
             cases={"variable": ("/str/a%2Fb", None), "static": ("/docs%2Fguide%2Fintro", "intro")})
def test_encoded_slash_separates(client, case):
    """An encoded slash MAY separate segments exactly as a slash does, as in Werkzeug, which
    matches the decoded ``PATH_INFO`` and never the raw ``REQUEST_URI``/``RAW_URI`` a server
    reports: ``/str/a%2Fb`` is then not found and ``/docs%2Fguide%2Fintro`` reaches
    ``/docs/guide/intro``."""
    path, body = case
    if body is None:
        not_found(client, path)
    else:
        served(client, path, body)


# The string converter

@requirement("routing.string.value", MUST, since="0.12", source=QUICKSTART_VARIABLES)
def test_string_value(client):
    """The default converter MUST pass the segment's text to the view unchanged, as a string
    (letter case and punctuation kept)."""
    served(client, "/str/hello", "str:hello")
    served(client, "/str/HeLLo.txt-1_~", "str:HeLLo.txt-1_~")


@requirement("routing.string.rejects", MUST, since="0.12", source=STRING,
             cases={"slash": "/str/a/b", "empty": "/str/"})
def test_string_rejects(client, case):
    """The default converter MUST match one whole non-empty segment: a value with a slash or an
    empty segment does not match (404 Not Found)."""
    not_found(client, case)


@requirement("routing.string.length", MUST, defects=[SEGMENT_START_DEFECT], since="0.12", source=STRING)
def test_string_length(client):
    """``string(length=n)`` MUST match exactly ``n`` characters, no fewer and no more."""
    served(client, "/str-exact/abc", "str:abc")
    not_found(client, "/str-exact/ab")
    not_found(client, "/str-exact/abcd")


@requirement("routing.string.length-in-characters", MUST, since="0.12", source=STRING)
def test_string_length_in_characters(client):
    """String lengths MUST count characters of the decoded text, not bytes: ``été`` (six UTF-8
    bytes) has length 3."""
    served(client, "/str-exact/%C3%A9t%C3%A9", "str:\u00e9t\u00e9")


@requirement("routing.string.min-max-length", MUST, defects=[SEGMENT_START_DEFECT], since="0.12", source=STRING)
def test_string_min_max_length(client):
    """``string(minlength=a, maxlength=b)`` MUST match from ``a`` to ``b`` characters, both
    bounds included."""
    not_found(client, "/str-range/a")
    served(client, "/str-range/ab", "str:ab")
    served(client, "/str-range/abcd", "str:abcd")
    not_found(client, "/str-range/abcde")


_segment_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/"),
    min_size=1, max_size=12)


@requirement("routing.string.round-trip", MUST, since="0.12", source=QUICKSTART_VARIABLES)
@given(text=_segment_text)
def test_string_round_trip(client_factory, text):
    """Any non-empty text without a slash or control characters, percent-encoded as UTF-8 into
    a segment, MUST reach a default-converter variable as exactly that text."""
    path = "/str/" + percent_encoded(text)
    response = client_factory().get(path, headers=CLOSE)
    assert (response.status, response.text) == (200, "str:" + text), \
        f"GET {path} ({text!r}): got {response.status} {response.text[:80]!r}"


# The int converter

@requirement("routing.int.value", MUST, since="0.12", source=QUICKSTART_VARIABLES)
def test_int_value(client):
    """The ``int`` converter MUST pass the view an integer."""
    served(client, "/int/42", "int:42")
    served(client, "/int/0", "int:0")


@requirement("routing.int.leading-zeros", MUST, since="0.12", source=INT)
def test_int_leading_zeros(client):
    """The ``int`` converter MUST accept leading zeros and pass the number they spell."""
    served(client, "/int/007", "int:7")


@requirement("routing.int.rejects", MUST, defects=segment_start("decimal", "exponent", "trailing-letter"), since="0.12", source=INT,
             cases={"minus": "/int/-1", "plus": "/int/+1", "letters": "/int/abc",
                    "trailing-letter": "/int/4x", "decimal": "/int/1.5", "exponent": "/int/1e3",
                    "empty": "/int/"})
def test_int_rejects(client, case):
    """Without arguments the ``int`` converter MUST match unsigned integers only: a sign, a
    letter, a decimal point, an exponent or no digit at all do not match."""
    not_found(client, case)


@requirement("routing.int.digits-only", MAY, defects=segment_start("underscore"), since="0.12", source=INT,
             cases={"underscore": "/int/1_000", "space": "/int/%201"})
def test_int_digits_only(client, case):
    """The ``int`` converter MAY refuse the other spellings Python's ``int()`` reads, digits
    grouped with an underscore or preceded by a space, as Werkzeug's digits-only pattern does."""
    not_found(client, case)


@requirement("routing.int.min-max", MUST, since="0.12", source=INT)
def test_int_min_max(client):
    """``int(min=a, max=b)`` MUST match the numbers from ``a`` to ``b``, both included, and no
    others."""
    not_found(client, "/int-range/0")
    served(client, "/int-range/1", "int:1")
    served(client, "/int-range/10", "int:10")
    not_found(client, "/int-range/11")


@requirement("routing.int.fixed-digits", MUST, since="0.12", source=INT)
def test_int_fixed_digits(client):
    """``int(fixed_digits=n)`` MUST match exactly ``n`` digits, zero-padded, and no other
    count."""
    served(client, "/int-fixed/0042", "int:42")
    served(client, "/int-fixed/9999", "int:9999")
    not_found(client, "/int-fixed/42")
    not_found(client, "/int-fixed/00042")


@requirement("routing.int.signed", MUST, since="0.12", packages=SIGNED, source=INT)
def test_int_signed(client):
    """``int(signed=True)`` MUST also accept a leading minus sign and pass the negative number;
    a plus sign or a doubled minus still does not match."""
    served(client, "/int-signed/-5", "int:-5")
    served(client, "/int-signed/5", "int:5")
    not_found(client, "/int-signed/+5")
    not_found(client, "/int-signed/--5")


@requirement("routing.int.any-digits", MUST, since="0.12", source=INT)
@given(number=st.integers(min_value=0, max_value=10 ** 24), zeros=st.integers(0, 3))
def test_int_any_digits(client_factory, number, zeros):
    """Any run of ASCII digits, leading zeros included, MUST reach an ``int`` variable as the
    integer it spells, with no size limit of its own."""
    path = "/int/" + "0" * zeros + str(number)
    response = client_factory().get(path, headers=CLOSE)
    assert (response.status, response.text) == (200, f"int:{number}"), \
        f"GET {path}: got {response.status} {response.text[:80]!r}"


@requirement("routing.int.non-ascii-digits", MAY, since="0.12", source=INT,
             cases={"arabic-indic": ("/int/%D9%A3%D9%A4", "int:34"),
                    "fullwidth": ("/int/%EF%BC%91%EF%BC%92", "int:12")})
def test_int_non_ascii_digits(client, case):
    """The ``int`` converter MAY take the decimal digits of other scripts (Unicode category Nd,
    such as ``٣٤`` or the fullwidth ``１２``) and pass the number they spell, as Werkzeug's
    ``\\d`` pattern and Python's ``int()`` do."""
    path, body = case
    served(client, path, body)


@requirement("routing.int.rejects-digit-symbols", MUST, since="0.12", source=INT,
             cases={"superscript": "/int/%C2%B2", "circled": "/int/%E2%91%A0",
                    "roman-numeral": "/int/%E2%85%AB"})
def test_int_rejects_digit_symbols(client, case):
    """Characters that are digits or numbers only in a wider sense, not decimal digits (a
    superscript ``²``, a circled ``①``, a Roman numeral ``Ⅻ``), MUST NOT match the ``int``
    converter: 404 Not Found, although ``str.isdigit()`` or ``str.isnumeric()`` accept them."""
    not_found(client, case)


# The float converter

@requirement("routing.float.value", MUST, since="0.12", source=QUICKSTART_VARIABLES)
def test_float_value(client):
    """The ``float`` converter MUST pass the view a floating point number."""
    served(client, "/float/1.5", "float:1.5")
    served(client, "/float/0.25", "float:0.25")
    served(client, "/float/01.50", "float:1.5")


@requirement("routing.float.rejects", MUST, since="0.12", source=FLOAT,
             cases={"minus": "/float/-1.5", "plus": "/float/+1.5", "comma": "/float/1,5"})
def test_float_rejects(client, case):
    """Without arguments the ``float`` converter MUST match unsigned floating point values only:
    a sign or a decimal comma does not match."""
    not_found(client, case)


@requirement("routing.float.digits-dot-digits", MAY, defects=segment_start("decimal-exponent"), since="0.12", source=FLOAT,
             cases={"integer": "/float/1", "leading-dot": "/float/.5", "trailing-dot": "/float/1.",
                    "exponent": "/float/1e5", "decimal-exponent": "/float/1.5e3",
                    "nan": "/float/nan", "infinity": "/float/inf"})
def test_float_digits_dot_digits(client, case):
    """The ``float`` converter MAY match only digits, a dot and digits, as Werkzeug's pattern
    does: an integer, a missing side of the dot, an exponent, ``nan`` or ``inf`` then do not
    match."""
    not_found(client, case)


@requirement("routing.float.min-max", MUST, since="0.12", source=FLOAT)
def test_float_min_max(client):
    """``float(min=a, max=b)`` MUST match the values from ``a`` to ``b``, both included, and no
    others."""
    not_found(client, "/float-range/0.4")
    served(client, "/float-range/0.5", "float:0.5")
    served(client, "/float-range/2.5", "float:2.5")
    not_found(client, "/float-range/2.6")


@requirement("routing.float.signed", MUST, since="0.12", packages=SIGNED, source=FLOAT)
def test_float_signed(client):
    """``float(signed=True)`` MUST also accept a leading minus sign and pass the negative
    value; a plus sign, or a signed integer, still does not match."""
    served(client, "/float-signed/-1.5", "float:-1.5")
    served(client, "/float-signed/1.5", "float:1.5")
    not_found(client, "/float-signed/+1.5")
    not_found(client, "/float-signed/-1")


@requirement("routing.float.non-ascii-digits", MAY, since="0.12", source=FLOAT)
def test_float_non_ascii_digits(client):
    """The ``float`` converter MAY take the decimal digits of other scripts on both sides of
    the dot and pass the number they spell (``١.٥`` gives 1.5), as Werkzeug's ``\\d`` pattern
    and Python's ``float()`` do."""
    served(client, "/float/%D9%A1.%D9%A5", "float:1.5")


# The path converter

@requirement("routing.path.value", MUST, since="0.12", source=QUICKSTART_VARIABLES)
def test_path_value(client):
    """The ``path`` converter MUST accept one or several segments and pass them, slashes
    included, as one string."""
    served(client, "/path/a", "str:a")
    served(client, "/path/a/b/c", "str:a/b/c")
    served(client, "/path/a.txt", "str:a.txt")


@requirement("routing.path.rejects-empty", MUST, since="0.12", source=PATH)
def test_path_rejects_empty(client):
    """The ``path`` converter MUST need at least one character: an empty value does not
    match."""
    not_found(client, "/path/")


@requirement("routing.path.keeps-trailing-slash", MUST, since="0.12", source=PATH)
def test_path_keeps_trailing_slash(client):
    """A trailing slash after a ``path`` variable that ends its rule MUST be passed as part of
    the value."""
    served(client, "/path/a/b/", "str:a/b/")


@requirement("routing.path.static-suffix", MUST, since="0.12", source=PATH)
def test_path_static_suffix(client):
    """A rule with static text after a ``path`` variable (``/files/<path:name>/edit``) MUST take
    the paths ending in that text, the variable getting what comes before it, even when a rule
    without the suffix was registered first."""
    served(client, "/files/a/b/edit", "edit str:a/b")
    served(client, "/files/a/edit", "edit str:a")
    served(client, "/files/a/b", "view str:a/b")
    served(client, "/files/a/edit/x", "view str:a/edit/x")


# The uuid converter

@requirement("routing.uuid.value", MUST, since="0.12", source=QUICKSTART_VARIABLES)
def test_uuid_value(client):
    """The ``uuid`` converter MUST pass the view a UUID object for the hyphenated form."""
    value = "12345678-1234-5678-1234-567812345678"
    served(client, "/uuid/" + value, "uuid:" + value)


@requirement("routing.uuid.upper-case", MUST, since="0.12", source=UUID)
def test_uuid_upper_case(client):
    """The ``uuid`` converter MUST accept upper-case hexadecimal digits; the view gets the same
    UUID, whose canonical form is lower case."""
    served(client, "/uuid/12345678-ABCD-5678-90EF-567812345678",
           "uuid:12345678-abcd-5678-90ef-567812345678")


@requirement("routing.uuid.rejects", MUST, defects=segment_start("long"), since="0.12", source=UUID,
             cases={"no-hyphens": "12345678123456781234567812345678",
                    "braces": "%7B12345678-1234-5678-1234-567812345678%7D",
                    "urn": "urn:uuid:12345678-1234-5678-1234-567812345678",
                    "short": "12345678-1234-5678-1234-56781234567",
                    "long": "12345678-1234-5678-1234-5678123456789",
                    "not-hex": "g2345678-1234-5678-1234-567812345678",
                    "misplaced-hyphens": "1234-5678-12345678-1234-567812345678"})
def test_uuid_rejects(client, case):
    """The ``uuid`` converter MUST match only the hyphenated 8-4-4-4-12 hexadecimal form: other
    spellings Python's ``uuid`` module would read, or wrong digits, do not match."""
    not_found(client, "/uuid/" + case)


# The any converter

@requirement("routing.any.value", MUST, since="0.12", source=ANY,
             cases={"first": "red", "middle": "green", "last": "blue"})
def test_any_value(client, case):
    """The ``any`` converter MUST match each of its listed words and pass the word as a
    string."""
    served(client, "/any/" + case, "str:" + case)


@requirement("routing.any.rejects", MUST, defects=segment_start("longer"), since="0.12", source=ANY,
             cases={"unlisted": "/any/purple", "prefix": "/any/re", "longer": "/any/redx",
                    "upper-case": "/any/RED"})
def test_any_rejects(client, case):
    """The ``any`` converter MUST match a listed word exactly: another word, a part of one, a
    longer one or one in another letter case does not match."""
    not_found(client, case)


@requirement("routing.any.quoted", MUST, since="0.12", source=ANY,
             cases={"comma": ("a,b", "a,b"), "dot": ("c.d", "c.d"), "space": ("e%20f", "e f"),
                    "bare-beside-quoted": ("plain", "plain")})
def test_any_quoted(client, case):
    """A quoted item of the ``any`` converter (``any("a,b", "c.d", "e f", plain)``) MUST match
    exactly the text between its quotes, commas, dots and spaces included, and pass that text;
    a bare item in the same list still matches."""
    segment, word = case
    served(client, "/any-quoted/" + segment, "str:" + word)


@requirement("routing.any.quoted-rejects", MUST, since="0.12", source=ANY,
             cases={"before-comma": "/any-quoted/a", "after-comma": "/any-quoted/b",
                    "dot-as-wildcard": "/any-quoted/cxd", "with-quotes": "/any-quoted/%22a,b%22"})
def test_any_quoted_rejects(client, case):
    """The ``any`` converter MUST take a quoted item as one literal word: a part of it split at
    its comma, its dot read as a pattern wildcard, or the item with its quotes does not match."""
    not_found(client, case)


# Variable parts in general

@requirement("routing.variable.partial-segment", MUST, since="0.12", source=RULE_FORMAT)
def test_partial_segment(client):
    """A variable part MUST be able to share its segment with static text
    (``/feeds/<name>.rss``): it gets what lies between, which must not be empty."""
    served(client, "/feeds/news.rss", "str:news")
    served(client, "/feeds/a.b.rss", "str:a.b")
    not_found(client, "/feeds/news")
    not_found(client, "/feeds/.rss")


@requirement("routing.variable.several", MUST, since="0.12", source=RULE_FORMAT)
def test_several_variables(client):
    """A rule with several variable parts MUST pass each to the view, each converted by its
    own converter, and match only when every one of them matches."""
    served(client, "/archive/2024/hello", "int:2024 str:hello")
    not_found(client, "/archive/x/hello")


@requirement("routing.defaults.several-rules", MUST, since="0.12", source=REGISTRATIONS)
def test_defaults(client):
    """Several rules MUST be able to lead to one view, a rule's ``defaults`` supplying, with
    their own type, the values its URL does not carry."""
    served(client, "/users", "int:1")
    served(client, "/users/page/3", "int:3")


# A rule and its slash-terminated twin

@requirement("routing.twin.leaf-first", MUST, since="0.12", source=QUICKSTART_SLASHES)
def test_twin_leaf_first(client):
    """When a rule (``/twin``) and its slash-terminated twin (``/twin/``) are both registered,
    the leaf first, each MUST serve its own URL: ``/twin`` reaches the leaf's view and
    ``/twin/`` the branch's, neither redirected."""
    served(client, "/twin", "leaf")
    served(client, "/twin/", "branch")


@requirement("routing.twin.branch-first", MUST, since="0.12", packages=ROUTER_2_2,
             source=QUICKSTART_SLASHES)
def test_twin_branch_first(client):
    """With the slash-terminated rule registered before its twin, each MUST still serve its
    own URL, static (``/twin-reversed``, ``/twin-reversed/``) or with a variable
    (``/twin-var/<name>``, ``/twin-var/<name>/``): the slash-less URL reaches the leaf, not a
    redirect to the branch (Werkzeug 2.2 and later)."""
    served(client, "/twin-reversed", "leaf")
    served(client, "/twin-reversed/", "branch")
    served(client, "/twin-var/x", "leaf str:x")
    served(client, "/twin-var/x/", "branch str:x")


# Which rule wins

@requirement("routing.precedence.static-over-variable", MUST, since="0.12", source=PRIORITY)
def test_static_over_variable(client):
    """A static segment MUST win over a variable one in the same place, even when the variable
    rule was registered first."""
    served(client, "/page/new", "static")
    served(client, "/page/other", "variable str:other")


@requirement("routing.precedence.converter-weight", MUST, defects=[SEGMENT_START_DEFECT], since="0.12", source=PRIORITY)
def test_converter_weight(client):
    """Where several converters could take a segment, ``int`` and ``float`` MUST be tried before
    ``string``, whatever the registration order."""
    served(client, "/item/5", "int:5")
    served(client, "/item/1.5", "float:1.5")
    served(client, "/item/x", "str:x")


@requirement("routing.precedence.path-last", MUST, since="0.12", source=PRIORITY)
def test_path_last(client):
    """A ``path`` variable MUST lose to a ``string`` variable that can take the same single
    segment, even when the ``path`` rule was registered first."""
    served(client, "/deep/x", "segment str:x")
    served(client, "/deep/x/y", "path str:x/y")


@requirement("routing.precedence.longer-static", MUST, since="0.12", source=PRIORITY)
def test_longer_static(client):
    """Where static text shares a segment with a variable, the rule with the longer static text
    MUST win when both match, even when it was registered last."""
    served(client, "/tag/version", "long str:sion")
    served(client, "/tag/vx", "short str:x")


@requirement("routing.precedence.static-in-segment", MUST, since="0.12", source=PRIORITY)
def test_static_in_segment(client):
    """A segment with static text around its variable (``<name>.csv``) MUST win over a bare
    variable in the same place when both match, even when registered last."""
    served(client, "/export/a.csv", "csv str:a")
    served(client, "/export/a", "bare str:a")
    served(client, "/export/a.txt", "bare str:a.txt")


@requirement("routing.precedence.more-static-segments", MUST, since="0.12", packages=OLD_ROUTER,
             source=PRIORITY)
def test_more_static_segments(client):
    """With the router before Werkzeug 2.2, a rule with more static segments MUST win over one
    with fewer, wherever those segments are: ``/mix/1/edit`` reaches ``/mix/<a>/edit``, not
    ``/mix/<int:a>/<b>``, in either registration order."""
    served(client, "/mix/1/edit", "named str:1")
    served(client, "/mix-reversed/1/edit", "named str:1")


@requirement("routing.precedence.leftmost-segment", MUST, since="0.12", packages=ROUTER_2_2, source=PRIORITY)
def test_leftmost_segment(client):
    """With the router of Werkzeug 2.2 and later, rules MUST be compared segment by segment from
    the left, the first segment that differs deciding: ``/mix/1/edit`` reaches
    ``/mix/<int:a>/<b>`` (``int`` beats ``string`` in segment two) rather than
    ``/mix/<a>/edit``, in either registration order."""
    served(client, "/mix/1/edit", "numbered int:1 str:edit")
    served(client, "/mix-reversed/1/edit", "numbered int:1 str:edit")


@requirement("routing.precedence.registration-order", MUST, defects=[SEGMENT_START_DEFECT], since="0.12", source=PRIORITY)
def test_registration_order(client):
    """Of two equally specific rules that both match, the one registered first MUST win; the
    later one gets only what the first rejects."""
    served(client, "/tie/abc", "first str:abc")
    served(client, "/tie/abcd", "second str:abcd")
    served(client, "/tie-reversed/abc", "first str:abc")
    served(client, "/tie-reversed/abcd", "first str:abcd")
