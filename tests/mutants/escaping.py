"""Mutants of the escaping chapter.

Faults in the library functions (escape, Markup) are injected by building the fixture with one of
its module's names replaced: :func:`fixture_with` runs the fixture's ``create_app`` against a copy
of its globals, so its views call the faulty function and nothing else is touched. Faults in the
template setup change the application object before the fixture registers its routes.
"""

import html
import json
import re
import types

from jinja2.ext import Extension
from markupsafe import Markup, escape

from flask_conformance.fixtures.flask import escaping as fixture

from . import mutant


def fixture_with(**names):
    """The fixture's ``create_app`` seeing ``names`` instead of its module's own (views included)."""
    namespace = dict(vars(fixture))
    namespace.update(names)
    return types.FunctionType(fixture.create_app.__code__, namespace, "create_app")


# escape()


@mutant("escaping", kills=["escaping.escape.markupsafe-spelling.escape"], stage="build")
def escape_with_other_quote_references(make_app):
    """escape() built on the standard library's html.escape: ``&quot;`` and ``&#x27;``, correct
    escaping (tests/test_variants.py shows the MUST requirements accept it), not MarkupSafe's."""
    def other_escape(value):
        if hasattr(value, "__html__"):
            return Markup(value.__html__())
        return Markup(html.escape(str(value), quote=True))
    return fixture_with(escape=other_escape)(make_app)


@mutant("escaping", kills=["escaping.escape.characters.quot", "escaping.escape.characters.apos",
                           "escaping.view.fstring", "escaping.property.round-trip.escape",
                           "escaping.property.round-trip.fstring"],
        stage="build")
def escape_leaves_quotes(make_app):
    """escape() that only handles ``& < >``, like the old cgi.escape without quote=True."""
    def no_quotes(value):
        if hasattr(value, "__html__"):
            return Markup(value.__html__())
        return Markup(html.escape(str(value), quote=False))
    return fixture_with(escape=no_quotes)(make_app)


@mutant("escaping", kills=["escaping.escape.characters.lt", "escaping.escape.characters.gt"], stage="build")
def escape_ampersand_last(make_app):
    """escape() replacing ``&`` after the other characters, so their references are escaped again."""
    def ampersand_last(value):
        if hasattr(value, "__html__"):
            return Markup(value.__html__())
        text = str(value).replace("<", "&lt;").replace(">", "&gt;")
        text = text.replace('"', "&#34;").replace("'", "&#39;")
        return Markup(text.replace("&", "&amp;"))
    return fixture_with(escape=ampersand_last)(make_app)


@mutant("escaping", kills=["escaping.escape.characters.amp", "escaping.property.round-trip.escape",
                           "escaping.property.round-trip.fstring"], stage="build")
def escape_keeps_ampersand(make_app):
    """escape() leaving ``&`` alone, "so that entities the user typed keep working"."""
    def keeps_ampersand(value):
        if hasattr(value, "__html__"):
            return Markup(value.__html__())
        text = str(value).replace("<", "&lt;").replace(">", "&gt;")
        return Markup(text.replace('"', "&#34;").replace("'", "&#39;"))
    return fixture_with(escape=keeps_ampersand)(make_app)


@mutant("escaping", kills=["escaping.escape.other-text-unchanged"], stage="build")
def escape_slashes_and_backticks(make_app):
    """escape() also encoding ``/`` and backticks, as some XSS cheat sheets advise."""
    def overreaching(value):
        return Markup(escape(value).replace("/", "&#x2F;").replace("`", "&#96;"))
    return fixture_with(escape=overreaching)(make_app)


@mutant("escaping", kills=["escaping.escape.no-double-escape"], stage="build")
def escape_returns_plain_string(make_app):
    """escape() returning a plain str: its result is not marked safe and gets escaped again."""
    return fixture_with(escape=lambda value: str(escape(value)))(make_app)


@mutant("escaping", kills=["escaping.escape.markup-unchanged", "escaping.escape.no-double-escape"],
        stage="build")
def escape_ignores_html_method(make_app):
    """escape() that never asks a value for ``__html__``, so safe strings are escaped anyway."""
    return fixture_with(escape=lambda value: escape(str(value)))(make_app)


# Markup


class TagOnlyMarkup(str):
    """A "safe string" type that only marks text safe: str's operations are not overridden."""

    def __html__(self):
        return self


@mutant("escaping", kills=[f"escaping.markup.escapes-operand.{case}"
                           for case in ("percent", "percent-tuple", "percent-dict", "format", "format-keyword",
                                        "format-conversion",
                                        "add", "radd", "join")], stage="build")
