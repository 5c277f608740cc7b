"""Redirects to canonical URLs
============================

Flask wants every resource to have exactly one URL. The router therefore answers some requests
not with the view but with a permanent redirect to the canonical form of the URL:

* **Trailing slash.** A rule written with a trailing slash (``/projects/``) is a "branch", like a
  folder. A request for it without the slash (``/projects``) is redirected to the URL with the
  slash. A rule written without one (``/about``) is a "leaf", like a file: requesting it *with* a
  trailing slash is simply not found (404); there is no redirect in that direction. The
  redirect belongs to the most specific rule: a ``path`` catch-all that could take the
  slash-less URL does not get it from a slash-terminated static rule.
* **Default values.** When an endpoint has a rule with ``defaults`` (``/page/`` with
  ``number=1``) and another rule with a variable (``/page/<int:number>``), a request that spells
  out the default value (``/page/1``) is redirected to the rule that carries the default
  (``/page/``). Werkzeug calls this ``redirect_defaults``. The target is built from the
  values, so a variable the canonical rule keeps is written into its ``Location``
  percent-encoded (``/cat/café x/page/1`` leads to ``/cat/caf%C3%A9%20x``).
* **Repeated slashes.** Consecutive slashes in the static parts of a URL (``/docs//guide``) are
  merged and the request redirected to the merged URL (``/docs/guide``). Slashes inside a variable
  part (a ``path`` converter's value) are data and are kept. A rule created with
  ``merge_slashes=False`` does not merge: a URL with doubled slashes simply does not match it.

The redirect status is ``308 Permanent Redirect``, which tells clients to repeat the same method
with the same body, so a form posted to the slash-less URL still arrives. Werkzeug used ``301``
before 0.15 (March 2019).

Only a request the rule would accept is redirected: a slash-less request with a method the
slash-terminated rule does not allow gets an error, not a redirect (405 up to Werkzeug 2.1, 404
from the router Werkzeug 2.2 introduced). No documentation promises either answer, or that there
is no redirect: both are side effects of how the router looks for a match, so they are MAY
requirements.

The ``Location`` of these redirects leads to the canonical URL on the request's own origin: its
scheme, its ``Host`` (with its port), the script root the application is mounted under, the
canonical path (percent-encoded), and the query string as the client sent it, in its order and
with its escapes. Werkzeug documents the router's redirect target as an absolute URL (its
``RequestRedirect`` carries "the absolute destination url"), with the port left out when it is
the scheme's default; even after Werkzeug 2.1 stopped making ``Location`` headers absolute in
general, the router's redirects have stayed absolute. That form is what Flask sends, so it has
its own SHOULD requirements (:req:`redirects.location.absolute.host-and-port`,
:req:`redirects.location.default-port-omitted.http`).

Where the redirects meet the rest of the application
----------------------------------------------------

The router's redirect travels through the application like an error does (Werkzeug raises it as
``RequestRedirect``, an ``HTTPException``), but it is not an error, and the application must
not treat it as one:

* **Catch-all error handlers.** An error handler registered for ``HTTPException`` or for
  ``Exception`` sees every HTTP error, the router's 404 and 405 included; it does not see the
  redirect, which reaches the client unchanged. Flask 1.0.0 to 1.0.2 handed the redirect to such
  a handler (a known defect, fixed in 1.0.3, which now documents that ``RoutingException`` is
  not passed to error handlers). Flask 0.12 does not give a handler for the ``HTTPException``
  base any HTTP error, so that requirement starts with Flask 1.0.
* **Request hooks.** The redirect is the answer to a request like any other: ``before_request``
  functions run first, and one that returns a response (a login check, say) answers instead of
  the redirect; ``after_request`` functions run on the redirect, so a header they add (CORS,
  security headers) is on it. Flask does this in every release.

The redirect's own response
---------------------------

Besides its status and ``Location``, a redirect carries a body for clients that do not follow
it. HTTP describes it as "a short hypertext note with a hyperlink to the new URI" (RFC 9110,
section 15.4; RFC 2616 made it a SHOULD), so that is a SHOULD here, judged as a browser reads it:
an HTML body with a link whose ``href``, its character references decoded and resolved against
the request's URL, is the ``Location``'s URI. Flask sends the page of Werkzeug's ``redirect()``,
``text/html; charset=utf-8``, with the target escaped for HTML (the query ``x=1&copy=2`` written
``x=1&amp;copy=2``, without which a browser reads ``©=2``). The page's exact bytes, whose
wording changed in Werkzeug 2.0 and whose doctype changed in 2.1.2, and the exact
``Content-Type`` are incidental: MAY requirements (:req:`redirects.body.werkzeug-page`, from
Werkzeug 2.1.2).

Two per-rule options change this:

* ``strict_slashes=False`` makes a rule accept its URL both with and without the trailing slash,
  and serves both directly: it turns the slash redirect off for that rule (and only that rule)
  rather than choosing a different canonical form.
* ``merge_slashes=False`` turns merging off for the rule (see above).

Versions
--------

Werkzeug, not Flask, decides these behaviours, and Flask releases accept wide Werkzeug ranges
(Flask 1.0.4 runs on Werkzeug 0.14 to 1.0, Flask 2.1.3 on 2.0 and later, Flask 3.1.3 on any
3.1). So
the requirements are bounded by the Werkzeug release an implementation reports, not by its Flask
profile:

* ``308`` from Werkzeug 0.15, ``301`` before it;
* merging repeated slashes, and ``merge_slashes=False``, from Werkzeug 1.0;
* the 405 answer to a wrong method up to Werkzeug 2.1, the 404 answer from 2.2;
* Werkzeug's current redirect page from 2.1.2.

Flask itself decides how its error handlers meet the redirect: a handler for ``HTTPException``
catches HTTP errors from Flask 1.0, and 1.0.0 to 1.0.2 are a known defect.

Two Werkzeug releases are known to break documented behaviour, and a failure on them says so: the
router of Werkzeug 2.2 to 3.1.6 merges only pairs of slashes, a run of three or more being not
found (its pattern matched two slashes at a time; fixed in 3.1.7, issue 3121), and until
Werkzeug 3.0.2 it redirected URLs with doubled slashes even for a rule with
``merge_slashes=False`` (issue 2834). Merging a whole run in one redirect is a SHOULD: merging
pairs is what clients meet, and nearly four years of Werkzeug releases do not merge runs.

How a Location is compared
--------------------------

A ``Location`` may be a relative reference (RFC 9110, section 10.2.2), so every requirement about
where a redirect leads resolves it against the URL the client requested (RFC 3986, section 5.2)
and compares the result as RFC 3986 compares URIs (sections 6.2.2 and 6.2.3): the scheme and
the host in any case, the hex digits of percent-escapes in any case, escapes of unreserved
characters equal to the characters, the scheme's default port written or not, an empty path equal
to ``/``. Everything else is exact: the path, its other escapes and its slashes, the script root,
the query string in its order with its escapes. "Redirected" means any redirect status (301,
302, 303, 307 or 308) with one ``Location``; which status is its own requirement. Only the
requirements about the absolute form and the omitted default port look at the ``Location`` as
sent.

Fixture contract
----------------

One application, default configuration, with these routes. Every view answers ``200`` with a
body of exactly the text given (its content type does not matter):

``/slash/`` (GET, POST)
    ``slash:<METHOD>:<body>``: the request method and the raw request body decoded as UTF-8
    (``slash:GET:`` for a GET without a body, ``slash:POST:name=value`` for a form post).
``/noslash`` (GET)
    ``noslash``.
``/item/<int:number>/`` (GET)
    ``item:<number>``.
``/files/<path:name>/`` (GET)
    ``files:<name>``.
``/café/`` (GET; the rule contains the non-ASCII ``é``, requested as ``/caf%C3%A9/``)
    ``cafe``.
``/loose`` (GET, ``strict_slashes=False``)
    ``loose``.
``/loosedir/`` (GET, ``strict_slashes=False``)
    ``loosedir``.
``/page/`` (GET, ``defaults={"number": 1}``) and ``/page/<int:number>`` (GET), one endpoint
    ``page:<number>``.
``/cat/<category>`` (GET, ``defaults={"page": 1}``) and ``/cat/<category>/page/<int:page>``
    (GET), one endpoint
    ``cat:<category>:<page>``.
``/docs/guide`` (GET)
    ``guide``.
``/spa/<path:rest>`` (GET) and ``/spa/dir/`` (GET)
    ``spa:<rest>`` and ``spa-dir``.
``/raw/<path:rest>`` (GET)
    ``raw:<rest>``.
``/exact/a/b`` (GET, ``merge_slashes=False``; only where the framework supports the option)
    ``exact``.

Three more applications are mounted under path prefixes (the prefix becomes their script root).
Each has ``/slash/`` (GET, answering ``slash``) and the pair ``/page/`` (``defaults={"number":
1}``) and ``/page/<int:number>`` (answering ``page:<number>``):

``/caught-http``
    an error handler for ``HTTPException`` answering ``handled:<code>`` with the error's status,
    and ``/boom``, which aborts with 409 (so it answers ``409 handled:409``);
``/caught-all``
    an error handler for ``Exception`` answering ``caught:<exception class name>`` with status
    500, and ``/boom``, which raises ``RuntimeError`` (so it answers ``500 caught:RuntimeError``);
``/hooked``
    a ``before_request`` function answering ``403 blocked`` when the request has an ``X-Block``
    header, and an ``after_request`` function setting ``X-Hooked: after`` on every response.

Requests send an explicit ``Host`` header so the expected ``Location`` does not depend on the
transport.
"""

