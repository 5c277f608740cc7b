"""HTTP methods
============

Every URL rule carries the set of HTTP methods it answers. A request whose path matches a rule
but whose method is not in that set is not a "not found": the framework answers
``405 Method Not Allowed`` and says in the ``Allow`` header which methods the path does accept.
When several rules share one path (for instance a GET view and a POST view registered
separately), the path accepts the union of their methods, both for dispatching and for the
``Allow`` header.

A rule registered without a ``methods`` argument answers ``GET`` only. Two methods are then
added for free:

* ``HEAD`` is added to every rule that allows ``GET``. The view runs as for ``GET``; the
  response keeps the status and headers (Flask's keeps ``Content-Length`` too) but carries no
  body. A
  rule without ``GET`` gets no automatic ``HEAD``.
* ``OPTIONS`` is answered by the framework itself: a successful answer (Flask's has status 200
  and no body) with an ``Allow`` header listing every method the path accepts. A rule can opt out with ``provide_automatic_options=False``
  (a keyword argument of ``route`` since Flask 1.0, a view function attribute in every
  version): ``OPTIONS`` then gets 405 like any method the rule lacks. A rule that lists
  ``OPTIONS`` in its own methods gets no automatic answer either: its view handles ``OPTIONS``
  like any other method. Since
  Flask 3.1 the ``PROVIDE_AUTOMATIC_OPTIONS`` setting turns the automatic answer off for the
  rules registered while it is ``False``.

**Hooks.** ``before_request`` and ``after_request`` hooks run for every request, including the
ones the framework answers itself: HEAD (the view runs, the hooks around it too), the automatic
OPTIONS answer (made where the view would run, so a CORS layer built on ``after_request`` can add
its header fields to it) and a 405 (Flask's lifecycle matches the URL first, keeps the routing
error, runs the ``before_request`` hooks and only then raises it; the 405 page is a response like
any other for the ``after_request`` hooks).

The view that answers HEAD sees ``HEAD`` as the request method in Flask; nothing documents it,
so a framework that hands the view a GET is only further from Flask (a MAY).

**Streamed bodies.** HEAD on a view that streams its body from a generator answers with GET's
status and header fields (a streamed body has no ``Content-Length``, and HEAD then announces
none) and no body. Whether the generator runs is the framework's business: Flask never starts it.

**Class-based views.** ``View.as_view`` makes a view function whose methods are the class's
``methods`` attribute; ``dispatch_request`` sees the request method. ``MethodView`` dispatches
each method to the handler of that name and infers ``methods`` from the handlers the class has,
inherited ones included: from a view it extends in every version, from a mixin that is not a
view since Flask 1.0 (before, only the class body and the bases' ``methods`` counted). A base's
``methods`` attribute is inherited too, so a method without a known handler name (``PROPFIND``)
can be listed there; Flask 1.0 lost that (it looked only for the handler names it knows) and 1.1
brought it back, so the requirement about it starts at 1.1. A class's own ``methods`` attribute
wins over its handlers. ``provide_automatic_options`` on a ``View`` class turns the automatic
OPTIONS answer off since Flask 1.0, when ``as_view`` started passing it on. HEAD goes to a
``head`` handler when there is one, else to ``get`` (since Flask 0.8).

**A 405 answered by an error handler.** ``errorhandler(405)`` handles the routing 405 like any
other error. What the handler returns is the answer, status included: a body without a status is
a 200, as Flask's docs warn ("the status code of the response will not be set to the handler's
code"), and ``Allow`` is only there if the handler puts it there. A handler that returns the
exception it was given (the docs' way to pass HTTP errors through a catch-all handler) gets the
default 405, ``Allow`` and all. A blueprint's handler for 405 answers the 405 its own views
raise, not the router's: Flask cannot tell which blueprint a URL that matched no rule belongs to
(its docs call this out); a framework that can is only further from Flask (a MAY). Flask's answer to a handler that returns a body and 405 has no
``Allow``, which RFC 9110 asks of every 405; the suite does not require it either way.

Method names given at registration are normalised to upper case (``methods=["post"]`` means
``POST``), and Werkzeug also upper-cases the method of the incoming request, so method matching
is in effect case-insensitive. Since Flask 2.0, ``get``, ``post``, ``put``, ``delete`` and
``patch`` are shortcuts for ``route`` with that single method. A view function may also carry
its methods as attributes: ``methods`` (used when the registration gives none) and
``required_methods`` (always added).

How the checks compare
----------------------

``Allow`` is a list-based field (RFC 9110, sections 5.6.1 and 10.2.1): it is read as the set of
its elements, from every ``Allow`` line of the response, with optional whitespace around the
commas and empty elements ignored; order and duplicates mean nothing. Method names themselves are
case-sensitive in HTTP (RFC 9110, section 9.1), so ``post`` in ``Allow`` is not ``POST``.

The ``Allow`` of a 405 answer is the subject of the ``methods.not-allowed`` requirements, and
that of the automatic ``OPTIONS`` answer of the ``methods.options.automatic`` ones. The other
requirements that expect a 405 (a default rule refusing ``PUT``, a shortcut refusing another
method, an opted-out ``OPTIONS``...) check the status only, so a framework whose ``Allow`` is
wrong fails the requirements about ``Allow``, not every requirement that meets a 405 on the way.

The automatic ``OPTIONS`` answer must be successful (any 2xx status: a CORS preflight, the main
user of ``OPTIONS``, accepts any of them); Flask's ``200`` is its own MAY requirement. A ``HEAD``
answer must carry the header fields ``GET`` gets; RFC 9110 (section 9.3.2) lets a server leave out
``Content-Length`` there, so Flask's keeping it is a SHOULD of its own.

Fixture contract
----------------

The chapter app has the routes below and nothing else that matches their paths (the framework's
own static route may exist). "Returns ``x:<METHOD>``" means the view returns the text ``x:``
followed by the request method as the view sees it, with status 200. All bodies are plain
strings returned from the view (any ``Content-Type``).

``/default``
    Registered with ``route`` and no ``methods``. Returns ``default`` (the same text whatever
    the method, so that ``GET`` and ``HEAD`` produce identical headers).
``/form``
    ``methods=["GET", "POST"]``. Returns ``form:<METHOD>``.
``/post-only``
    ``methods=["POST"]``. Returns ``post-only``.
``/lowercase``
    ``methods=["post"]`` (lower case on purpose). Returns ``lowercase:<METHOD>``.
``/separate``
    Two rules on the same path, two views: one with ``methods=["GET"]`` returning
    ``separate:get-view``, registered first, then one with ``methods=["POST"]`` returning
    ``separate:post-view``.
``/shortcut/get``, ``/shortcut/post``, ``/shortcut/put``, ``/shortcut/delete``, ``/shortcut/patch``
    Each registered with the shortcut decorator of its name (``app.get("/shortcut/get")``,
    ``app.post(...)``, ...). Each returns ``shortcut:<METHOD>``. Only where the shortcuts exist
    (Flask 2.0 and later).
``/no-auto-options``
    Default methods, automatic ``OPTIONS`` disabled for this rule
    (``provide_automatic_options=False``). Returns ``no-auto-options``.
``/own-options``
    ``methods=["GET", "OPTIONS"]``, nothing else. Returns ``own-options:<METHOD>``.
``/own-options-opted-out``
    ``methods=["GET", "OPTIONS"]`` and ``provide_automatic_options=False``. Returns
    ``own-options-opted-out:<METHOD>``.
``/config-no-options``
    Default methods, registered while the app setting ``PROVIDE_AUTOMATIC_OPTIONS`` is
    ``False``; the setting is back to ``True`` for every other rule. Returns
    ``config-no-options``. Only where the setting exists (Flask 3.1 and later).
``/view-methods``
    Registered with ``add_url_rule`` without ``methods``; the view function has the attribute
    ``methods = ["PUT"]``. Returns ``view-methods:<METHOD>``.
``/required-methods``
    ``methods=["GET"]``; the view function has the attribute ``required_methods = ["POST"]``.
    Returns ``required-methods:<METHOD>``.

``/method-header``
    Default methods. Returns ``method-header`` with the header field ``X-Method: <METHOD>``.
``/stream``
    Default methods. Returns the body ``stream`` from a generator, in pieces (``str``, ``eam``),
    so that it has no known size.
``/class-view``
    A ``View`` subclass registered with ``as_view``, ``methods = ["GET", "POST"]``;
    ``dispatch_request`` returns ``class-view:<METHOD>``.
``/method-view``
    A ``MethodView`` with a ``get`` handler returning ``method-view:get`` with the header field
    ``X-Handler: get``, and a ``post`` handler returning ``method-view:post``.
``/method-view/head``
    A ``MethodView`` with the same ``get`` and a ``head`` handler returning an empty body with
    ``X-Handler: head``.
``/method-view/child``
    A subclass of the ``/method-view`` class adding a ``delete`` handler returning
    ``method-view:delete``.
``/method-view/mixin``
    A ``MethodView`` with a ``get`` handler returning ``method-view:get``, whose ``put`` handler,
    returning ``method-view:put``, comes from a mixin class that is not a view.
``/method-view/propfind``
    A ``MethodView`` with ``get`` and ``propfind`` handlers returning ``method-view:get`` and
    ``method-view:propfind``, extending a ``MethodView`` whose ``methods`` attribute is
    ``["GET", "PROPFIND"]``.
``/method-view/explicit``
    A ``MethodView`` with ``methods = ["GET"]`` and ``get`` and ``post`` handlers returning
    ``method-view:get`` and ``method-view:post``.
``/class-view/no-options``
    A ``View`` subclass with ``provide_automatic_options = False`` and no ``methods``, returning
    ``class-view:<METHOD>``.

A blueprint mounted at ``/blueprint`` has the rules ``/only-get`` (default methods, returns
``only-get``) and ``/abort`` (``GET`` and ``POST``, raises 405), and an error handler for 405
returning ``("blueprint-handler", 405)``.

The app has a ``before_request`` hook that answers ``blocked`` with status 403 when the request
has an ``X-Block`` header field (and does nothing otherwise), and an ``after_request`` hook that
sets ``X-Hooked: after`` on every response.

Under ``/handled`` the app mounts another app (the prefix moved to the script root, as
``DispatcherMiddleware`` does) with the rules ``/tuple``, ``/text`` and ``/passthrough``, each
with default methods, returning ``handled-route``, and an error handler for 405 that returns
``("handled:405", 405)`` for ``/tuple``, the body ``handled`` without a status for ``/text`` and
the exception it was given for ``/passthrough``.

No rule matches ``/no-such-route``.
"""


