"""Errors
======

A view stops with an HTTP error by calling ``abort(code)``: the framework answers with that
status and a small HTML page naming the error (Werkzeug's ``HTTPException`` pages). An
application replaces those answers with its own by registering *error handlers*, by status code
(``errorhandler(404)``, or ``register_error_handler(404, f)``) or by exception class
(``errorhandler(ValueError)``). Clients meet the result every day: the API's JSON 404, the
friendly 500 page, the status a monitoring tool reads.

**What a handler returns is the answer.** It is converted like a view's return value, status
included: ``("not here", 404)`` keeps the error's status, ``("busy", 503)`` replaces it, and a
plain body has status 200, since, as Flask's docs warn, the status of the response is not set to
the handler's code.

**The most specific handler wins.** A handler registered for a class also handles its
subclasses; when a class and its base both have one, the class's own handler answers, whichever
was registered first (Flask walks the exception's method resolution order). A handler for a
status code is more specific than one for ``HTTPException``, the base of every HTTP error, which
is a catch-all for HTTP errors since Flask 1.0 (Flask 0.12 looked handlers up by code only, so a
handler for the class was never found). For errors raised in a blueprint's views, the
blueprint's handlers come before the application's at each step: for an HTTP error the
blueprint's handler for its code, then the application's, then the class handlers in the same
order; for any other exception the blueprint's class handlers, its bases included, before any
of the application's. An error the blueprint has no handler for reaches the application's.
Routing errors happen before a view, and so a blueprint, is known: the application's 404
handler answers a URL no rule matches.

**Unhandled exceptions.** An exception no handler takes (not an HTTP error) becomes a
``500 Internal Server Error`` answer; the application's 500 handler, if it has one, makes it.
Since Flask 1.1 that handler always receives an ``InternalServerError`` whose
``original_exception`` is the exception the view raised (``None`` for ``abort(500)``); before,
it received the view's exception itself. The checks read what the handler received from the
JSON it answers with.

**redirect().** ``redirect(location)`` makes a redirect response, ``302 Found`` unless another
code is given (301, 303, 307 and 308 are the others in use), with ``Location`` pointing to the
target and a short HTML body linking to it (RFC 9110, section 15.4, suggests one). The target
becomes a URI on the way (Werkzeug's ``iri_to_uri``): a space, ``"``, ``<`` or ``>`` in it, which
no URI holds, is percent-encoded in ``Location``, since ``Location`` is a URI reference (RFC 9110,
section 10.2.2) and a client cannot tell where one holding them ends or what it means. ``abort``
given a response object, and HTTP exceptions returned rather than raised, are in
:spec:chapter:`responses`; a description in an error page being escaped is in
:spec:chapter:`escaping`; what a 405 handler gets and ``Allow`` is in :spec:chapter:`methods`.

How the checks compare
----------------------

Statuses are exact. ``Location`` is compared as RFC 3986 compares URIs, a relative reference
resolved against the request's URL (Werkzeug made it absolute before 2.1 and leaves it as given
since). A media type is compared as a media type (``text/html`` with or without
``charset=utf-8``, in any case). The bodies handlers return are short text the check compares
exactly, because the body is how the check tells which handler answered; the 500 handler's JSON
is compared as JSON. Werkzeug's page itself (the ``<title>`` and ``<h1>`` naming the error) is a
MAY: no document promises its markup.

Fixture contract
----------------

Every route answers ``GET``. "Answers ``x``, 404" means the handler returns the text ``x`` with
status 404 (a ``(body, status)`` tuple); ``AppError``, ``OtherError``, ``EarlyError`` and
``LateError`` are the classes of the shared contract (``OtherError``, ``EarlyError`` and
``LateError`` extend ``AppError``).

``/abort/<int:code>``
    calls ``abort(code)``.
``/raise/<name>``
    raises a new instance of the class ``name`` names: ``app-error`` ``AppError``,
    ``other-error`` ``OtherError``, ``early-error`` ``EarlyError``, ``late-error``
    ``LateError``, ``runtime-error`` ``RuntimeError``.
``/redirect``
    returns ``redirect("/target?x=1&y=2")``.
``/redirect/<int:code>``
    returns ``redirect("/target?x=1&y=2", code)``.
``/redirect/external``
    returns ``redirect("https://elsewhere.example/landing")``.
``/redirect/unsafe``
    returns ``redirect('/target?q="a b"<c>')``: a target holding characters a URI cannot hold.

The application's error handlers, registered in this order:

* ``EarlyError``: answers ``specific:<class name>``, 422;
* ``AppError``: answers ``base:<class name>``, 400;
* ``LateError``: answers ``specific:<class name>``, 422;
* 404: answers ``handled:404``, 404;
* 409: returns the text ``handled:409`` without a status;
* 410: answers ``handled:410``, 410;
* 429: answers ``handled:429``, 503;
* 418, registered with ``register_error_handler``: answers ``handled:418``, 418;
* 500: answers 500 with the JSON object ``{"handler": "500", "type": T, "code": C,
  "original": O}``: ``T`` the class name of the object it received, ``C`` its ``code``
  attribute (``null`` without one), ``O`` the class name of its ``original_exception``
  (``null`` when it has none or it is ``None``).

A blueprint registered under ``/bp`` has the routes ``/bp/abort/<int:code>`` and
``/bp/raise/<name>`` (as above) and its own handlers: 404 answers ``blueprint:404``, 404;
``AppError`` answers ``blueprint:<class name>``, 400.

A blueprint registered under ``/caught`` has the route ``/caught/abort/<int:code>`` and its own
handlers: ``HTTPException`` answers ``caught:http:<code>`` with the error's code, and 410
answers ``caught:410``, 410.

Under ``/plain`` the app mounts another app (the prefix moved to the script root) without any
error handler, with the routes ``/abort/<int:code>`` (``abort(code)``) and ``/raise`` (raises
``RuntimeError``).

No rule matches ``/no-such-route``.
"""