from html import escape

from flask_conformance import MAY, MUST, SHOULD, Defect, requirement

from ._html import links
from ._uri import Reference, resolve, same

HOST = {"Host": "example.com"}
ORIGIN = "http://example.com"

#: A query string a careless implementation could reorder, re-escape or deduplicate.
QUERY = "b=2&a=1&c=%20%2F+x&d=%E2%82%AC&e=&e=3"

#: The statuses that tell a client to go to the Location (RFC 9110, section 15.4).
REDIRECTS = {301, 302, 303, 307, 308}

QUICKSTART = "flask:quickstart#unique-urls-redirection-behavior"
REGISTRATIONS = "flask:api#url-route-registrations"
RULE = "werkzeug:routing#werkzeug.routing.Rule"
MAP = "werkzeug:routing#werkzeug.routing.Map"
MATCH = "werkzeug:routing#werkzeug.routing.MapAdapter.match"
HANDLE_HTTP_EXCEPTION = "flask:api#flask.Flask.handle_http_exception"
BEFORE_REQUEST = "flask:api#flask.Flask.before_request"
AFTER_REQUEST = "flask:api#flask.Flask.after_request"
REDIRECT_FUNCTION = "werkzeug:utils#werkzeug.utils.redirect"

#: The behaviour came with a Werkzeug release, whatever Flask runs on it.
STATUS_308 = {"werkzeug": ">=0.15"}
MERGING = {"werkzeug": ">=1.0"}
ROUTER_2_2 = {"werkzeug": ">=2.2"}