from flask_conformance import MAY, MUST, SHOULD, not_applicable, requirement
from flask_conformance.client import Request
from flask_conformance.spec._fields import list_elements, media_type

SHORTCUTS = {"get": "GET", "post": "POST", "put": "PUT", "delete": "DELETE", "patch": "PATCH"}


def allowed(response):
    """The methods the ``Allow`` field lists, as a set (see the chapter; absent: empty set)."""
    return set(list_elements(response.headers, "Allow"))


def assert_allow(response, methods):
    assert allowed(response) == set(methods), (
        f"expected Allow to list {sorted(methods)}, got {response.headers.get_all('Allow')!r}")


def assert_not_allowed(response, methods):
    """405 with an ``Allow`` listing exactly ``methods``."""
    assert_status(response, 405)
    assert_allow(response, methods)


def assert_status(response, expected):
    assert response.status == expected, f"expected {expected}, got {response.status}"


def assert_successful(response):
    assert 200 <= response.status < 300, f"expected a 2xx status, got {response.status}"


# Default methods.

@requirement("methods.default.get", MUST, since="0.12", source="flask:quickstart#http-methods")
def test_default_get(client):
    """A rule registered without ``methods`` MUST answer GET with its view."""
    response = client.get("/default")
    assert response.status == 200
    assert response.text == "default"


