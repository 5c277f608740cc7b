"""URL building
============

Flask applications do not write their own URLs: they ask the router for them. ``url_for(endpoint,
**values)`` finds the rule registered under the endpoint and fills its variable parts with the
values, each turned into text by the part's converter, so building is matching run backwards:
``int(fixed_digits=4)`` pads ``7`` to ``0007`` (the rule would not match ``7``), ``path`` keeps the
slashes of its value, and a value with characters a path cannot carry (a space, ``?``, ``#``,
``%``, anything outside ASCII) is percent-encoded, as UTF-8, so the URL leads back to the same rule
with the same value. Links, redirects and forms all rest on that round trip, which is why a
client cares.

The rest of ``url_for``'s arguments:

* keyword arguments the rule has no variable for become the query string (``page=2`` gives
  ``?page=2``); a list gives the key once per item, in order;
* ``_external=True`` makes an absolute URL, with the scheme and host of the request being
  answered; ``_scheme="https"`` (with ``_external``) picks another scheme;
* ``_anchor`` appends a fragment, percent-encoded;
* ``_method`` picks, among the rules of one endpoint, the one that accepts that method;
* when the application is mounted under a prefix (the WSGI ``SCRIPT_NAME``, a reverse proxy's
  mount point), every URL it builds starts with that prefix: the quickstart's fifth reason to
  build URLs rather than write them;
* a rule with ``defaults`` is chosen when the values are its defaults (``/page/`` rather than
  ``/page/1``);
* a URL that cannot be built (an unknown endpoint, a missing variable, a value the converter
  refuses) raises ``BuildError`` or ``ValueError`` inside the view, which the client sees as a
  500 Internal Server Error.

Flask documents the generated paths as "always absolute": without ``_external`` the result is a
path starting with ``/``, no scheme and no host.

How the checks compare
----------------------

A built URL is a URI reference. Where it leads is compared as RFC 3986 compares URIs: the
reference is resolved against the URL of the request that built it (so a relative answer and an
absolute one are the same), then scheme and host case, the hex digits of percent-escapes, escapes
of unreserved characters and a default port are normalised. Nothing else is: ``+`` and ``%2B``,
``&`` and ``%26`` are different URIs to RFC 3986 (reserved characters), so where the suite cannot
say which one a value needs, it checks the round trip instead: the built URL is requested, and
the rule it reaches must report the endpoint and the values it was built from
(``urls.variable.round-trip``). A query is compared as the form data it encodes (the key and
value pairs after ``application/x-www-form-urlencoded`` decoding, order kept); a fragment by its
percent-decoded text.

Flask's exact spelling is a MAY: escapes in upper-case hex (``%C3%A9``), a space in a query as
``+``, the query's keys in the order of the arguments. Which reserved characters Werkzeug leaves
unencoded in a path has changed between releases (``+`` and ``!$'()*,;`` from Werkzeug 2.1,
``&=@`` from 2.3), always in ways that decode to the same value, so no requirement fixes it. A ``string`` value with a slash is built with the slash unencoded (``/user/a/b``), which does
not lead back to the rule; the suite asks nothing about it.

Versions
--------

Everything here holds from Flask 0.12 on, with every Werkzeug release it allows, except one: an
``any`` converter refuses to build a value outside its list only from Werkzeug 2.2
(``urls.build-error.any-choice``; before, it built ``/any/green``, which no rule matches).

Fixture contract
----------------

Every rule below answers ``GET`` with a view reporting what the router handed it, as JSON:
``{"endpoint": <endpoint>, "values": {<name>: <value>}}`` (integers and floats as JSON numbers, a
UUID as its text, strings as strings).

``/`` (endpoint ``index``), ``/about`` (``about``), ``/café`` (``cafe``)
    Static rules.
``/user/<name>`` (``user``), ``/post/<int:id>`` (``post``), ``/fixed/<int(fixed_digits=4):n>`` (``fixed``), ``/float/<float:x>`` (``float``), ``/files/<path:p>`` (``files``), ``/uuid/<uuid:u>`` (``uuid``), ``/any/<any(red, blue):c>`` (``any``)
    One rule per converter.
``/page/`` with ``defaults={"n": 1}`` and ``/page/<int:n>``, both endpoint ``page``
    A rule with defaults and its variable twin.
``/method/get`` (``GET`` only) and ``/method/post`` (``POST`` only), both endpoint ``method``
    Two rules of one endpoint told apart by method.
``POST /build``
    The body is JSON: ``{"endpoint": E, "arguments": {...}}``. The view calls
    ``url_for(E, **arguments)`` (the arguments include ``_external``, ``_scheme``, ``_anchor`` and
    ``_method`` where a check sends them) and answers ``{"url": <the result>}`` as JSON. A build
    error is not handled: the client gets 500.
"""