RUN_DEFECT = Defect(
    package="werkzeug", versions=">=2.2,<3.1.7", fixed="3.1.7",
    link="https://github.com/pallets/werkzeug/issues/3121",
    what="the router merges only pairs of slashes; a run of three or more is not found")
DISABLED_DEFECT = Defect(
    package="werkzeug", versions=">=2.2,<3.0.2", fixed="3.0.2",
    link="https://github.com/pallets/werkzeug/issues/2834",
    what="a rule with merge_slashes=False still redirects a URL with doubled slashes")

PATH_SLASH_DEFECT = Defect(
    package="werkzeug", versions=">=2.2,<2.2.3", fixed="2.2.3", cases=("path-converter",),
    link="https://github.com/pallets/werkzeug/issues/2533",
    what="the slash redirect of a rule ending in a path variable points to the wrong URL")
LEAF_SLASH_DEFECT = Defect(
    package="werkzeug", versions="==2.2.0", fixed="2.2.1", cases=("leaf-with-slash",),
    link="https://github.com/pallets/werkzeug/issues/2467",
    what="a strict_slashes=False leaf rule is not served with a trailing slash")
BRANCH_SLASH_DEFECT = Defect(
    package="werkzeug", versions=">=2.2.0,<2.2.2", fixed="2.2.2", cases=("branch-without-slash",),
    link="https://github.com/pallets/werkzeug/pull/2489",
    what="a strict_slashes=False branch rule is not served without its trailing slash")