@requirement("methods.default.rejects-other", MUST, since="0.12", source="flask:quickstart#http-methods",
             cases={"post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE", "extension": "PURGE"})
def test_default_rejects_other(client, case):
    """A rule registered without ``methods`` MUST answer 405 to a method other than GET, HEAD
    and OPTIONS (what ``Allow`` then lists is ``methods.not-allowed.allow.default``)."""
    assert_status(client.request(case, "/default"), 405)


# Automatic HEAD.

@requirement("methods.head.automatic", MUST, since="0.12", source="flask:quickstart#http-methods")
def test_head_automatic(client):
    """HEAD on a rule that allows GET MUST answer with the status GET gets and the same header
    fields with the same values (``Content-Type`` compared as a media type), except that
    ``Content-Length`` may be left out."""
    get = client.get("/default")
    head = client.head("/default")
    assert head.status == get.status == 200, f"GET answered {get.status}, HEAD {head.status}"
    get_fields, head_fields = _fields(get), _fields(head)
    if "content-length" not in {name for name, _ in head_fields}:
        get_fields = [(name, value) for name, value in get_fields if name != "content-length"]
    assert head_fields == get_fields, f"GET sent {get.headers.comparable()}, HEAD {head.headers.comparable()}"


def _fields(response):
    """The response's header fields, sorted, with ``Content-Type`` parsed as a media type."""
    return sorted(((name, media_type(value) if name == "content-type" else value)
                   for name, value in response.headers.comparable()), key=repr)