from flask_conformance import MAY, MUST, SHOULD, requirement

from ._fields import media_type
from ._html import links
from ._uri import same

HOST = {"Host": "example.com"}
ORIGIN = "http://example.com"
TARGET = ORIGIN + "/target?x=1&y=2"

ABORT = "flask:api#flask.abort"
HANDLERS = "flask:errorhandling#error-handlers"
HANDLING = "flask:errorhandling#handling"
GENERIC = "flask:errorhandling#generic-exception-handlers"
BLUEPRINT = "flask:errorhandling#blueprint-error-handlers"
UNHANDLED = "flask:errorhandling#unhandled-exceptions"
REDIRECT = "flask:api#flask.redirect"
PAGE = "werkzeug:exceptions#werkzeug.exceptions.HTTPException.get_response"

#: IDs this chapter no longer uses, and why (IDs are never reused).
RETIRED = {}


def assert_answer(response, status, body):
    """The response has ``status`` and exactly the text ``body`` (which handler answered)."""
    assert (response.status, response.text) == (status, body), (
        f"expected {status} {body!r}\n{response.describe()}")


def assert_status(response, status):
    assert response.status == status, f"expected {status}, got {response.status}\n{response.describe()}"


# abort and the pages of HTTP errors

@requirement("errors.abort.status", MUST, since="0.12", source=ABORT,
             cases={str(code): code for code in (400, 401, 403, 404, 410, 418, 503)})
def test_abort_status(client, case):
    """``abort(code)`` in a view MUST answer with that status, in an app without error
    handlers."""
    assert_status(client.get(f"/plain/abort/{case}"), case)


@requirement("errors.page.media-type", SHOULD, since="0.12", source=PAGE)
def test_page_media_type(client):
    """The default answer to ``abort(410)`` SHOULD be an HTML page: media type ``text/html``,
    its ``charset``, when given, ``utf-8``."""
    response = client.get("/plain/abort/410")
    assert_status(response, 410)
    parsed = media_type(response.headers.get("Content-Type", ""))
    assert parsed is not None and parsed[0] == "text/html", f"expected text/html\n{response.describe()}"
    assert dict(parsed[1]).get("charset", "utf-8") == "utf-8", f"expected UTF-8\n{response.describe()}"


@requirement("errors.page.werkzeug-title", MAY, since="0.12", source=PAGE)
def test_page_werkzeug_title(client):
    """The default page of ``abort(410)`` MAY name the error as Werkzeug's does: the markup
    ``<title>410 Gone</title>`` and ``<h1>Gone</h1>`` in it."""
    response = client.get("/plain/abort/410")
    assert_status(response, 410)
    for markup in ("<title>410 Gone</title>", "<h1>Gone</h1>"):
        assert markup in response.text, f"expected {markup} in the page\n{response.describe()}"


@requirement("errors.unhandled.status", MUST, since="0.12", source=UNHANDLED)
def test_unhandled_status(client):
    """An exception a view raises that no handler takes MUST become a 500 answer."""
    assert_status(client.get("/plain/raise"), 500)


# Handlers by status code

@requirement("errors.handler.code", MUST, since="0.12", source=HANDLERS)
def test_handler_code(client):
    """A handler registered for a status code MUST answer ``abort`` with that code: its return
    value ``("handled:410", 410)`` is the answer."""
    assert_answer(client.get("/abort/410"), 410, "handled:410")


