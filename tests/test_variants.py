"""Equivalent variants: the reference with an output HTTP or HTML treats as the same must pass.

A mutant proves a requirement can fail; a variant proves it does not fail a correct
implementation for an accident of Flask's output. Each variant is the Flask reference with one
change that keeps the behaviour (``charset=UTF-8`` for ``charset=utf-8``, ``&quot;`` for
``&#34;``, ``httponly`` for ``HttpOnly``, ``%c3%a9`` for ``%C3%A9``...); the spec is run against
it and every requirement must pass except those named in ``fails``, which are about the exact
spelling (a MAY) or about the one thing the variant really changes.
"""

import html
import re

import flask
import pytest
from jinja2 import pass_eval_context
from markupsafe import Markup

from flask_conformance import api
from tests.mutants import Mutant
from tests.mutants.escaping import fixture_with
from tests.mutants.sessions import SecureCookieSessionInterface, _install

VARIANTS = []


def variant(chapter, *, stage="wrap", fails=(), transport="wsgi"):
    """Register the decorated fault as an equivalent variant of the reference (see Mutant)."""
    def register(fault):
        VARIANTS.append((Mutant(chapter=chapter, kills=(), fault=fault, stage=stage, transport=transport,
                                name=f"variant:{chapter}:{fault.__name__}"), frozenset(fails)))
        return fault
    return register


def rewrite_header(app, name, change):
    """A middleware passing every value of the response header ``name`` through ``change``; the
    body streams through untouched."""
    def middleware(environ, start_response):
        def respelled(status, headers, exc_info=None):
            headers = [(k, change(v) if k.lower() == name else v) for k, v in headers]
            return start_response(status, headers, exc_info)
        return app(environ, respelled)
    return middleware


# responses: Content-Type spelled as RFC 9110 allows

CONTENT_TYPES = {
    "text/html; charset=utf-8": 'Text/HTML;Charset="UTF-8"',
    "text/plain; charset=utf-8": "text/plain ;charset=UTF-8",
    "text/csv; charset=utf-8": "TEXT/CSV;  CHARSET=Utf-8",
    "text/plain": "Text/Plain",
    "application/json": "application/json; charset=UTF-8",
}


@variant("responses", transport="both")
def content_types_spelled_otherwise(app):
    """Every Content-Type in another spelling of the same media type and charset (and JSON with
    the ``charset=UTF-8`` RFC 8259 says changes nothing), as Bottle and Microdot write them."""
    return rewrite_header(app, "content-type", lambda v: CONTENT_TYPES.get(v, v))


# escaping: other correct character references

#: One spelling per character, none of them MarkupSafe's: hexadecimal, upper-case X, an
#: upper-case HTML5 name, the HTML5 ``&apos;``, and a decimal with leading zeros.
EXOTIC = {"&": "&#x26;", "<": "&#0060;", ">": "&GT;", '"': "&#X22;", "'": "&apos;"}


def exotic_escape(value):
    if hasattr(value, "__html__"):
        return Markup(value.__html__())
    return Markup("".join(EXOTIC.get(char, char) for char in str(value)))


class ExoticMarkup(Markup):
    """Markup whose operations (``%``, ``format``, ``+``, ``join``) escape with :func:`exotic_escape`."""

    @classmethod
    def escape(cls, value):
        return cls(exotic_escape(value))


@pass_eval_context
def exotic_finalize(eval_ctx, value):
    """Autoescaping with the exotic spelling: escape where Jinja would, and hand it Markup."""
    if eval_ctx.autoescape and not hasattr(value, "__html__"):
        return exotic_escape(value)
    return value


def _exotic_flask(import_name):
    app = flask.Flask(import_name)
    app.jinja_options = dict(app.jinja_options, finalize=exotic_finalize)
    return app


SPELLING = {"escaping.escape.markupsafe-spelling.escape", "escaping.escape.markupsafe-spelling.template"}


@variant("escaping", stage="build", fails=SPELLING)
def references_spelled_otherwise(make_app):
    """escape(), Markup's operations and autoescaping all writing other correct references."""
    return fixture_with(escape=exotic_escape, Markup=ExoticMarkup)(_exotic_flask)


@variant("escaping", stage="build", fails={"escaping.escape.markupsafe-spelling.escape"})
def escape_from_the_standard_library(make_app):
    """escape() built on html.escape: ``&quot;`` and ``&#x27;``, Python's own spelling."""
    def stdlib_escape(value):
        if hasattr(value, "__html__"):
            return Markup(value.__html__())
        return Markup(html.escape(str(value), quote=True))
    return fixture_with(escape=stdlib_escape)(make_app)


# sessions: cookie attributes as RFC 6265 user agents read them

def _respell_cookie(value):
    value = re.sub(r"; Path=", "; path=", value)
    value = re.sub(r"; Domain=([^;]*)", lambda m: "; DOMAIN=." + m.group(1).upper(), value)
    value = value.replace("; HttpOnly", "; httponly").replace("; Secure", "; SECURE=yes")
    value = value.replace("; SameSite=Strict", "; samesite=strict").replace("; Partitioned", "; partitioned")
    return value.replace("; Max-Age=0", "; max-age=-1")


@variant("sessions", transport="both")
def cookie_attributes_spelled_otherwise(app):
    """Attribute names in other cases, ``Domain`` upper-case with a leading dot, flags with values
    user agents ignore, ``SameSite`` in lower case and a deleting ``Max-Age`` below zero."""
    return rewrite_header(app, "set-cookie", _respell_cookie)


class OneName(SecureCookieSessionInterface):
    """A session cookie always named ``flask_session``: another default, and no renaming."""

    def get_cookie_name(self, app):
        return "flask_session"


NAME_REQUIREMENTS = {"sessions.cookie.default-name", "sessions.cookie.configured.name",
                     "sessions.roundtrip.configured-name"}


@variant("sessions", stage="setup", fails=NAME_REQUIREMENTS)
def cookie_named_otherwise(app):
    """Only the name requirements fail when the implementation names its session cookie
    otherwise and cannot rename it (as Microdot cannot)."""
    _install(OneName())(app)


# redirects: Location as RFC 3986 compares URIs

def _respell_location(value):
    value = re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), value)
    return re.sub(r"^(\w+)://([^/]*)", lambda m: f"{m.group(1).upper()}://{m.group(2).upper()}", value)


@variant("redirects", transport="both")
def locations_spelled_otherwise(app):
    """Scheme and host upper-case, percent-escapes with lower-case hex digits."""
    return rewrite_header(app, "location", _respell_location)


@pytest.mark.parametrize("entry", VARIANTS, ids=[v.name for v, _ in VARIANTS])
def test_equivalent_variant_passes(entry):
    impl, fails = entry
    document = api.run(impl, transport=impl.transport, requirements=[f"{impl.chapter}.*"])
    records = document["requirements"]
    assert records, f"no requirement of {impl.chapter} ran"
    failed = {r["id"] for r in records if r["outcome"] not in ("pass", "not-applicable")}
    wrong = [f"{r['id']} [{r['transport']}]: {r['outcome']}: {r['message']}"
             for r in records if r["outcome"] not in ("pass", "not-applicable") and r["id"] not in fails]
    assert not wrong, "an equivalent output failed:\n" + "\n".join(wrong)
    assert failed == fails, f"expected exactly {sorted(fails)} to fail, these did: {sorted(failed)}"
