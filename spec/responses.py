"""Responses
=========

A view does not have to build an HTTP response itself: whatever it returns is turned into one.
What the client receives depends only on the *type* of the return value, and the rules are
few:

* a **response object** is sent as it is, with its own status, headers and body; a Werkzeug
  response of another class than the app's is one too (Flask converts it to its own class);
* a **str** becomes the body, encoded as UTF-8, with status 200 and the default media type
  ``text/html; charset=utf-8``; **bytes** become the body unchanged, with the same defaults;
* a **dict** (since Flask 1.1) or a **list** (since 2.2) is serialized to JSON and sent as
  ``application/json``, exactly as ``jsonify`` would;
* an **iterator or generator** of str or bytes (since 2.2) is *streamed*: each chunk is sent as
  the view produces it, so a client sees the beginning of the body before the end exists;
* a **tuple** adds information to any of the above: ``(body, status)``, ``(body, headers)`` or
  ``(body, status, headers)``. The status is an int (any three-digit code, registered or not),
  an ``http.HTTPStatus`` member or a status string (``"202 ACCEPTED"``); the headers are a dict
  or a list of ``(name, value)`` pairs. When the body is a response
  object that already has a header of the same name, the tuple's header *replaces* it since
  Flask 2.0 (before, both were sent);
* any other callable is taken to be a **WSGI application** and called with the request's
  environment; its status, headers and body become the response. An **HTTP exception** is one:
  a view that *returns* ``Gone()`` (rather than raising it) sends the exception's own status,
  headers and page.

A view that returns ``None`` (a forgotten ``return``), a value of no supported type, or a tuple
of another shape is a programming error: the client gets a ``500`` response, never an empty
``200`` that hides the mistake. That covers a tuple of four items, an empty one, and
``(status, body)`` written the wrong way round; since Flask 1.0 also a one-item tuple (Flask 0.12
read it as its body) and ``(body, headers, status)`` with the last two swapped. Flask's exception
messages for these changed over the releases; the status is the behaviour, so only the ``500`` is
checked.

``abort`` given a response object (``abort(make_response("aborted", 409))``) stops the view and
sends that response as it is: it is not an HTTP error with a code, so no error handler replaces
it, not even one registered for the response's status.

What the JSON provider serializes beyond JSON's own types is part of the conversion of a dict
(documented for ``DefaultJSONProvider``; before Flask 2.2, for the ``JSONEncoder``): a ``date`` or
``datetime`` becomes an HTTP date (RFC 822's format, the one HTTP uses), a naive datetime taken
as UTC and an aware one converted to UTC (since Flask 1.0); a ``UUID`` its string; a dataclass
(since 1.1) the object of its fields; a ``Decimal`` (since 2.0.2) its string, precision kept;
an object with ``__html__`` (such as ``Markup``) the HTML it returns. Any other value is an
error, so the client gets a ``500``. The checks return these inside a dict, so they apply from
Flask 1.1, when a view could first return one. Dates are compared as RFC 9110 (section 5.6.7)
tells recipients to read them: IMF-fixdate or either obsolete form, for the same instant; UUIDs
with hexadecimal digits in either case. Flask's own spelling of both is a MAY.

Two helpers make the same conversions available inside a view: ``make_response`` takes the
arguments a view could return and gives back the response object, so the view can add headers
or cookies before returning it; ``jsonify`` serializes its positional arguments (one value as
is, several as an array) or its keyword arguments (as an object), never both, into an
``application/json`` response. ``make_response`` given a dict (since 1.1) makes the same JSON
response a view returning the dict gets; ``make_response()`` without arguments gives an empty ``200``
response; ``jsonify()`` without arguments serializes ``None`` (``null``) since Flask 2.2, an empty
object before.

``Content-Type`` values are compared the way HTTP compares media types (RFC 9110, section
8.3.1): the type, the subtype, parameter names and the ``charset`` value are case-insensitive,
whitespace around ``;`` is optional and a parameter value may be quoted, so
``text/html;charset=UTF-8`` is the same as ``text/html; charset=utf-8``. The media type and the
charset itself are exact: ``text/plain`` is not ``text/html`` and ``latin-1`` is not ``utf-8``.
For ``application/json``, which defines no parameters and is always UTF-8 (RFC 8259, section 11:
adding a ``charset`` "really has no effect on compliant recipients"), a ``charset=utf-8`` is
accepted next to Flask's bare ``application/json``; any other parameter is not.
A media type a view sets itself (``text/plain`` on a response object, or in a WSGI application's
headers) is accepted with or without the ``charset=utf-8`` Werkzeug appends to ``text/*`` types.

How the other checks compare:

* **One behaviour, one requirement.** The default media type of a str (and of bytes) is checked
  by ``responses.str.content-type`` and ``responses.bytes.content-type`` only; the requirements
  about statuses, tuples, streams and ``make_response`` do not look at ``Content-Type``, so a
  framework with another default fails those two, not every requirement that returns text.
* **JSON** bodies are parsed and compared as JSON: key order, whitespace and ``\\u`` escapes are
  not part of the behaviour.
* **Cookies** are compared as a browser stores them (RFC 6265): attribute names in any case, and
  the path a cookie applies to is its ``Path`` attribute or, without one, the default path of
  the request (``/`` for ``/make-response``).

Flask's exact output is its own requirement, at level MAY, for implementations that aim to be
byte-identical: :req:`responses.exact.content-type.str` and its siblings (the ``Content-Type``
bytes), :req:`responses.exact.json-body` (sorted keys, compact separators, ASCII escapes and a
final newline, the defaults of Flask's JSON provider),
:req:`responses.exact.json-value.datetime` and its sibling (a datetime in IMF-fixdate form, a UUID
in lower case), :req:`responses.jsonify.no-arguments-object` (``{}`` for ``jsonify()`` before
Flask 2.2, never documented) and :req:`responses.make-response.cookie-path-attribute` (an
explicit ``Path=/``; Werkzeug 2.3.0 to 2.3.2 left it out, a known defect a failure names).

Streaming is observed on both transports: over ``http`` as the connection delivers the body,
in-process as the WSGI response iterable yields it, one item at a time (PEP 3333), so a framework
that collects a generator before returning its body fails in-process too. The fixture pauses the
stream after the first chunk until a second request releases it, so a server or framework that
buffers the body cannot pass.

A streamed body meets the request's hooks. ``after_request`` functions run on the response
before its body is produced, so a header they set is sent with a stream as with any response.
Without help, a generator runs after the view has returned and the request context is gone;
``stream_with_context`` (wrapping a generator, or decorating its function) keeps it, so the
generator can read the request, and the request is torn down only once the body is complete:
a ``teardown_request`` function then runs after the generator's last chunk. The fixture records
when the generator finishes and when teardown functions run, and a second request reads the
record, so both transports observe the order without waiting. Since Flask 3.1.2 a teardown
function also runs once before the body (when the view returns); only the run after the body is
checked. Frameworks whose views get the request as an argument, or bind it to the thread for the
whole WSGI call, need no ``stream_with_context``: their fixtures read the request in a plain
generator.

Fixture contract
----------------

Every route answers ``GET``. "Response object" means an instance of the app's own response
class, built in the view. Non-ASCII text below is written with Python escapes
(``\\u00e9`` is "e" with an acute accent, ``\\u2713`` a check mark).

``/object``
    returns a response object: body ``object``, status ``418``, media type ``text/plain``,
    header ``X-Origin: object``.
``/object/werkzeug``
    returns a Werkzeug response object (``werkzeug.wrappers.Response``, not the app's own class):
    body ``werkzeug``, status ``207``, header ``X-Origin: werkzeug``.
``/str``
    returns the str ``"str:caf\\u00e9 \\u2713"``.
``/bytes``
    returns the bytes ``b"bytes:\\xff\\x00\\xfe"`` (not valid UTF-8 on purpose).
``/json/dict``
    returns the dict ``{"kind": "dict", "count": 3, "ratio": 0.5, "ok": True, "none": None,
    "tags": ["a", "b"], "nested": {"text": "caf\\u00e9 \\u2713"}}``.
``/json/list``
    returns the list ``["list", 1, 2.5, True, None, {"text": "caf\\u00e9 \\u2713"}]``.
``/stream/generator``
    returns a generator yielding the str chunks ``"one\\n"``, ``"two\\n"``, ``"three\\n"``.
``/stream/bytes``
    returns a generator yielding the bytes chunks ``b"alpha\\n"``, ``b"beta\\n"``,
    ``b"gamma\\n"``.
``/stream/iterator``
    returns a plain iterator (not a generator) over ``["x\\n", "y\\n", "z\\n"]``.
``/stream/tuple``
    returns ``(generator, 201, {"X-Stream": "tuple"})``, the generator yielding ``b"tuple:"`` and
    ``b"stream"``.
``/stream/live?token=T``
    returns a generator that yields ``"first\\n"``, then waits (at most 5 seconds) until
    ``/stream/release`` is requested with the same token, then yields ``"last\\n"`` (or
    ``"unreleased\\n"`` when the wait timed out). The release may arrive before the wait starts.
``/stream/release?token=T``
    releases the live stream of token ``T`` and returns ``"released"``.
``/tuple/status/integer``
    returns ``("tuple:integer", 201)``.
``/tuple/status/string``
    returns ``("tuple:string", "202 ACCEPTED")``.
``/tuple/status/http-status``
    returns ``("tuple:http-status", HTTPStatus.CREATED)``.
``/tuple/status/unregistered``
    returns ``("tuple:unregistered", 599)`` (a code with no registered reason phrase).
``/tuple/status/response``
    returns ``(response, 203)`` where ``response`` is a response object with body
    ``tuple:response``, the default status and header ``X-Origin: object``.
``/tuple/json``
    returns ``({"created": True}, 201)``.
``/tuple/headers/dict``
    returns ``("tuple:headers", {"X-Extra": "dict"})``.
``/tuple/headers/pairs``
    returns ``("tuple:headers", [("X-Extra", "pairs")])``.
``/tuple/status-headers/dict``
    returns ``("tuple:both", 201, {"X-Extra": "dict"})``.
``/tuple/status-headers/pairs``
    returns ``("tuple:both", 201, [("X-Extra", "pairs")])``.
``/tuple/same-name-headers``
    returns ``(response, {"X-Origin": "tuple", "Content-Type": "text/csv; charset=utf-8"})``
    where ``response`` is a response object with body ``tuple:same-name``, media type
    ``text/plain`` and headers ``X-Origin: object`` and ``X-Kept: object``.
``/wsgi``
    returns a WSGI application that answers status ``202 Accepted`` with headers
    ``Content-Type: text/plain`` and ``X-Wsgi: called``, and the body ``wsgi:`` followed by the
    ``PATH_INFO`` of the environment it is called with (so ``wsgi:/wsgi``).
``/invalid/none``
    returns ``None``.
``/invalid/number``
    returns the int ``42``.
``/invalid/long-tuple``
    returns the four-item tuple ``("tuple:long", 200, {"X-Extra": "long"}, "surplus")``.
``/invalid/reversed-tuple``
    returns ``(201, "tuple:reversed")``.
``/invalid/empty-tuple``
    returns ``()``.
``/invalid/one-item-tuple``
    returns ``("tuple:one",)``.
``/invalid/status-last-tuple``
    returns ``("tuple:status-last", {"X-Extra": "last"}, 201)``.
``/http-exception/gone``
    returns (does not raise) the HTTP exception ``Gone()``, status 410.
``/http-exception/allow``
    returns ``MethodNotAllowed(valid_methods=["GET", "POST"])``.
``/abort/response``
    calls ``abort(make_response("aborted", 409, {"X-Aborted": "yes"}))``. The app has an error
    handler for status 409 that answers ``("handled", 409)``.
``/json/value/<name>``
    returns the dict ``{"value": v}`` where ``v`` is, by ``name``: ``date`` ``date(2024, 1, 2)``;
    ``naive-datetime`` ``datetime(2024, 1, 2, 3, 4, 5)``; ``aware-datetime`` the same wall-clock
    time at UTC+02:00; ``uuid`` ``UUID("12345678-1234-5678-1234-56781234abcd")``; ``decimal``
    ``Decimal("12.50")``; ``dataclass`` an instance of a dataclass with the fields ``x=3`` and
    ``label="p"``; ``html`` an object whose ``__html__()`` returns ``<b>bold</b>``; ``opaque`` an
    instance of a plain class (``fixtures/contract.py`` holds these values).
``/stream/context?name=N``
    returns a response streaming a generator wrapped in ``stream_with_context`` that yields
    ``"hello "`` and then the query argument ``name`` read from the request.
``/stream/context-decorated?name=N``
    the same with ``stream_with_context`` decorating the generator function.
``/hooks/stream``
    returns a response streaming a generator that yields ``b"streamed\\n"``. An ``after_request``
    function sets ``X-After-Request: streamed`` on every response under ``/hooks/``.
``/hooks/stream-context?token=T``
    returns a response streaming a generator, wrapped in ``stream_with_context``, that yields
    ``b"streamed\\n"`` and then records ``body`` for ``T``. A ``teardown_request`` function records
    ``teardown`` for ``T`` each time it runs for a request under ``/hooks/`` with a ``token``.
``/hooks/record?of=T``
    returns what was recorded for ``T``, comma-separated in order (``body,teardown``), and
    forgets it.
``/make-response``
    calls ``make_response("made", 202)``, sets the header ``X-Something: A value`` and the
    cookie ``flavor=oatmeal`` (no other cookie options) on the result, and returns it.
``/make-response/dict``
    returns ``make_response({"made": True})``.
``/make-response/empty``
    returns ``make_response()``.
``/make-response/tuple-args``
    returns ``make_response("made:args", 201, [("X-Args", "yes")])``.
``/jsonify/keywords``
    returns ``jsonify(name="flask", count=3)``.
``/jsonify/positional``
    returns ``jsonify(1, "two", None)``.
``/jsonify/single``
    returns ``jsonify(["only", 1])``.
``/jsonify/none``
    returns ``jsonify()``.
``/jsonify/both``
    returns ``jsonify(1, name="flask")``.

No configuration is needed: the app runs with the framework's defaults (in particular, not in
debug or testing mode, so an error in a view becomes a 500 response).
"""

