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
  response keeps the status and headers (``Content-Length`` included) but carries no body. A
  rule without ``GET`` gets no automatic ``HEAD``.
* ``OPTIONS`` is answered by the framework itself: status 200 and an ``Allow`` header listing
  every method the path accepts. A rule can opt out with ``provide_automatic_options=False``
  (a keyword argument of ``route`` since Flask 1.0, a view function attribute in every
  version): ``OPTIONS`` then gets 405 like any method the rule lacks. A rule that lists
  ``OPTIONS`` in its own methods gets no automatic answer either: its view handles ``OPTIONS``
  like any other method. Since
  Flask 3.1 the ``PROVIDE_AUTOMATIC_OPTIONS`` setting turns the automatic answer off for the
  rules registered while it is ``False``.

Method names given at registration are normalised to upper case (``methods=["post"]`` means
``POST``), and Werkzeug also upper-cases the method of the incoming request, so method matching
is in effect case-insensitive. Since Flask 2.0, ``get``, ``post``, ``put``, ``delete`` and
``patch`` are shortcuts for ``route`` with that single method. A view function may also carry
its methods as attributes: ``methods`` (used when the registration gives none) and
``required_methods`` (always added).

``Allow`` is compared as a set of method names: its order is not part of the behaviour.

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

No rule matches ``/no-such-route``.
"""

from flask_conformance import MAY, MUST, requirement
from flask_conformance.client import Request

SHORTCUTS = {"get": "GET", "post": "POST", "put": "PUT", "delete": "DELETE", "patch": "PATCH"}


def allowed(response):
    """The methods an ``Allow`` header lists, as a set (absent header: empty set)."""
    values = ",".join(response.headers.get_all("Allow"))
    return {method.strip() for method in values.split(",") if method.strip()}


def assert_not_allowed(response, methods):
    assert response.status == 405, f"expected 405, got {response.status}"
    assert allowed(response) == set(methods), f"Allow: {response.headers.get('Allow')!r}"


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
    and OPTIONS, listing exactly those three in ``Allow``."""
    assert_not_allowed(client.request(case, "/default"), {"GET", "HEAD", "OPTIONS"})


# Automatic HEAD.

@requirement("methods.head.automatic", MUST, since="0.12", source="flask:quickstart#http-methods")
def test_head_automatic(client):
    """HEAD on a rule that allows GET MUST answer with the status and headers GET gets,
    ``Content-Length`` included."""
    get = client.get("/default")
    head = client.head("/default")
    assert head.status == get.status == 200
    assert head.headers.comparable() == get.headers.comparable()
    assert head.headers.get("Content-Length") == str(len(b"default"))


@requirement("methods.head.no-body", MUST, since="0.12", source="flask:quickstart#http-methods",
             transports=("wsgi",))
def test_head_no_body(client):
    """The response to HEAD MUST carry no body. Only the wsgi transport can see this: an HTTP
    client never reads a body after HEAD, so over http the check would always pass."""
    response = client.head("/default")
    assert response.status == 200
    assert response.body == b""


@requirement("methods.head.requires-get", MUST, since="0.12", source="werkzeug:routing#werkzeug.routing.Rule")
def test_head_requires_get(client):
    """HEAD is only added to rules that allow GET: HEAD on a POST-only rule MUST answer 405."""
    assert_not_allowed(client.head("/post-only"), {"POST", "OPTIONS"})


# Automatic OPTIONS.

@requirement("methods.options.automatic", MUST, since="0.12", source="flask:quickstart#http-methods",
             cases={"default": ("/default", {"GET", "HEAD", "OPTIONS"}),
                    "get-post": ("/form", {"GET", "HEAD", "POST", "OPTIONS"}),
                    "post-only": ("/post-only", {"POST", "OPTIONS"})})
def test_options_automatic(client, case):
    """OPTIONS on a rule MUST answer 200 with an ``Allow`` header listing the rule's methods,
    the automatic HEAD and OPTIONS included."""
    path, methods = case
    response = client.options(path)
    assert response.status == 200
    assert allowed(response) == methods, f"Allow: {response.headers.get('Allow')!r}"


@requirement("methods.options.merges-rules", MUST, since="0.12", source="flask:api#flask.Flask.make_default_options_response")
def test_options_merges_rules(client):
    """The automatic OPTIONS answer MUST list the methods of every rule with the requested
    path, not only those of one rule."""
    response = client.options("/separate")
    assert response.status == 200
    assert allowed(response) == {"GET", "HEAD", "POST", "OPTIONS"}, f"Allow: {response.headers.get('Allow')!r}"


@requirement("methods.options.unknown-path", MUST, since="0.12", source="flask:quickstart#http-methods")
def test_options_unknown_path(client):
    """OPTIONS is answered for rules only: OPTIONS on a path no rule matches MUST answer 404."""
    assert client.options("/no-such-route").status == 404


@requirement("methods.options.opt-out", MUST, since="0.12", source="flask:api#view-function-options")
def test_options_opt_out(client):
    """A rule registered with automatic OPTIONS disabled and without OPTIONS in its methods MUST
    answer OPTIONS with 405, listing only its own methods in ``Allow``."""
    assert_not_allowed(client.options("/no-auto-options"), {"GET", "HEAD"})


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
    OPTIONS: OPTIONS answers 405."""
    assert_not_allowed(client.options("/config-no-options"), {"GET", "HEAD"})


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
    POST, and ``Allow`` names it ``POST``."""
    response = client.post("/lowercase")
    assert response.status == 200
    assert response.text == "lowercase:POST"
    assert_not_allowed(client.get("/lowercase"), {"POST", "OPTIONS"})


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
    any other method gets 405."""
    other = "POST" if case == "GET" else "GET"
    expected = {case, "OPTIONS"} | ({"HEAD"} if case == "GET" else set())
    assert_not_allowed(client.request(other, f"/shortcut/{case.lower()}"), expected)


# View function attributes.

@requirement("methods.view-attribute.methods", MUST, since="0.12", source="flask:api#view-function-options")
def test_view_attribute_methods(client):
    """A registration without ``methods`` MUST take them from the view function's ``methods``
    attribute when it has one."""
    response = client.put("/view-methods")
    assert response.status == 200
    assert response.text == "view-methods:PUT"
    assert_not_allowed(client.get("/view-methods"), {"PUT", "OPTIONS"})


@requirement("methods.view-attribute.required-methods", MUST, since="0.12", source="flask:api#view-function-options")
def test_view_attribute_required_methods(client):
    """The methods in a view function's ``required_methods`` attribute MUST be added to the
    rule even when ``methods`` is given."""
    response = client.post("/required-methods")
    assert response.status == 200
    assert response.text == "required-methods:POST"