from urllib.parse import parse_qsl, unquote

from flask_conformance import MAY, MUST, SHOULD, requirement

from ._uri import Reference, resolve, same

HOST = {"Host": "example.com"}

QUICKSTART = "flask:quickstart#url-building"
URL_FOR = "flask:api#flask.url_for"
BUILD = "werkzeug:routing#werkzeug.routing.MapAdapter.build"
CONVERTERS = "werkzeug:routing#built-in-converters"
RULE = "werkzeug:routing#werkzeug.routing.Rule"

#: IDs this chapter no longer uses, and why (IDs are never reused).
RETIRED = {}


def _build(client, endpoint, arguments=None, *, host="example.com", scheme="http", script_root=""):
    """Ask the fixture for ``url_for(endpoint, **arguments)``; the response to that request."""
    return client.post("/build", json={"endpoint": endpoint, "arguments": arguments or {}},
                       headers={"Host": host}, scheme=scheme, script_root=script_root)


def _url(response):
    """The URL ``/build`` answered with (a failure unless it answered one)."""
    assert response.status == 200, f"url_for failed\n{response.describe()}"
    url = response.json().get("url")
    assert isinstance(url, str), f"expected {{\"url\": <text>}}\n{response.describe()}"
    return url


def _request_url(response):
    """The absolute URL of the request that built the URL: what a relative one is resolved against."""
    request = response.request
    host = next((v for k, v in request.headers if k.lower() == "host"), "localhost")
    return f"{request.scheme}://{host}{request.script_root}{request.target}"


def _assert_leads_to(response, expected):
    """The built URL, resolved against the request's URL, is ``expected`` as RFC 3986 compares."""
    url = _url(response)
    assert same(url, _request_url(response), expected), (
        f"url_for built {url!r}, which is not {expected} (compared as RFC 3986 URIs)")


def _split(response):
    """The built URL resolved, as (URL without query and fragment, query pairs, fragment)."""
    url = _url(response)
    parts = Reference.parse(resolve(url, _request_url(response)))
    bare = Reference(parts.scheme, parts.authority, parts.path, None, None).text()
    pairs = parse_qsl(parts.query, keep_blank_values=True) if parts.query is not None else []
    return url, bare, pairs, parts.fragment


def _follow(client, response, method="GET"):
    """Request the URL ``/build`` answered with (resolved against the request's URL, with the same
    host, scheme and script root) and return what the rule it reaches reports."""
    url = _url(response)
    assert url.isascii() and not any(char in url for char in ' "<>\\^`{|}'), (
        f"url_for built {url!r}, which is not a URI (RFC 3986 allows no such characters)")
    parts = Reference.parse(resolve(url, _request_url(response)))
    script_root = response.request.script_root
    path = parts.path
    assert path.startswith(script_root), f"{url!r} is not under the script root {script_root!r}"
    target = path[len(script_root):] + (f"?{parts.query}" if parts.query is not None else "")
    reached = client.request(method, target, headers={"Host": parts.authority},
                             scheme=parts.scheme, script_root=script_root)
    assert reached.status == 200, f"the URL url_for built, {url!r}, leads nowhere\n{reached.describe()}"
    return reached.json()


# Static and variable rules.

@requirement("urls.static.path", MUST, since="0.12", source=QUICKSTART, cases={
    "root": ("index", "http://example.com/"),
    "word": ("about", "http://example.com/about"),
    "non-ascii": ("cafe", "http://example.com/caf%C3%A9"),
})
def test_static_path(client, case):
    """``url_for`` for a rule without variables MUST build a URL that resolves to the rule's path,
    non-ASCII characters percent-encoded as UTF-8."""
    endpoint, expected = case
    _assert_leads_to(_build(client, endpoint), expected)


@requirement("urls.variable.converter", MUST, since="0.12", source=CONVERTERS, cases={
    "string": ("user", {"name": "alice"}, "http://example.com/user/alice"),
    "int": ("post", {"id": 42}, "http://example.com/post/42"),
    "fixed-digits": ("fixed", {"n": 7}, "http://example.com/fixed/0007"),
    "float": ("float", {"x": 1.5}, "http://example.com/float/1.5"),
    "path": ("files", {"p": "docs/guide/intro.txt"}, "http://example.com/files/docs/guide/intro.txt"),
    "uuid": ("uuid", {"u": "12345678-1234-5678-1234-567812345678"},
             "http://example.com/uuid/12345678-1234-5678-1234-567812345678"),
    "any": ("any", {"c": "blue"}, "http://example.com/any/blue"),
})
def test_variable_converter(client, case):
    """``url_for`` MUST fill a rule's variable with the text its converter matches: an integer in
    decimal, padded to ``fixed_digits``, a float, a path with its slashes, a UUID, an ``any``
    choice."""
    endpoint, values, expected = case
    _assert_leads_to(_build(client, endpoint, values), expected)


