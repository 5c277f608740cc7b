"""Sessions
========

A session keeps data for one client from one request to the next. Flask's default sessions live
entirely on the client: the session dictionary is serialized into a cookie and signed with the
application's ``SECRET_KEY``. A client can read what its cookie holds but cannot change it: a
cookie whose signature does not verify (signed with another key, altered by a single byte, or
never signed at all) is not an error, it is simply an empty session. Without a secret key the
session can still be read (it is always empty) but writing to it is a server error.

When the cookie is sent
-----------------------

The cookie is named ``session`` unless ``SESSION_COOKIE_NAME`` says otherwise. It is written
only when the session was *modified*: setting or deleting a key, ``pop``, ``clear``. A request
that merely reads the session sends no ``Set-Cookie``. Changing a mutable value in place (say
``session["items"].append(x)``) is not seen as a modification; the view must set
``session.modified = True`` for the change to be saved. A view that never touches the session
sends nothing for it. The session is saved last, after the ``after_request`` hooks ran, so what a
hook stores is in the cookie too. What is saved is the session as the request leaves it: a key
stored and deleted again in one request is simply not there. When a modification leaves the
session empty, the cookie is deleted (clearing a session that was empty already may send a
deletion or nothing, but never a cookie): a ``Set-Cookie`` that expires it at once, for the same path and
domain as the cookie itself (and, in newer versions, with the same ``Secure``, ``SameSite``,
``HttpOnly`` and ``Partitioned`` flags, so that a browser applies the deletion to the very
cookie it holds). Werkzeug's ``delete_cookie`` gives it an empty value, ``Max-Age=0`` and an
``Expires`` date in 1970; that form is a MAY of its own, as either attribute alone deletes the
cookie in an RFC 6265 user agent.

Because the response depends on the cookie, a response for which the session was used says
``Vary: Cookie``, so shared caches do not serve one user's page to another. Flask 1.0 added it
when the session was read or written; since 2.2.5 (and 2.3.2) it is also added when the session
is empty, deleted, or only refreshed; since 3.1.3 a mere key test (``"user" in session``)
counts as an access too. Flask 2.3.0 and 2.3.1 were released before that fix (CVE-2023-30861):
on them the three requirements fail, and the failure names the advisory. ``Vary`` is read as
RFC 9110 defines it: a set of case-insensitive field names over any number of field lines, where
``*`` covers every field, Cookie included. Naming ``Cookie`` rather than ``*`` (which keeps
caches from storing the response at all) is Flask's form, a MAY. The session's ``Cookie`` joins
whatever ``Vary`` the view set itself (Flask adds to the response's ``Vary``; it never replaces
it). A response whose view did not touch the session has no reason to vary on the cookie: that
is a SHOULD, as a needless ``Vary: Cookie`` only costs caching.

Cookie attributes
-----------------

By default the cookie is ``HttpOnly`` with ``Path=/`` and has no ``Domain``, ``Secure``,
``SameSite`` or ``Partitioned`` attribute. Each is configurable: ``SESSION_COOKIE_PATH``,
``SESSION_COOKIE_DOMAIN``, ``SESSION_COOKIE_SECURE``, ``SESSION_COOKIE_HTTPONLY``,
``SESSION_COOKIE_SAMESITE`` (Flask 1.0) and ``SESSION_COOKIE_PARTITIONED`` (Flask 3.1).
Without ``SESSION_COOKIE_PATH`` the path is ``APPLICATION_ROOT`` (``/`` by default), so an
application mounted under a prefix keeps its session to itself. Without
``SESSION_COOKIE_DOMAIN``, Flask up to 2.2 took the domain from ``SERVER_NAME`` (sharing the
session with every subdomain); since 2.3 the cookie is host-only whatever ``SERVER_NAME`` says.
Cookies are compared the way RFC 6265 user agents read them (sections 5.2 and 5.3), so a
requirement fails on what a browser would store differently, not on Flask's spelling:

* attribute names in any case; ``Secure``, ``HttpOnly`` and ``Partitioned`` by their presence
  alone (a value after them is ignored); ``SameSite`` values in any case;
* ``Domain`` in any case and with or without a leading dot;
* the path a cookie is stored for: its ``Path``, or, when that is missing or does not start with
  ``/``, the default path of the request that set it (the request path up to its last slash).
  Paths compare exactly, as user agents match them case-sensitively. The checks set the cookie
  from a deeper path (``/items/reset``) where a missing ``Path`` would matter;
* a cookie's lifetime from ``Max-Age`` or ``Expires``; when both are sent ``Max-Age`` wins, and
  one not above zero expires the cookie at once. An ``Expires`` date may use the RFC 1123 form or
  the hyphenated one older Werkzeug sends; a value that is not a number or a date is ignored.

Flask's own forms are MAY requirements beside the behaviour: an explicit ``Path`` even where the
default path is the same, a permanent cookie's expiry as an ``Expires`` date without
``Max-Age``, Werkzeug's form of a deletion, and ``Vary`` naming ``Cookie``.

Which cookie is the session's
-----------------------------

The cookie's *name* has requirements of its own (the default ``session``, the configured
``sid``, and that the app reads the session from that name only). Every other requirement looks
for the session cookie under the name the contract gives it and, when a response sets no cookie
of that name, takes the one cookie the response sets: the contract's views set no other. An
implementation that names the cookie otherwise, or cannot rename it, then fails the name
requirements only, and its other behaviour is still checked. A check that no session cookie is
sent looks for the contract's name and for the name the implementation was seen to use.

One difference fails one requirement. A requirement about something that depends on an earlier
step (repeating the cookie's ``SameSite`` in its deletion, the ``Vary`` of a refresh, turning
refreshes off for a permanent cookie) is *not applicable* when that step did not happen (the
cookie has no ``SameSite``, was not refreshed, is not permanent): the requirement about the
step fails for it instead.

A session is a *browser session* cookie (no ``Expires``, no ``Max-Age``) unless the view sets
``session.permanent = True``: then the cookie expires ``PERMANENT_SESSION_LIFETIME`` after the
response (31 days by default), and the server itself refuses a cookie whose signature is older
than that lifetime. With ``SESSION_REFRESH_EACH_REQUEST`` (the default) a permanent session's
cookie is sent again with every response, pushing its expiry forward; with it off, only
modifications send it.

Since Flask 3.1, ``SECRET_KEY_FALLBACKS`` lists older keys whose cookies are still accepted;
new cookies are signed with the current key. Flask 3.1.0 signed them with a fallback, a known
defect fixed in 3.1.1 (GHSA-4grg-w6v8-c28g): the requirement applies to 3.1.0 and its failure
names the advisory.

The cookie's format
-------------------

Flask documents how its cookie is made (``SecureCookieSessionInterface``): itsdangerous'
``URLSafeTimedSerializer`` with the salt ``cookie-session``, HMAC key derivation and SHA-1, over
a JSON payload (Flask's tagged JSON, which is plain JSON for strings), zlib-compressed and marked
by a leading dot when that is shorter, timestamped in Unix seconds. An implementation that signs
its cookies the same way shares sessions with Flask: a cookie either one sets with the same
secret key, the other loads. That interoperability is a SHOULD in both directions. The checks
sign and verify cookies themselves with the standard library (``spec/_cookies.py``), so they pin
the format, not an itsdangerous release. itsdangerous decides the timestamp: before 1.1 it
counted seconds from 2011, and Flask on a newer release takes such a cookie for one signed
decades ago, long expired. So the requirement that Flask can load the implementation's cookie is
bound to itsdangerous 1.1 and later; the other direction holds on every release (the older ones
load a cookie stamped in Unix seconds too, as they never refuse a timestamp from the future).

What a session can hold
-----------------------

Besides JSON's own types, the session serializer keeps tuples, bytes, ``Markup``, ``UUID`` and
``datetime`` values, nested at any depth, and gives them back with their type: a tuple stays a
tuple, ``Markup`` stays ``Markup``. Since Flask 1.0 a dictionary whose single key looks like one
of the serializer's own type tags (``" t"``, ``" di"``, ...) also comes back unchanged. A
datetime is kept to the second. Whether it comes back timezone-aware is Werkzeug's decision, not
Flask's: the serializer parses it with ``werkzeug.http.parse_date``, which returns aware values
since Werkzeug 2.0 (Flask 1.0.4 on Werkzeug 2.0 gives them back aware, Flask 1.1.4 on Werkzeug
1.0 naive), so that requirement is bound to Werkzeug 2.0 and later. A value the serializer has no form for
(a ``set``, an arbitrary object) cannot be saved: the response is a server error, and no cookie,
corrupt or partial, replaces the one the client holds.

Fixture contract
----------------

The chapter's WSGI app is a *root app* with ``SECRET_KEY = "sessions-chapter-key"`` and all
other configuration at its defaults, which also dispatches these path prefixes to separately
configured apps (the mounted app sees the prefix as its script root and the rest as its path):

``/custom``
    ``SECRET_KEY`` as the root app, ``SESSION_COOKIE_NAME = "sid"``,
    ``SESSION_COOKIE_PATH = "/custom"``, ``SESSION_COOKIE_DOMAIN = "sessions.example"``,
    ``SESSION_COOKIE_SECURE = True``, ``SESSION_COOKIE_HTTPONLY = False``,
    ``SESSION_COOKIE_SAMESITE = "Strict"``, ``SESSION_COOKIE_PARTITIONED = True``,
    ``PERMANENT_SESSION_LIFETIME`` 600 seconds, ``SESSION_REFRESH_EACH_REQUEST = False``.
``/keyless``
    No secret key at all.
``/other-key``
    ``SECRET_KEY = "not-the-chapter-key"``, everything else default.
``/short``
    ``SECRET_KEY`` as the root app, ``PERMANENT_SESSION_LIFETIME`` 1 second.
``/rotated``
    ``SECRET_KEY = "rotated-key"`` and ``SECRET_KEY_FALLBACKS = ["sessions-chapter-key"]``.
``/approot``
    ``SECRET_KEY`` as the root app, ``APPLICATION_ROOT = "/approot"``.
``/server-name``
    ``SECRET_KEY`` as the root app, ``SERVER_NAME = "sessions.example"`` (the checks send
    ``Host: sessions.example``).

Every app, root and mounted, has these routes (form fields are URL-encoded; JSON bodies are
objects returned with any JSON content type; plain bodies are returned with status 200):

``GET /read?key=K``
    Reads ``session.get(K)``; returns JSON ``{"present": P, "value": V}`` where ``P`` says
    whether a value was found and ``V`` is it (or ``null``).
``GET /read-vary?key=K``
    As ``/read``, and the view sets ``Vary: Accept-Encoding`` on its response.
``GET /contains?key=K``
    Only tests ``K in session``; returns JSON ``{"present": P}``.
``GET /untouched``
    Does not touch the session; returns ``untouched``.
``POST /write`` (fields ``key``, ``value``, optional ``permanent``)
    If ``permanent`` is ``1``, sets ``session.permanent = True``; then
    ``session[key] = value`` (a string). Returns ``ok``.
``POST /pop`` (field ``key``)
    ``session.pop(key, None)``. Returns ``ok``.
``POST /clear``
    ``session.clear()``. Returns ``ok``.
``POST /set-then-pop`` (field ``key``)
    ``session[key] = "transient"``, then ``session.pop(key)``. Returns ``ok``.
``POST /hooked``
    Does not touch the session; returns ``ok``. An ``after_request`` hook of the app then sets
    ``session["hook"] = "after-request"`` for this route only.
``POST /unstorable`` (field ``kind``)
    Stores a value the session cannot hold as ``session["bad"]``: the set ``{1, 2}`` for
    ``set``, a new plain ``object()`` for ``object``. Would return ``ok``.
``POST /items/reset``
    ``session["items"] = []``. Returns ``ok``.
``POST /items/append`` (fields ``item``, optional ``mark``)
    ``session["items"].append(item)`` (an in-place change); if ``mark`` is ``1``, also sets
    ``session.modified = True``. Returns ``ok``.
``GET /items``
    Returns JSON ``{"items": session.get("items")}``.
``POST /typed`` (a JSON body in the tagged encoding below)
    Stores the decoded value as ``session["typed"]``. Returns ``ok``.
``GET /typed``
    Returns ``session["typed"]`` in the tagged encoding, or ``{"t": "missing"}`` when absent.

The tagged encoding describes a value as a JSON object ``{"t": TYPE, "v": RAW}``. Types and
their ``RAW``: ``none`` (no ``v``), ``bool``, ``int`` and ``float`` (a JSON boolean or number),
``str`` and ``markup`` (the text; ``markup`` is a ``markupsafe.Markup``), ``bytes`` (standard
base64 with padding), ``uuid`` (the canonical lower-case hyphenated form), ``datetime``
(``datetime.isoformat()``, e.g. ``2024-05-06T07:08:09+00:00``), ``list`` and ``tuple`` (a JSON
array of encoded items), ``dict`` (a JSON object of encoded values, string keys). Encoding
checks ``bool`` before ``int`` and ``Markup`` before ``str``; a value of any other type is
encoded as ``{"t": "unknown", "v": repr(value)}``.
"""