#: IDs this chapter no longer uses, and why (IDs are never reused).
RETIRED = {}


def _request_url(response):
    """The absolute URL the client asked for, which a relative Location is resolved against."""
    request = response.request
    host = next((v for k, v in request.headers if k.lower() == "host"), "localhost")
    return f"{request.scheme}://{host}{request.script_root}{request.target}"


def _location(response, location):
    """The response redirects (any 3xx redirect status) to ``location``: its one Location,
    resolved against the request's URL, is that URI as RFC 3986 compares them."""
    values = response.headers.get_all("Location")
    assert response.status in REDIRECTS and len(values) == 1, (
        f"expected a redirect to {location}\n{response.describe()}")
    assert same(values[0], _request_url(response), location), (
        f"expected Location: {location} (or a reference resolving to it)\n{response.describe()}")


def _raw_location(response):
    """The Location of a redirect, as sent."""
    values = response.headers.get_all("Location")
    assert response.status in REDIRECTS and len(values) == 1, f"expected a redirect\n{response.describe()}"
    return Reference.parse(values[0])


def _served(response, body):
    assert response.status == 200, response.describe()
    assert response.text == body
    assert "Location" not in response.headers


# Status of the canonical-URL redirects

@requirement("redirects.status.permanent-308", MUST, since="0.12", packages=STATUS_308, source=REGISTRATIONS,
             cases={"missing-slash": "/slash", "defaults": "/page/1"})
def test_permanent_308(client, case):
    """A redirect to the canonical URL (a missing trailing slash, a spelled-out default value)
    MUST use status 308 Permanent Redirect (Werkzeug 0.15 and later)."""
    response = client.get(case, headers=HOST)
    assert response.status == 308, response.describe()


@requirement("redirects.status.permanent-301", MUST, since="0.12", packages={"werkzeug": "<0.15"},
             source=QUICKSTART, cases={"missing-slash": "/slash", "defaults": "/page/1"})
def test_permanent_301(client, case):
    """A redirect to the canonical URL MUST use status 301 Moved Permanently on Werkzeug before
    0.15."""
    response = client.get(case, headers=HOST)
    assert response.status == 301, response.describe()


# Trailing slash

@requirement("redirects.slash.location", MUST, since="0.12", source=QUICKSTART, defects=[PATH_SLASH_DEFECT], cases={
    "static": ("/slash", "/slash/"),
    "converter": ("/item/42", "/item/42/"),
    "path-converter": ("/files/a/b", "/files/a/b/"),
    "percent-encoded": ("/caf%C3%A9", "/caf%C3%A9/"),
})
def test_slash_location(client, case):
    """A request for a slash-terminated rule without the slash MUST be redirected to the same URL
    with the slash appended, the path staying percent-encoded."""
    path, canonical = case
    _location(client.get(path, headers=HOST), ORIGIN + canonical)


@requirement("redirects.slash.before-catch-all", MUST, since="0.12", source=QUICKSTART)
def test_slash_before_catch_all(client):
    """A slash-less request for a slash-terminated static rule (``/spa/dir/``) MUST be redirected
    to it even where a ``path`` rule (``/spa/<path:rest>``) would take the slash-less path: the
    static rule is the more specific one."""
    _served(client.get("/spa/other", headers=HOST), "spa:other")  # the catch-all exists
    _location(client.get("/spa/dir", headers=HOST), ORIGIN + "/spa/dir/")