@requirement("urls.variable.encoded", MUST, since="0.12", source=QUICKSTART, cases={
    "space": ({"name": "John Doe"}, "http://example.com/user/John%20Doe"),
    "non-ascii": ({"name": "caf\u00e9"}, "http://example.com/user/caf%C3%A9"),
    "delimiters": ({"name": "a?b#c"}, "http://example.com/user/a%3Fb%23c"),
    "percent": ({"name": "100%"}, "http://example.com/user/100%25"),
})
def test_variable_encoded(client, case):
    """A value with characters a path segment cannot carry as they are (space, ``?``, ``#``,
    ``%``, non-ASCII) MUST be percent-encoded, non-ASCII as UTF-8."""
    values, expected = case
    _assert_leads_to(_build(client, "user", values), expected)


@requirement("urls.variable.round-trip", MUST, since="0.12", source=BUILD, cases={
    "reserved": ("user", {"name": "x!$&'()*+,;=:@~"}),
    "space-non-ascii": ("user", {"name": "caf\u00e9 cr\u00e8me"}),
    "percent": ("user", {"name": "50%25"}),
    "path": ("files", {"p": "a b/c+d/\u00e9.txt"}),
    "fixed-digits": ("fixed", {"n": 7}),
    "float": ("float", {"x": 0.25}),
    "uuid": ("uuid", {"u": "12345678-1234-5678-1234-567812345678"}),
})
def test_variable_round_trip(client, case):
    """Requesting a URL ``url_for`` built MUST reach the rule of its endpoint with the values it
    was built from."""
    endpoint, values = case
    reached = _follow(client, _build(client, endpoint, values))
    assert reached == {"endpoint": endpoint, "values": values}, (
        f"built from {endpoint} {values}, the URL reached {reached}")


@requirement("urls.variable.upper-hex", MAY, since="0.12", source=QUICKSTART)
def test_variable_upper_hex(client):
    """Percent-escapes MAY be written with upper-case hex digits, as Flask writes the path
    ``/user/caf%C3%A9``."""
    url = _url(_build(client, "user", {"name": "caf\u00e9"}))
    assert Reference.parse(url).path.endswith("/user/caf%C3%A9"), f"expected the path /user/caf%C3%A9, got {url!r}"


@requirement("urls.defaults.rule", SHOULD, since="0.12", source=RULE, cases={
    "default": ({"n": 1}, "http://example.com/page/"),
    "other": ({"n": 2}, "http://example.com/page/2"),
})
def test_defaults_rule(client, case):
    """When the values are a rule's defaults, ``url_for`` SHOULD build that rule (``/page/``, not
    ``/page/1``, which Werkzeug redirects); other values build the variable rule."""
    values, expected = case
    _assert_leads_to(_build(client, "page", values), expected)


# The query string.

@requirement("urls.query.unknown-arguments", MUST, since="0.12", source=QUICKSTART)
def test_query_unknown_arguments(client):
    """Arguments the rule has no variable for MUST become the query string: the URL's path is the
    rule's and its query decodes (as form data) to exactly those arguments."""
    _, bare, pairs, _ = _split(_build(client, "user", {"name": "x", "page": 2, "q": "a b&c=d", "e": "\u20ac"}))
    assert same(bare, bare, "http://example.com/user/x"), f"expected the path /user/x, got {bare!r}"
    assert sorted(pairs) == sorted([("page", "2"), ("q", "a b&c=d"), ("e", "\u20ac")]), (
        f"expected the query to decode to page=2, q='a b&c=d', e='\u20ac', got {pairs}")


@requirement("urls.query.repeated", MUST, since="0.12", source=BUILD)
def test_query_repeated(client):
    """A list value MUST become its key repeated once per item, the items in the list's order."""
    _, _, pairs, _ = _split(_build(client, "user", {"name": "x", "tag": ["b", "a", "c"]}))
    assert pairs == [("tag", "b"), ("tag", "a"), ("tag", "c")], f"expected tag=b&tag=a&tag=c, got {pairs}"


@requirement("urls.query.flask-form", MAY, since="0.12", source=BUILD)
def test_query_flask_form(client):
    """The query MAY be spelled exactly as Flask spells it: the arguments in their order, a space
    as ``+``, other escapes in upper-case hex (``page=2&q=a+b%26c%3Dd&e=%E2%82%AC``)."""
    url = _url(_build(client, "user", {"name": "x", "page": 2, "q": "a b&c=d", "e": "\u20ac"}))
    query = Reference.parse(url).query
    assert query == "page=2&q=a+b%26c%3Dd&e=%E2%82%AC", f"got the query {query!r} in {url!r}"


# Absolute URLs.