@requirement("methods.head.content-length", SHOULD, since="0.12",
             source="werkzeug:wrappers#werkzeug.wrappers.Response.automatically_set_content_length")
def test_head_content_length(client):
    """The answer to HEAD SHOULD carry the ``Content-Length`` the answer to GET carries, the size
    of the body GET gets, as Flask's does."""
    head = client.head("/default")
    assert_status(head, 200)
    values = head.headers.get_all("Content-Length")
    assert values == [str(len(b"default"))], f"expected Content-Length: 7 on HEAD, got {values!r}"


@requirement("methods.head.no-body", MUST, since="0.12", source="flask:quickstart#http-methods",
             transports=("wsgi",))
def test_head_no_body(client):
    """The response to HEAD MUST carry no body. Only the wsgi transport can see this: an HTTP
    client never reads a body after HEAD, so over http the check would always pass."""
    response = client.head("/default")
    assert response.status == 200
    assert response.body == b""


@requirement("methods.head.view-sees-head", MAY, since="0.12", source="werkzeug:wrappers#werkzeug.wrappers.Request.method")
def test_head_view_sees_head(client):
    """The view that answers HEAD MAY see ``HEAD`` as the request method, as Flask's do (the
    request is not rewritten to GET): ``X-Method: HEAD``."""
    response = client.head("/method-header")
    assert_status(response, 200)
    assert response.headers.get_all("X-Method") == ["HEAD"], response.describe()


@requirement("methods.head.requires-get", MUST, since="0.12", source="werkzeug:routing#werkzeug.routing.Rule")
def test_head_requires_get(client):
    """HEAD is only added to rules that allow GET: HEAD on a POST-only rule MUST answer 405."""
    assert_status(client.head("/post-only"), 405)


# Automatic OPTIONS.

@requirement("methods.options.automatic", MUST, since="0.12", source="flask:quickstart#http-methods",
             cases={"default": ("/default", {"GET", "HEAD", "OPTIONS"}),
                    "get-post": ("/form", {"GET", "HEAD", "POST", "OPTIONS"}),
                    "post-only": ("/post-only", {"POST", "OPTIONS"})})
def test_options_automatic(client, case):
    """OPTIONS on a rule MUST get a successful (2xx) answer with an ``Allow`` header listing the
    rule's methods, the automatic HEAD and OPTIONS included."""
    path, methods = case
    response = client.options(path)
    assert_successful(response)
    assert_allow(response, methods)


@requirement("methods.options.status-200", MAY, since="0.12", source="flask:api#flask.Flask.make_default_options_response")
def test_options_status_200(client):
    """The automatic OPTIONS answer MAY use the status 200, as Flask's does (any 2xx status is
    as good to a client)."""
    assert_status(client.options("/default"), 200)


@requirement("methods.options.merges-rules", MUST, since="0.12", source="flask:api#flask.Flask.make_default_options_response")
def test_options_merges_rules(client):
    """The automatic OPTIONS answer MUST list the methods of every rule with the requested
    path, not only those of one rule."""
    response = client.options("/separate")
    assert_successful(response)
    assert_allow(response, {"GET", "HEAD", "POST", "OPTIONS"})


@requirement("methods.options.unknown-path", MUST, since="0.12", source="flask:quickstart#http-methods")
def test_options_unknown_path(client):
    """OPTIONS is answered for rules only: OPTIONS on a path no rule matches MUST answer 404."""
    assert client.options("/no-such-route").status == 404


@requirement("methods.options.opt-out", MUST, since="0.12", source="flask:api#view-function-options")
def test_options_opt_out(client):
    """A rule registered with automatic OPTIONS disabled and without OPTIONS in its methods MUST
    answer OPTIONS with 405, and MUST NOT list OPTIONS in ``Allow``."""
    response = client.options("/no-auto-options")
    assert_status(response, 405)
    assert "OPTIONS" not in allowed(response), f"Allow: {response.headers.get_all('Allow')!r}"


@requirement("methods.options.listed-by-view", MUST, since="0.12", source="flask:api#view-function-options",
             cases={"implicit": "own-options", "opted-out": "own-options-opted-out"})
