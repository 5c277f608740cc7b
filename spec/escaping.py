"""HTML escaping
=============

A Flask view that puts text from a request into HTML must escape it, or a visitor can inject
markup and script into the page (cross-site scripting). Flask gives two tools for this.

**Escaping by hand.** ``escape()`` (from MarkupSafe) turns the five characters that mean
something in HTML into character references: ``&`` becomes ``&amp;``, ``<`` becomes ``&lt;``,
``>`` becomes ``&gt;``, ``"`` becomes ``&#34;`` and ``'`` becomes ``&#39;``. Every other
character is left as it is. The result is a ``Markup`` string: text already safe for HTML.
Escaping ``Markup`` again changes nothing, so a value is never escaped twice. ``Markup``
remembers its safety through string operations: whatever is combined with it (``%``
interpolation, ``format()``, ``+`` on either side, ``join()``) is escaped first, while the
``Markup`` part stays as written. ``striptags()`` turns markup into plain text (tags and comments
removed, whitespace collapsed, character references decoded) and ``unescape()`` decodes the
character references only.

**Every way into Markup.** The escaping applies on every path an argument takes: ``%`` with a
single value, a tuple or a dict; ``format()`` with positional or keyword arguments, with a conversion
(``{0!r}`` escapes the ``repr()``), with a format spec (which applies to the plain value, padded before it is escaped), and ``format_map()`` (since
MarkupSafe 2.1.3: before, it was ``str.format_map``, which escapes nothing and returns a plain
``str``, so a view calling it on an older MarkupSafe puts its input raw into the page); ``join()``,
which escapes the plain items of the sequence and keeps its Markup items. An object that knows its
own HTML is not escaped but asked for it: through ``__html__``, or, with a format spec,
``__html_format__(spec)``.

**The framework's own pages.** Request input also reaches HTML the framework writes itself. An
error raised with a description (``abort(404, description=V)``) is answered with Werkzeug's HTML
page, which escapes the description; ``redirect(V)`` answers with a short HTML page linking the
target, escaped in the ``href`` and in the text (Werkzeug before 2.3 percent-encodes some
targets in the ``href`` first). What counts is that the input stays text: parsed as
HTML, the page has no element or attribute that came from it. An error page that is not HTML
(Microdot's is plain text) has nothing to escape; a redirect without a body passes.

**Autoescaping in templates.** Flask configures Jinja to escape every ``{{ expression }}`` in
templates whose name ends with ``.html``, ``.htm``, ``.xml`` or ``.xhtml``, and, since Flask 2.2.3,
``.svg``. Templates with any other name (``.txt``, ``.html.j2``) render values as they are: only
the final extension counts, and it is compared as written (``.HTML`` is another extension).
Templates rendered from a string with ``render_template_string`` are always autoescaped. Inside a
template, ``{% autoescape false %}`` and ``{% autoescape true %}`` switch escaping off or on for a
block, the ``|safe`` filter and ``Markup`` values pass through unescaped, the ``|e`` filter escapes
where autoescaping is off and never escapes twice where it is on, and ``|tojson`` writes values as
JSON in which ``<``, ``>``, ``&`` and ``'`` are ``\\u`` escapes, safe inside a ``<script>`` element.

The library functions are observed the only way this suite observes anything: fixture views
apply them to query parameters and return the result, so the body is the value of the call.

**What "escaped" means here.** MarkupSafe documents that ``escape()`` replaces the five
characters "with HTML-safe sequences"; the spelling above (MarkupSafe's since its first release)
is not promised anywhere, and ``&quot;``, ``&#x22;`` or ``&#039;`` mean the same to every HTML
parser. So the requirements accept any correct spelling, and only the MAY requirement
``escaping.escape.markupsafe-spelling`` asks for MarkupSafe's, for output identical to Flask's
byte for byte. Text is correctly escaped when it holds no raw ``<``, ``>``,
``"`` or ``'``, every ``&`` in it starts a character reference HTML knows (named, like ``&amp;``
or ``&quot;``, decimal, like ``&#34;``, or hexadecimal, like ``&#x27;``, each ended by ``;``), and
decoding those references gives back exactly the original text. A requirement that expects
escaped text checks exactly that, and that everything around it (the markup, the rest of the
body) is exactly as stated; text that must *not* be escaped is compared exactly. The properties
at the end state the same guarantee for any text at all.

The rest is compared exactly, since nothing else has another spelling with the same meaning: a
body is the text the contract states, decoded with the charset its ``Content-Type`` declares
(UTF-8 when it declares none); what ``|tojson`` writes is parsed and compared as JSON, so any
valid way of writing the ``\\u`` escapes passes. No requirement of this chapter looks at the
status or the media type beyond the 200 every route answers: those belong to the responses
chapter. Only the choices Flask makes that no document promises are MAY requirements:
MarkupSafe's spelling of the references, and comparing template extensions case-sensitively.

Fixture contract
----------------

Every route but ``/abort`` and ``/redirect`` answers ``GET`` with status 200 and a ``text/html`` body that is exactly the stated
value (escaped parts in any correct spelling, as above). ``V`` is the ``value`` query parameter
(the empty string when absent). "Escaped" means MarkupSafe's ``escape()`` (or the framework's
own HTML escaping); "Markup" means marked safe without escaping.

``/escape``
    ``escape(V)``.
``/escape/twice``
    ``escape(escape(V))``.
``/markup/escape``
    ``escape(Markup(V))``.
``/markup/percent``
    ``Markup("<b>%s</b>") % V``.
``/markup/format``
    ``Markup("<b>{}</b>").format(V)``.
``/markup/format-keyword``
    ``Markup("<b>{value}</b>").format(value=V)``.
``/markup/format-conversion``
    ``Markup("<b>{0!r}</b>").format(V)``.
``/markup/format-spec``
    ``Markup("<b>{0:_>12}</b>").format(V)``.
``/markup/format-map``
    ``Markup("<b>{value}</b>").format_map({"value": V})``.
``/markup/format-html``
    ``Markup("<b>{0}</b>").format(T)``, ``T`` being an object whose ``__html__`` returns
    ``Markup("<em>{0}</em>").format(V)`` and whose ``__html_format__(spec)`` returns the same
    with ``V.upper()`` when ``spec`` is ``upper``.
``/markup/format-html-spec``
    ``Markup("<b>{0:upper}</b>").format(T)``.
``/markup/percent-tuple``
    ``Markup("<b>%s</b><b>%s</b>") % (first, second)``, the first two ``value`` parameters.
``/markup/percent-dict``
    ``Markup("<b>%(value)s</b>") % {"value": V}``.
``/markup/percent-html``
    ``Markup("<b>%s</b>") % T``.
``/markup/join-mixed``
    ``Markup("<br>").join([Markup("<hr>"), V])``.
``/abort``
    ``abort(404, description=V)``: the framework's own error answer (any body).
``/redirect``
    ``redirect(V)``: the framework's own redirect answer (any redirect status, any body).
``/markup/add``
    ``Markup("<b>") + V``.
``/markup/radd``
    ``V + Markup("<b>")`` (the plain string on the left).
``/markup/join``
    ``Markup("<br>").join(values)``, ``values`` being every ``value`` parameter in order.
``/markup/striptags``
    ``Markup(V).striptags()``.
``/markup/unescape``
    ``Markup(V).unescape()``.
``/hello``
    ``f"Hello, {escape(N)}!"``, ``N`` being the ``name`` query parameter (empty when absent).
``/render/<template>``
    the template ``escaping/<template>`` rendered by the framework's ``render_template`` with the
    context ``value=V``.
``/render-markup/<template>``
    the same with the context ``value=Markup(V)``.
``/render-string``
    ``render_template_string("{{ value }}", value=V)``.

The templates, in the app's template folder under ``escaping/``, each with exactly this source
and no trailing newline:

``page.html``, ``page.htm``, ``page.xml``, ``page.xhtml``, ``page.svg``, ``page.txt``, ``page.html.j2``, ``upper.HTML``
    ``{{ value }}``
``safe.html``
    ``{{ value|safe }}``
``autoescape-false.html``
    ``{% autoescape false %}{{ value }}{% endautoescape %}``
``autoescape-true.txt``
    ``{% autoescape true %}{{ value }}{% endautoescape %}``
``filter-e.txt``, ``filter-e.html``
    ``{{ value|e }}``
``tojson.html``
    ``{{ value|tojson }}``

No configuration: the framework's default template setup (its own autoescape selection).
"""