@requirement("redirects.slash.method", MUST, since="0.12", source=REGISTRATIONS, cases={"head": "HEAD", "post": "POST"})
def test_slash_method(client, case):
    """A HEAD or POST request for the slash-less URL MUST be redirected exactly as a GET is:
    same status, to the same URL."""
    reference = client.get("/slash", headers=HOST)
    _location(reference, ORIGIN + "/slash/")
    response = client.request(case, "/slash", headers=HOST, body=b"name=value" if case == "POST" else None)
    assert response.status == reference.status, response.describe()
    _location(response, ORIGIN + "/slash/")


@requirement("redirects.slash.post-body-kept", MUST, since="0.12", packages=STATUS_308, source=REGISTRATIONS)
def test_slash_post_body_kept(client):
    """A form POSTed to the slash-less URL MUST reach the view with its method and body when the
    client follows the redirect, the redirect's status telling the client to repeat both."""
    response = client.post("/slash", headers=HOST, form={"name": "value"}, follow_redirects=True)
    _served(response, "slash:POST:name=value")


@requirement("redirects.slash.leaf-not-found", MUST, since="0.12", source=QUICKSTART)
def test_leaf_not_found(client):
    """A rule without a trailing slash MUST answer 404 Not Found, not a redirect, when requested
    with a trailing slash."""
    _served(client.get("/noslash", headers=HOST), "noslash")  # the rule exists
    response = client.get("/noslash/", headers=HOST)
    assert response.status == 404, response.describe()
    assert "Location" not in response.headers


@requirement("redirects.slash.wrong-method-405", MAY, since="0.12", packages={"werkzeug": "<2.2"}, source=RULE)
def test_wrong_method_405(client):
    """A slash-less request with a method the slash-terminated rule does not allow MAY be
    answered 405 Method Not Allowed, not redirected, as routers up to Werkzeug 2.1 do."""
    response = client.put("/slash", headers=HOST)
    assert response.status == 405, response.describe()
    assert "Location" not in response.headers


@requirement("redirects.slash.wrong-method-404", MAY, since="0.12", packages=ROUTER_2_2, source=RULE)
def test_wrong_method_404(client):
    """A slash-less request with a method the slash-terminated rule does not allow MAY be
    answered 404 Not Found, not redirected, as the router of Werkzeug 2.2 and later does."""
    response = client.put("/slash", headers=HOST)
    assert response.status == 404, response.describe()
    assert "Location" not in response.headers


# Location

_MOUNTS = {
    "host-and-port": ("http", "example.com:8080", "", "http://example.com:8080/slash/"),
    "https": ("https", "example.com:8443", "", "https://example.com:8443/slash/"),
    "script-root": ("http", "example.com", "/prefix", "http://example.com/prefix/slash/"),
    "https-script-root": ("https", "example.com:8443", "/prefix", "https://example.com:8443/prefix/slash/"),
}


@requirement("redirects.location.target", MUST, since="0.12", source=MATCH, cases=_MOUNTS)
def test_location_target(client, case):
    """The Location of a canonical-URL redirect MUST lead to the canonical path on the request's
    own scheme, host and port, under the application's script root."""
    scheme, host, script_root, location = case
    response = client.get("/slash", headers={"Host": host}, scheme=scheme, script_root=script_root)
    _location(response, location)


@requirement("redirects.location.absolute", SHOULD, since="0.12", source=MATCH, cases=_MOUNTS)
def test_location_absolute(client, case):
    """The Location of a canonical-URL redirect SHOULD be an absolute URI, with a scheme and a
    host, as Werkzeug documents for its ``RequestRedirect``."""
    scheme, host, script_root, _ = case
    response = client.get("/slash", headers={"Host": host}, scheme=scheme, script_root=script_root)
    location = _raw_location(response)
    assert location.scheme and location.authority, f"expected an absolute URI\n{response.describe()}"