import datetime
import decimal
import json
import re
import uuid

from flask_conformance import MAY, MUST, SHOULD, Defect, requirement
from flask_conformance.spec._fields import cookie_path, list_elements, media_type

HTML = "text/html; charset=utf-8"
JSON = "application/json"
TEXT = "str:caf\u00e9 \u2713"
NESTED_TEXT = "caf\u00e9 \u2713"
DICT = {"kind": "dict", "count": 3, "ratio": 0.5, "ok": True, "none": None,
        "tags": ["a", "b"], "nested": {"text": NESTED_TEXT}}


def assert_status(response, expected):
    assert response.status == expected, (
        f"expected status {expected}, got {response.status}: {response.body[:120]!r}"
    )


def assert_header(response, name, expected):
    """Exactly one field ``name`` with the value ``expected``."""
    values = response.headers.get_all(name)
    assert values == [expected], f"expected {name}: {expected!r}, got {values!r}"


def assert_content_type(response, expected):
    """Exactly one ``Content-Type``, equal to ``expected`` as a media type (see the chapter)."""
    values = response.headers.get_all("Content-Type")
    assert len(values) == 1 and media_type(values[0]) == media_type(expected), (
        f"expected Content-Type: {expected!r} (as a media type), got {values!r}")


def assert_text_type(response, essence):
    """Exactly one ``Content-Type``: the media type ``essence`` with no parameter but a
    ``charset``, which (when given) is ``utf-8``: what a view set as its media type, with or
    without the charset Werkzeug adds to ``text/*``."""
    values = response.headers.get_all("Content-Type")
    parsed = media_type(values[0]) if len(values) == 1 else None
    assert parsed is not None and parsed[0] == essence and parsed[1] in ((), (("charset", "utf-8"),)), (
        f"expected Content-Type: {essence} (charset utf-8 or none), got {values!r}")