def markup_operations_not_escaping(make_app):
    return fixture_with(Markup=TagOnlyMarkup)(make_app)


class NoReflectedAdd(Markup):
    def __radd__(self, other):
        return NotImplemented  # Python then uses str.__add__: plain, unescaped concatenation


@mutant("escaping", kills=["escaping.markup.escapes-operand.radd"], stage="build")
def markup_without_reflected_add(make_app):
    return fixture_with(Markup=NoReflectedAdd)(make_app)


class UnescapedFormat(Markup):
    def format(self, *args, **kwargs):
        return Markup(str.format(self, *args, **kwargs))

    def join(self, seq):
        return Markup(str.join(self, seq))


@mutant("escaping", kills=["escaping.markup.escapes-operand.format", "escaping.markup.escapes-operand.join"],
        stage="build")
def markup_format_and_join_inherited(make_app):
    """Markup whose ``format`` and ``join`` are str's, re-marked safe without escaping."""
    return fixture_with(Markup=UnescapedFormat)(make_app)


class SingleValuePercent(Markup):
    """``%`` escaping a single value, but handing a tuple or a dict to str's ``%`` untouched."""

    def __mod__(self, arg):
        if isinstance(arg, (tuple, dict)):
            return Markup(str.__mod__(self, arg))
        return super().__mod__(arg)


@mutant("escaping", kills=["escaping.markup.escapes-operand.percent-tuple", "escaping.markup.escapes-operand.percent-dict"],
        stage="build")
def markup_percent_escapes_single_value_only(make_app):
    return fixture_with(Markup=SingleValuePercent)(make_app)


class PositionalFormat(Markup):
    """``format()`` escaping the positional arguments only."""

    def format(self, *args, **kwargs):
        return Markup(str.format(self, *[escape(arg) for arg in args], **kwargs))


@mutant("escaping", kills=["escaping.markup.escapes-operand.format-keyword"], stage="build")
def markup_format_escapes_positional_only(make_app):
    return fixture_with(Markup=PositionalFormat)(make_app)


class ConversionUnescaped(Markup):
    """``format()`` escaping the arguments but not what a ``!r`` or ``!s`` conversion makes of
    them (the conversion done by the standard formatter after escaping)."""

    def format(self, *args, **kwargs):
        import string

        class Formatter(string.Formatter):
            def convert_field(self, value, conversion):
                return Markup(super().convert_field(str(value), conversion)) if conversion else escape(value)

        return Markup(Formatter().vformat(str(self), args, kwargs))


@mutant("escaping", kills=["escaping.markup.escapes-operand.format-conversion"], stage="build")
def markup_format_conversion_unescaped(make_app):
    return fixture_with(Markup=ConversionUnescaped)(make_app)


class EscapeThenFormat(Markup):
    """``format()`` escaping each argument to a str first, then formatting: the format spec
    pads the escaped text, and an object's ``__html_format__`` is never asked."""

    def format(self, *args, **kwargs):
        return Markup(str.format(self, *[str(escape(arg)) for arg in args],
                                 **{key: str(escape(arg)) for key, arg in kwargs.items()}))


@mutant("escaping", kills=["escaping.markup.format-spec"], stage="build")
def markup_format_escapes_before_formatting(make_app):
    return fixture_with(Markup=EscapeThenFormat)(make_app)


class HtmlBlind(Markup):
    """``format()`` and ``%`` escaping every argument's text, ``__html__`` or not."""

    def format(self, *args, **kwargs):
        return Markup(str.format(self, *[_text_escaped(arg) for arg in args]))

    def __mod__(self, arg):
        return Markup(str.__mod__(self, _text_escaped(arg)))


def _text_escaped(value):
    return escape(getattr(value, "text", str(value)))


@mutant("escaping", kills=["escaping.markup.html-object.format", "escaping.markup.html-object.format-spec",
                           "escaping.markup.html-object.percent"], stage="build")
def markup_ignores_html_objects(make_app):
    return fixture_with(Markup=HtmlBlind)(make_app)


class NoHtmlFormat(Markup):
    """``format()`` using ``__html__`` whatever the format spec, never ``__html_format__``."""

    def format(self, *args, **kwargs):
        plain = str(self).replace(":upper}", "}")
        return Markup(plain).format(*args, **kwargs)


@mutant("escaping", kills=["escaping.markup.html-object.format-spec"], stage="build")
def markup_without_html_format(make_app):
    return fixture_with(Markup=NoHtmlFormat)(make_app)


class StrFormatMap(Markup):
    """``format_map()`` inherited from str, as in MarkupSafe before 2.1.3."""

    def format_map(self, mapping):
        return str.format_map(self, mapping)