import html
import json
import re
from html.entities import html5 as html5_references
from html.parser import HTMLParser


from hypothesis import given
from hypothesis import strategies as st

from flask_conformance import MAY, MUST, not_applicable, requirement

#: Text with markup in it, but no quotes: how quotes are written is its own requirement.
PAYLOAD = "<i>Tom & Jerry</i>"

#: What must never appear raw in escaped text (``&`` may, as the start of a reference).
RAW = frozenset("<>\"'")
#: A complete character reference: named, decimal or hexadecimal, ended by ``;``.
REFERENCE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")


def escaping_problem(escaped, text):
    """What makes ``escaped`` not a correct HTML escaping of ``text``, or None when it is one.

    Correct: no raw ``< > " '``; every ``&`` starts a complete reference that HTML decodes (an
    unknown name like ``&foo;`` is no reference); the references decode to exactly ``text``.
    """
    raw = set(escaped) & RAW
    if raw:
        return f"raw {sorted(raw)}"
    position = escaped.find("&")
    while position != -1:
        match = REFERENCE.match(escaped, position)
        if match is None:
            return f"an & that starts no character reference at {escaped[position:position + 12]!r}"
        if not match.group().startswith("&#") and match.group()[1:] not in html5_references:
            return f"{match.group()} is no character reference HTML knows"
        position = escaped.find("&", match.end())
    if html.unescape(escaped) != text:
        return f"it decodes to {html.unescape(escaped)!r}, not to the text"
    return None