@requirement("redirects.location.default-port-omitted", SHOULD, since="0.12",
             source="werkzeug:wsgi#werkzeug.wsgi.get_host", cases={
                 "http": ("http", "example.com:80"),
                 "https": ("https", "example.com:443"),
             })
def test_location_default_port(client, case):
    """The Location of a canonical-URL redirect SHOULD name no port when the Host names the
    scheme's default port (80 for http, 443 for https)."""
    scheme, host = case
    response = client.get("/slash", headers={"Host": host}, scheme=scheme)
    assert _raw_location(response).port is None, f"expected no port\n{response.describe()}"


@requirement("redirects.location.query-kept", MUST, since="0.12", source=MAP, cases={
    "missing-slash": ("/slash", "/slash/"),
    "defaults": ("/page/1", "/page/"),
})
def test_location_query_kept(client, case):
    """The Location of a canonical-URL redirect MUST carry the request's query string as sent:
    the same parameters in the same order with the same escapes, repeated and empty parameters
    included."""
    path, canonical = case
    _location(client.get(path, headers=HOST, query=QUERY), ORIGIN + canonical + "?" + QUERY)


# strict_slashes=False

@requirement("redirects.strict-slashes-off.serves", MUST, since="0.12", source=RULE,
             defects=[LEAF_SLASH_DEFECT, BRANCH_SLASH_DEFECT], cases={
    "branch-without-slash": ("/loosedir", "loosedir"),
    "leaf-with-slash": ("/loose/", "loose"),
})
def test_strict_slashes_off(client, case):
    """A rule with strict_slashes=False MUST serve its URL directly both with and without the
    trailing slash, neither redirecting nor answering 404."""
    path, body = case
    _served(client.get(path, headers=HOST), body)


# Default values

@requirement("redirects.defaults.redirect", MUST, since="0.12", source=REGISTRATIONS, cases={
    "plain": "/page/1",
    "leading-zero": "/page/01",
})
def test_defaults_redirect(client, case):
    """A URL whose variable equals the default another rule of the endpoint provides MUST be
    redirected to that rule's URL (``/page/1`` to ``/page/``); the value is compared after
    conversion."""
    _location(client.get(case, headers=HOST), ORIGIN + "/page/")


@requirement("redirects.defaults.location-encoded", MUST, since="0.12", source=REGISTRATIONS)
def test_defaults_location_encoded(client):
    """When the rule carrying the default has a variable of its own (``/cat/<category>``), the
    Location of the redirect to it MUST carry that value percent-encoded as UTF-8 (a space as
    ``%20``, ``é`` as ``%C3%A9``)."""
    response = client.get("/cat/caf%C3%A9%20x/page/1", headers=HOST)
    _location(response, ORIGIN + "/cat/caf%C3%A9%20x")


@requirement("redirects.defaults.served", MUST, since="0.12", source=REGISTRATIONS, cases={
    "default": ("/page/", "page:1"),
    "other-value": ("/page/2", "page:2"),
})
def test_defaults_served(client, case):
    """The rule carrying the default, and the variable rule with any other value, MUST be served
    directly, the view receiving the default or the given value."""
    path, body = case
    _served(client.get(path, headers=HOST), body)


# Repeated slashes

@requirement("redirects.merge.redirect", MUST, since="0.12", packages=MERGING, source=MAP, cases={
    "inner": ("/docs//guide", "/docs/guide"),
    "before-trailing-slash": ("/slash//", "/slash/"),
    "before-variable": ("/raw//x", "/raw/x"),
})
def test_merge_redirect(client, case):
    """A URL with two consecutive slashes in a static part MUST be redirected to the URL with the
    slashes merged (Werkzeug 1.0 and later)."""
    path, merged = case
    _location(client.get(path, headers=HOST), ORIGIN + merged)