import base64
import time
from datetime import datetime, timezone

from hypothesis import example, given, strategies as st

from flask_conformance import MAY, MUST, SHOULD, Defect, not_applicable, requirement
from flask_conformance.deferred import deferred, past_second
from flask_conformance.spec import _cookies as cookies

NAME = "session"
#: The root app's secret key, as the fixture contract fixes it.
SESSION_SECRET_KEY = "sessions-chapter-key"
DEFAULT_LIFETIME = 31 * 24 * 3600

#: Flask 2.3.0 and 2.3.1 came out before the fix of CVE-2023-30861 (shipped in 2.2.5 and 2.3.2).
VARY_DEFECT = Defect(
    package="flask", versions=">=2.3.0,<2.3.2", fixed="2.3.2",
    link="https://github.com/pallets/flask/security/advisories/GHSA-m2qf-hxjv-5gpq",
    what="no Vary: Cookie when the session is empty, deleted or only refreshed (CVE-2023-30861)")


# Helpers: every check goes through the client; these only parse what came back.

def _write(client, prefix="", key="user", value="alice", permanent=False, **kwargs):
    form = {"key": key, "value": value}
    if permanent:
        form["permanent"] = "1"
    response = client.post(f"{prefix}/write", form=form, **kwargs)
    assert response.status == 200, f"POST {prefix}/write answered {response.status}"
    return response