def assert_escaped(escaped, text):
    """``escaped`` is a correct HTML escaping of ``text`` (see the chapter), in any spelling."""
    problem = escaping_problem(escaped, text)
    assert problem is None, f"{problem}: {text!r} came out as {escaped!r}"


def assert_parts(body, parts):
    """``body`` is ``parts`` in order: each str exactly (markup), each one-item tuple ``(text,)``
    a correct escaping of ``text``. Escaped text holds no ``<``, so the markup around it, which
    always has one, marks where each escaped part ends."""
    pattern = "".join(re.escape(part) if isinstance(part, str) else "([^<]*)" for part in parts)
    match = re.fullmatch(pattern, body, re.DOTALL)
    assert match is not None, f"expected {parts!r} (escaped parts in any spelling), got {body!r}"
    texts = [part[0] for part in parts if not isinstance(part, str)]
    for escaped, text in zip(match.groups(), texts):
        assert_escaped(escaped, text)


def body_of(client, path, **query):
    """GET ``path`` with ``query`` and return the body text, after checking the 200 status."""
    response = client.get(path, query=query)
    assert response.status == 200, f"GET {path} answered {response.status}, expected 200"
    return response.text


# escape()


@requirement("escaping.escape.characters", MUST, since="0.12", source="markupsafe:escaping#markupsafe.escape",
             cases={"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"})
def test_escape_characters(client, case):
    """escape() MUST replace each HTML special character (``&``, ``<``, ``>``, ``"``, ``'``) with
    one character reference for it, in any correct spelling (``&#34;``, ``&quot;``, ``&#x22;``...)."""
    body = body_of(client, "/escape", value=f"a{case}b")
    reference = body[1:-1]
    assert body.startswith("a") and body.endswith("b") and REFERENCE.fullmatch(reference), (
        f"expected a, one character reference for {case!r}, b; got {body!r}")
    assert_escaped(reference, case)


@requirement("escaping.escape.markupsafe-spelling", MAY, since="0.12", source="markupsafe:escaping#markupsafe.escape",
             cases={"escape": "/escape", "template": "/render/page.html"})
def test_markupsafe_spelling(client, case):
    """escape() and autoescaping MAY spell the references exactly as MarkupSafe does (``&amp;``,
    ``&lt;``, ``&gt;``, ``&#34;``, ``&#39;``), for output identical to Flask's byte for byte."""
    assert body_of(client, case, value="<&>\"'") == "&lt;&amp;&gt;&#34;&#39;"


@requirement("escaping.escape.other-text-unchanged", MUST, since="0.12",
             source="markupsafe:escaping#markupsafe.escape")
def test_escape_other_text(client):
    """escape() MUST leave every character other than the five special ones unchanged,
    including slashes, backticks, tabs and non-ASCII text."""
    text = "Grüße / 100% = ½; `naïve` — ✓\t😀 #x;"
    assert body_of(client, "/escape", value=text) == text


