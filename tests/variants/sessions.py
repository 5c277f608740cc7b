"""Sessions: cookie attributes as RFC 6265 user agents read them."""

import re

from tests.mutants.sessions import SecureCookieSessionInterface, _install
from tests.variants import rewrite_header, variant


def _respell_cookie(value):
    value = re.sub(r"; Path=", "; path=", value)
    value = re.sub(r"; Domain=([^;]*)", lambda m: "; DOMAIN=." + m.group(1).upper(), value)
    value = value.replace("; HttpOnly", "; httponly").replace("; Secure", "; SECURE=yes")
    value = value.replace("; SameSite=Strict", "; samesite=strict").replace("; Partitioned", "; partitioned")
    return value.replace("; Max-Age=0", "; max-age=-1")


@variant("sessions", transport="both")
def cookie_attributes_spelled_otherwise(app):
    """Attribute names in other cases, ``Domain`` upper-case with a leading dot, flags with values
    user agents ignore, ``SameSite`` in lower case and a deleting ``Max-Age`` below zero."""
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


