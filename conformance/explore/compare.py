"""Two answers to one request compared the way the spec compares them.

HTTP-equivalent answers are not differences (DESIGN rule 4): the status exactly, media types as
media types, ``Allow`` and ``Vary`` as token sets, ``Location`` resolved against the request URL
(RFC 3986), JSON bodies as JSON, other bodies byte for byte, cookies as RFC 6265 user agents
store them. ``Date``, ``Server`` and ``Content-Length`` are ignored.

Cookies need one more rule. Flask's session cookie is signed and carries the moment it was signed,
so two answers holding the same session never hold the same bytes: a cookie value that decodes as
Flask's signed format under one of the fixture contract's keys is compared by the data it holds;
values neither side signs that way are compared as they are. A lifetime is compared as the
seconds from receipt to expiry (``Max-Age`` or ``Expires``, with two seconds of slack for the
clock between the two sends and ``Expires``' whole seconds).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Dict, List, Optional, Tuple

from ..client import Headers, Request, SetCookie
from flask_conformance.spec import _cookies as cookies
from flask_conformance.spec._fields import list_elements, media_type
from flask_conformance.spec._uri import normalise, resolve
from .model import Answer

#: Every aspect a difference can have, in the order they are reported.
ASPECTS = ("error", "status", "content-type", "allow", "vary", "location", "set-cookie", "content-length",
           "headers", "body")
#: Fields compared by their own rules (or not at all).
SPECIAL_FIELDS = {"content-type", "allow", "vary", "location", "set-cookie", "content-length", "date", "server"}
#: Seconds two cookie lifetimes may differ by and still be the same lifetime.
LIFETIME_SLACK = 2.0


def differences(request: Request, reference: Answer, implementation: Answer, exact: bool = False) -> List[str]:
    """The aspects in which two answers to ``request`` differ (an empty list: equivalent).

    With ``exact``, Flask's form counts too, as the spec's SHOULD and MAY requirements about it
    do: header values as spelled, JSON bodies byte for byte, each cookie's attributes as written.
    The time a value embeds (a signature's timestamp, an ``Expires`` date) still does not count.
    """
    if reference.error is not None or implementation.error is not None:
        return [] if (reference.error is None) == (implementation.error is None) else ["error"]
    ref, imp = reference.headers, implementation.headers
    checks = {
        "status": reference.status != implementation.status,
        "content-type": _media_types_differ(ref.get("Content-Type"), imp.get("Content-Type"), exact),
        "allow": _tokens(ref, "Allow", exact, fold=False) != _tokens(imp, "Allow", exact, fold=False),
        "vary": _tokens(ref, "Vary", exact) != _tokens(imp, "Vary", exact),
        "location": _locations_differ(request, ref.get("Location"), imp.get("Location"), exact),
        "set-cookie": _cookies_differ(_stored_cookies(reference, request, exact),
                                      _stored_cookies(implementation, request, exact)),
        "content-length": _lengths_differ(reference, implementation),
        "headers": ref.comparable(SPECIAL_FIELDS) != imp.comparable(SPECIAL_FIELDS),
        "body": _bodies_differ(reference, implementation, exact),
    }
    return [aspect for aspect in ASPECTS if checks.get(aspect)]


def _media_types_differ(ref: Optional[str], imp: Optional[str], exact: bool) -> bool:
    if ref is None or imp is None or exact:
        return ref != imp
    return (media_type(ref) or ref) != (media_type(imp) or imp)


def _tokens(headers: Headers, name: str, exact: bool, fold: bool = True):
    if exact:
        return headers.get_all(name)
    values = list_elements(headers, name)
    return {v.lower() for v in values} if fold else set(values)


def _locations_differ(request: Request, ref: Optional[str], imp: Optional[str], exact: bool) -> bool:
    if ref is None or imp is None or exact:
        return ref != imp
    base = f"{request.scheme}://localhost{request.script_root}{request.target}"
    return normalise(resolve(ref, base)) != normalise(resolve(imp, base))


def _is_json(headers: Headers) -> bool:
    parsed = media_type(headers.get("Content-Type", ""))
    return parsed is not None and (parsed[0] == "application/json" or parsed[0].endswith("+json"))


def _json(body: bytes):
    try:
        return json.loads(body)
    except ValueError:
        return body


def _lengths_differ(reference: Answer, implementation: Answer) -> bool:
    """A ``Content-Length`` one side sends and the other does not, or, for the same body (a HEAD
    answer's empty one included) of the same successful status, a different value. An error
    page's length is left alone: its body is not specified (a HEAD answer announces it)."""
    ref, imp = reference.headers.get("Content-Length"), implementation.headers.get("Content-Length")
    if (ref is None) != (imp is None):
        return True
    same_body = reference.body == implementation.body and reference.status == implementation.status
    return same_body and ref is not None and (reference.status or 0) < 400 and ref.strip() != imp.strip()


def _bodies_differ(reference: Answer, implementation: Answer, exact: bool) -> bool:
    if not exact and _is_json(reference.headers) and _is_json(implementation.headers):
        return _json(reference.body) != _json(implementation.body)
    return reference.body != implementation.body


# Cookies.

@lru_cache(maxsize=1)
def signing_keys() -> Tuple[str, ...]:
    """The secret keys the fixture contract gives the chapters that sign cookies."""
    from flask_conformance.fixtures import contract

    keys = [contract.SESSION_SECRET_KEY, contract.FLASHING_SECRET_KEY]
    for config in contract.SESSION_MOUNTS.values():
        keys += [config.get("SECRET_KEY")] + list(config.get("SECRET_KEY_FALLBACKS", []))
    return tuple(dict.fromkeys(k for k in keys if isinstance(k, str)))


def cookie_value(value: str) -> tuple:
    """What a cookie value means: the data of a Flask-signed value (with the key that signed it),
    or the value itself."""
    for key in signing_keys():
        try:
            data, _ = cookies.load_flask_session_cookie(value, key)
        except AssertionError:
            continue
        return ("signed", key, json.dumps(data, sort_keys=True))
    return ("raw", value)


def _lifetime(cookie: SetCookie, received: float):
    """Seconds from receipt to expiry; "deleted", or None for a session cookie."""
    if cookies.deletes(cookie, received):
        return "deleted"
    moment = cookies.expiry(cookie, received)
    return None if moment is None else moment - received


def _cookies_differ(ref: Dict[tuple, tuple], imp: Dict[tuple, tuple]) -> bool:
    if ref.keys() != imp.keys():
        return True
    for key, (ref_value, ref_lifetime, *ref_rest) in ref.items():
        imp_value, imp_lifetime, *imp_rest = imp[key]
        if ref_value != imp_value or ref_rest != imp_rest:
            return True
        numbers = isinstance(ref_lifetime, float) and isinstance(imp_lifetime, float)
        if numbers and abs(ref_lifetime - imp_lifetime) > LIFETIME_SLACK:
            return True
        if not numbers and ref_lifetime != imp_lifetime:
            return True
    return False


def _stored_cookies(answer: Answer, request: Request, exact: bool) -> Dict[tuple, tuple]:
    """The cookies a user agent stores from ``answer``: (name, domain, path) -> what it keeps;
    a later ``Set-Cookie`` of the same name, domain and path replaces an earlier one. With
    ``exact``, also the attributes as written (an ``Expires`` date only by its name)."""
    stored = {}
    for header in answer.headers.get_all("Set-Cookie"):
        cookie = SetCookie.parse(header)
        key = (cookie.name, cookies.domain(cookie), cookies.path(cookie, request.path))
        lifetime = _lifetime(cookie, answer.received)
        value = None if lifetime == "deleted" else cookie_value(cookie.value)
        written = _attributes_as_written(header) if exact else ()
        stored[key] = (value, lifetime, cookies.flag(cookie, "secure"), cookies.flag(cookie, "httponly"),
                       cookies.flag(cookie, "partitioned"), cookies.samesite(cookie), written)
    return stored


def _attributes_as_written(header: str) -> tuple:
    attributes = []
    for param in header.split(";")[1:]:
        name, sep, value = param.strip().partition("=")
        attributes.append((name, sep) if name.lower() == "expires" else (name, sep, value))
    return tuple(attributes)