@requirement("escaping.escape.no-double-escape", MUST, since="0.12", source="markupsafe:escaping#markupsafe.escape")
def test_escape_twice(client):
    """escape() returns Markup, so escaping its result again MUST change nothing: the text comes
    out escaped once."""
    assert_escaped(body_of(client, "/escape/twice", value=PAYLOAD), PAYLOAD)


@requirement("escaping.escape.markup-unchanged", MUST, since="0.12", source="markupsafe:escaping#markupsafe.escape")
def test_escape_markup(client):
    """escape() of a Markup string MUST return it unchanged: it is already safe."""
    assert body_of(client, "/markup/escape", value=PAYLOAD) == PAYLOAD


# Markup


@requirement("escaping.markup.escapes-operand", MUST, since="0.12", source="markupsafe:escaping#markupsafe.Markup",
             cases={
                 "percent": ("/markup/percent", [("value", PAYLOAD)], ["<b>", (PAYLOAD,), "</b>"]),
                 "percent-tuple": ("/markup/percent-tuple", [("value", PAYLOAD), ("value", "it's")],
                                   ["<b>", (PAYLOAD,), "</b><b>", ("it's",), "</b>"]),
                 "percent-dict": ("/markup/percent-dict", [("value", PAYLOAD)], ["<b>", (PAYLOAD,), "</b>"]),
                 "format": ("/markup/format", [("value", PAYLOAD)], ["<b>", (PAYLOAD,), "</b>"]),
                 "format-keyword": ("/markup/format-keyword", [("value", PAYLOAD)], ["<b>", (PAYLOAD,), "</b>"]),
                 "format-conversion": ("/markup/format-conversion", [("value", PAYLOAD)],
                                       ["<b>", (repr(PAYLOAD),), "</b>"]),
                 "add": ("/markup/add", [("value", PAYLOAD)], ["<b>", (PAYLOAD,)]),
                 "radd": ("/markup/radd", [("value", PAYLOAD)], [(PAYLOAD,), "<b>"]),
                 "join": ("/markup/join", [("value", "<i>"), ("value", "Tom & Jerry")],
                          [("<i>",), "<br>", ("Tom & Jerry",)]),
             })
def test_markup_operations(client, case):
    """Combining Markup with a plain string (``%`` with one value, a tuple or a dict,
    ``format()`` with positional or keyword arguments or a ``!r`` conversion, ``+`` on either
    side, ``join()``) MUST escape the plain string (after the conversion) and keep the Markup
    part as written."""
    path, query, parts = case
    response = client.get(path, query=query)
    assert response.status == 200
    assert_parts(response.text, parts)


@requirement("escaping.markup.format-spec", MUST, since="0.12", source="markupsafe:formatting#format-method")
def test_markup_format_spec(client):
    """A format spec in a Markup format string MUST apply to the plain value, which is escaped
    afterwards: ``{0:_>12}`` pads the 8 characters of ``<i>&</i>`` with four ``_`` before they
    are escaped (escaping first would make the text too long to pad)."""
    response = client.get("/markup/format-spec", query={"value": "<i>&</i>"})
    assert response.status == 200
    assert_parts(response.text, ["<b>", ("____<i>&</i>",), "</b>"])


@requirement("escaping.markup.format-map", MUST, since="0.12", source="markupsafe:formatting#format-method",
             packages={"markupsafe": ">=2.1.3"})
def test_markup_format_map(client):
    """``Markup.format_map()`` MUST escape the plain strings of its mapping, as ``format()`` does
    (MarkupSafe 2.1.3 made it so: before, it was ``str.format_map`` and escaped nothing)."""
    response = client.get("/markup/format-map", query={"value": PAYLOAD})
    assert response.status == 200
    assert_parts(response.text, ["<b>", (PAYLOAD,), "</b>"])


@requirement("escaping.markup.html-object", MUST, since="0.12", source="markupsafe:formatting#format-method",
             cases={"format": ("/markup/format-html", PAYLOAD),
                    "format-spec": ("/markup/format-html-spec", PAYLOAD.upper()),
                    "percent": ("/markup/percent-html", PAYLOAD)})