def _read(client, key="user", prefix="", **kwargs):
    """The read view's answer as (present, value); the status must be 200."""
    response = client.get(f"{prefix}/read", query={"key": key}, **kwargs)
    assert response.status == 200, f"GET {prefix}/read answered {response.status}, not 200"
    body = response.json()
    return body["present"], body["value"]


def _cookie(response, name=NAME, strict=False):
    """The session cookie ``response`` sets: the one named ``name`` or, unless ``strict``, the only
    cookie it sets (see "Which cookie is the session's")."""
    cookie = _cookie_or_none(response, name, strict)
    assert cookie is not None, f"no Set-Cookie for {name!r} in:\n{response.describe()}"
    return cookie


def _cookie_or_none(response, name=NAME, strict=False):
    cookie = response.set_cookie(name)
    if cookie is None and not strict and len(response.set_cookies) == 1:
        cookie = response.set_cookies[0]
    return cookie


def _no_cookie(response, *names):
    """No Set-Cookie under any of ``names`` (the contract's name when none is given)."""
    for name in set(names or (NAME,)):
        cookie = response.set_cookie(name)
        assert cookie is None, f"unexpected Set-Cookie for {name!r}: {response.headers.get_all('Set-Cookie')}"


def _session_name(client_factory, prefix=""):
    """The name the app at ``prefix`` gives its session cookie, seen by a client of its own that
    stores a value; the contract's name when that shows none (the check then stays as strict)."""
    response = client_factory().post(f"{prefix}/write", form={"key": "user", "value": "alice"}, headers=CLOSE)
    cookies_set = response.set_cookies
    if response.set_cookie(NAME) is None and len(cookies_set) == 1:
        return cookies_set[0].name
    return NAME


def _sent_back(cookie):
    """A Cookie request header returning ``cookie`` as a browser would."""
    return {"Cookie": f"{cookie.name}={cookie.value}"}


def _expiry(cookie, before, after):
    """When a user agent expires ``cookie``, received between ``before`` and ``after``: a
    (earliest, latest) pair, as a Max-Age counts from the moment the response arrives."""
    earliest, latest = cookies.expiry(cookie, before), cookies.expiry(cookie, after)
    assert earliest is not None, (
        f"Set-Cookie for {cookie.name!r} has neither a Max-Age nor an Expires date: {cookie.attributes}")
    return earliest, latest


def _check_lifetime(cookie, lifetime, before, after):
    """The cookie expires ``lifetime`` seconds after the response, by Max-Age or Expires (Max-Age
    wins when both are sent).

    The server stamps a time between ``before`` and ``after`` (same machine, same clock) and an
    HTTP date drops the fraction of a second: one second either side is the only tolerance.
    """
    earliest, latest = _expiry(cookie, before, after)
    assert before + lifetime - 1 <= latest and earliest <= after + lifetime + 1, (
        f"the cookie expires {earliest - before:.0f}s after the request, expected {lifetime}s: {cookie.attributes}")


#: Sent by the properties, which make a fresh client per example: the http transport keeps every
#: client's connection open, and waitress stops accepting connections past 100 open ones.
CLOSE = {"Connection": "close"}


def _vary(response):
    """The field names ``Vary`` lists, lowercased (RFC 9110 section 12.5.5: a list of
    case-insensitive names, possibly over several field lines)."""
    fields = {part.strip(" \t").lower() for value in response.headers.get_all("Vary") for part in value.split(",")}
    return fields - {""}


def _assert_varies(response):
    """``Vary`` covers Cookie: it names it, or is ``*``, which covers every request field."""
    listed = _vary(response)
    assert "cookie" in listed or "*" in listed, f"Vary does not cover Cookie: {response.headers.get_all('Vary')}"


# The cookie and its attributes

@requirement("sessions.cookie.default-name", MUST, since="0.12", source="flask:config#SESSION_COOKIE_NAME")
def test_default_name(client):
    """Storing a value in the session MUST send a cookie named ``session`` with a non-empty value
    when ``SESSION_COOKIE_NAME`` is not configured."""
    assert _cookie(_write(client), strict=True).value


@requirement("sessions.cookie.httponly-default", MUST, since="0.12", source="flask:config#SESSION_COOKIE_HTTPONLY")
def test_httponly_default(client):
    """The session cookie MUST carry ``HttpOnly`` by default, keeping it from scripts."""
    cookie = _cookie(_write(client))
    assert cookies.flag(cookie, "httponly"), f"no HttpOnly: {cookie.attributes}"


@requirement("sessions.cookie.path-default", MUST, since="0.12", source="flask:config#SESSION_COOKIE_PATH")
def test_path_default(client):
    """Without ``SESSION_COOKIE_PATH`` (and with the default ``APPLICATION_ROOT``) the session
    cookie MUST be stored for the path ``/``, so the whole site shares one session, even when it
    is set in answer to a request deeper down (``/items/reset``): a ``Path`` of ``/``, or no usable
    ``Path`` where the request's default path is ``/`` (RFC 6265, section 5.2.4)."""
    response = client.post("/items/reset")
    assert response.status == 200, f"POST /items/reset answered {response.status}"
    path = cookies.path(_cookie(response), "/items/reset")
    assert path == "/", f"the session cookie set at /items/reset is stored for {path!r}"


@requirement("sessions.cookie.path-attribute", MAY, since="0.12", source="flask:config#SESSION_COOKIE_PATH")
def test_path_attribute(client):
    """The session cookie MAY always name its path in a ``Path`` attribute, as Flask does, even
    where the default path would be the same."""
    cookie = _cookie(_write(client))
    assert cookie.get("path") == "/", f"Path attribute is {cookie.get('path')!r}"


@requirement("sessions.cookie.default-omits", MUST, since="0.12", source="flask:web-security#set-cookie-options",
             cases={"secure": "secure", "domain": "domain", "samesite": "samesite", "partitioned": "partitioned"})
def test_default_omits(client, case):
    """With the default configuration the session cookie MUST NOT carry this attribute (the
    defaults are off, and no ``Domain`` means the exact host only)."""
    cookie = _cookie(_write(client))
    present = cookies.domain(cookie) is not None if case == "domain" else case in cookie.attributes
    assert not present, f"default session cookie has {case}: {cookie.attributes}"


@requirement("sessions.cookie.browser-session", MUST, since="0.12", source="flask:api#flask.session.permanent")
def test_browser_session(client):
    """A session that is not permanent MUST be a browser-session cookie: no ``Max-Age`` or
    ``Expires`` a user agent would honour (RFC 6265, sections 5.2.1 and 5.2.2)."""
    cookie = _cookie(_write(client))
    assert not cookies.persistent(cookie), f"a browser-session cookie has an expiry: {cookie.attributes}"


CONFIGURED = {
    "name": ("name", "sid"),
    "path": ("path", "/custom"),
    "domain": ("domain", "sessions.example"),
    "secure": ("secure", True),
    "httponly-off": ("httponly", False),
}


@requirement("sessions.cookie.configured", MUST, since="0.12", source="flask:config#SESSION_COOKIE_NAME",
             cases=CONFIGURED)