@requirement("redirects.merge.permanent-308", MUST, since="0.12", packages=MERGING, source=MAP)
def test_merge_permanent_308(client):
    """The redirect that merges slashes MUST use status 308 Permanent Redirect, like the other
    canonical-URL redirects."""
    response = client.get("/docs//guide", headers=HOST)
    assert response.status == 308, response.describe()


@requirement("redirects.merge.location", MUST, since="0.12", packages=MERGING, source=MATCH)
def test_merge_location(client):
    """The Location of a merge redirect MUST lead to the merged path on the request's own scheme,
    host and port, under the script root, and keep the query string as sent."""
    response = client.get("/docs//guide", headers={"Host": "example.com:8443"}, scheme="https",
                          script_root="/prefix", query=QUERY)
    _location(response, "https://example.com:8443/prefix/docs/guide?" + QUERY)


@requirement("redirects.merge.run-of-slashes", SHOULD, since="0.12", packages=MERGING, source=MAP,
             defects=[RUN_DEFECT])
def test_merge_run(client):
    """A run of more than two slashes SHOULD be merged into one in a single redirect."""
    _location(client.get("/docs///guide", headers=HOST), ORIGIN + "/docs/guide")


@requirement("redirects.merge.variable-part-kept", MUST, since="0.12", source=MAP)
def test_merge_variable_part(client):
    """Consecutive slashes inside a path converter's value MUST NOT be merged: the view receives
    them as sent, without a redirect."""
    _served(client.get("/raw/x//y", headers=HOST), "raw:x//y")


@requirement("redirects.merge.disabled", MUST, since="0.12", packages=MERGING, source=RULE,
             defects=[DISABLED_DEFECT])
def test_merge_disabled(client):
    """A rule created with merge_slashes=False MUST NOT match a URL with doubled slashes, so such
    a request is answered 404 Not Found instead of being redirected."""
    _served(client.get("/exact/a/b", headers=HOST), "exact")  # the rule exists
    response = client.get("/exact/a//b", headers=HOST)
    assert response.status == 404, response.describe()
    assert "Location" not in response.headers


# Catch-all error handlers

#: The mounted apps with a catch-all error handler, and what their ``/boom`` answers through it.
CAUGHT_HTTP, CAUGHT_ALL, HOOKED = "/caught-http", "/caught-all", "/hooked"

CATCH_ALL_DEFECT = Defect(
    package="flask", versions=">=1.0,<1.0.3", fixed="1.0.3",
    link="https://github.com/pallets/flask/pull/2986",
    what="a catch-all error handler receives the router's RequestRedirect and replaces the redirect")

_CANONICAL = {"missing-slash": ("/slash", "/slash/"), "defaults": ("/page/1", "/page/")}


def _handler_in_place(client, prefix, status, body):
    """The mounted app's catch-all handler answers its ``/boom`` (the premise of the check)."""
    response = client.get(prefix + "/boom", headers=HOST)
    assert (response.status, response.text) == (status, body), (
        f"the fixture's catch-all handler under {prefix} did not answer {prefix}/boom with "
        f"{status} {body!r}\n{response.describe()}")


@requirement("redirects.catch-all.http-exception", MUST, since="1.0", source=HANDLE_HTTP_EXCEPTION,
             defects=[CATCH_ALL_DEFECT], cases=_CANONICAL)
def test_catch_all_http_exception(client, case):
    """With an error handler registered for ``HTTPException`` (the base of every HTTP error), a
    request for a non-canonical URL MUST still be redirected to the canonical URL: the router's
    redirect is not an error for the handler to replace."""
    _handler_in_place(client, CAUGHT_HTTP, 409, "handled:409")
    path, canonical = case
    _location(client.get(CAUGHT_HTTP + path, headers=HOST), ORIGIN + CAUGHT_HTTP + canonical)


@requirement("redirects.catch-all.exception", MUST, since="0.12", source=HANDLE_HTTP_EXCEPTION,
             defects=[CATCH_ALL_DEFECT], cases=_CANONICAL)