def test_markup_html_object(client, case):
    """An object with an ``__html__`` method formatted into Markup (``format()``, ``%``) MUST be
    inserted as the markup it returns, not escaped; with a format spec, ``format()`` MUST ask
    its ``__html_format__`` method instead. The fixture's object is ``<em>`` around its escaped
    text, upper-cased by the spec ``upper``."""
    path, text = case
    response = client.get(path, query={"value": PAYLOAD})
    assert response.status == 200
    assert_parts(response.text, ["<b><em>", (text,), "</em></b>"])


@requirement("escaping.markup.join-keeps-markup", MUST, since="0.12", source="markupsafe:escaping#markupsafe.Markup")
def test_markup_join_keeps_markup(client):
    """``Markup.join()`` MUST keep the Markup items of the sequence as written while it escapes
    the plain strings."""
    response = client.get("/markup/join-mixed", query={"value": PAYLOAD})
    assert response.status == 200
    assert_parts(response.text, ["<hr><br>", (PAYLOAD,)])


@requirement("escaping.markup.striptags", MUST, since="0.12", source="markupsafe:escaping#markupsafe.Markup.striptags")
def test_markup_striptags(client):
    """Markup.striptags() MUST remove tags and comments, collapse runs of whitespace to one space
    and decode character references, giving plain text."""
    markup = "<p>Main &raquo;\t<em>About</em><!-- note --></p>\n  &lt;b&gt; &amp; &#39;more&#39; "
    assert body_of(client, "/markup/striptags", value=markup) == "Main \u00bb About <b> & 'more'"


@requirement("escaping.markup.unescape", MUST, since="0.12", source="markupsafe:escaping#markupsafe.Markup.unescape")
def test_markup_unescape(client):
    """Markup.unescape() MUST decode named, decimal and hexadecimal character references, once,
    and leave tags and everything else as they are."""
    markup = "<b>&lt;i&gt; &amp;amp; &quot;&#34;&#39;&#x27; &copy;</b>"
    assert body_of(client, "/markup/unescape", value=markup) == "<b><i> &amp; \"\"'' \u00a9</b>"


@requirement("escaping.view.fstring", MUST, since="0.12", source="flask:quickstart#html-escaping")
def test_fstring_view(client):
    """A view that formats request input into its body through escape() MUST send it escaped, so
    the quickstart's script injection arrives as text."""
    name = '<script>alert("bad")</script>'
    body = body_of(client, "/hello", name=name)
    assert body.startswith("Hello, ") and body.endswith("!"), f"not the contract's body: {body!r}"
    assert_escaped(body[len("Hello, "):-1], name)


# Request input in the framework's own pages


#: Markup that would add an element, an attribute or a character reference if written raw.
INJECTION = '<script>alert("x")</script><img src=x onerror=\'y\'>&amp;'
#: A redirect target breaking out of a quoted ``href`` into an attribute and an element.
TARGET = '/next?q=" onmouseover="x"><script>alert(1)</script>'


class _Page(HTMLParser):
    """What an HTML parser finds in a page: its elements with their attributes, and its text
    with the character references decoded."""

    def __init__(self, body):
        super().__init__(convert_charrefs=True)
        self.elements, self.texts = [], []
        self.feed(body)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, [name for name, _ in attrs]))

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.texts.append(data)

    @property
    def text(self):
        return "".join(self.texts)

    def injected(self):
        """The elements and attributes that can only come from the injected markup."""
        return [(tag, names) for tag, names in self.elements
                if tag in ("script", "img") or any(name.startswith("on") for name in names)]


@requirement("escaping.error-page.description", MUST, since="0.12",
             source="werkzeug:exceptions#werkzeug.exceptions.HTTPException")
def test_error_page_description(client):
    """The HTML page of an error raised with a description from the request (``abort(404,
    description=V)``) MUST carry the description as text: parsed as HTML, the page has no
    element or attribute from it, and its text contains it exactly. A page that is not HTML has
    nothing to escape, so there the requirement is not applicable."""
    response = client.get("/abort", query={"value": INJECTION})
    assert response.status == 404, f"GET /abort answered {response.status}, expected 404"
    if response.mimetype not in ("text/html", "application/xhtml+xml"):
        not_applicable(f"the error page is {response.mimetype or 'untyped'}, not HTML")
    page = _Page(response.text)
    assert not page.injected(), f"the description became markup {page.injected()}: {response.text!r}"
    assert INJECTION in page.text, f"the page's text does not contain the description: {page.text!r}"