def test_configured(client, case):
    """The session cookie MUST follow the app's configuration for this attribute
    (``SESSION_COOKIE_NAME``, ``_PATH``, ``_DOMAIN``, ``_SECURE``, ``_HTTPONLY``), as a user agent
    reads it: the path it is stored for (set at ``/custom/items/reset``, whose default path is
    not ``/custom``), the domain in any case and without a leading dot, flags by presence."""
    attribute, expected = case
    if attribute == "path":
        response = client.post("/custom/items/reset")
        assert response.status == 200, f"POST /custom/items/reset answered {response.status}"
        path = cookies.path(_cookie(response, "sid"), "/custom/items/reset")
        assert path == expected, f"the cookie is stored for {path!r}, configured {expected!r}"
        return
    response = _write(client, prefix="/custom")
    if attribute == "name":
        _no_cookie(response, NAME)
        assert _cookie(response, expected, strict=True).value
        return
    cookie = _cookie(response, "sid")
    if isinstance(expected, bool):
        state = "missing" if expected else "present"
        assert cookies.flag(cookie, attribute) is expected, f"{attribute} {state}: {cookie.attributes}"
        return
    value = cookies.domain(cookie)
    assert value == expected, f"{attribute} is {cookie.get(attribute)!r}, configured {expected!r}"


@requirement("sessions.cookie.configured-samesite", MUST, since="1.0", source="flask:config#SESSION_COOKIE_SAMESITE")
def test_configured_samesite(client):
    """With ``SESSION_COOKIE_SAMESITE = "Strict"`` the session cookie MUST carry ``SameSite=Strict``
    (values compare case-insensitively)."""
    cookie = _cookie(_write(client, prefix="/custom"), "sid")
    assert cookies.samesite(cookie) == "strict", f"SameSite is {cookie.get('samesite')!r}"


@requirement("sessions.cookie.configured-partitioned", MUST, since="3.1",
             source="flask:config#SESSION_COOKIE_PARTITIONED")
def test_configured_partitioned(client):
    """With ``SESSION_COOKIE_PARTITIONED`` on, the session cookie MUST carry ``Partitioned``."""
    cookie = _cookie(_write(client, prefix="/custom"), "sid")
    assert cookies.flag(cookie, "partitioned"), f"no Partitioned: {cookie.attributes}"


@requirement("sessions.cookie.path-application-root", MUST, since="0.12",
             source="flask:config#SESSION_COOKIE_PATH")
def test_path_application_root(client):
    """Without ``SESSION_COOKIE_PATH``, an app with ``APPLICATION_ROOT = "/approot"`` MUST have
    its session cookie stored for the path ``/approot`` (set at ``/approot/items/reset``, whose
    default path is not ``/approot``), so the session covers the application and no more."""
    response = client.post("/approot/items/reset")
    assert response.status == 200, f"POST /approot/items/reset answered {response.status}"
    path = cookies.path(_cookie(response), "/approot/items/reset")
    assert path == "/approot", f"the session cookie is stored for {path!r}, APPLICATION_ROOT is '/approot'"


#: The /server-name app answers its own host only (Flask routes by SERVER_NAME).
SERVER_NAME = {"Host": "sessions.example"}


@requirement("sessions.cookie.server-name-domain", MUST, since="0.12", until="2.2",
             source="flask:config#SESSION_COOKIE_DOMAIN")
def test_server_name_domain(client):
    """Without ``SESSION_COOKIE_DOMAIN``, an app with ``SERVER_NAME = "sessions.example"`` MUST
    give its session cookie the domain ``sessions.example`` (in any case, with or without a
    leading dot), so the session is shared with its subdomains: Flask did so up to 2.2."""
    response = _write(client, prefix="/server-name", headers=SERVER_NAME)
    cookie = _cookie(response)
    assert cookies.domain(cookie) == "sessions.example", f"Domain is {cookie.get('domain')!r}"


@requirement("sessions.cookie.server-name-host-only", MUST, since="2.3",
             source="flask:config#SESSION_COOKIE_DOMAIN")
def test_server_name_host_only(client):
    """Without ``SESSION_COOKIE_DOMAIN``, an app with ``SERVER_NAME`` set MUST NOT give its
    session cookie a ``Domain``: since Flask 2.3 the cookie is host-only whatever ``SERVER_NAME``
    says."""
    response = _write(client, prefix="/server-name", headers=SERVER_NAME)
    cookie = _cookie(response)
    assert cookies.domain(cookie) is None, f"Domain is {cookie.get('domain')!r}"



@requirement("sessions.roundtrip.next-request", MUST, since="0.12", source="flask:quickstart#sessions")
def test_next_request(client):
    """A value stored in the session MUST be readable in a later request that sends the cookie
    back."""
    _write(client)
    assert _read(client) == (True, "alice")


@requirement("sessions.roundtrip.keeps-other-keys", MUST, since="0.12", source="flask:api#flask.session")
def test_keeps_other_keys(client):
    """Storing a key MUST keep the keys stored by earlier requests: the saved session is the
    whole dictionary, not only what changed."""
    _write(client, key="first", value="1")
    _write(client, key="second", value="2")
    assert _read(client, "first") == (True, "1")
    assert _read(client, "second") == (True, "2")


@requirement("sessions.roundtrip.configured-name", MUST, since="0.12", source="flask:config#SESSION_COOKIE_NAME")
def test_configured_name_roundtrip(client):
    """An app with ``SESSION_COOKIE_NAME = "sid"`` MUST load its session from the ``sid``
    cookie, and not from one named ``session``."""
    # The value goes back by hand under each name, whatever name the app gave it (that is
    # sessions.cookie.configured.name): Domain=sessions.example and Secure keep a cookie jar
    # from returning it here.
    value = _cookie(_write(client, prefix="/custom"), "sid").value
    assert _read(client, prefix="/custom", headers={"Cookie": f"sid={value}"}) == (True, "alice")
    assert _read(client, prefix="/custom", headers={"Cookie": f"{NAME}={value}"}) == (False, None)


# When the session is saved

@requirement("sessions.save.read-only", MUST, since="0.12",
             source="flask:api#flask.sessions.SecureCookieSession.modified",
             cases={"empty": False, "existing": True})
def test_read_only(client, client_factory, case):
    """A request that only reads a non-permanent session MUST NOT send a ``Set-Cookie`` for it,
    whether the session is empty or not."""
    name = _cookie(_write(client)).name if case else _session_name(client_factory)
    response = client.get("/read", query={"key": "user"})
    assert response.status == 200
    _no_cookie(response, NAME, name)


@requirement("sessions.save.mutation-untracked", MUST, since="0.12", source="flask:api#flask.session.modified")
def test_mutation_untracked(client):
    """Changing a mutable value in place without setting ``session.modified`` MUST NOT save the
    session: no ``Set-Cookie``, and the next request sees the old value."""
    name = _cookie(client.post("/items/reset")).name
    response = client.post("/items/append", form={"item": "a"})
    assert response.status == 200
    _no_cookie(response, NAME, name)
    assert client.get("/items").json() == {"items": []}


@requirement("sessions.save.mutation-marked", MUST, since="0.12", source="flask:api#flask.session.modified")
def test_mutation_marked(client):
    """Changing a mutable value in place and setting ``session.modified = True`` MUST save the
    session with the change."""
    _cookie(client.post("/items/reset"))
    response = client.post("/items/append", form={"item": "a", "mark": "1"})
    assert response.status == 200
    _cookie(response)
    assert client.get("/items").json() == {"items": ["a"]}


