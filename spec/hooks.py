"""Request hooks
=============

Around every view the application runs functions it registered for the request's lifecycle:

* ``before_request`` functions run before the view, in the order they were registered. One that
  returns a value (anything but ``None``) ends the dispatch: that value is converted into the
  response, as a view's would be, and neither the later ``before_request`` functions nor the
  view run. Applications build authentication, rate limits and maintenance pages on this.
* ``after_request`` functions get the response and return it, or another one, in the reverse
  order of registration (the last registered runs first, as with nested decorators), each
  receiving what the previous returned. They run on every response the request ends with:
  the view's, the one a ``before_request`` function returned, an error page, and since Flask 1.1
  also the 500 answer to an unhandled exception (before, it went out without them). CORS headers,
  security headers and cookies are added this way.
* ``teardown_request`` functions run at the very end, after the response is made and the
  ``after_request`` functions are done, whatever happened: they receive the exception when the
  view raised one that was not handled, ``None`` otherwise. They close what the request opened.
* ``after_this_request(f)``, called inside a view, adds ``f`` as an ``after_request`` function
  for this one request only (Flask runs it before the application's).
* A blueprint's ``before_request`` functions run for its views only, after the application's;
  its ``after_request`` functions run before the application's.

``g`` is where a request keeps what its hooks and its view share (the current user, a database
connection): what a ``before_request`` function stores is there for the view, and nothing is left
for the next request.

How these hooks treat HEAD, the automatic OPTIONS answer and a 405 is in
:spec:chapter:`methods`; a canonical-URL redirect in :spec:chapter:`redirects`; a streamed body in
:spec:chapter:`responses`.

How the checks compare
----------------------

What ran, and in which order, is recorded by the fixture: every hook and view notes its name under
the request's ``token``, and a second request reads the record. A check about an order compares
the relative order of the functions it is about, not the whole record, so a framework that runs
an extra function (or notes the view at another moment) fails only the requirement about that.
The ``X-After`` header the ``after_request`` functions build is read as a list (RFC 9110's
comma-separated elements); only which functions marked the response is compared, not the order.

Fixture contract
----------------

Every route answers ``GET``. "Notes ``x``" means: when the request has a ``token`` query
parameter, the event ``x`` is appended to the record of that token (the shared contract's
``record``).

The application registers, in this order:

* ``before_request`` functions ``b1``, ``b2``, ``b3``: each notes its name and appends it to the
  list ``g.trace`` (creating it); the one whose name is the request's ``stop`` query parameter
  then returns ``("stopped:<name>", 409)``;
* ``after_request`` functions ``a1``, ``a2``, ``a3``: each notes its name; ``a3`` returns a new
  response (body ``replaced``, status 202, nothing else set) for a request to ``/replace``; else
  each appends its name to the ``X-After`` header field (comma-separated) and returns the
  response;
* a ``teardown_request`` function noting ``teardown:<class name of the exception>``, or
  ``teardown:none`` when it gets ``None``.

Routes:

``/view``
    notes ``view`` and returns ``view``.
``/raise``
    notes ``view`` and raises ``RuntimeError`` (no error handler: a 500).
``/abort``
    notes ``view`` and calls ``abort(404)``.
``/replace``
    returns ``original``.
``/after-this-request``
    registers with ``after_this_request`` a function that notes ``this``, sets ``X-This: yes``
    and returns the response; then notes ``view`` and returns ``this``.
``/g``
    returns the JSON object ``{"trace": T, "leftover": L}``: ``T`` is ``g.trace``, ``L`` is
    ``g.leftover`` (``null`` when absent); then sets ``g.leftover = "view"``.
``/record?of=<token>``
    returns the events noted for the token, comma-separated, and forgets them.

A blueprint registered under ``/bp`` has a ``before_request`` function noting ``bp-b``, an
``after_request`` function noting ``bp-a`` and the route ``/bp/view``, noting ``view`` and
returning ``view``.
"""

import uuid


from flask_conformance import MAY, MUST, not_applicable, requirement
from flask_conformance.spec._fields import list_elements