def assert_json_type(response):
    """Exactly one ``Content-Type``: ``application/json``, bare or with ``charset=utf-8``."""
    values = response.headers.get_all("Content-Type")
    assert len(values) == 1 and media_type(values[0]) in (
        media_type(JSON), media_type(JSON + "; charset=utf-8")), (
        f"expected Content-Type: {JSON!r}, got {values!r}")


# Response objects


@requirement("responses.object.passthrough", MUST, since="0.12", source="flask:quickstart#about-responses")
def test_response_object_passthrough(client):
    """A response object returned by a view MUST be sent as it is: its status, headers, media
    type (``text/plain``; a ``charset``, if any, ``utf-8``) and body reach the client unchanged."""
    response = client.get("/object")
    assert_status(response, 418)
    assert_text_type(response, "text/plain")
    assert_header(response, "X-Origin", "object")
    assert response.body == b"object"


@requirement("responses.object.werkzeug", MUST, since="0.12", source="flask:api#flask.Flask.make_response")
def test_werkzeug_response_object(client):
    """A Werkzeug response object that is not of the app's own response class MUST be sent as
    it is too: its status (207), its header ``X-Origin: werkzeug`` and its body."""
    response = client.get("/object/werkzeug")
    assert_status(response, 207)
    assert_header(response, "X-Origin", "werkzeug")
    assert response.body == b"werkzeug", f"got {response.body[:120]!r}"