@requirement("urls.external.absolute", MUST, since="0.12", source=URL_FOR, cases={
    "host-and-port": ("http", "example.com:8080", "http://example.com:8080/about"),
    "https": ("https", "example.com", "https://example.com/about"),
})
def test_external_absolute(client, case):
    """With ``_external=True``, ``url_for`` MUST build an absolute URL (a scheme and a host) for
    the scheme, host and port of the request being answered."""
    scheme, host, expected = case
    response = _build(client, "about", {"_external": True}, host=host, scheme=scheme)
    url = _url(response)
    parts = Reference.parse(url)
    assert parts.scheme and parts.authority is not None, f"expected an absolute URL, got {url!r}"
    _assert_leads_to(response, expected)


@requirement("urls.external.path-absolute", SHOULD, since="0.12", source=QUICKSTART)
def test_external_path_absolute(client):
    """Without ``_external``, ``url_for`` SHOULD build a path starting with ``/``, without scheme or
    host, as Flask documents."""
    url = _url(_build(client, "about", host="example.com:8080"))
    parts = Reference.parse(url)
    assert parts.scheme is None and parts.authority is None and parts.path.startswith("/"), (
        f"expected a path such as /about, got {url!r}")


@requirement("urls.external.scheme", MUST, since="0.12", source=URL_FOR)
def test_external_scheme(client):
    """``_scheme="https"`` with ``_external=True`` MUST build the URL with the scheme ``https``
    on the request's host, whatever the request's own scheme."""
    _assert_leads_to(_build(client, "about", {"_external": True, "_scheme": "https"}), "https://example.com/about")


@requirement("urls.anchor.fragment", MUST, since="0.12", source=URL_FOR)
def test_anchor_fragment(client):
    """``_anchor`` MUST become the URL's fragment, percent-encoded, its text decoding back to the
    anchor given, after the rule's path."""
    url, bare, _, fragment = _split(_build(client, "about", {"_anchor": "sec 1/\u00e9"}))
    assert same(bare, bare, "http://example.com/about"), f"expected the path /about, got {url!r}"
    assert fragment is not None and unquote(fragment) == "sec 1/\u00e9" and " " not in fragment, (
        f"expected a fragment decoding to 'sec 1/\u00e9', got {url!r}")


# Choosing among rules.

@requirement("urls.method.choose", MUST, since="0.12", source=URL_FOR, cases={
    "get": ("GET", "http://example.com/method/get"),
    "post": ("POST", "http://example.com/method/post"),
})
def test_method_choose(client, case):
    """``_method`` MUST build the rule of the endpoint that accepts that method."""
    method, expected = case
    _assert_leads_to(_build(client, "method", {"_method": method}), expected)


# The script root.

@requirement("urls.script-root.path", MUST, since="0.12", source=QUICKSTART)
def test_script_root_path(client):
    """In an application mounted under a prefix, ``url_for`` MUST build URLs under that prefix."""
    _assert_leads_to(_build(client, "about", script_root="/prefix"), "http://example.com/prefix/about")


@requirement("urls.script-root.external", MUST, since="0.12", source=URL_FOR)
def test_script_root_external(client):
    """In an application mounted under a prefix, an ``_external`` URL MUST include the prefix."""
    response = _build(client, "about", {"_external": True}, script_root="/prefix")
    _assert_leads_to(response, "http://example.com/prefix/about")


@requirement("urls.script-root.round-trip", MUST, since="0.12", source=QUICKSTART)
def test_script_root_round_trip(client):
    """A URL built under a prefix MUST lead, through the same mount, back to the rule with its
    values."""
    reached = _follow(client, _build(client, "user", {"name": "alice"}, script_root="/prefix"))
    assert reached == {"endpoint": "user", "values": {"name": "alice"}}, f"the URL reached {reached}"


# Build errors.

@requirement("urls.build-error", MUST, since="0.12", source=URL_FOR, cases={
    "unknown-endpoint": ("no-such-endpoint", {}),
    "missing-value": ("user", {}),
    "invalid-value": ("post", {"id": "abc"}),
})
def test_build_error(client, case):
    """A URL that cannot be built (an unknown endpoint, a missing variable, a value the converter
    cannot convert) MUST be a server error: the client gets 500."""
    endpoint, values = case
    response = _build(client, endpoint, values)
    assert response.status == 500, f"expected 500\n{response.describe()}"


@requirement("urls.build-error.any-choice", SHOULD, since="0.12", source=CONVERTERS,
             packages={"werkzeug": ">=2.2"})
def test_build_error_any_choice(client):
    """A value outside an ``any`` converter's choices SHOULD not be built (the URL would reach no
    rule): the client gets 500, as from Werkzeug 2.2 on."""
    response = _build(client, "any", {"c": "green"})
    assert response.status == 500, f"expected 500\n{response.describe()}"