@requirement("escaping.redirect.body", MUST, since="0.12", source="werkzeug:utils#werkzeug.utils.redirect")
def test_redirect_body(client):
    """The body of a ``redirect()`` response to a target with ``"``, ``<`` and ``>`` MUST NOT
    let the target inject markup: parsed as HTML, it has no element or attribute from the target
    (an empty body passes)."""
    response = client.get("/redirect", query={"value": TARGET})
    assert 300 <= response.status < 400, f"GET /redirect answered {response.status}, expected a redirect"
    page = _Page(response.text)
    assert not page.injected(), f"the target became markup {page.injected()}: {response.text!r}"


# Autoescaping: which templates


@requirement("escaping.autoescape.on", MUST, since="0.12", source="flask:templating#jinja-setup",
             cases={"html": "page.html", "htm": "page.htm", "xml": "page.xml", "xhtml": "page.xhtml"})
def test_autoescape_on(client, case):
    """A template whose name ends with .html, .htm, .xml or .xhtml MUST escape the values it
    renders."""
    assert_escaped(body_of(client, f"/render/{case}", value=PAYLOAD), PAYLOAD)


@requirement("escaping.autoescape.svg-on", MUST, since="2.2.3", source="flask:templating#jinja-setup")
def test_autoescape_svg_on(client):
    """A template whose name ends with .svg MUST escape the values it renders (Flask 2.2.3
    added .svg to the autoescaped extensions)."""
    assert_escaped(body_of(client, "/render/page.svg", value=PAYLOAD), PAYLOAD)


@requirement("escaping.autoescape.svg-off", MUST, since="0.12", until="2.2.2",
             source="flask:api#flask.Flask.select_jinja_autoescape")
def test_autoescape_svg_off(client):
    """Before Flask 2.2.3 a template whose name ends with .svg MUST render values without
    escaping, like any extension outside the autoescaped list."""
    assert body_of(client, "/render/page.svg", value=PAYLOAD) == PAYLOAD


@requirement("escaping.autoescape.off", MUST, since="0.12", source="flask:templating#jinja-setup",
             cases={"txt": "page.txt", "html-j2": "page.html.j2"})
def test_autoescape_off(client, case):
    """A template whose name ends with an extension outside that list MUST render values as they
    are; only the last extension counts, so ``page.html.j2`` is not autoescaped."""
    assert body_of(client, f"/render/{case}", value=PAYLOAD) == PAYLOAD


@requirement("escaping.autoescape.extension-case", MAY, since="0.12",
             source="flask:api#flask.Flask.select_jinja_autoescape")
def test_autoescape_extension_case(client):
    """The extension MAY be compared case-sensitively, as Flask does: ``upper.HTML`` then renders
    values without escaping. Flask documents lowercase extensions only."""
    assert body_of(client, "/render/upper.HTML", value=PAYLOAD) == PAYLOAD


@requirement("escaping.autoescape.quotes", MUST, since="0.12", source="flask:templating#controlling-autoescaping")
def test_autoescape_quotes(client):
    """Autoescaping MUST escape quotes too (as ``&#34;`` and ``&#39;`` or any equivalent
    reference), so a value is safe inside a quoted attribute."""
    value = "x\" onclick='y"
    assert_escaped(body_of(client, "/render/page.html", value=value), value)


@requirement("escaping.autoescape.template-string", MUST, since="0.12", source="flask:templating#jinja-setup")
def test_autoescape_template_string(client):
    """A template rendered from a string with render_template_string MUST escape the values it
    renders (on since Flask 0.11)."""
    assert_escaped(body_of(client, "/render-string", value=PAYLOAD), PAYLOAD)


@requirement("escaping.autoescape.block-false", MUST, since="0.12", source="flask:templating#controlling-autoescaping")
def test_autoescape_block_false(client):
    """Inside ``{% autoescape false %}`` an autoescaped template MUST render values as they are."""
    assert body_of(client, "/render/autoescape-false.html", value=PAYLOAD) == PAYLOAD


@requirement("escaping.autoescape.block-true", MUST, since="0.12", source="jinja:templates#autoescape-overrides")
def test_autoescape_block_true(client):
    """Inside ``{% autoescape true %}`` a template that is not autoescaped MUST escape values."""
    assert_escaped(body_of(client, "/render/autoescape-true.txt", value=PAYLOAD), PAYLOAD)