# str and bytes


@requirement("responses.str.status", MUST, since="0.12", source="flask:quickstart#about-responses")
def test_str_status(client):
    """A str returned by a view MUST become a response with status 200."""
    assert_status(client.get("/str"), 200)


@requirement("responses.str.content-type", MUST, since="0.12", source="flask:quickstart#about-responses")
def test_str_content_type(client):
    """A str returned by a view MUST be sent with the default media type ``text/html`` and the
    charset ``utf-8`` (``text/html; charset=utf-8``, compared as HTTP compares media types)."""
    assert_content_type(client.get("/str"), HTML)


@requirement("responses.str.utf8-body", MUST, since="0.12", source="flask:api#flask.Flask.make_response")
def test_str_utf8_body(client):
    """A str returned by a view MUST be the body encoded as UTF-8, non-ASCII characters
    included, matching the charset the response declares."""
    response = client.get("/str")
    assert response.body == TEXT.encode("utf-8"), f"got {response.body!r}"


@requirement("responses.str.content-length", SHOULD, since="0.12",
             source="werkzeug:wrappers#werkzeug.wrappers.Response.automatically_set_content_length")
def test_str_content_length(client):
    """A response made from a str SHOULD carry a Content-Length equal to the size of its
    encoded body, since the whole body is known in advance."""
    response = client.get("/str")
    assert_header(response, "Content-Length", str(len(TEXT.encode("utf-8"))))


@requirement("responses.bytes.body", MUST, since="0.12", source="flask:api#flask.Flask.make_response")
def test_bytes_body(client):
    """Bytes returned by a view MUST become a 200 response whose body is the bytes unchanged,
    byte for byte, even when they are not valid text."""
    response = client.get("/bytes")
    assert_status(response, 200)
    assert response.body == b"bytes:\xff\x00\xfe", f"got {response.body!r}"


@requirement("responses.bytes.content-type", MUST, since="0.12", source="flask:api#flask.Flask.make_response")
def test_bytes_content_type(client):
    """Bytes returned by a view MUST get the same default media type as a str,
    ``text/html; charset=utf-8``."""
    assert_content_type(client.get("/bytes"), HTML)


# dict and list


@requirement("responses.json.dict", MUST, since="1.1", source="flask:quickstart#apis-with-json")
def test_json_dict(client):
    """A dict returned by a view MUST become a 200 response of type ``application/json`` whose
    body parses back to the same object."""
    response = client.get("/json/dict")
    assert_status(response, 200)
    assert_json_type(response)
    assert response.json() == DICT


@requirement("responses.json.list", MUST, since="2.2", source="flask:quickstart#apis-with-json")
def test_json_list(client):
    """A list returned by a view MUST become a 200 response of type ``application/json`` whose
    body parses back to the same array (not be read as a tuple of body, status and headers)."""
    response = client.get("/json/list")
    assert_status(response, 200)
    assert_json_type(response)
    assert response.json() == ["list", 1, 2.5, True, None, {"text": NESTED_TEXT}]


# Values the JSON provider converts

#: RFC 9110 section 5.6.7: the preferred IMF-fixdate and the two obsolete forms recipients accept.
HTTP_DATE_FORMATS = ("%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %d %H:%M:%S %Y")
UUID_TEXT = "12345678-1234-5678-1234-56781234abcd"
UUID_PATTERN = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def http_date(text):
    """The instant (UTC) an HTTP-date in any of RFC 9110's three formats denotes, or None."""
    for form in HTTP_DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, form).replace(tzinfo=datetime.timezone.utc)
        except (TypeError, ValueError):
            continue
    return None


def json_value(client, name):
    """What ``/json/value/<name>`` sent under ``value``, the response being a 200 JSON object."""
    response = client.get(f"/json/value/{name}")
    assert_status(response, 200)
    document = response.json()
    assert isinstance(document, dict) and "value" in document, f"expected {{'value': ...}}, got {document!r}"
    return document["value"]


@requirement("responses.json.date", MUST, since="1.1",
             source="flask:api#flask.json.provider.DefaultJSONProvider", cases={
                 "date": ("date", datetime.datetime(2024, 1, 2, tzinfo=datetime.timezone.utc)),
                 "naive-datetime": ("naive-datetime", datetime.datetime(2024, 1, 2, 3, 4, 5,
                                                                        tzinfo=datetime.timezone.utc)),
                 "aware-datetime": ("aware-datetime", datetime.datetime(2024, 1, 2, 1, 4, 5,
                                                                        tzinfo=datetime.timezone.utc)),
             })
def test_json_date(client, case):
    """A date or datetime in a returned dict MUST be serialized as an HTTP date (RFC 9110,
    section 5.6.7, in any of its three formats) of the same instant: a date as its midnight, a
    naive datetime as UTC, an aware datetime converted to UTC (``+02:00`` 03:04:05 is 01:04:05 GMT)."""
    name, instant = case
    value = json_value(client, name)
    assert isinstance(value, str) and http_date(value) == instant, (
        f"expected an HTTP date of {instant:%Y-%m-%d %H:%M:%S} UTC, got {value!r}")