def test_catch_all_exception(client, case):
    """With an error handler registered for ``Exception``, a request for a non-canonical URL
    MUST still be redirected to the canonical URL, not handed to the handler."""
    _handler_in_place(client, CAUGHT_ALL, 500, "caught:RuntimeError")
    path, canonical = case
    _location(client.get(CAUGHT_ALL + path, headers=HOST), ORIGIN + CAUGHT_ALL + canonical)


# Request hooks

@requirement("redirects.hooks.after-request", MUST, since="0.12", source=AFTER_REQUEST)
def test_hooks_after_request(client):
    """An ``after_request`` function MUST run for a canonical-URL redirect too: the header it
    sets is on the redirect."""
    response = client.get(HOOKED + "/slash", headers=HOST)
    _location(response, ORIGIN + HOOKED + "/slash/")
    assert response.headers.get("X-Hooked") == "after", (
        f"expected the header X-Hooked: after, which the app's after_request sets\n{response.describe()}")


@requirement("redirects.hooks.before-request", MUST, since="0.12", source=BEFORE_REQUEST)
def test_hooks_before_request(client):
    """A ``before_request`` function MUST run before a canonical-URL redirect is answered, and
    the response it returns MUST replace the redirect."""
    response = client.get(HOOKED + "/slash", headers=dict(HOST, **{"X-Block": "1"}))
    assert (response.status, response.text) == (403, "blocked"), (
        f"expected the before_request function's 403 blocked\n{response.describe()}")


# The redirect's own body

#: A query whose ``&`` must be escaped in HTML: ``&copy`` unescaped is a character reference.
BODY_QUERY = "x=1&copy=2"



@requirement("redirects.body.hypertext-link", SHOULD, since="0.12", source=REDIRECT_FUNCTION)
def test_body_hypertext_link(client):
    """The body of a canonical-URL redirect SHOULD be a short HTML note (media type
    ``text/html``) with a hyperlink to the target: an ``a`` element whose ``href``, as HTML
    decodes it and resolved against the request's URL, is the Location's URI."""
    response = client.get("/slash", headers=HOST, query=BODY_QUERY)
    _location(response, ORIGIN + "/slash/?" + BODY_QUERY)
    assert response.mimetype == "text/html", f"expected an HTML body\n{response.describe()}"
    hrefs = links(response.text)
    base = _request_url(response)
    target = resolve(response.headers["Location"], base)
    assert any(same(href, base, target) for href in hrefs), (
        f"expected a link to {target} in the body (found {hrefs})\n{response.describe()}")


WERKZEUG_PAGE = (
    "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n"
    "<p>You should be redirected automatically to the target URL: <a href=\"{0}\">{0}</a>. "
    "If not, click the link.\n")


@requirement("redirects.body.werkzeug-page", MAY, since="0.12", packages={"werkzeug": ">=2.1.2"},
             source=REDIRECT_FUNCTION)
def test_body_werkzeug_page(client):
    """The body of a canonical-URL redirect MAY be exactly the page Werkzeug's ``redirect()``
    writes since 2.1.2, with the target's absolute URL HTML-escaped in it twice (link and
    text): byte for byte what Flask sends."""
    response = client.get("/slash", headers=HOST, query=BODY_QUERY)
    _raw_location(response)
    expected = WERKZEUG_PAGE.format(escape(ORIGIN + "/slash/?" + BODY_QUERY, quote=True))
    assert response.text == expected, f"expected Werkzeug's page\n{expected}\n{response.describe()}"


@requirement("redirects.body.content-type", MAY, since="0.12", source=REDIRECT_FUNCTION)
def test_body_content_type(client):
    """The Content-Type of a canonical-URL redirect MAY be exactly ``text/html; charset=utf-8``,
    as Werkzeug sends it."""
    response = client.get("/slash", headers=HOST)
    _raw_location(response)
    assert response.headers.get("Content-Type") == "text/html; charset=utf-8", response.describe()