def test_options_listed_by_view(client, case):
    """When a rule lists OPTIONS in its methods, OPTIONS MUST reach the view instead of the
    automatic answer, whether or not the opt-out is also given."""
    response = client.options("/" + case)
    assert response.status == 200
    assert response.text == case + ":OPTIONS"


@requirement("methods.options.config-disabled", MUST, since="3.1", source="flask:config#PROVIDE_AUTOMATIC_OPTIONS")
def test_options_config_disabled(client):
    """A rule registered while ``PROVIDE_AUTOMATIC_OPTIONS`` is ``False`` MUST get no automatic
    OPTIONS: OPTIONS answers 405, and ``Allow`` does not list OPTIONS."""
    response = client.options("/config-no-options")
    assert_status(response, 405)
    assert "OPTIONS" not in allowed(response), f"Allow: {response.headers.get_all('Allow')!r}"


# 405 Method Not Allowed.

@requirement("methods.not-allowed.allow", MUST, since="0.12", source="werkzeug:exceptions#werkzeug.exceptions.MethodNotAllowed",
             cases={"default": ("POST", "/default", {"GET", "HEAD", "OPTIONS"}),
                    "get-post": ("DELETE", "/form", {"GET", "HEAD", "POST", "OPTIONS"}),
                    "post-only": ("GET", "/post-only", {"POST", "OPTIONS"})})
def test_not_allowed_allow(client, case):
    """A method the rule does not allow MUST get 405 with an ``Allow`` header listing exactly
    the methods the rule does allow."""
    method, path, methods = case
    assert_not_allowed(client.request(method, path), methods)


@requirement("methods.not-allowed.merges-rules", MUST, since="0.12", source="werkzeug:routing#werkzeug.routing.Rule")
def test_not_allowed_merges_rules(client):
    """A method that no rule of the path allows MUST get 405 whose ``Allow`` lists the methods
    of every rule with that path."""
    assert_not_allowed(client.put("/separate"), {"GET", "HEAD", "POST", "OPTIONS"})


@requirement("methods.not-allowed.unknown-path", MUST, since="0.12", source="werkzeug:routing#werkzeug.routing.Rule")
def test_not_allowed_unknown_path(client):
    """405 is for paths that exist: a method sent to a path no rule matches MUST get 404."""
    assert client.post("/no-such-route").status == 404


# The ``methods`` argument.

@requirement("methods.argument.dispatch", MUST, since="0.12", source="flask:quickstart#http-methods",
             cases={"get": "GET", "post": "POST"})
def test_argument_dispatch(client, case):
    """Each method listed in ``methods`` MUST reach the view, which sees the request method."""
    response = client.request(case, "/form")
    assert response.status == 200
    assert response.text == f"form:{case}"


@requirement("methods.argument.post-only", MUST, since="0.12", source="flask:api#flask.Flask.route")
def test_argument_post_only(client):
    """``methods`` replaces the default: a POST-only rule MUST answer POST and MUST answer GET
    with 405."""
    response = client.post("/post-only")
    assert response.status == 200
    assert response.text == "post-only"
    assert client.get("/post-only").status == 405


@requirement("methods.argument.case-insensitive", MUST, since="0.12", source="flask:api#flask.Flask.add_url_rule")
def test_argument_case_insensitive(client):
    """Method names in ``methods`` MUST be taken in upper case: ``methods=["post"]`` answers
    POST (the view sees ``POST``), and GET still gets 405."""
    response = client.post("/lowercase")
    assert response.status == 200
    assert response.text == "lowercase:POST"
    assert_status(client.get("/lowercase"), 405)


@requirement("methods.request.case-insensitive", MAY, since="0.12", source="werkzeug:wrappers#werkzeug.wrappers.Request.method",
             transports=("wsgi",))
def test_request_method_case_insensitive(client):
    """The request method MAY be upper-cased before matching, so ``post`` on the wire is POST
    (Werkzeug does; HTTP itself calls methods case-sensitive). Only the wsgi transport can send
    a lower-case method: HTTP client libraries upper-case it."""
    response = client.send(Request("post", "/lowercase"))
    assert response.status == 200
    assert response.text == "lowercase:POST"


# Several views, one path.

@requirement("methods.separate-views.dispatch", MUST, since="0.12", source="flask:quickstart#http-methods",
             cases={"get": ("GET", "separate:get-view"), "post": ("POST", "separate:post-view")})