@requirement("responses.json.uuid", MUST, since="1.1", source="flask:api#flask.json.provider.DefaultJSONProvider")
def test_json_uuid(client):
    """A ``uuid.UUID`` in a returned dict MUST be serialized as its hyphenated string form
    (hexadecimal digits in either case) of the same UUID."""
    value = json_value(client, "uuid")
    assert isinstance(value, str) and UUID_PATTERN.fullmatch(value) and uuid.UUID(value) == uuid.UUID(UUID_TEXT), (
        f"expected the UUID {UUID_TEXT} as a string, got {value!r}")


@requirement("responses.json.decimal", MUST, since="2.0.2",
             source="flask:api#flask.json.provider.DefaultJSONProvider")
def test_json_decimal(client):
    """A ``decimal.Decimal`` in a returned dict MUST be serialized as a string of the same
    decimal number with the same precision: ``Decimal("12.50")`` as ``"12.50"``, not the float
    12.5 (Flask 2.0.2 added it; before, it was an error)."""
    value = json_value(client, "decimal")
    assert isinstance(value, str), f"expected a string, got {value!r}"
    try:
        parsed = decimal.Decimal(value)
    except decimal.InvalidOperation:
        parsed = None
    assert parsed is not None and parsed.as_tuple() == decimal.Decimal("12.50").as_tuple(), (
        f"expected the decimal 12.50, got {value!r}")


@requirement("responses.json.dataclass", MUST, since="1.1",
             source="flask:api#flask.json.provider.DefaultJSONProvider")
def test_json_dataclass(client):
    """A dataclass instance in a returned dict MUST be serialized as an object of its fields."""
    value = json_value(client, "dataclass")
    assert value == {"x": 3, "label": "p"}, f"expected the dataclass' fields, got {value!r}"


@requirement("responses.json.html-object", MUST, since="1.1",
             source="flask:api#flask.json.provider.DefaultJSONProvider")
def test_json_html_object(client):
    """An object with an ``__html__`` method (such as ``Markup``) in a returned dict MUST be
    serialized as the string that method returns."""
    value = json_value(client, "html")
    assert value == "<b>bold</b>", f"expected the object's HTML, got {value!r}"


@requirement("responses.json.unserializable", MUST, since="1.1",
             source="flask:api#flask.json.provider.DefaultJSONProvider")
def test_json_unserializable(client):
    """A returned dict holding a value the JSON provider cannot serialize (an instance of a
    plain class) MUST produce a 500 response, not a body with some text in its place."""
    assert_status(client.get("/json/value/opaque"), 500)


# Iterators and generators


@requirement("responses.stream.body", MUST, since="2.2", source="flask:quickstart#about-responses", cases={
    "generator": ("/stream/generator", b"one\ntwo\nthree\n"),
    "bytes": ("/stream/bytes", b"alpha\nbeta\ngamma\n"),
    "iterator": ("/stream/iterator", b"x\ny\nz\n"),
})
def test_stream_body(client, case):
    """An iterator or generator of str or bytes returned by a view MUST give a 200 response
    whose body is its chunks in order (str chunks encoded as UTF-8)."""
    path, expected = case
    response = client.get(path)
    assert_status(response, 200)
    assert response.body == expected, f"got {response.body!r}"


@requirement("responses.stream.tuple", MUST, since="2.2", source="flask:quickstart#about-responses")
def test_stream_tuple(client):
    """A generator in a ``(body, status, headers)`` tuple MUST be streamed with the tuple's
    status and headers: status 201, ``X-Stream: tuple`` and its chunks as the body."""
    response = client.get("/stream/tuple")
    assert_status(response, 201)
    assert_header(response, "X-Stream", "tuple")
    assert response.body == b"tuple:stream", f"got {response.body[:120]!r}"


@requirement("responses.stream.incremental", MUST, since="2.2", source="flask:patterns/streaming#basic-usage")
def test_stream_incremental(client, client_factory):
    """A generator returned by a view MUST be streamed: the client receives its first chunk
    while the generator has not yet produced the last one (over http as the connection delivers
    it, in-process as the WSGI response iterable yields it)."""
    token = uuid.uuid4().hex
    with client.stream("GET", f"/stream/live?token={token}") as response:
        assert response.status == 200, f"expected status 200, got {response.status}"
        chunks = response.chunks()
        received = b""
        for data in chunks:
            received += data
            if len(received) >= len(b"first\n"):
                break
        assert received == b"first\n", (
            f"before the generator was released the client had {received!r} instead of exactly "
            "b'first\\n': the body was not streamed as the generator produced it"
        )
        released = client_factory().get("/stream/release", query={"token": token})
        assert_status(released, 200)
        for data in chunks:
            received += data
    assert received == b"first\nlast\n", f"the streamed body was {received!r}"


@requirement("responses.stream.request-context", MUST, since="0.12", source="flask:api#flask.stream_with_context",
             cases={"wrapped": "/stream/context", "decorated": "/stream/context-decorated"})
def test_stream_request_context(client, case):
    """A generator given to ``stream_with_context`` (wrapping a generator, or decorating its
    function) MUST see the request while the body is produced: its chunks read the query
    argument ``name``, so the body is ``hello flask``."""
    response = client.get(case, query={"name": "flask"})
    assert_status(response, 200)
    assert response.body == b"hello flask", f"got {response.body[:120]!r}"


@requirement("responses.stream.after-request-headers", MUST, since="0.12",
             source="flask:api#flask.Flask.after_request")
def test_stream_after_request_headers(client):
    """A header an ``after_request`` function sets MUST be sent with a streamed response too:
    the hook runs on the response before its body is produced."""
    assert_header(client.get("/hooks/stream"), "X-After-Request", "streamed")