@requirement("sessions.save.pop", MUST, since="0.12", source="flask:quickstart#sessions")
def test_pop(client):
    """``session.pop(key)`` MUST save the session without that key and with every other key."""
    _write(client, key="gone", value="1")
    _write(client, key="kept", value="2")
    response = client.post("/pop", form={"key": "gone"})
    assert response.status == 200
    assert _cookie(response).value, "popping one of two keys deleted the whole cookie"
    assert _read(client, "gone") == (False, None)
    assert _read(client, "kept") == (True, "2")


@requirement("sessions.save.untouched", MUST, since="0.12", source="flask:api#flask.sessions.SessionInterface.save_session",
             cases={"empty": False, "existing": True})
def test_untouched(client, client_factory, case):
    """A request whose view never touches a non-permanent session MUST NOT send a ``Set-Cookie``
    for it, whether the client has a session cookie or not."""
    name = _cookie(_write(client)).name if case else _session_name(client_factory)
    response = client.get("/untouched")
    assert response.status == 200
    _no_cookie(response, NAME, name)


@requirement("sessions.save.after-request", MUST, since="0.12", source="flask:lifecycle#how-a-request-is-handled")
def test_after_request(client):
    """The session MUST be saved after the ``after_request`` hooks ran: a value a hook stores in
    the session is in the cookie the response sets, and a later request reads it."""
    _write(client)
    response = client.post("/hooked")
    assert response.status == 200, f"POST /hooked answered {response.status}"
    _cookie(response)
    assert _read(client, "hook") == (True, "after-request")


@requirement("sessions.save.set-then-delete", MUST, since="0.12", source="flask:api#flask.session.modified",
             cases={"empty": False, "existing": True})
def test_set_then_delete(client, client_factory, case):
    """A request that stores a key and deletes it again MUST leave the session as it was: on an
    empty session it leaves the client no session cookie (any ``Set-Cookie`` for it deletes it),
    on a session holding other keys the key is absent and the other keys are kept."""
    name = _cookie(_write(client)).name if case else _session_name(client_factory)
    response = client.post("/set-then-pop", form={"key": "transient"})
    received = time.time()
    assert response.status == 200, f"POST /set-then-pop answered {response.status}"
    if not case:
        for cookie in filter(None, (response.set_cookie(NAME), response.set_cookie(name))):
            assert cookies.deletes(cookie, received), f"an emptied session left a cookie: {cookie}"
    assert _read(client, "transient") == (False, None)
    if case:
        assert _read(client) == (True, "alice")



def _cleared(client, prefix="", name=NAME, premise=True):
    """Write then clear a session; the (written, deleting) Set-Cookie pair, under one name, and
    the time the deletion had arrived by. With ``premise``, a clear that sends no deletion at all
    makes the check not applicable (``sessions.clear.expires-cookie`` fails for it)."""
    written = _cookie(_write(client, prefix=prefix), name)
    # The cookie goes back by hand: the /custom cookie's Domain and Secure keep it out of the jar.
    response = client.post(f"{prefix}/clear", headers=_sent_back(written))
    received = time.time()
    assert response.status == 200, f"POST {prefix}/clear answered {response.status}"
    deletion = response.set_cookie(written.name)
    if deletion is None and premise:
        not_applicable(f"clearing the session sent no Set-Cookie for {written.name!r}")
    assert deletion is not None, f"clearing the session sent no Set-Cookie for {written.name!r}"
    return written, deletion, received


@requirement("sessions.clear.expires-cookie", MUST, since="0.12",
             source="werkzeug:wrappers#werkzeug.wrappers.Response.delete_cookie")
def test_clear_expires_cookie(client):
    """Clearing the session MUST send a ``Set-Cookie`` for the session cookie that expires it at
    once: a ``Max-Age`` not above zero, or no ``Max-Age`` and an ``Expires`` date that is not in
    the future (RFC 6265, section 5.3: ``Max-Age`` wins)."""
    _, deletion, received = _cleared(client, premise=False)
    assert cookies.deletes(deletion, received), f"the Set-Cookie does not expire the cookie: {deletion.attributes}"


@requirement("sessions.clear.deletion-form", MAY, since="0.12",
             source="werkzeug:wrappers#werkzeug.wrappers.Response.delete_cookie")
def test_clear_deletion_form(client):
    """The deleting ``Set-Cookie`` MAY take the form Werkzeug's ``delete_cookie`` gives it: an
    empty value, ``Max-Age=0`` and an ``Expires`` date in the past, for user agents that predate
    ``Max-Age``."""
    _, deletion, received = _cleared(client)
    # RFC 6265 allows a cookie value in double quotes: '""' is empty too
    assert deletion.value in ("", '""'), f"deleting Set-Cookie carries a value: {deletion.value!r}"
    assert deletion.get("max-age") == "0", f"Max-Age is {deletion.get('max-age')!r}"
    expires = cookies.http_date(deletion.get("expires"))
    assert expires is not None and expires < received - 1, f"Expires={deletion.get('expires')!r} is not in the past"


@requirement("sessions.clear.empties-session", MUST, since="0.12", source="flask:quickstart#sessions")
def test_clear_empties_session(client):
    """After clearing, later requests from the same client MUST find the session empty."""
    _write(client)
    assert client.post("/clear").status == 200
    assert _read(client) == (False, None)


@requirement("sessions.clear.same-scope", MUST, since="0.12",
             source="werkzeug:wrappers#werkzeug.wrappers.Response.delete_cookie",
             cases={"default": "", "configured": "/custom"})
def test_clear_same_scope(client, case):
    """The deleting ``Set-Cookie`` MUST be stored for the same path and domain as the session
    cookie, as a user agent reads them (RFC 6265, sections 5.2.3 and 5.2.4), or the browser keeps
    the cookie it holds."""
    name = "sid" if case else NAME
    written, deletion, _ = _cleared(client, prefix=case, name=name)
    scopes = {"path": lambda c, at: cookies.path(c, at), "domain": lambda c, at: cookies.domain(c)}
    for attribute, scope in scopes.items():
        cookie, deleting = scope(written, f"{case}/write"), scope(deletion, f"{case}/clear")
        assert deleting == cookie, f"{attribute}: cookie {cookie!r}, deletion {deleting!r}"


@requirement("sessions.clear.keeps-flags", SHOULD, since="2.0",
             source="werkzeug:wrappers#werkzeug.wrappers.Response.delete_cookie",
             cases={"secure": "secure", "samesite": "samesite"})
def test_clear_keeps_flags(client, case):
    """The deleting ``Set-Cookie`` SHOULD repeat the session cookie's ``Secure`` and ``SameSite``
    attributes, as browsers expect of a cookie that replaces a secure one (not applicable when
    the session cookie has no such attribute to repeat)."""
    written, deletion, _ = _cleared(client, prefix="/custom", name="sid")
    if written.get(case) is None:
        not_applicable(f"the /custom session cookie has no {case} to repeat")
    if case == "secure":
        assert cookies.flag(deletion, case), f"the deletion has no Secure: {deletion.attributes}"
        return
    assert cookies.samesite(deletion) == cookies.samesite(written), (
        f"{case}: cookie {written.get(case)!r}, deletion {deletion.get(case)!r}")