@requirement("errors.handler.register-function", MUST, since="0.12",
             source="flask:api#flask.Flask.register_error_handler")
def test_handler_register_function(client):
    """A handler registered with ``register_error_handler(418, f)`` MUST answer ``abort(418)``
    as one registered with the decorator would."""
    assert_answer(client.get("/abort/418"), 418, "handled:418")


@requirement("errors.handler.status-replaced", MUST, since="0.12", source=HANDLERS)
def test_handler_status_replaced(client):
    """The status a handler returns MUST be the answer's, whatever the error's: the 429
    handler's ``("handled:429", 503)`` is a 503."""
    assert_answer(client.get("/abort/429"), 503, "handled:429")


@requirement("errors.handler.status-default", SHOULD, since="0.12", source=HANDLERS)
def test_handler_status_default(client):
    """A handler that returns a body without a status SHOULD answer 200, as Flask documents:
    the 409 handler's ``handled:409`` is a 200."""
    assert_answer(client.get("/abort/409"), 200, "handled:409")


@requirement("errors.handler.not-found", MUST, since="0.12", source=HANDLERS,
             cases={"abort": "/abort/404", "routing": "/no-such-route"})
def test_handler_not_found(client, case):
    """The 404 handler MUST answer both ``abort(404)`` and a URL no rule matches."""
    assert_answer(client.get(case), 404, "handled:404")


# Handlers by exception class

@requirement("errors.handler.class", MUST, since="0.12", source=HANDLERS)
def test_handler_class(client):
    """A handler registered for an exception class MUST answer a view raising it:
    ``AppError`` gets ``base:AppError``, 400."""
    assert_answer(client.get("/raise/app-error"), 400, "base:AppError")


@requirement("errors.handler.subclass", MUST, since="0.12", source=HANDLING)
def test_handler_subclass(client):
    """A handler registered for a class MUST answer its subclasses that have none of their own:
    ``OtherError`` gets ``base:OtherError``, 400."""
    assert_answer(client.get("/raise/other-error"), 400, "base:OtherError")


@requirement("errors.handler.most-specific", MUST, since="0.12", source=HANDLING,
             cases={"registered-before": "EarlyError", "registered-after": "LateError"})
def test_handler_most_specific(client, case):
    """When a class and its base both have a handler, the class's own MUST answer, whether it
    was registered before or after the base's: ``specific:<class>``, 422."""
    name = {"EarlyError": "early-error", "LateError": "late-error"}[case]
    assert_answer(client.get(f"/raise/{name}"), 422, f"specific:{case}")


@requirement("errors.handler.http-exception", MUST, since="1.0", source=GENERIC)
def test_handler_http_exception(client):
    """A handler registered for ``HTTPException`` MUST answer every HTTP error without a more
    specific handler: ``abort(403)`` gets ``caught:http:403``, 403."""
    assert_answer(client.get("/caught/abort/403"), 403, "caught:http:403")


@requirement("errors.handler.code-over-class", MUST, since="1.0", source=GENERIC)
def test_handler_code_over_class(client):
    """A handler for a status code MUST win over one for ``HTTPException``: ``abort(410)`` gets
    the 410 handler's ``caught:410``."""
    assert_answer(client.get("/caught/abort/410"), 410, "caught:410")


# Blueprints

@requirement("errors.blueprint.first", MUST, since="0.12", source=BLUEPRINT)
def test_blueprint_first(client):
    """For an error raised in a blueprint's view, the blueprint's handler for its code MUST
    answer, not the application's: ``blueprint:404``."""
    assert_answer(client.get("/bp/abort/404"), 404, "blueprint:404")


@requirement("errors.blueprint.fallback", MUST, since="0.12", source=BLUEPRINT)
def test_blueprint_fallback(client):
    """An error raised in a blueprint's view that the blueprint has no handler for MUST reach
    the application's handler: ``abort(410)`` gets ``handled:410``."""
    assert_answer(client.get("/bp/abort/410"), 410, "handled:410")


@requirement("errors.blueprint.before-app-class", SHOULD, since="0.12", source=BLUEPRINT)
def test_blueprint_before_app_class(client):
    """The blueprint's handler for a base class SHOULD win over the application's handler for
    the exact class, as Flask searches the blueprint first: ``EarlyError`` raised in the
    blueprint gets ``blueprint:EarlyError``, 400."""
    assert_answer(client.get("/bp/raise/early-error"), 400, "blueprint:EarlyError")


# Unhandled exceptions and the 500 handler

def _server_error(client):
    response = client.get("/raise/runtime-error")
    assert_status(response, 500)
    return response.json()


