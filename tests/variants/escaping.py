"""Escaping: other correct character references."""

import html

import flask
from jinja2 import pass_eval_context
from markupsafe import Markup

from tests.mutants.escaping import fixture_with
from tests.variants import variant


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




def _framework_pages(app, change):
    """Pass the body of every redirect and error answer through ``change``."""
    from tests.mutants import rewrite_response

    def rewrite(status, headers, body, environ):
        return (status, headers, change(body)) if int(status[:3]) >= 300 else (status, headers, body)

    return rewrite_response(app, rewrite)


@variant("escaping", transport="both")
def framework_pages_spelled_otherwise(app):
    """Error pages and redirect bodies writing the references in other correct spellings."""
    respell = {b"&#34;": b"&quot;", b"&lt;": b"&#x3C;", b"&gt;": b"&#62;", b"&#39;": b"&apos;", b"&amp;": b"&#38;"}

    def change(body):
        for ours, theirs in respell.items():
            body = body.replace(ours, theirs)
        return body

    return _framework_pages(app, change)


@variant("escaping", transport="both")
def redirects_without_body(app):
    """Redirects with an empty body, as Bottle and Microdot send them: nothing to inject into."""
    from tests.mutants import rewrite_response

    def rewrite(status, headers, body, environ):
        return (status, headers, b"") if status.startswith("30") else (status, headers, body)

    return rewrite_response(app, rewrite)