@requirement("sessions.clear.httponly", SHOULD, since="2.1",
             source="werkzeug:wrappers#werkzeug.wrappers.Response.delete_cookie")
def test_clear_httponly(client):
    """The deleting ``Set-Cookie`` SHOULD carry ``HttpOnly`` like the default session cookie (not
    applicable when the session cookie has none)."""
    written, deletion, _ = _cleared(client)
    if not cookies.flag(written, "httponly"):
        not_applicable("the session cookie has no HttpOnly to repeat")
    assert cookies.flag(deletion, "httponly"), f"the deletion has no HttpOnly: {deletion.attributes}"


@requirement("sessions.clear.partitioned", MUST, since="3.1", source="flask:config#SESSION_COOKIE_PARTITIONED")
def test_clear_partitioned(client):
    """Deleting a partitioned session cookie MUST carry ``Partitioned``: browsers keep partitioned
    cookies apart, and an unpartitioned deletion would miss it (not applicable when the session
    cookie is not partitioned)."""
    written, deletion, _ = _cleared(client, prefix="/custom", name="sid")
    if not cookies.flag(written, "partitioned"):
        not_applicable("the /custom session cookie is not partitioned")
    assert cookies.flag(deletion, "partitioned"), f"the deletion has no Partitioned: {deletion.attributes}"


@requirement("sessions.clear.empty-session", MUST, since="0.12", source="flask:api#flask.sessions.SessionInterface.save_session")
def test_clear_empty_session(client, client_factory):
    """Clearing a session that is already empty (the client sends no cookie) MUST answer 200 and
    leave the client no session cookie: any ``Set-Cookie`` for it deletes it."""
    name = _session_name(client_factory)
    response = client.post("/clear")
    received = time.time()
    assert response.status == 200, f"POST /clear answered {response.status}"
    for cookie in filter(None, (response.set_cookie(NAME), response.set_cookie(name))):
        assert cookies.deletes(cookie, received), f"clearing an empty session set a cookie: {cookie}"



@requirement("sessions.vary.read", MUST, since="1.0", source="flask:api#flask.sessions.SessionMixin.accessed")
def test_vary_read(client):
    """A response whose view read a value from a non-empty session MUST have a ``Vary`` that
    covers ``Cookie`` (names it, or is ``*``)."""
    _write(client)
    response = client.get("/read", query={"key": "user"})
    assert response.status == 200
    _assert_varies(response)


@requirement("sessions.vary.write", MUST, since="1.0", source="flask:api#flask.sessions.SessionMixin.accessed")
def test_vary_write(client):
    """A response that sets the session cookie MUST have a ``Vary`` that covers ``Cookie``."""
    _assert_varies(_write(client))


@requirement("sessions.vary.read-empty", MUST, since="2.2.5", source="flask:api#flask.sessions.SessionMixin.accessed",
             defects=[VARY_DEFECT])
def test_vary_read_empty(client):
    """A response whose view read from an empty session (no cookie sent) MUST have a ``Vary``
    that covers ``Cookie``: with a cookie the answer would differ."""
    response = client.get("/read", query={"key": "user"})
    assert response.status == 200
    _assert_varies(response)


@requirement("sessions.vary.clear", MUST, since="2.2.5", source="flask:api#flask.sessions.SessionMixin.accessed",
             defects=[VARY_DEFECT])
def test_vary_clear(client):
    """A response to a view that cleared a non-empty session MUST have a ``Vary`` that covers
    ``Cookie``."""
    _write(client)
    response = client.post("/clear")
    assert response.status == 200
    _assert_varies(response)


@requirement("sessions.vary.refresh", MUST, since="2.2.5", source="flask:config#SESSION_REFRESH_EACH_REQUEST",
             defects=[VARY_DEFECT])
def test_vary_refresh(client):
    """A response that only refreshes a permanent session's cookie (the view never touched the
    session) MUST have a ``Vary`` that covers ``Cookie`` (not applicable when the cookie is not
    refreshed: ``sessions.permanent.refresh`` is about that)."""
    _write(client, permanent=True)
    response = client.get("/untouched")
    assert response.status == 200
    if _cookie_or_none(response) is None:
        not_applicable("the permanent session's cookie was not refreshed")
    _assert_varies(response)


@requirement("sessions.vary.key-test", MUST, since="3.1.3", source="flask:api#flask.sessions.SessionMixin.accessed")
def test_vary_key_test(client):
    """A response whose view only tested a key (``key in session``) MUST have a ``Vary`` that
    covers ``Cookie``: the answer depends on the cookie all the same."""
    _write(client)
    response = client.get("/contains", query={"key": "user"})
    assert response.status == 200
    _assert_varies(response)


@requirement("sessions.vary.names-cookie", MAY, since="1.0", source="flask:api#flask.sessions.SessionMixin.accessed")
def test_vary_names_cookie(client):
    """The ``Vary`` of a response that sets the session cookie MAY name ``Cookie`` rather than be
    ``*``, as Flask's does: ``*`` also covers Cookie, but keeps caches from storing the response."""
    listed = _vary(_write(client))
    assert "cookie" in listed and "*" not in listed, f"Vary is {sorted(listed)}"


@requirement("sessions.vary.untouched", SHOULD, since="0.12", source="flask:api#flask.sessions.SessionMixin.accessed",
             cases={"empty": False, "existing": True})
def test_vary_untouched(client, case):
    """A response whose view never touched a non-permanent session SHOULD NOT have a ``Vary``
    that covers ``Cookie`` (naming it, or ``*``): the page is the same for every client, and a
    shared cache may keep one copy of it."""
    if case:
        _write(client)
    response = client.get("/untouched")
    assert response.status == 200
    listed = _vary(response)
    assert "cookie" not in listed and "*" not in listed, f"Vary is {response.headers.get_all('Vary')}"


@requirement("sessions.vary.joins-view", MUST, since="1.0", source="flask:api#flask.sessions.SessionMixin.accessed")
def test_vary_joins_view(client):
    """A response whose view set ``Vary: Accept-Encoding`` and read a non-empty session MUST have
    a ``Vary`` that covers both ``Accept-Encoding`` and ``Cookie``: the session's field joins the
    view's (not applicable when reading the session adds no ``Vary`` at all, which
    ``sessions.vary.read`` is about)."""
    _write(client)
    plain = client.get("/read", query={"key": "user"})
    if not {"cookie", "*"} & _vary(plain):
        not_applicable(f"reading the session gives no Vary covering Cookie: {plain.headers.get_all('Vary')}")
    response = client.get("/read-vary", query={"key": "user"})
    assert response.status == 200, f"GET /read-vary answered {response.status}"
    listed = _vary(response)
    assert "*" in listed or {"cookie", "accept-encoding"} <= listed, f"Vary is {response.headers.get_all('Vary')}"



@requirement("sessions.permanent.expires", MUST, since="0.12", source="flask:config#PERMANENT_SESSION_LIFETIME",
             cases={"default": ("", NAME, DEFAULT_LIFETIME), "configured": ("/custom", "sid", 600)})