BEFORE = "flask:api#flask.Flask.before_request"
AFTER = "flask:api#flask.Flask.after_request"
TEARDOWN = "flask:api#flask.Flask.teardown_request"
AFTER_THIS = "flask:api#flask.after_this_request"
G = "flask:api#flask.g"
LIFECYCLE = "flask:lifecycle#how-a-request-is-handled"
BLUEPRINT = "flask:api#flask.Blueprint.before_request"

#: IDs this chapter no longer uses, and why (IDs are never reused).
RETIRED = {}


def traced(client, path, expected_status=None, **query):
    """Send ``path`` with a fresh token; return the response and the events recorded for it."""
    token = uuid.uuid4().hex
    response = client.get(path, query=dict(query, token=token))
    if expected_status is not None:
        assert response.status == expected_status, (
            f"expected {expected_status}\n{response.describe()}")
    record = client.get("/record", query={"of": token})
    assert record.status == 200, f"the record could not be read\n{record.describe()}"
    return response, [event for event in record.text.split(",") if event]


def among(events, names):
    """The events that are in ``names``, in the order they happened."""
    return [event for event in events if event in names]


def marks(response):
    """The names the ``after_request`` functions left in ``X-After``, as a set."""
    return set(list_elements(response.headers, "X-After"))


# before_request

@requirement("hooks.before-request.order", MUST, since="0.12", source=BEFORE)
def test_before_request_order(client):
    """``before_request`` functions MUST run before the view, in the order they were
    registered: the record shows ``b1``, ``b2``, ``b3``, then ``view``."""
    _, events = traced(client, "/view", 200)
    assert among(events, {"b1", "b2", "b3", "view"}) == ["b1", "b2", "b3", "view"], f"recorded {events}"


@requirement("hooks.before-request.short-circuit", MUST, since="0.12", source=BEFORE)
def test_before_request_short_circuit(client):
    """What a ``before_request`` function returns MUST be the answer: ``b2`` returning
    ``("stopped:b2", 409)`` answers 409 with that body."""
    response = client.get("/view", query={"stop": "b2"})
    assert (response.status, response.text) == (409, "stopped:b2"), response.describe()


@requirement("hooks.before-request.skips-view", MUST, since="0.12", source=BEFORE)
def test_before_request_skips_view(client):
    """When a ``before_request`` function returns a value, the view MUST NOT run: no ``view``
    in the record."""
    _, events = traced(client, "/view", stop="b2")
    assert "view" not in events, f"the view ran: recorded {events}"


@requirement("hooks.before-request.skips-later", MUST, since="0.12", source=BEFORE)
def test_before_request_skips_later(client):
    """When a ``before_request`` function returns a value, the ``before_request`` functions
    registered after it MUST NOT run: ``b2`` stops, ``b3`` is not in the record."""
    _, events = traced(client, "/view", stop="b2")
    assert "b3" not in events and "b2" in events, f"recorded {events}"


@requirement("hooks.before-request.after-request-runs", MUST, since="0.12", source=LIFECYCLE)
def test_before_request_after_request_runs(client):
    """The ``after_request`` functions MUST run on the response a ``before_request`` function
    returned: ``X-After`` lists ``a1``, ``a2`` and ``a3``."""
    response = client.get("/view", query={"stop": "b2"})
    assert marks(response) == {"a1", "a2", "a3"}, response.describe()


# after_request

@requirement("hooks.after-request.order", MUST, since="0.12", source=AFTER)
def test_after_request_order(client):
    """``after_request`` functions MUST run after the view in the reverse order of their
    registration: the record shows ``view``, then ``a3``, ``a2``, ``a1``."""
    _, events = traced(client, "/view", 200)
    assert among(events, {"view", "a1", "a2", "a3"}) == ["view", "a3", "a2", "a1"], f"recorded {events}"