# Inside templates: what passes, what is escaped


@requirement("escaping.template.safe-filter", MUST, since="0.12", source="flask:templating#controlling-autoescaping")
def test_safe_filter(client):
    """A value piped through ``|safe`` MUST be rendered unescaped in an autoescaped template."""
    assert body_of(client, "/render/safe.html", value=PAYLOAD) == PAYLOAD


@requirement("escaping.template.markup-value", MUST, since="0.12", source="flask:templating#controlling-autoescaping")
def test_markup_value(client):
    """A Markup value in the context MUST be rendered unescaped in an autoescaped template."""
    assert body_of(client, "/render-markup/page.html", value=PAYLOAD) == PAYLOAD


@requirement("escaping.template.escape-filter", MUST, since="0.12", source="jinja:templates#working-with-manual-escaping")
def test_escape_filter(client):
    """The ``|e`` filter MUST escape a value in a template that is not autoescaped."""
    assert_escaped(body_of(client, "/render/filter-e.txt", value=PAYLOAD), PAYLOAD)


@requirement("escaping.template.escape-filter-once", MUST, since="0.12",
             source="jinja:templates#working-with-automatic-escaping")
def test_escape_filter_once(client):
    """In an autoescaped template ``|e`` MUST escape a value once, not twice: its result is Markup."""
    assert_escaped(body_of(client, "/render/filter-e.html", value=PAYLOAD), PAYLOAD)


@requirement("escaping.template.tojson", MUST, since="0.12", source="flask:patterns/javascript#rendering-templates")
def test_tojson(client):
    """``|tojson`` MUST write a string as a JSON literal whose ``<``, ``>``, ``&`` and ``'`` are
    ``\\u`` escapes, and mark it safe: the JSON is not HTML-escaped, so it stays valid script."""
    value = "</script>&'\""
    body = body_of(client, "/render/tojson.html", value=value)
    # JSON can only write these four as \u escapes (in either case of hex digit): none raw, and
    # the literal parses back to the value (an HTML-escaped literal would not)
    raw = sorted(set(body) & set("<>&'"))
    assert not raw, f"raw {raw} in {body!r}"
    try:
        decoded = json.loads(body)
    except ValueError:
        raise AssertionError(f"not a JSON literal: {body!r}") from None
    assert decoded == value, f"{body!r} is the JSON of {decoded!r}, not of {value!r}"


# Properties: any text


#: Any text HTTP can carry in a query string (no surrogates, which UTF-8 cannot encode; no NUL,
#: which some servers refuse), built from pieces so that the special characters, and text that
#: already looks like a character reference, come up often.
TEXTS = st.lists(st.one_of(
    st.sampled_from(["<", ">", "&", '"', "'", "&amp;", "&#39;"]),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=4),
)).map("".join)

@requirement("escaping.property.round-trip", MUST, since="0.12", source="flask:quickstart#html-escaping",
             cases={
                 "escape": ("/escape", "value", "", ""),
                 "fstring": ("/hello", "name", "Hello, ", "!"),
                 "template": ("/render/page.html", "value", "", ""),
                 "template-string": ("/render-string", "value", "", ""),
             })
@given(text=TEXTS)
def test_round_trip(client_factory, case, text):
    """For any text, the escaped rendering MUST contain no raw ``<``, ``>``, ``"`` or ``'``, no
    ``&`` that does not start a known character reference, and MUST decode back to exactly that text."""
    path, parameter, prefix, suffix = case
    # A fresh client per example; Connection: close so that the examples' connections do not
    # pile up on the server (the harness keeps every client open until the test ends).
    response = client_factory().get(path, query={parameter: text}, headers={"Connection": "close"})
    body = response.text
    escaped = body[len(prefix):len(body) - len(suffix)]
    if response.status != 200:
        problem = f"status {response.status}"
    elif not (body.startswith(prefix) and body.endswith(suffix)):
        problem = "not the contract's body"
    else:
        problem = escaping_problem(escaped, text)
    # One assertion for every way to fail, so Hypothesis reports one falsifying example.
    assert problem is None, f"{problem}: {text!r} rendered as {body!r}"