@mutant("escaping", kills=["escaping.markup.format-map"], stage="build")
def markup_format_map_from_str(make_app):
    return fixture_with(Markup=StrFormatMap)(make_app)


class JoinEscapesAll(Markup):
    """``join()`` escaping the text of every item, Markup items included."""

    def join(self, seq):
        return Markup(str.join(self, [str(escape(str(item))) for item in seq]))


@mutant("escaping", kills=["escaping.markup.join-keeps-markup"], stage="build")
def markup_join_escapes_markup_items(make_app):
    return fixture_with(Markup=JoinEscapesAll)(make_app)


class TagStripper(Markup):
    def striptags(self):
        return re.sub(r"<[^>]*>", "", self)  # neither comments, whitespace nor references handled


class NamedOnlyUnescape(Markup):
    def unescape(self):
        text = str(self)
        for reference, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&amp;", "&")):
            text = text.replace(reference, char)
        return text


@mutant("escaping", kills=["escaping.markup.striptags"], stage="build")
def striptags_only_removes_tags(make_app):
    return fixture_with(Markup=TagStripper)(make_app)


@mutant("escaping", kills=["escaping.markup.unescape"], stage="build")
def unescape_named_references_only(make_app):
    """unescape() knowing four named references, not numeric ones, and decoding ``&amp;amp;`` twice."""
    return fixture_with(Markup=NamedOnlyUnescape)(make_app)


# Which templates are autoescaped


AUTOESCAPED = (".html", ".htm", ".xml", ".xhtml", ".svg")


def select(app, rule):
    """Replace the app's autoescape selection (read when its Jinja environment is created)."""
    app.select_jinja_autoescape = rule


@mutant("escaping", kills=["escaping.autoescape.svg-on"], stage="setup")
def autoescape_without_svg(app):
    """The extension list of Flask before 2.2.3."""
    select(app, lambda name: name is None or name.endswith(AUTOESCAPED[:-1]))


@mutant("escaping", kills=["escaping.autoescape.on.htm", "escaping.autoescape.on.xml",
                           "escaping.autoescape.on.xhtml", "escaping.autoescape.svg-on"], stage="setup")
def autoescape_html_only(app):
    select(app, lambda name: name is None or name.endswith(".html"))


@mutant("escaping", kills=[f"escaping.autoescape.on.{case}" for case in ("html", "htm", "xml", "xhtml")]
        + ["escaping.autoescape.svg-on", "escaping.autoescape.quotes", "escaping.property.round-trip.template"],
        stage="setup")
def autoescape_extensions_without_dot(app):
    """Comparing splitext()'s suffix (".html") with extensions written without the dot."""
    import os.path

    select(app, lambda name: name is None or os.path.splitext(name)[1] in ("html", "htm", "xml", "xhtml", "svg"))


@mutant("escaping", kills=["escaping.autoescape.off.txt", "escaping.autoescape.off.html-j2",
                           "escaping.autoescape.extension-case"], stage="setup")
def autoescape_every_template(app):
    select(app, lambda name: True)


@mutant("escaping", kills=["escaping.autoescape.off.html-j2"], stage="setup")
def autoescape_extension_anywhere(app):
    """Looking for the extension anywhere in the name: ``page.html.j2`` is escaped."""
    select(app, lambda name: name is None or any(ext in name for ext in AUTOESCAPED))


@mutant("escaping", kills=["escaping.autoescape.extension-case"], stage="setup")
def autoescape_extension_ignoring_case(app):
    select(app, lambda name: name is None or name.lower().endswith(AUTOESCAPED))


@mutant("escaping", kills=["escaping.autoescape.template-string", "escaping.property.round-trip.template-string"],
        stage="setup")
def template_strings_not_autoescaped(app):
    """Flask before 0.11: templates from strings (no name) were not autoescaped."""
    select(app, lambda name: name is not None and name.endswith(AUTOESCAPED))


@mutant("escaping", kills=["escaping.autoescape.svg-off"], profile="2.2.2")
def svg_autoescaped_under_flask_2_2_2(app):
    """An implementation claiming the Flask 2.2.2 API while autoescaping .svg like later releases."""
    return app


# Inside templates


def jinja_option(app, name, value):
    """Set a Jinja environment option (before the environment is created)."""
    app.jinja_options = dict(app.jinja_options, **{name: value})


class IgnoreAutoescapeTags(Extension):
    """An engine without the ``{% autoescape %}`` tag that silently drops it."""

    def preprocess(self, source, name, filename=None):
        return re.sub(r"{%-?\s*(?:end)?autoescape\b[^%]*-?%}", "", source)


