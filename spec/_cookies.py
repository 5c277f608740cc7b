"""Cookies compared the way RFC 6265 user agents read a ``Set-Cookie`` (section 5.2 and 5.3),
and Flask's signed session cookie format.

Used by the sessions chapter. A check that compared the attributes byte for byte would reject
what every browser treats as the same cookie (``max-age`` for ``Max-Age``, ``Domain=.Example``
for ``Domain=example``, a lifetime set by ``Max-Age`` instead of ``Expires``), so the checks ask
these helpers what a user agent would store instead.
"""

import base64
import binascii
import email.utils
import hashlib
import hmac
import json
import re
import zlib


def flag(cookie, attribute):
    """Whether ``cookie`` carries the flag ``attribute`` (``Secure``, ``HttpOnly``,
    ``Partitioned``): user agents look at its presence and ignore any value after it."""
    return attribute.lower() in cookie.attributes


def domain(cookie):
    """The Domain as a user agent compares it (5.2.3): lowercased, a leading dot dropped; None
    when the attribute is missing, which makes the cookie host-only.

    RFC 6265 also ignores an empty ``Domain=``, but the harness' own cookie jar (Python's
    ``http.cookiejar``) does not, so the checks could not follow such a cookie through a round
    trip: an empty Domain counts as one here (``""``).
    """
    value = cookie.get("domain")
    if value is None:
        return None
    return value.strip().lstrip(".").lower() if isinstance(value, str) else ""


def default_path(request_path):
    """The default-path of 5.1.4: the request path up to, not including, its last slash."""
    if not request_path.startswith("/") or request_path.count("/") == 1:
        return "/"
    return request_path[:request_path.rindex("/")]


def path(cookie, request_path):
    """The path a user agent stores ``cookie`` under when it answered a request for
    ``request_path`` (5.2.4): the Path attribute if it starts with "/", else the default-path.
    Paths are compared as they are, case-sensitively (5.1.4)."""
    value = cookie.get("path")
    if isinstance(value, str) and value.startswith("/"):
        return value
    return default_path(request_path.partition("?")[0])


def samesite(cookie):
    """The SameSite value in lower case (user agents compare it case-insensitively), or None."""
    value = cookie.get("samesite")
    return value.lower() if isinstance(value, str) else None


def http_date(raw):
    """An Expires value as a POSIX timestamp, or None when it is not a date.

    Dates come as ``Thu, 01 Jan 1970 00:00:00 GMT`` or, from older Werkzeug, with hyphens
    (``01-Jan-1970``); the cookie-date algorithm of 5.1.1 accepts both.
    """
    if not isinstance(raw, str) or not raw.strip():
        return None
    try:
        return email.utils.parsedate_to_datetime(raw.replace("-", " ")).timestamp()
    except (TypeError, ValueError, IndexError):
        return None


def max_age(cookie):
    """The Max-Age in seconds when it is one a user agent honours (5.2.2: an optional minus and
    digits), else None: an attribute that is not a number is ignored."""
    value = cookie.get("max-age")
    if isinstance(value, str) and re.fullmatch(r"-?[0-9]+", value.strip()):
        return int(value.strip())
    return None


def expiry(cookie, received):
    """When a user agent that received ``cookie`` at ``received`` (a POSIX time) expires it, or
    None for a session cookie. Max-Age wins over Expires (5.3, step 3); a Max-Age not above zero
    means the earliest time, so the cookie is gone at once."""
    seconds = max_age(cookie)
    if seconds is not None:
        return received + seconds if seconds > 0 else float("-inf")
    return http_date(cookie.get("expires"))


def persistent(cookie):
    """Whether ``cookie`` outlives the browser session: a usable Max-Age or Expires."""
    return max_age(cookie) is not None or http_date(cookie.get("expires")) is not None


def deletes(cookie, received):
    """Whether ``cookie`` received at ``received`` makes a user agent drop the cookie of that
    name, path and domain at once: it expires at or before the moment it arrives."""
    moment = expiry(cookie, received)
    return moment is not None and moment <= received


# Flask's signed cookie format: what SecureCookieSessionInterface documents as its parts (an
# itsdangerous URLSafeTimedSerializer, salt "cookie-session", HMAC key derivation, SHA-1, a JSON
# payload). Written out here with the standard library, so the check pins the format itself and
# not whatever itsdangerous release happens to be installed beside the implementation.

SESSION_SALT = b"cookie-session"


def _b64encode(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def _b64decode(text):
    return base64.urlsafe_b64decode(text + b"=" * (-len(text) % 4))


def _signature(secret_key, signed):
    derived = hmac.new(secret_key.encode("utf-8"), SESSION_SALT, hashlib.sha1).digest()
    return hmac.new(derived, signed, hashlib.sha1).digest()


def flask_session_cookie(data, secret_key, timestamp, compress=False):
    """A session cookie value as Flask signs ``data`` (a JSON-able dict) with ``secret_key`` at
    ``timestamp``; with ``compress``, the payload is zlib-compressed and marked by a leading dot,
    as itsdangerous does whenever that is shorter."""
    payload = json.dumps(data, separators=(",", ":")).encode("utf-8")
    payload = b"." + _b64encode(zlib.compress(payload)) if compress else _b64encode(payload)
    stamp = int(timestamp)
    signed = payload + b"." + _b64encode(stamp.to_bytes((stamp.bit_length() + 7) // 8 or 1, "big"))
    return (signed + b"." + _b64encode(_signature(secret_key, signed))).decode("ascii")


def load_flask_session_cookie(value, secret_key):
    """What Flask with ``secret_key`` finds in a session cookie value: ``(data, timestamp)``, or
    an AssertionError saying which part does not follow the format."""
    try:
        signed, _, signature = value.encode("ascii").rpartition(b".")
        payload, _, stamp = signed.rpartition(b".")
        assert payload and stamp, f"{value!r} is not payload.timestamp.signature"
        expected = _signature(secret_key, signed)
        assert hmac.compare_digest(_b64decode(signature), expected), (
            f"the signature of {value!r} is not Flask's for this secret key")
        raw = zlib.decompress(_b64decode(payload[1:])) if payload.startswith(b".") else _b64decode(payload)
        return json.loads(raw), int.from_bytes(_b64decode(stamp), "big")
    except (ValueError, UnicodeError, zlib.error, binascii.Error) as exc:
        raise AssertionError(f"{value!r} does not decode as Flask's session cookie: {exc}") from exc