def test_permanent_expires(client, case):
    """A permanent session's cookie MUST expire ``PERMANENT_SESSION_LIFETIME`` after the response
    (31 days by default), by ``Max-Age`` or by ``Expires`` (RFC 6265, section 5.3: ``Max-Age``
    wins when both are sent)."""
    prefix, name, lifetime = case
    before = time.time()
    response = _write(client, prefix=prefix, permanent=True)
    after = time.time()
    _check_lifetime(_cookie(response, name), lifetime, before, after)


@requirement("sessions.permanent.expires-date", MAY, since="0.12", source="flask:api#flask.sessions.SessionInterface.get_expiration_time")
def test_permanent_expires_date(client):
    """A permanent session's cookie MAY state its expiry as an ``Expires`` date and no
    ``Max-Age``, as Flask does (``SessionInterface.get_expiration_time`` gives a date)."""
    before = time.time()
    cookie = _cookie(_write(client, permanent=True))
    expires = cookies.http_date(cookie.get("expires"))
    assert "max-age" not in cookie.attributes, f"the cookie has a Max-Age: {cookie.attributes}"
    assert expires is not None and abs(expires - before - DEFAULT_LIFETIME) <= 2, (
        f"Expires={cookie.get('expires')!r}, expected a date {DEFAULT_LIFETIME}s ahead")


@requirement("sessions.permanent.refresh", MUST, since="0.12", source="flask:config#SESSION_REFRESH_EACH_REQUEST")
@deferred
def test_permanent_refresh(client):
    """With ``SESSION_REFRESH_EACH_REQUEST`` on (the default), every response MUST send a permanent
    session's cookie again, same data, with the expiry pushed forward, even if the view never
    touched the session."""
    before = time.time()
    first = _cookie(_write(client, permanent=True))
    _, first_latest = _expiry(first, before, time.time())
    # the new expiry must be later in whole seconds, even for a server that rounds to the nearest:
    # the rest of the run goes on meanwhile (a deferred check)
    yield past_second(time.time(), margin=0.52)
    before = time.time()
    response = client.get("/untouched")
    after = time.time()
    assert response.status == 200
    refreshed = _cookie(response, first.name, strict=True)
    _check_lifetime(refreshed, DEFAULT_LIFETIME, before, after)
    assert _expiry(refreshed, before, after)[0] > first_latest, "the refreshed cookie does not expire later"
    assert _read(client, headers=_sent_back(refreshed)) == (True, "alice")


@requirement("sessions.permanent.refresh-disabled", MUST, since="0.12",
             source="flask:config#SESSION_REFRESH_EACH_REQUEST")
def test_permanent_refresh_disabled(client):
    """With ``SESSION_REFRESH_EACH_REQUEST`` off, a request that only reads a permanent session
    MUST NOT send its cookie again (not applicable when the session's cookie is not permanent,
    which ``sessions.permanent.expires`` is about)."""
    cookie = _cookie(_write(client, prefix="/custom", permanent=True), "sid")
    if not cookies.persistent(cookie):
        not_applicable(f"the permanent session's cookie has no expiry: {cookie.attributes}")
    response = client.get("/custom/read", query={"key": "user"}, headers=_sent_back(cookie))
    assert response.status == 200, f"GET /custom/read answered {response.status}"
    _no_cookie(response, "sid", cookie.name)


@requirement("sessions.permanent.server-expiry", MUST, since="0.12", source="flask:config#PERMANENT_SESSION_LIFETIME")
@deferred
def test_server_expiry(client):
    """A session cookie signed longer ago than ``PERMANENT_SESSION_LIFETIME`` MUST be treated as
    an empty session even when the client still sends it."""
    cookie = _cookie(_write(client, prefix="/short", permanent=True))
    signed_by = time.time()
    assert _read(client, prefix="/short", headers=_sent_back(cookie)) == (True, "alice")
    # the lifetime is 1 second: two boundaries later the cookie is over a second old, even for
    # an implementation that keeps whole-second signature times (a deferred check: the rest of
    # the run goes on meanwhile)
    yield past_second(signed_by, seconds=2)
    assert _read(client, prefix="/short", headers=_sent_back(cookie)) == (False, None)


# The secret key and the signature

@requirement("sessions.secret-key.write-fails", MUST, since="0.12", source="flask:quickstart#sessions")
def test_keyless_write(client, client_factory):
    """Without a secret key, storing a value in the session MUST fail with ``500`` and send no
    session cookie."""
    name = _session_name(client_factory)  # the keyless app's name is the default one too
    response = client.post("/keyless/write", form={"key": "user", "value": "alice"})
    assert response.status == 500, f"keyless write answered {response.status}"
    _no_cookie(response, NAME, name)


@requirement("sessions.secret-key.read-empty", MUST, since="0.12", source="flask:api#flask.sessions.NullSession")
def test_keyless_read(client):
    """Without a secret key, reading the session MUST still work and find it empty, even when
    the client sends a session cookie."""
    _write(client)  # a valid root-app cookie, Path=/, now in the jar
    assert _read(client, prefix="/keyless") == (False, None)


@requirement("sessions.signature.other-key", MUST, since="0.12", source="flask:config#SECRET_KEY")
def test_other_key(client):
    """A session cookie signed with another secret key MUST be treated as an empty session, not
    as an error."""
    _write(client, prefix="/other-key")
    assert _read(client) == (False, None)


def _b64(text):
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


FORGED = {
    "garbage": "not-a-session-cookie",
    "unsigned": _b64('{"user":"mallory"}'),
    "forged": _b64('{"user":"mallory"}') + ".ZZZZZZ." + "A" * 27,
}


@requirement("sessions.signature.rejects", MUST, since="0.12", source="flask:quickstart#sessions", cases=FORGED)
def test_rejects(client, client_factory, case):
    """A session cookie the app never signed (garbage, bare data, a made-up signature) MUST be
    treated as an empty session, with status 200."""
    name = _session_name(client_factory)
    assert _read(client, headers={"Cookie": f"{name}={case}"}) == (False, None)


#: RFC 6265 cookie-octets: what a cookie value may hold without quoting.
COOKIE_OCTETS = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '",;\\')
#: Long and varied, so most of the cookie encodes the value (not compressed away).
SECRET_VALUE = "The quick brown fox jumps over the lazy dog; 0123456789."


@requirement("sessions.signature.tampered", MUST, since="0.12", source="flask:quickstart#sessions")
@given(data=st.data())
def test_tampered(client_factory, data):
    """A valid session cookie with any one character replaced by another cookie character MUST
    give the unchanged session or an empty one, never different data and never an error status."""
    client = client_factory()
    cookie = _cookie(_write(client, value=SECRET_VALUE, headers=CLOSE))
    original = cookie.value
    position = data.draw(st.integers(0, len(original) - 1), label="position")
    char = data.draw(st.sampled_from(COOKIE_OCTETS).filter(lambda c: c != original[position]), label="char")
    tampered = original[:position] + char + original[position + 1:]
    result = _read(client, headers={"Cookie": f"{cookie.name}={tampered}", **CLOSE})
    # Either outcome is right: base64 leaves spare bits in the last character of a signature,
    # so a few changes there still decode to the same signature and the same, intact data.
    assert result in ((False, None), (True, SECRET_VALUE)), f"the tampered cookie {tampered!r} gave {result}"