def test_separate_views_dispatch(client, case):
    """When rules with the same path allow different methods, each request MUST reach the view
    of the rule that allows its method."""
    method, body = case
    response = client.request(method, "/separate")
    assert response.status == 200
    assert response.text == body


# Route shortcuts.

@requirement("methods.shortcut.dispatch", MUST, since="2.0", source="flask:api#flask.Flask.get",
             cases=SHORTCUTS)
def test_shortcut_dispatch(client, case):
    """A rule registered with a method shortcut (``get``, ``post``, ``put``, ``delete``,
    ``patch``) MUST answer that method with its view."""
    response = client.request(case, f"/shortcut/{case.lower()}")
    assert response.status == 200
    assert response.text == f"shortcut:{case}"


@requirement("methods.shortcut.only-its-method", MUST, since="2.0", source="flask:api#flask.Flask.get",
             cases=SHORTCUTS)
def test_shortcut_only_its_method(client, case):
    """A method shortcut MUST register its method alone (plus the automatic HEAD and OPTIONS):
    another method (POST for ``get``, GET for the others) gets 405."""
    other = "POST" if case == "GET" else "GET"
    assert_status(client.request(other, f"/shortcut/{case.lower()}"), 405)


# View function attributes.

@requirement("methods.view-attribute.methods", MUST, needs=("view-attributes",), since="0.12", source="flask:api#view-function-options")
def test_view_attribute_methods(client):
    """A registration without ``methods`` MUST take them from the view function's ``methods``
    attribute when it has one: ``methods = ["PUT"]`` answers PUT, and GET gets 405."""
    response = client.put("/view-methods")
    assert response.status == 200
    assert response.text == "view-methods:PUT"
    assert_status(client.get("/view-methods"), 405)


@requirement("methods.view-attribute.required-methods", MUST, needs=("view-attributes",), since="0.12", source="flask:api#view-function-options")
def test_view_attribute_required_methods(client):
    """The methods in a view function's ``required_methods`` attribute MUST be added to the
    rule even when ``methods`` is given."""
    response = client.post("/required-methods")
    assert response.status == 200
    assert response.text == "required-methods:POST"


# HEAD on a streamed body.

@requirement("methods.head.streamed", MUST, since="0.12", source="flask:patterns/streaming#basic-usage")
def test_head_streamed(client):
    """HEAD on a rule whose view streams its body from a generator MUST answer with the status
    GET gets and the same header fields with the same values (``Content-Type`` compared as a
    media type), except that ``Content-Length`` may be left out."""
    get = client.get("/stream")
    head = client.head("/stream")
    assert head.status == get.status == 200, f"GET answered {get.status}, HEAD {head.status}"
    get_fields, head_fields = _fields(get), _fields(head)
    if "content-length" not in {name for name, _ in head_fields}:
        get_fields = [(name, value) for name, value in get_fields if name != "content-length"]
    assert head_fields == get_fields, f"GET sent {get.headers.comparable()}, HEAD {head.headers.comparable()}"


@requirement("methods.head.streamed-no-body", MUST, since="0.12", source="flask:patterns/streaming#basic-usage",
             transports=("wsgi",))
def test_head_streamed_no_body(client):
    """The answer to HEAD on a streamed body MUST carry no body (whether the generator runs is
    the framework's business). Only the wsgi transport can see this, as for
    ``methods.head.no-body``."""
    response = client.head("/stream")
    assert_status(response, 200)
    assert response.body == b"", f"HEAD carried {response.body[:60]!r}"


# Request hooks.

BLOCK = {"X-Block": "1"}
HOOKED = ("X-Hooked", "after")
_HOOK_CASES = {"head": ("HEAD", "/default"), "options": ("OPTIONS", "/default"), "not-allowed": ("PUT", "/default")}
#: What each hook case is about: the answer the framework makes (HEAD's 200, the automatic
#: OPTIONS answer, the 405); without it the case is not applicable (another requirement fails).
_HOOK_PREMISES = {"HEAD": lambda status: status == 200, "OPTIONS": lambda status: 200 <= status < 300,
                  "PUT": lambda status: status == 405}


@requirement("methods.hooks.before-request", MUST, since="0.12", source="flask:lifecycle#how-a-request-is-handled",
             cases=_HOOK_CASES)