@mutant("escaping", kills=["escaping.autoescape.block-false", "escaping.autoescape.block-true"], stage="setup")
def autoescape_tag_ignored(app):
    extensions = list(app.jinja_options.get("extensions", ())) + [IgnoreAutoescapeTags]
    jinja_option(app, "extensions", extensions)


@mutant("escaping", kills=["escaping.template.markup-value", "escaping.template.safe-filter",
                           "escaping.template.escape-filter-once", "escaping.template.tojson"], stage="setup")
def finalize_drops_safe_mark(app):
    """A finalize hook rendering None as "" that returns str(value), losing Markup's safe mark."""
    jinja_option(app, "finalize", lambda value: "" if value is None else str(value))


@mutant("escaping", kills=["escaping.autoescape.quotes", "escaping.property.round-trip.template",
                           "escaping.property.round-trip.template-string"], stage="setup")
def template_values_escaped_without_quotes(app):
    """Values escaped by a finalize hook with html.escape(quote=False), then marked safe."""
    def finalize(value):
        if hasattr(value, "__html__"):
            return value
        return Markup(html.escape(str(value), quote=False))
    jinja_option(app, "finalize", finalize)


@mutant("escaping", kills=["escaping.escape.markupsafe-spelling.template"], stage="setup")
def template_values_escaped_by_html_escape(app):
    """Values escaped by a finalize hook with html.escape(): correct, but ``&quot;`` and ``&#x27;``."""
    def finalize(value):
        if hasattr(value, "__html__"):
            return value
        return Markup(html.escape(str(value), quote=True))
    jinja_option(app, "finalize", finalize)


@mutant("escaping", kills=["escaping.escape.characters.amp", "escaping.escape.characters.quot"], stage="build")
def escape_with_unknown_references(make_app):
    """escape() writing made-up entity names (``&ampersand;``, ``&dquote;``): they look like
    references but HTML knows no such names, so browsers show them as typed."""
    def made_up(value):
        if hasattr(value, "__html__"):
            return Markup(value.__html__())
        text = str(value).replace("&", "&ampersand;").replace("<", "&lt;").replace(">", "&gt;")
        return Markup(text.replace('"', "&dquote;").replace("'", "&#39;"))
    return fixture_with(escape=made_up)(make_app)


@mutant("escaping", kills=["escaping.autoescape.block-false", "escaping.template.safe-filter",
                           "escaping.autoescape.off.txt"], stage="setup")
def context_escaped_before_rendering(app):
    """Escaping every context string before rendering, instead of autoescaping the output."""
    update = app.update_template_context

    def escaped_context(context):
        update(context)
        for key, value in list(context.items()):
            if isinstance(value, str):
                context[key] = escape(value)
    app.update_template_context = escaped_context


@mutant("escaping", kills=["escaping.template.escape-filter"], stage="setup")
def escape_filter_is_a_no_op(app):
    """``|e`` as a no-op, "since autoescaping handles it" (it does not in .txt templates)."""
    app.jinja_env.filters["e"] = app.jinja_env.filters["escape"] = lambda value: value


@mutant("escaping", kills=["escaping.template.tojson"], stage="setup")
def tojson_plain_json(app):
    """``|tojson`` as json.dumps marked safe, without escaping ``< > & '`` (Flask before 0.10)."""
    app.jinja_env.filters["tojson"] = lambda value: Markup(json.dumps(value))


# Request input in the framework's own pages


@mutant("escaping", kills=["escaping.error-page.description"], stage="setup")
def error_page_description_raw(app):
    """Error pages written with the description as it is, not escaped."""
    from werkzeug.exceptions import HTTPException

    @app.errorhandler(HTTPException)
    def page(error):
        return f"<title>{error.code} {error.name}</title><h1>{error.name}</h1><p>{error.description}</p>", error.code


@mutant("escaping", kills=["escaping.error-page.description"], stage="setup")
def error_page_description_escaped_twice(app):
    """Error pages escaping a description that was already escaped once: the page shows
    ``&lt;`` where the description has ``<``."""
    from werkzeug.exceptions import HTTPException

    @app.errorhandler(HTTPException)
    def page(error):
        return Markup("<h1>{}</h1><p>{}</p>").format(error.name, str(escape(error.description))), error.code


def raw_redirect(location, code=302):
    """A redirect whose body links the target as it is, not escaped."""
    import flask

    body = f'<h1>Redirecting...</h1><p><a href="{location}">{location}</a></p>'
    return flask.Response(body, code, {"Location": location}, mimetype="text/html")


@mutant("escaping", kills=["escaping.redirect.body"], stage="build")
def redirect_body_raw(make_app):
    return fixture_with(redirect=raw_redirect)(make_app)
