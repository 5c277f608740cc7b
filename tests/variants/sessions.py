"""Sessions: cookies as RFC 6265 user agents read them, Vary as RFC 9110 caches read it."""

import email.utils
import re
import time
import zlib

from itsdangerous import URLSafeTimedSerializer
from itsdangerous.encoding import base64_encode

from tests.mutants.sessions import SecureCookieSessionInterface, _install
from tests.variants import rewrite_header, variant


def _respell_cookie(value):
    value = re.sub(r"; Path=", "; path=", value)
    value = re.sub(r"; Domain=([^;]*)", lambda m: "; DOMAIN=." + m.group(1).upper(), value)
    value = value.replace("; HttpOnly", "; httponly").replace("; Secure", "; SECURE=yes")
    value = value.replace("; SameSite=Strict", "; samesite=strict").replace("; Partitioned", "; partitioned")
    # the hyphenated date of older Werkzeug releases
    value = re.sub(r"; Expires=(\w+), (\d+) (\w+) (\d+)", r"; expires=\1, \2-\3-\4", value)
    return value.replace("; Max-Age=0", "; max-age=-1")


@variant("sessions", transport="both", fails={"sessions.clear.deletion-form"})
def cookie_attributes_spelled_otherwise(app):
    """Attribute names in other cases, ``Domain`` upper-case with a leading dot, flags with values
    user agents ignore, ``SameSite`` in lower case, ``Expires`` dates with hyphens and a deleting
    ``Max-Age`` below zero (not Werkzeug's ``Max-Age=0``, so only the MAY about the deletion's
    form fails)."""
    return rewrite_header(app, "set-cookie", _respell_cookie)


class OneName(SecureCookieSessionInterface):
    """A session cookie always named ``flask_session``: another default, and no renaming."""

    def get_cookie_name(self, app):
        return "flask_session"


NAME_REQUIREMENTS = {"sessions.cookie.default-name", "sessions.cookie.configured.name",
                     "sessions.roundtrip.configured-name"}


@variant("sessions", stage="setup", fails=NAME_REQUIREMENTS)
def cookie_named_otherwise(app):
    """Only the name requirements fail when the implementation names its session cookie
    otherwise and cannot rename it (as Microdot cannot)."""
    _install(OneName())(app)




@variant("sessions", transport="both", fails={"sessions.vary.names-cookie"})
def vary_star(app):
    """``Vary: *`` wherever Flask says ``Vary: Cookie``: ``*`` covers every request field."""
    return rewrite_header(app, "vary", lambda value: "*" if "cookie" in value.lower() else value)


def _max_age_for_expires(value):
    """A Set-Cookie lifetime by Max-Age alone: the seconds left until its Expires date, or the
    deletion's Max-Age=0 without the date."""
    expires = re.search(r"; Expires=([^;]*)", value)
    if expires is None:
        return value
    value = value.replace(expires.group(0), "")
    if "Max-Age=" not in value:
        moment = email.utils.parsedate_to_datetime(expires.group(1).replace("-", " ")).timestamp()
        value += f"; Max-Age={max(0, round(moment - time.time()))}"
    return value


@variant("sessions", transport="both",
         fails={"sessions.permanent.expires-date", "sessions.clear.deletion-form"})
def lifetime_by_max_age(app):
    """Permanent cookies expire by ``Max-Age`` instead of ``Expires``, and deletions carry
    ``Max-Age=0`` alone: RFC 6265 user agents keep and drop the cookie at the same moments."""
    return rewrite_header(app, "set-cookie", _max_age_for_expires)


def _deletion_by_date(value):
    if "Max-Age=0" not in value:
        return value
    value = value.replace("; Max-Age=0", "")
    return re.sub(r"^([^=]*)=[^;]*", r"\1=deleted", value)


@variant("sessions", fails={"sessions.clear.deletion-form"})
def deletion_by_past_date(app):
    """Deletions carry a value (``deleted``) and only a past ``Expires``: a user agent drops the
    cookie at once all the same."""
    return rewrite_header(app, "set-cookie", _deletion_by_date)


def _default_path(path):
    return "/" if path.count("/") <= 1 else path[:path.rindex("/")]


@variant("sessions", transport="both", fails={"sessions.cookie.path-attribute"})
def path_left_to_default(app):
    """No ``Path`` attribute where the request's default path (RFC 6265, 5.1.4) is the same one:
    the cookie is stored for the same path."""
    def middleware(environ, start_response):
        default = _default_path(environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", ""))
        drop = lambda value: re.sub(rf"; Path={re.escape(default)}(?=;|$)", "", value)  # noqa: E731
        return rewrite_header(app, "set-cookie", drop)(environ, start_response)
    return middleware


@variant("sessions", transport="both")
def vary_on_several_lines(app):
    """Each field ``Vary`` names on a field line of its own, in another case (``VARY: cookie``,
    ``vary: ACCEPT-ENCODING``), after a ``vary: accept-language`` line."""
    def middleware(environ, start_response):
        def respelled(status, headers, exc_info=None):
            kept = [(k, v) for k, v in headers if k.lower() != "vary"]
            names = [n.strip() for k, v in headers if k.lower() == "vary" for n in v.split(",") if n.strip()]
            if names:
                kept.append(("vary", "accept-language"))
                kept += [("VARY", f" {n.lower()} ") if n.lower() == "cookie" else ("vary", n.upper()) for n in names]
            return start_response(status, kept, exc_info)
        return app(environ, respelled)
    return middleware


class AlwaysCompressed(URLSafeTimedSerializer):
    """Compresses every payload, shorter or not: Flask loads it all the same."""

    def dump_payload(self, obj):
        return b"." + base64_encode(zlib.compress(self.serializer.dumps(obj).encode("utf-8")))


class CompressingInterface(SecureCookieSessionInterface):
    def get_signing_serializer(self, app):
        serializer = super().get_signing_serializer(app)
        if serializer is not None:
            serializer.__class__ = AlwaysCompressed
        return serializer


@variant("sessions", stage="setup")
def payload_always_compressed(app):
    """Session cookies whose payload is always zlib-compressed (itsdangerous compresses only when
    that is shorter): still Flask's format, which marks compression with a leading dot."""
    _install(CompressingInterface())(app)


@variant("sessions", transport="both")
def no_deletion_for_absent_cookie(app):
    """No deleting ``Set-Cookie`` when the request carried no cookie to delete (Flask sends one
    when a view empties a session that was empty already)."""
    def middleware(environ, start_response):
        if environ.get("HTTP_COOKIE"):
            return app(environ, start_response)
        drop = lambda k, v: k.lower() == "set-cookie" and "Max-Age=0" in v  # noqa: E731
        def filtered(status, headers, exc_info=None):
            return start_response(status, [(k, v) for k, v in headers if not drop(k, v)], exc_info)
        return app(environ, filtered)
    return middleware