def test_hooks_before_request(client, case):
    """``before_request`` hooks MUST run for HEAD, for the automatic OPTIONS answer and for a
    method the rule does not allow (before the 405 is raised): a hook that returns a response
    (``blocked``, 403) answers the request."""
    method, path = case
    assert_status(client.request(method, path, headers=BLOCK), 403)


@requirement("methods.hooks.after-request", MUST, since="0.12", source="flask:api#flask.Flask.after_request",
             cases=_HOOK_CASES)
def test_hooks_after_request(client, case):
    """``after_request`` hooks MUST run on the answer to HEAD, on the automatic OPTIONS answer
    and on the 405 answer: the header field the hook sets (``X-Hooked: after``) is in it. Where
    the framework makes no such answer (no 200 to HEAD, no 2xx to OPTIONS, no 405 to PUT) the
    case is not applicable: the requirement about that answer fails instead."""
    method, path = case
    response = client.request(method, path)
    if not _HOOK_PREMISES[method](response.status):
        not_applicable(f"{method} {path} answered {response.status}, not the answer the case is about")
    values = response.headers.get_all(HOOKED[0])
    assert values == [HOOKED[1]], f"expected {HOOKED[0]}: {HOOKED[1]}, got {values!r}\n{response.describe()}"


# Class-based views.

@requirement("methods.class-view.dispatch", MUST, needs=("class-based-views",), since="0.12", source="flask:views#method-hints",
             cases={"get": "GET", "post": "POST"})
def test_class_view_dispatch(client, case):
    """A ``View`` class registered with ``as_view`` MUST answer each method its ``methods``
    attribute lists through ``dispatch_request``, which sees the request method."""
    response = client.request(case, "/class-view")
    assert_status(response, 200)
    assert response.text == f"class-view:{case}", f"got {response.text!r}"


@requirement("methods.class-view.allow", MUST, needs=("class-based-views",), since="0.12", source="flask:views#method-hints")
def test_class_view_allow(client):
    """A ``View`` class's ``methods`` attribute MUST be the rule's methods: another method gets
    405 whose ``Allow`` lists them with the automatic HEAD and OPTIONS."""
    assert_not_allowed(client.put("/class-view"), {"GET", "HEAD", "POST", "OPTIONS"})


@requirement("methods.method-view.dispatch", MUST, needs=("class-based-views",), since="0.12", source="flask:views#method-dispatching-and-apis",
             cases={"get": "GET", "post": "POST"})
def test_method_view_dispatch(client, case):
    """A ``MethodView`` MUST answer each method with its handler of that name (``get``,
    ``post``)."""
    response = client.request(case, "/method-view")
    assert_status(response, 200)
    assert response.text == f"method-view:{case.lower()}", f"got {response.text!r}"


@requirement("methods.method-view.allow", MUST, needs=("class-based-views",), since="0.12", source="flask:views#method-dispatching-and-apis")
def test_method_view_allow(client):
    """A ``MethodView``'s methods MUST be inferred from its handlers: a method it has no handler
    for gets 405 whose ``Allow`` lists the handlers' methods with HEAD and OPTIONS."""
    assert_not_allowed(client.put("/method-view"), {"GET", "HEAD", "POST", "OPTIONS"})


@requirement("methods.method-view.head-from-get", MUST, needs=("class-based-views",), since="0.12", source="flask:changes#version-0-8")
def test_method_view_head_from_get(client):
    """HEAD on a ``MethodView`` without a ``head`` handler MUST be answered by its ``get``
    handler (the header field ``get`` sets, ``X-Handler: get``, is in the answer)."""
    response = client.head("/method-view")
    assert_status(response, 200)
    assert response.headers.get_all("X-Handler") == ["get"], response.describe()


@requirement("methods.method-view.head-handler", MUST, needs=("class-based-views",), since="0.12", source="flask:views#method-dispatching-and-apis")
def test_method_view_head_handler(client):
    """HEAD on a ``MethodView`` with a ``head`` handler MUST be answered by that handler, not by
    ``get`` (``X-Handler: head``)."""
    response = client.head("/method-view/head")
    assert_status(response, 200)
    assert response.headers.get_all("X-Handler") == ["head"], response.describe()


@requirement("methods.method-view.inherited", MUST, needs=("class-based-views",), since="0.12", source="flask:views#method-dispatching-and-apis",
             cases={"own": ("DELETE", "delete"), "base": ("POST", "post")})