@requirement("errors.unhandled.handler", MUST, since="0.12", source=UNHANDLED)
def test_unhandled_handler(client):
    """The application's 500 handler MUST answer an exception no other handler takes: its JSON
    (``"handler": "500"``) is the answer, with status 500."""
    report = _server_error(client)
    assert isinstance(report, dict) and report.get("handler") == "500", f"got {report!r}"


@requirement("errors.unhandled.internal-server-error", MUST, since="1.1", source=UNHANDLED)
def test_unhandled_internal_server_error(client):
    """The 500 handler MUST receive an ``InternalServerError`` (code 500) whose
    ``original_exception`` is the ``RuntimeError`` the view raised (Flask 1.1)."""
    report = _server_error(client)
    expected = {"handler": "500", "type": "InternalServerError", "code": 500, "original": "RuntimeError"}
    assert report == expected, f"expected {expected}, got {report!r}"


@requirement("errors.unhandled.original-exception", MUST, since="0.12", until="1.0", source=UNHANDLED)
def test_unhandled_original_exception(client):
    """Before Flask 1.1, the 500 handler MUST receive the exception the view raised itself, a
    ``RuntimeError``."""
    report = _server_error(client)
    assert isinstance(report, dict) and report.get("type") == "RuntimeError", f"got {report!r}"


# redirect()

def _location(response, expected):
    values = response.headers.get_all("Location")
    assert len(values) == 1, f"expected one Location\n{response.describe()}"
    base = ORIGIN + response.request.target
    assert same(values[0], base, expected), (
        f"expected Location: {expected} (or a reference resolving to it)\n{response.describe()}")


@requirement("errors.redirect.default-status", MUST, since="0.12", source=REDIRECT)
def test_redirect_default_status(client):
    """``redirect(location)`` without a code MUST answer ``302``."""
    assert_status(client.get("/redirect", headers=HOST), 302)


@requirement("errors.redirect.code", MUST, since="0.12", source=REDIRECT,
             cases={str(code): code for code in (301, 303, 307, 308)})
def test_redirect_code(client, case):
    """``redirect(location, code)`` MUST answer with the code given."""
    assert_status(client.get(f"/redirect/{case}", headers=HOST), case)


@requirement("errors.redirect.location", MUST, since="0.12", source=REDIRECT,
             cases={"path": ("/redirect", TARGET), "code": ("/redirect/307", TARGET),
                    "external": ("/redirect/external", "https://elsewhere.example/landing")})
def test_redirect_location(client, case):
    """The answer of ``redirect(location)`` MUST carry one ``Location`` that, resolved against
    the request's URL, is the target (compared as RFC 3986 compares URIs)."""
    path, expected = case
    _location(client.get(path, headers=HOST), expected)


#: Characters RFC 3986 lets no URI hold raw (section 2: outside its character set), which the
#: target of ``/redirect/unsafe`` holds, and that target once they are percent-encoded.
NOT_IN_URIS = frozenset(' "<>')
UNSAFE_TARGET = ORIGIN + "/target?q=%22a%20b%22%3Cc%3E"


@requirement("errors.redirect.location-encoded", MUST, since="0.12", source=REDIRECT)
def test_redirect_location_encoded(client):
    """``redirect(location)`` given a target holding characters a URI cannot hold (a space,
    ``"``, ``<`` and ``>``) MUST carry one ``Location`` with none of them raw: each is
    percent-encoded, so that the field, resolved against the request's URL, is the target with
    them encoded (RFC 9110, section 10.2.2: ``Location`` is a URI reference)."""
    response = client.get("/redirect/unsafe", headers=HOST)
    values = response.headers.get_all("Location")
    assert len(values) == 1, f"expected one Location\n{response.describe()}"
    raw = sorted(NOT_IN_URIS & set(values[0]))
    assert not raw, f"Location holds {raw} raw, which a URI cannot hold\n{response.describe()}"
    _location(response, UNSAFE_TARGET)



@requirement("errors.redirect.body", SHOULD, since="0.12", source="werkzeug:utils#werkzeug.utils.redirect")
def test_redirect_body(client):
    """The body of ``redirect()``'s answer SHOULD be a short HTML note (media type
    ``text/html``) linking to the target: an ``a`` element whose ``href``, as HTML decodes it and
    resolved against the request's URL, is the target."""
    response = client.get("/redirect", headers=HOST)
    assert 300 <= response.status < 400, f"expected a redirect\n{response.describe()}"
    assert response.mimetype == "text/html", f"expected an HTML body\n{response.describe()}"
    hrefs = links(response.text)
    base = ORIGIN + response.request.target
    assert any(same(href, base, TARGET) for href in hrefs), (
        f"expected a link to {TARGET} (found {hrefs})\n{response.describe()}")