@requirement("responses.stream.teardown-after-body", MUST, since="0.12",
             source="flask:patterns/streaming#streaming-with-context")
def test_stream_teardown_after_body(client):
    """For a ``stream_with_context`` response, a ``teardown_request`` function MUST run after the
    generator has produced its last chunk, so what it releases stays available to the whole body.
    The fixture records both events; a teardown that also ran earlier is not judged."""
    token = uuid.uuid4().hex
    response = client.get("/hooks/stream-context", query={"token": token})
    assert_status(response, 200)
    assert response.body == b"streamed\n", f"got {response.body[:120]!r}"
    events = client.get("/hooks/record", query={"of": token}).text.split(",")
    assert "body" in events, f"the generator never finished: recorded {events!r}"
    assert "teardown" in events[events.index("body"):], (
        f"no teardown after the body was produced: recorded {events!r}")


# Tuples


@requirement("responses.tuple.status", MUST, since="0.12", source="flask:quickstart#about-responses", cases={
    "integer": ("/tuple/status/integer", 201, b"tuple:integer"),
    "string": ("/tuple/status/string", 202, b"tuple:string"),
    "http-status": ("/tuple/status/http-status", 201, b"tuple:http-status"),
    "unregistered": ("/tuple/status/unregistered", 599, b"tuple:unregistered"),
})
def test_tuple_status(client, case):
    """In a ``(body, status)`` tuple the status, given as an int (one with no registered reason
    phrase included), an ``http.HTTPStatus`` member or a status string with its reason phrase,
    MUST set the response status; the body is converted as usual."""
    path, status, body = case
    response = client.get(path)
    assert_status(response, status)
    assert response.body == body


@requirement("responses.tuple.status-response-object", MUST, since="0.12",
             source="flask:api#flask.Flask.make_response")
def test_tuple_status_response_object(client):
    """When the body of a ``(body, status)`` tuple is a response object, the tuple's status
    MUST override the object's status while its headers and body are kept."""
    response = client.get("/tuple/status/response")
    assert_status(response, 203)
    assert_header(response, "X-Origin", "object")
    assert response.body == b"tuple:response"


@requirement("responses.tuple.json-body", MUST, since="1.1", source="flask:quickstart#about-responses")
def test_tuple_json_body(client):
    """A dict in a ``(body, status)`` tuple MUST be sent as JSON (a body that parses back to the
    dict) with the tuple's status."""
    response = client.get("/tuple/json")
    assert_status(response, 201)
    assert response.json() == {"created": True}


@requirement("responses.tuple.extra-headers", MUST, since="0.12", source="flask:quickstart#about-responses", cases={
    "dict": ("/tuple/headers/dict", "dict"),
    "pairs": ("/tuple/headers/pairs", "pairs"),
})
def test_tuple_extra_headers(client, case):
    """In a ``(body, headers)`` tuple the headers, given as a dict or as a list of pairs, MUST
    be added to the response, which keeps status 200 and the body."""
    path, value = case
    response = client.get(path)
    assert_status(response, 200)
    assert_header(response, "X-Extra", value)
    assert response.body == b"tuple:headers"


@requirement("responses.tuple.status-and-headers", MUST, since="0.12", source="flask:quickstart#about-responses",
             cases={
                 "dict": ("/tuple/status-headers/dict", "dict"),
                 "pairs": ("/tuple/status-headers/pairs", "pairs"),
             })
def test_tuple_status_and_headers(client, case):
    """In a ``(body, status, headers)`` tuple both MUST apply: the status sets the response
    status and the headers (a dict or a list of pairs) are added to the response, with the body."""
    path, value = case
    response = client.get(path)
    assert_status(response, 201)
    assert_header(response, "X-Extra", value)
    assert response.body == b"tuple:both"


@requirement("responses.tuple.headers-extend", MUST, since="0.12", until="1.1.4",
             source="flask:changes#version-2-0-0")
def test_tuple_headers_extend(client):
    """Before Flask 2.0, a header given in a tuple MUST be added next to a same-named header the
    response object already has, so both values are sent; other headers are kept."""
    response = client.get("/tuple/same-name-headers")
    assert_status(response, 200)
    origin = sorted(response.headers.get_all("X-Origin"))
    assert origin == ["object", "tuple"], f"expected X-Origin from the object and the tuple, got {origin!r}"
    types = sorted(map(media_type, response.headers.get_all("Content-Type")), key=repr)
    assert types == sorted(map(media_type, ["text/csv; charset=utf-8", "text/plain; charset=utf-8"]), key=repr), (
        f"expected the Content-Type of the object and of the tuple, got {types!r}"
    )
    assert_header(response, "X-Kept", "object")


@requirement("responses.tuple.headers-replace", MUST, since="2.0", source="flask:changes#version-2-0-0")
def test_tuple_headers_replace(client):
    """A header given in a tuple MUST replace a same-named header the response object already
    has (one field, the tuple's value), while the object's other headers are kept."""
    response = client.get("/tuple/same-name-headers")
    assert_status(response, 200)
    assert_header(response, "X-Origin", "tuple")
    assert_content_type(response, "text/csv; charset=utf-8")
    assert_header(response, "X-Kept", "object")
    assert response.body == b"tuple:same-name"


# WSGI applications


@requirement("responses.wsgi.callable", MUST, needs=("wsgi-app-views",), since="0.12", source="flask:quickstart#about-responses")
def test_wsgi_callable(client):
    """A WSGI application returned by a view MUST be called with the request's environment, and
    its status, headers and body MUST become the response."""
    response = client.get("/wsgi")
    assert_status(response, 202)
    assert_text_type(response, "text/plain")
    assert_header(response, "X-Wsgi", "called")
    assert response.body == b"wsgi:/wsgi"