def test_method_view_inherited(client, case):
    """A subclass of a ``MethodView`` MUST answer both the methods it adds a handler for and
    those of the view it extends."""
    method, handler = case
    response = client.request(method, "/method-view/child")
    assert_status(response, 200)
    assert response.text == f"method-view:{handler}", f"got {response.text!r}"


@requirement("methods.method-view.mixin", MUST, needs=("class-based-views",), since="1.0", source="flask:views#method-dispatching-and-apis")
def test_method_view_mixin(client):
    """A ``MethodView`` MUST answer a method whose handler it inherits from a mixin class that
    is not a view (Flask 1.0 looks for handlers on the whole class, not only in its body)."""
    response = client.put("/method-view/mixin")
    assert_status(response, 200)
    assert response.text == "method-view:put", f"got {response.text!r}"


@requirement("methods.method-view.base-methods", MUST, needs=("class-based-views",), since="1.1", source="flask:api#flask.views.View.methods")
def test_method_view_base_methods(client):
    """A ``MethodView`` MUST register the methods a base view lists in its ``methods``
    attribute, and dispatch each to the handler of that name: a base listing ``PROPFIND``, a
    method no handler name is known for, makes ``PROPFIND`` reach the subclass's ``propfind``."""
    response = client.request("PROPFIND", "/method-view/propfind")
    assert_status(response, 200)
    assert response.text == "method-view:propfind", f"got {response.text!r}"


@requirement("methods.method-view.explicit-methods", MUST, needs=("class-based-views",), since="0.12", source="flask:api#flask.views.View.methods")
def test_method_view_explicit_methods(client):
    """A ``MethodView`` whose own ``methods`` attribute lists GET only MUST answer POST with 405,
    although it has a ``post`` handler: the attribute wins over the handlers."""
    assert_status(client.post("/method-view/explicit"), 405)


@requirement("methods.class-view.opt-out", MUST, needs=("class-based-views",), since="1.0", source="flask:api#flask.views.View.provide_automatic_options")
def test_class_view_opt_out(client):
    """A ``View`` class with ``provide_automatic_options = False`` MUST get no automatic OPTIONS:
    OPTIONS answers 405 (``as_view`` passes the attribute on since Flask 1.0)."""
    assert_status(client.options("/class-view/no-options"), 405)


# A 405 answered by an error handler.

@requirement("methods.not-allowed.blueprint-handler", MAY, since="0.12",
             source="flask:errorhandling#blueprint-error-handlers")
def test_not_allowed_blueprint_handler(client):
    """A blueprint's 405 handler MAY be left out when the router raises the 405, as in Flask,
    whose docs say the blueprint does not own its URL space: POST on a GET rule of the blueprint
    gets a 405 that is not the handler's answer. Where the handler does not answer even the 405
    its own view raises (no blueprints), the requirement is not applicable."""
    own = client.get("/blueprint/abort")
    if (own.status, own.text) != (405, "blueprint-handler"):
        not_applicable(f"the blueprint's 405 handler did not answer its own view's 405 ({own.status})")
    response = client.post("/blueprint/only-get")
    assert_status(response, 405)
    assert response.text != "blueprint-handler", "the blueprint's handler answered the router's 405"


@requirement("methods.not-allowed.handler", MUST, since="0.12", source="flask:errorhandling#error-handlers")
def test_not_allowed_handler(client):
    """An error handler registered for 405 MUST answer a method the rule does not allow: its
    return value (``"handled:405", 405``) is the answer."""
    response = client.post("/handled/tuple")
    assert_status(response, 405)
    assert response.text == "handled:405", f"got {response.text!r}"


@requirement("methods.not-allowed.handler-status", SHOULD, since="0.12", source="flask:errorhandling#error-handlers")
def test_not_allowed_handler_status(client):
    """A 405 handler that returns a body without a status SHOULD answer 200, as Flask documents:
    the status of the response is not set to the handler's code."""
    response = client.post("/handled/text")
    assert_status(response, 200)
    assert response.text == "handled", f"got {response.text!r}"


@requirement("methods.not-allowed.handler-passthrough", MUST, since="0.12",
             source="flask:errorhandling#generic-exception-handlers")
def test_not_allowed_handler_passthrough(client):
    """A 405 handler that returns the exception it was given MUST produce the default 405
    answer, its ``Allow`` listing the rule's methods."""
    assert_not_allowed(client.post("/handled/passthrough"), {"GET", "HEAD", "OPTIONS"})