@requirement("hooks.after-request.header", MUST, since="0.12", source=AFTER)
def test_after_request_header(client):
    """A header field the ``after_request`` functions set MUST reach the client: ``X-After``
    lists ``a1``, ``a2`` and ``a3``."""
    response = client.get("/view")
    assert response.status == 200 and response.text == "view", response.describe()
    assert marks(response) == {"a1", "a2", "a3"}, response.describe()


@requirement("hooks.after-request.replace", MUST, since="0.12", source=AFTER)
def test_after_request_replace(client):
    """The response an ``after_request`` function returns MUST replace the one it was given:
    ``a3`` returning a new response makes the answer 202 ``replaced``."""
    response = client.get("/replace")
    assert (response.status, response.text) == (202, "replaced"), response.describe()


@requirement("hooks.after-request.chained", MUST, since="0.12", source=AFTER)
def test_after_request_chained(client):
    """Each ``after_request`` function MUST receive what the previous one returned: the
    functions that run after ``a3`` mark the response ``a3`` made, so its ``X-After`` lists
    exactly them (``a2`` and ``a1`` in Flask). Where none runs after ``a3``, the requirement is
    not applicable (``hooks.after-request.order`` fails)."""
    response, events = traced(client, "/replace")
    assert response.status == 202, response.describe()
    hooks = among(events, {"a1", "a2", "a3"})
    later = set(hooks[hooks.index("a3") + 1:]) if "a3" in hooks else set()
    if not later:
        not_applicable(f"no after_request function ran after a3 (recorded {events})")
    assert marks(response) == later, response.describe()


@requirement("hooks.after-request.http-error", MUST, since="0.12", source=LIFECYCLE)
def test_after_request_http_error(client):
    """The ``after_request`` functions MUST run on the answer to an HTTP error (``abort(404)``):
    ``X-After`` lists ``a1``, ``a2`` and ``a3``."""
    response = client.get("/abort")
    assert response.status == 404, response.describe()
    assert marks(response) == {"a1", "a2", "a3"}, response.describe()


@requirement("hooks.after-request.server-error", MUST, since="1.1",
             source="flask:api#flask.Flask.handle_exception")
def test_after_request_server_error(client):
    """The ``after_request`` functions MUST run on the 500 answer to an unhandled exception
    (since Flask 1.1): ``X-After`` lists ``a1``, ``a2`` and ``a3``."""
    response = client.get("/raise")
    assert response.status == 500, response.describe()
    assert marks(response) == {"a1", "a2", "a3"}, response.describe()


# teardown_request

@requirement("hooks.teardown.runs", MUST, since="0.12", source=TEARDOWN,
             cases={"view": ("/view", {}), "stopped": ("/view", {"stop": "b2"}), "http-error": ("/abort", {})})
def test_teardown_runs(client, case):
    """``teardown_request`` functions MUST run at the end of every request, given ``None``
    when nothing was left unhandled: after the view's answer, after a ``before_request``
    function's and after an HTTP error's, the record has ``teardown:none`` once."""
    path, query = case
    _, events = traced(client, path, **query)
    assert [event for event in events if event.startswith("teardown:")] == ["teardown:none"], f"recorded {events}"


@requirement("hooks.teardown.last", MUST, since="0.12", source=LIFECYCLE)
def test_teardown_last(client):
    """``teardown_request`` functions MUST run after the ``after_request`` functions: in the
    record, ``teardown:none`` comes after ``a1``."""
    _, events = traced(client, "/view", 200)
    assert among(events, {"a1", "teardown:none"}) == ["a1", "teardown:none"], f"recorded {events}"


@requirement("hooks.teardown.exception", MUST, since="0.12", source=TEARDOWN)
def test_teardown_exception(client):
    """When the view raises an exception nothing handles, the ``teardown_request`` functions
    MUST receive it: the record has ``teardown:RuntimeError``."""
    _, events = traced(client, "/raise", 500)
    assert [event for event in events if event.startswith("teardown:")] == ["teardown:RuntimeError"], (
        f"recorded {events}")


# after_this_request