@requirement("sessions.signature.fallback-key", MUST, since="3.1", source="flask:config#SECRET_KEY_FALLBACKS")
def test_fallback_key(client):
    """A session cookie signed with a key listed in ``SECRET_KEY_FALLBACKS`` MUST be accepted."""
    _write(client)  # signed with "sessions-chapter-key", a fallback of /rotated
    assert _read(client, prefix="/rotated") == (True, "alice")


@requirement("sessions.signature.current-key", MUST, since="3.1", source="flask:config#SECRET_KEY_FALLBACKS",
             defects=[Defect(package="flask", versions="==3.1.0", fixed="3.1.1",
                             link="https://github.com/pallets/flask/security/advisories/GHSA-4grg-w6v8-c28g",
                             what="new session cookies are signed with the last fallback key, not SECRET_KEY")])
def test_current_key(client):
    """With ``SECRET_KEY_FALLBACKS``, new session cookies MUST be signed with the current
    ``SECRET_KEY``, never with a fallback."""
    _write(client, prefix="/rotated")
    assert _read(client, prefix="/rotated") == (True, "alice")
    # the root app's key is /rotated's fallback: it must not verify what /rotated signs now
    assert _read(client) == (False, None)


# Flask's cookie format

#: Long and repetitive, so itsdangerous compresses the payload (a leading dot marks it).
REPETITIVE = "abcabcabc" * 20


@requirement("sessions.format.reads-flask", SHOULD, since="0.12",
             source="flask:api#flask.sessions.SecureCookieSessionInterface",
             cases={"plain": (False, "alice"), "compressed": (True, REPETITIVE)})
def test_reads_flask_cookie(client, client_factory, case):
    """An app SHOULD load a session cookie signed with its ``SECRET_KEY`` in Flask's format
    (itsdangerous' ``URLSafeTimedSerializer``, salt ``cookie-session``, HMAC key derivation,
    SHA-1, a JSON payload, compressed when that is shorter), so sessions survive a move to or
    from Flask."""
    compress, value = case
    name = _session_name(client_factory)
    minted = cookies.flask_session_cookie({"user": value}, SESSION_SECRET_KEY, time.time(), compress=compress)
    assert _read(client, headers={"Cookie": f"{name}={minted}"}) == (True, value)


@requirement("sessions.format.flask-readable", SHOULD, since="0.12",
             source="flask:api#flask.sessions.SecureCookieSessionInterface", packages={"itsdangerous": ">=1.1"})
def test_flask_readable(client):
    """The session cookie an app sets SHOULD be one Flask with the same ``SECRET_KEY`` loads: its
    signature verifies in Flask's format, its payload is the session as JSON, and it is
    timestamped with the time of the response (Unix seconds), which Flask's age check accepts."""
    before = time.time()
    cookie = _cookie(_write(client))
    after = time.time()
    data, signed = cookies.load_flask_session_cookie(cookie.value, SESSION_SECRET_KEY)
    assert data == {"user": "alice"}, f"the cookie holds {data!r}"
    assert int(before) - 1 <= signed <= after + 1, f"the cookie is timestamped {signed}, the response came at {after:.0f}"


# Typed values

def _tagged(kind, raw):
    return {"t": kind, "v": raw}


TAG_KEYS = (" t", " di", " u", " b", " m", " d")
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
KEYS = TEXT.filter(lambda key: key not in TAG_KEYS)  # those have their own requirement
LEAVES = st.one_of(
    st.just({"t": "none"}),
    st.booleans().map(lambda v: _tagged("bool", v)),
    st.integers().map(lambda v: _tagged("int", v)),
    st.floats(allow_nan=False, allow_infinity=False).map(lambda v: _tagged("float", v)),
    TEXT.map(lambda v: _tagged("str", v)),
    TEXT.map(lambda v: _tagged("markup", v)),
    st.binary(max_size=12).map(lambda v: _tagged("bytes", base64.b64encode(v).decode())),
    st.uuids().map(lambda v: _tagged("uuid", str(v))),
)
VALUES = st.recursive(LEAVES, lambda children: st.one_of(
    st.lists(children, max_size=4).map(lambda v: _tagged("list", v)),
    st.lists(children, max_size=4).map(lambda v: _tagged("tuple", v)),
    st.dictionaries(KEYS, children, max_size=4).map(lambda v: _tagged("dict", v)),
), max_leaves=8)

EVERY_TYPE = _tagged("list", [
    {"t": "none"}, _tagged("bool", True), _tagged("int", 7), _tagged("float", 0.5), _tagged("str", "s"),
    _tagged("markup", "<b>m</b>"), _tagged("bytes", "AP8="),
    _tagged("uuid", "12345678-1234-5678-1234-567812345678"),
    _tagged("tuple", [_tagged("int", 1), _tagged("tuple", [])]),
    _tagged("dict", {"k": _tagged("markup", "&amp;")}),
])


def _roundtrip(client, value):
    stored = client.post("/typed", json=value, headers=CLOSE)
    assert stored.status == 200, f"storing the value answered {stored.status}"
    response = client.get("/typed", headers=CLOSE)
    assert response.status == 200, f"reading the value back answered {response.status}"
    return response.json()


@requirement("sessions.values.roundtrip", MUST, since="0.12", source="flask:api#flask.json.tag.TaggedJSONSerializer")
@given(value=VALUES)
@example(value=EVERY_TYPE)
def test_values_roundtrip(client_factory, value):
    """Any value built from None, bool, int, float, str, Markup, bytes, UUID, lists, tuples and
    string-keyed dicts MUST come back from the session equal and of the same types."""
    assert _roundtrip(client_factory(), value) == value


@requirement("sessions.values.tag-like-keys", MUST, since="1.0",
             source="flask:api#flask.json.tag.TaggedJSONSerializer")
def test_tag_like_keys(client):
    """A dict whose single key looks like one of the serializer's type tags (``" t"``,
    ``" di"``, ...) MUST come back unchanged, not decoded as the tagged type."""
    inner = _tagged("list", [_tagged("str", "x")])
    value = _tagged("list", [_tagged("dict", {key: inner}) for key in TAG_KEYS])
    assert _roundtrip(client, value) == value


DATETIMES = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59),
                         timezones=st.just(timezone.utc))


@requirement("sessions.values.datetime", MUST, since="0.12", source="flask:api#flask.json.tag.TaggedJSONSerializer",
             packages={"werkzeug": ">=2.0"})
@given(moment=DATETIMES)
def test_values_datetime(client_factory, moment):
    """A timezone-aware UTC datetime with whole seconds MUST come back from the session equal,
    and still timezone-aware."""
    value = _tagged("list", [_tagged("datetime", moment.replace(microsecond=0).isoformat())])
    assert _roundtrip(client_factory(), value) == value


@requirement("sessions.values.unstorable", MUST, since="0.12", source="flask:api#flask.json.tag.TaggedJSONSerializer",
             cases={"set": "set", "object": "object"})
def test_values_unstorable(client, client_factory, case):
    """Storing a value the session serializer has no form for (a ``set``, a plain ``object``) MUST
    fail with ``500`` and send no session cookie: the client keeps its session as it was, and
    a value stored before still reads back."""
    name = _cookie(_write(client)).name
    response = client.post("/unstorable", form={"kind": case})
    assert response.status == 500, f"storing a {case} answered {response.status}"
    _no_cookie(response, NAME, name)
    assert _read(client) == (True, "alice")