# Invalid return values


@requirement("responses.invalid.server-error", MUST, since="0.12", source="flask:api#flask.Flask.make_response",
             cases={
                 "none": "/invalid/none",
                 "number": "/invalid/number",
                 "long-tuple": "/invalid/long-tuple",
                 "reversed-tuple": "/invalid/reversed-tuple",
                 "empty-tuple": "/invalid/empty-tuple",
             })
def test_invalid_return_value(client, case):
    """A view returning ``None``, a value of no supported type, or a tuple that is not of one of
    the three forms (four items, ``(status, body)`` in the wrong order, an empty tuple) MUST
    produce a 500 response, never a successful one."""
    assert_status(client.get(case), 500)


@requirement("responses.invalid.tuple-shape", MUST, since="1.0", source="flask:api#flask.Flask.make_response",
             cases={
                 "one-item": "/invalid/one-item-tuple",
                 "status-last": "/invalid/status-last-tuple",
             })
def test_invalid_tuple_shape(client, case):
    """Since Flask 1.0, a one-item tuple and a ``(body, headers, status)`` tuple (status and headers
    swapped) MUST produce a 500 response: only ``(body, status)``, ``(body, headers)`` and
    ``(body, status, headers)`` are valid."""
    assert_status(client.get(case), 500)


@requirement("responses.tuple.one-item", MUST, since="0.12", until="0.12", source="flask:changes#version-1-0")
def test_tuple_one_item(client):
    """Before Flask 1.0, a one-item tuple MUST be read as its body alone: a 200 response with
    that body (Flask 0.12 documents tuples of one to three items)."""
    response = client.get("/invalid/one-item-tuple")
    assert_status(response, 200)
    assert response.body == b"tuple:one", f"got {response.body!r}"


# HTTP exceptions and abort


@requirement("responses.http-exception.status", MUST, since="0.12",
             source="werkzeug:exceptions#werkzeug.exceptions.HTTPException")
def test_http_exception_status(client):
    """An HTTP exception returned by a view (not raised) is a WSGI application, so it MUST
    become the response: ``Gone()`` gives a 410 response."""
    assert_status(client.get("/http-exception/gone"), 410)


@requirement("responses.http-exception.headers", MUST, since="0.12",
             source="werkzeug:exceptions#werkzeug.exceptions.MethodNotAllowed")
def test_http_exception_headers(client):
    """The headers of an HTTP exception returned by a view MUST reach the client: a
    ``MethodNotAllowed`` for ``GET`` and ``POST`` sends an ``Allow`` listing exactly those
    methods (compared as a set of case-insensitive tokens)."""
    response = client.get("/http-exception/allow")
    allowed = {method.upper() for method in list_elements(response.headers, "Allow")}
    assert allowed == {"GET", "POST"}, f"expected Allow: GET, POST, got {response.headers.get_all('Allow')!r}"


@requirement("responses.abort.response", MUST, since="0.12", source="flask:api#flask.abort")
def test_abort_response(client):
    """``abort`` given a response object MUST send that response: its status (409) and its
    headers (``X-Aborted: yes``)."""
    response = client.get("/abort/response")
    assert_status(response, 409)
    assert_header(response, "X-Aborted", "yes")


@requirement("responses.abort.response-not-handled", MUST, since="0.12", source="flask:api#flask.abort")
def test_abort_response_not_handled(client):
    """A response given to ``abort`` MUST be sent as it is even when the app has an error
    handler for its status: the body is the response's own (``aborted``), not the handler's
    (``handled``)."""
    response = client.get("/abort/response")
    assert response.body == b"aborted", f"expected the aborted response's body, got {response.body[:120]!r}"


# make_response


@requirement("responses.make-response.status-body", MUST, since="0.12", source="flask:api#flask.make_response")
def test_make_response_status_body(client):
    """``make_response(body, status)`` MUST build the response a view returning that tuple would
    get: the given status and the body."""
    response = client.get("/make-response")
    assert_status(response, 202)
    assert response.body == b"made"


@requirement("responses.make-response.header", MUST, since="0.12", source="flask:quickstart#about-responses")
def test_make_response_header(client):
    """A header set on the object ``make_response`` returned MUST be sent with the response."""
    assert_header(client.get("/make-response"), "X-Something", "A value")


@requirement("responses.make-response.cookie", MUST, since="0.12", source="flask:quickstart#cookies")
def test_make_response_cookie(client):
    """A cookie set on the object ``make_response`` returned MUST be sent as a ``Set-Cookie``
    with its value, stored for the whole site (path ``/``, from a ``Path`` attribute or RFC 6265's
    default path) and for the browser session only (no ``Expires`` or ``Max-Age``)."""
    cookie = client.get("/make-response").set_cookie("flavor")
    assert cookie is not None, "no Set-Cookie for flavor"
    assert cookie.value == "oatmeal"
    assert cookie_path(cookie, "/make-response") == "/", f"stored for {cookie_path(cookie, '/make-response')}: {cookie}"
    assert cookie.get("expires") is None and cookie.get("max-age") is None, cookie


@requirement("responses.make-response.cookie-path-attribute", MAY, since="0.12",
             source="werkzeug:wrappers#werkzeug.wrappers.Response.set_cookie",
             defects=[Defect(package="werkzeug", versions=">=2.3.0,<2.3.3", fixed="2.3.3",
                             link="https://github.com/pallets/werkzeug/issues/2672",
                             what="set_cookie() leaves out Path=/ unless a path is given")])