@requirement("hooks.after-this-request.applies", MUST, since="0.12", source=AFTER_THIS)
def test_after_this_request_applies(client):
    """A function a view registers with ``after_this_request`` MUST run on that request's
    response: ``X-This: yes`` is in the answer."""
    response = client.get("/after-this-request")
    assert response.status == 200, response.describe()
    assert response.headers.get_all("X-This") == ["yes"], response.describe()


@requirement("hooks.after-this-request.once", MUST, since="0.12", source=AFTER_THIS)
def test_after_this_request_once(client):
    """A function registered with ``after_this_request`` MUST NOT run for later requests: after
    ``/after-this-request`` (whose answer has ``X-This``; else not applicable), the answer to
    ``/view`` has no ``X-This``."""
    first = client.get("/after-this-request")
    if first.headers.get_all("X-This") != ["yes"]:
        not_applicable("the function never ran (hooks.after-this-request.applies fails)")
    response = client.get("/view")
    assert response.status == 200, response.describe()
    assert "X-This" not in response.headers, response.describe()


@requirement("hooks.after-this-request.before-app-hooks", MAY, since="0.12", source=AFTER_THIS)
def test_after_this_request_before_app_hooks(client):
    """A function registered with ``after_this_request`` MAY run before the application's
    ``after_request`` functions, as in Flask: ``this`` comes before ``a3`` in the record."""
    _, events = traced(client, "/after-this-request", 200)
    assert among(events, {"this", "a3"}) == ["this", "a3"], f"recorded {events}"


# g

@requirement("hooks.g.within-request", MUST, since="0.12", source=G)
def test_g_within_request(client):
    """What ``before_request`` functions store in ``g`` MUST be there for the view of the same
    request: ``g.trace`` holds ``b1``, ``b2`` and ``b3``."""
    response = client.get("/g")
    assert response.status == 200, response.describe()
    trace = response.json().get("trace")
    assert isinstance(trace, list) and sorted(trace) == ["b1", "b2", "b3"], f"g.trace was {trace!r}"


@requirement("hooks.g.not-across-requests", MUST, since="0.12", source=G)
def test_g_not_across_requests(client):
    """``g`` MUST start empty for every request: what a view stored in it
    (``g.leftover``) is gone in the next request."""
    first = client.get("/g")
    assert first.status == 200, first.describe()
    second = client.get("/g")
    assert second.status == 200, second.describe()
    assert second.json().get("leftover") is None, f"g kept {second.json().get('leftover')!r}"


# Blueprints

@requirement("hooks.blueprint.before-order", MUST, since="0.12", source=BLUEPRINT)
def test_blueprint_before_order(client):
    """For a blueprint's view, the blueprint's ``before_request`` function MUST run after the
    application's: the record shows ``b3``, ``bp-b``, ``view`` in that order."""
    _, events = traced(client, "/bp/view", 200)
    assert among(events, {"b3", "bp-b", "view"}) == ["b3", "bp-b", "view"], f"recorded {events}"


@requirement("hooks.blueprint.after-order", MUST, since="0.12", source=BLUEPRINT)
def test_blueprint_after_order(client):
    """For a blueprint's view, the blueprint's ``after_request`` function MUST run before the
    application's: the record shows ``view``, ``bp-a``, ``a3`` in that order."""
    _, events = traced(client, "/bp/view", 200)
    assert among(events, {"view", "bp-a", "a3"}) == ["view", "bp-a", "a3"], f"recorded {events}"


@requirement("hooks.blueprint.scope", MUST, since="0.12", source=BLUEPRINT)
def test_blueprint_scope(client):
    """A blueprint's hooks MUST NOT run for the application's own views: the record of
    ``/view`` has neither ``bp-b`` nor ``bp-a``. Where they do not run for the blueprint's own
    view either, the requirement is not applicable (the blueprint order ones fail)."""
    _, own = traced(client, "/bp/view")
    if not {"bp-b", "bp-a"} <= set(own):
        not_applicable(f"the blueprint's hooks did not run for its own view (recorded {own})")
    _, events = traced(client, "/view", 200)
    assert not {"bp-b", "bp-a"} & set(events), f"recorded {events}"