def test_make_response_cookie_path_attribute(client):
    """A cookie set without a path MAY be sent with an explicit ``Path=/``, as Flask's is (a
    missing ``Path`` means the same for a view at the top of the site)."""
    cookie = client.get("/make-response").set_cookie("flavor")
    assert cookie is not None, "no Set-Cookie for flavor"
    assert cookie.get("path") == "/", cookie


@requirement("responses.make-response.dict", MUST, since="1.1", source="flask:api#flask.make_response")
def test_make_response_dict(client):
    """``make_response`` given a dict MUST convert it as a view's return value is converted: a
    JSON response (``application/json``) whose body parses back to the dict."""
    response = client.get("/make-response/dict")
    assert_status(response, 200)
    assert_json_type(response)
    assert response.json() == {"made": True}


@requirement("responses.make-response.no-arguments", MUST, since="0.12", source="flask:api#flask.make_response")
def test_make_response_no_arguments(client):
    """``make_response()`` without arguments MUST give a new empty response: status 200, no body."""
    response = client.get("/make-response/empty")
    assert_status(response, 200)
    assert response.body == b"", f"expected an empty body, got {response.body[:120]!r}"


@requirement("responses.make-response.tuple-args", MUST, since="0.12", source="flask:api#flask.make_response")
def test_make_response_tuple_args(client):
    """``make_response`` given several arguments MUST treat them as the tuple a view could
    return: ``make_response(body, status, headers)`` applies the status and the headers."""
    response = client.get("/make-response/tuple-args")
    assert_status(response, 201)
    assert_header(response, "X-Args", "yes")
    assert response.body == b"made:args"


# jsonify


@requirement("responses.jsonify.arguments", MUST, needs=("jsonify",), since="0.12", source="flask:api#flask.json.jsonify", cases={
    "keywords": ("/jsonify/keywords", {"name": "flask", "count": 3}),
    "positional": ("/jsonify/positional", [1, "two", None]),
    "single": ("/jsonify/single", ["only", 1]),
})
def test_jsonify_arguments(client, case):
    """``jsonify`` MUST serialize keyword arguments as an object, several positional arguments
    as an array, and a single positional argument as that value itself."""
    path, expected = case
    response = client.get(path)
    assert_status(response, 200)
    assert response.json() == expected


@requirement("responses.jsonify.content-type", MUST, needs=("jsonify",), since="0.12", source="flask:api#flask.json.jsonify")
def test_jsonify_content_type(client):
    """A ``jsonify`` response MUST be sent with the media type ``application/json`` (no other
    media type, and no parameter other than an equivalent ``charset=utf-8``)."""
    assert_json_type(client.get("/jsonify/keywords"))


@requirement("responses.jsonify.args-and-kwargs", MUST, needs=("jsonify",), since="0.12", source="flask:api#flask.json.jsonify")
def test_jsonify_args_and_kwargs(client):
    """``jsonify`` given both positional and keyword arguments MUST refuse them: the view fails
    and the client gets a 500 response."""
    assert_status(client.get("/jsonify/both"), 500)


@requirement("responses.jsonify.no-arguments", MUST, needs=("jsonify",), since="2.2",
             source="flask:api#flask.json.provider.JSONProvider.response")
def test_jsonify_no_arguments(client):
    """``jsonify()`` without arguments MUST serialize ``None``: the body is the JSON ``null``."""
    response = client.get("/jsonify/none")
    assert_status(response, 200)
    assert response.json() is None, f"expected null, got {response.body[:120]!r}"


@requirement("responses.jsonify.no-arguments-object", MAY, needs=("jsonify",), since="0.12", until="2.1",
             source="flask:api#flask.json.jsonify")
def test_jsonify_no_arguments_object(client):
    """Before Flask 2.2, ``jsonify()`` without arguments MAY serialize an empty object, as Flask
    did (its keyword arguments, none); Flask 2.2 made it ``null``."""
    response = client.get("/jsonify/none")
    assert_status(response, 200)
    assert response.json() == {}, f"expected {{}}, got {response.body[:120]!r}"


# Flask's exact form


@requirement("responses.exact.content-type", MAY, since="0.12", source="flask:quickstart#about-responses", cases={
    "str": ("/str", HTML),
    "object": ("/object", "text/plain; charset=utf-8"),
    "jsonify": ("/jsonify/keywords", JSON),
})
def test_exact_content_type(client, case):
    """``Content-Type`` MAY be written exactly as Flask writes it: ``text/html; charset=utf-8``
    for a str, the charset appended to a ``text/*`` media type a view sets, and a bare
    ``application/json``."""
    path, expected = case
    assert_header(client.get(path), "Content-Type", expected)


@requirement("responses.exact.json-body", MAY, since="1.1", source="flask:api#flask.json.provider.DefaultJSONProvider")
def test_exact_json_body(client):
    """A dict MAY be serialized exactly as Flask's JSON provider does by default: keys sorted,
    no whitespace between tokens, non-ASCII characters as ``\\u`` escapes, and a final newline."""
    expected = json.dumps(DICT, sort_keys=True, separators=(",", ":"), ensure_ascii=True) + "\n"
    response = client.get("/json/dict")
    assert response.body == expected.encode("ascii"), f"expected {expected!r}, got {response.body!r}"


@requirement("responses.exact.json-value", MAY, since="1.1",
             source="flask:api#flask.json.provider.DefaultJSONProvider", cases={
                 "datetime": ("naive-datetime", "Tue, 02 Jan 2024 03:04:05 GMT"),
                 "uuid": ("uuid", UUID_TEXT),
             })
def test_exact_json_value(client, case):
    """A datetime MAY be serialized exactly as Flask's provider writes it, in the IMF-fixdate
    form, and a UUID in lower case, as ``str()`` gives it."""
    name, expected = case
    value = json_value(client, name)
    assert value == expected, f"expected {expected!r}, got {value!r}"
