"""Message flashing
================

Flashing is how an application leaves a short note for the user's *next* page: a view calls
``flash(message, category)`` and a later view (usually the layout template) calls
``get_flashed_messages()`` to show it. The typical use is to flash after a form POST and then
redirect, so the page the browser lands on says what happened.

The messages live in the user's session, so they travel in the signed session cookie and belong
to that one client. They are kept, in the order they were flashed, until a request reads them;
that first read in a request takes all of them out of the session. Every later read in the same
request returns the very same list, even if something was flashed in between: a message flashed
after the read stays in the session and is delivered to the next request. A message flashed and
read within one request is shown by that request and not again.

Each message carries a category, ``"message"`` unless the view names another. A read returns
only the message texts unless ``with_categories`` asks for ``(category, message)`` pairs;
``category_filter`` narrows the result to the named categories, keeping their order. Filtering
only narrows what that read returns: the filtered-out messages are taken out of the session all
the same.

A message may be ``Markup`` (safe HTML, say a link the application built): it keeps being
``Markup`` across the session, so an autoescaping template renders it as HTML, while a plain
string that contains markup characters is escaped like any other text. Because the messages live
in the session, they share it with the application's own data: a request that flashes and also
changes the session keeps both, and the read that takes the messages out leaves the other keys
alone.

Flashing needs a session that can be written, so an application without a secret key fails to
flash (a server error), while reading its flashes just finds none. Because the messages ride in
a cookie, they are bounded by the roughly 4 KB browsers keep per cookie; Flask's docs warn that
larger ones are lost silently, so this chapter keeps its messages small.

What the checks compare
-----------------------

This chapter is about the messages, so its checks look at the messages and nothing else: a read
is the body parsed as JSON (whatever media type labels it: media types are the responses
chapter's subject), a view that answers with plain text is judged by its status alone, and the
session cookie that carries the messages is only handed back by the client, never inspected
(the sessions chapter judges it). The redirect after a flash may be any redirect a browser
follows with GET (301, 302 or 303), and its ``Location`` any reference to the messages page: a
relative one is resolved against the request's URL (RFC 9110, section 10.2.2) and the result
compared by its path. Which status ``redirect()`` answers with, and the form of its
``Location``, are not this chapter's to judge. A rendered page is read as HTML: the text of each
list item with its character references decoded (``&lt;`` and ``&#60;`` alike), and the
elements inside it. Every requirement here depends on Flask alone,
not on the Werkzeug or itsdangerous release under it.

Fixture contract
----------------

One WSGI application. Paths under ``/no-key/`` go to a second application (the prefix moved
from ``PATH_INFO`` to ``SCRIPT_NAME``); every other path is served by the main application.

The main application has a secret key (any value) and no other configuration change (not in
debug or testing mode). Unless stated otherwise a view answers ``200``. *JSON* below means a
response whose body is the JSON text of the value (Flask's fixture gives it the mimetype
``application/json``; the checks parse the body as JSON whatever its media type); a list of
messages is a JSON array of strings, a list read ``with_categories`` is a JSON array of
two-item arrays ``[category, message]``.

``POST /flash``
    The request body is a JSON array (read it whatever its ``Content-Type``). For each item in
    order: a string is flashed with no category argument (so the default category applies);
    a two-item array ``[category, message]`` is flashed as ``flash(message, category)``. The
    view does not read the flashed messages. Returns the text ``flashed:<n>``, ``<n>`` being
    the number of items.
``GET /messages``
    JSON: ``get_flashed_messages()``.
``GET /messages/with-categories``
    JSON: ``get_flashed_messages(with_categories=True)``.
``GET /messages/filtered``
    JSON: ``get_flashed_messages(category_filter=C)`` where ``C`` is the list of values of the
    repeatable query parameter ``category``.
``GET /messages/filtered/with-categories``
    JSON: ``get_flashed_messages(with_categories=True, category_filter=C)``, ``C`` as above.
``GET /messages/twice``
    Reads twice in the same request: ``first = get_flashed_messages()``, then
    ``second = get_flashed_messages()``. JSON: the object ``{"first": first, "second": second}``.
``GET /messages/template``
    Renders the inline template ``{{ get_flashed_messages(with_categories=true)|tojson }}``
    (the function as the template context provides it) and returns the rendered text with the
    mimetype ``application/json``.
``POST /read-then-flash``
    ``before = get_flashed_messages()``, then flashes the form field ``message`` (default
    category), then ``after = get_flashed_messages()``. JSON: ``{"before": before, "after":
    after}``.
``POST /flash-then-read``
    Flashes the form field ``message`` (default category), then returns JSON:
    ``get_flashed_messages()``.
``POST /flash-and-redirect``
    Flashes the form field ``message`` (default category) and returns ``redirect()`` (status
    302) to the URL of ``GET /messages``.
``POST /flash-markup``
    Flashes ``Markup(message)`` (default category), ``message`` being the form field of that
    name, ``Markup`` the framework's (MarkupSafe's for Flask). Returns ``flashed:1``.
``GET /messages/html``
    Renders, with autoescaping on (as Flask does for every template from a string), the inline
    template ``<ul>{% for message in get_flashed_messages() %}<li>{{ message }}</li>{% endfor
    %}</ul>`` and returns it as HTML.
``POST /flash-save-and-redirect``
    Flashes the form field ``message`` (default category), stores the form field ``saved`` as
    ``session["saved"]`` and returns ``redirect()`` to the URL of ``GET /messages``.
``GET /saved``
    JSON: ``session.get("saved")`` (``null`` when absent).
``GET /untouched``
    Returns the text ``untouched``; touches neither flashes nor session.

The application under ``/no-key/`` has no secret key and nothing else configured:

``POST /no-key/flash``
    Flashes the form field ``message`` (default category) and would return ``flashed:1``.
``GET /no-key/messages``
    JSON: ``get_flashed_messages()``.
"""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from hypothesis import given, strategies as st

from flask_conformance import MUST, SHOULD, requirement


def flash(client, *items):
    """Flash ``items`` (a string: default category; a pair: (category, message)) in one request."""
    # Only the status is checked: the body text and media type are the responses chapter's.
    payload = [item if isinstance(item, str) else list(item) for item in items]
    response = client.post("/flash", json=payload)
    assert response.status == 200, response.describe()
    return response


def read(client, path="/messages", **kwargs):
    """Read flashed messages through a JSON route of the contract: the body parsed as JSON,
    whatever its media type."""
    response = client.get(path, **kwargs)
    assert response.status == 200, response.describe()
    return response.json()


# Flash, then read on the next request.

@requirement("flashing.next-request.delivered", MUST, since="0.12", source="flask:quickstart#message-flashing")
def test_next_request_delivered(client):
    """Messages flashed in one request MUST be returned by a read in the next request: exactly
    those messages, as plain texts, in the order they were flashed."""
    flash(client, "first", ("error", "second"), ("info", "third"))
    assert read(client) == ["first", "second", "third"]


@requirement("flashing.next-request.consumed", MUST, since="0.12", source="flask:quickstart#message-flashing")
def test_next_request_consumed(client):
    """Once a request has read the flashed messages they MUST be gone: the request after it reads
    an empty list."""
    flash(client, "once")
    assert read(client) == ["once"]
    assert read(client) == []


@requirement("flashing.unread.kept", MUST, since="0.12", source="flask:api#flask.flash")
def test_unread_kept(client):
    """Flashed messages MUST stay in the session until a request reads them: requests in between
    that do not read them leave them in place."""
    flash(client, "patient")
    for _ in range(2):
        assert client.get("/untouched").status == 200
    assert read(client) == ["patient"]


@requirement("flashing.unread.accumulate", MUST, since="0.12", source="flask:api#flask.flash")
def test_unread_accumulate(client):
    """Messages flashed by several requests before any read MUST all be delivered together by the
    first read, in the order they were flashed."""
    flash(client, "one", "two")
    flash(client, ("warning", "three"))
    assert read(client, "/messages/with-categories") == [
        ["message", "one"], ["message", "two"], ["warning", "three"]]


@requirement("flashing.session.per-client", MUST, since="0.12", source="flask:patterns/flashing#message-flashing")
def test_per_client(client_factory):
    """Flashed messages belong to the session of the client whose request flashed them: another
    client MUST NOT receive them, and they MUST still reach their own client afterwards."""
    owner, stranger = client_factory(), client_factory()
    flash(owner, "private")
    assert read(stranger) == []
    assert read(owner) == ["private"]


# Reading within one request.

@requirement("flashing.read.repeatable", MUST, since="0.12", source="flask:api#flask.get_flashed_messages")
def test_read_repeatable(client):
    """Every read in the same request MUST return the same list of messages, not an empty list
    after the first read."""
    flash(client, "a", "b")
    assert read(client, "/messages/twice") == {"first": ["a", "b"], "second": ["a", "b"]}
    assert read(client) == []


@requirement("flashing.read.snapshot", SHOULD, since="0.12", source="flask:api#flask.get_flashed_messages")
def test_read_snapshot(client):
    """Once a request has read its messages, later reads in that request SHOULD return that same
    list even when a message was flashed in between."""
    flash(client, "earlier")
    result = client.post("/read-then-flash", form={"message": "later"})
    assert result.status == 200
    assert result.json() == {"before": ["earlier"], "after": ["earlier"]}


@requirement("flashing.read.flash-after-read", MUST, since="0.12", source="flask:api#flask.get_flashed_messages")
def test_flash_after_read(client):
    """A message flashed after the request has read its messages MUST be delivered to the next
    request, exactly once."""
    flash(client, "earlier")
    assert client.post("/read-then-flash", form={"message": "later"}).status == 200
    assert read(client) == ["later"]
    assert read(client) == []


@requirement("flashing.same-request.visible", MUST, since="0.12", source="flask:tutorial/views#the-first-view-register")
def test_same_request_visible(client):
    """A message flashed in a request that has not read its messages yet MUST be returned by a
    read later in that same request (flash, then render the page)."""
    response = client.post("/flash-then-read", form={"message": "now"})
    assert response.status == 200
    assert response.json() == ["now"]


@requirement("flashing.same-request.consumed", MUST, since="0.12", source="flask:tutorial/views#the-first-view-register")
def test_same_request_consumed(client):
    """A message flashed and read in the same request MUST NOT be delivered again to the next
    request."""
    assert client.post("/flash-then-read", form={"message": "now"}).status == 200
    assert read(client) == []


@requirement("flashing.message.verbatim", MUST, since="0.12", source="flask:api#flask.flash",
             cases={"markup-characters": "<b>Saved</b> & 'done'", "non-ascii": "Grüße, 世界 ✓",
                    "empty": "", "surrounding-spaces": "  padded  "})
def test_message_verbatim(client, case):
    """A flashed message MUST come back exactly as it was flashed: flashing neither escapes,
    trims nor re-encodes it."""
    flash(client, case)
    assert read(client) == [case]


# Categories.

@requirement("flashing.category.default", MUST, since="0.12", source="flask:patterns/flashing#flashing-with-categories")
def test_category_default(client):
    """A message flashed without a category MUST have the category ``"message"``."""
    flash(client, "plain")
    assert read(client, "/messages/with-categories") == [["message", "plain"]]


@requirement("flashing.category.pairs", MUST, since="0.12", source="flask:patterns/flashing#flashing-with-categories")
def test_category_pairs(client):
    """A read with categories MUST return one (category, message) pair per message, in flash
    order, with the category each was flashed with."""
    flash(client, ("error", "bad"), ("info", "fyi"), ("error", "worse"))
    assert read(client, "/messages/with-categories") == [
        ["error", "bad"], ["info", "fyi"], ["error", "worse"]]


# Filtering by category.

@requirement("flashing.filter.selects", MUST, since="0.12", source="flask:patterns/flashing#filtering-flash-messages")
def test_filter_selects(client):
    """A read with a category filter MUST return only the messages of the listed categories, in
    the order they were flashed."""
    flash(client, ("error", "e1"), ("info", "i1"), ("warning", "w1"), ("error", "e2"), "m1")
    got = read(client, "/messages/filtered", query=[("category", "error"), ("category", "warning")])
    assert got == ["e1", "w1", "e2"]


@requirement("flashing.filter.with-categories", MUST, since="0.12", source="flask:api#flask.get_flashed_messages")
def test_filter_with_categories(client):
    """A read with both a category filter and categories MUST return the (category, message) pairs
    of the listed categories only."""
    flash(client, ("error", "e1"), "m1", ("info", "i1"), ("error", "e2"))
    got = read(client, "/messages/filtered/with-categories", query=[("category", "error"), ("category", "message")])
    assert got == [["error", "e1"], ["message", "m1"], ["error", "e2"]]


@requirement("flashing.filter.no-match", MUST, since="0.12", source="flask:api#flask.get_flashed_messages")
def test_filter_no_match(client):
    """A category filter that names none of the flashed categories MUST give an empty list."""
    flash(client, ("info", "i1"), "m1")
    assert read(client, "/messages/filtered", query={"category": "error"}) == []


@requirement("flashing.filter.consumes-all", SHOULD, since="0.12", source="flask:api#flask.get_flashed_messages")
def test_filter_consumes_all(client):
    """A filtered read SHOULD still take every flashed message out of the session, so the
    filtered-out ones are not delivered to a later request either."""
    # The docs do not state it; it is what Flask has always done (the first read of a request
    # pops all flashes before filtering), and templates that render one block per category
    # within one request rely on it.
    flash(client, ("error", "e1"), ("info", "i1"))
    assert read(client, "/messages/filtered", query={"category": "error"}) == ["e1"]
    assert read(client, "/messages/with-categories") == []


# The flash-then-redirect pattern.

#: Redirect statuses after which a browser fetches the target with GET (RFC 9110, 15.4).
REDIRECT_TO_GET = {301, 302, 303}


@requirement("flashing.redirect.shown-once", MUST, since="0.12", source="flask:patterns/flashing#simple-flashing")
def test_redirect_shown_once(client):
    """A message flashed by a POST that answers with a redirect MUST survive the redirect: the
    page the redirect leads to shows it, and the page after that does not. The redirect may be
    any a browser follows with GET (301, 302, 303) and its ``Location`` any reference to the
    page, relative ones resolved against the request's URL (RFC 9110, section 10.2.2), compared
    by its path."""
    response = client.post("/flash-and-redirect", form={"message": "Entry saved"})
    assert response.status in REDIRECT_TO_GET, f"the POST answered {response.status}, not a redirect to GET"
    location = response.headers.get("Location")
    assert location, f"{response.status} without a Location"
    target = urlsplit(urljoin("http://localhost/flash-and-redirect", location)).path
    assert target == "/messages", f"Location {location!r} leads to {target!r}, not /messages"
    assert read(client, target) == ["Entry saved"]
    assert read(client, target) == []


# Templates.

@requirement("flashing.template.available", MUST, since="0.12", source="flask:templating#standard-context")
def test_template_available(client):
    """Templates MUST be able to call ``get_flashed_messages`` from their standard context, with
    the same result and the same consuming effect as a call from the view."""
    flash(client, ("error", "bad"), "plain")
    assert read(client, "/messages/template") == [["error", "bad"], ["message", "plain"]]
    assert read(client) == []


# Markup and escaping.

class _ListItems(HTMLParser):
    """Each ``<li>`` of a page as (text, tags): its text with character references decoded, and
    the names of the elements inside it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items, self._open = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self._open = ["", []]
        elif self._open is not None:
            self._open[1].append(tag)

    def handle_endtag(self, tag):
        if tag == "li" and self._open is not None:
            self.items.append((self._open[0], self._open[1]))
            self._open = None

    def handle_data(self, data):
        if self._open is not None:
            self._open[0] += data


def rendered_items(client):
    """The list items ``GET /messages/html`` renders, as (text, tags)."""
    response = client.get("/messages/html")
    assert response.status == 200, response.describe()
    parser = _ListItems()
    parser.feed(response.text)
    parser.close()
    return parser.items


@requirement("flashing.markup.kept-safe", MUST, since="0.12", source="flask:patterns/flashing#message-flashing")
def test_markup_kept_safe(client):
    """A message flashed as ``Markup`` MUST still be safe HTML when the next request renders it in
    an autoescaping template: its tags are elements of the page, not text."""
    response = client.post("/flash-markup", form={"message": "<b>Saved</b> &amp; done"})
    assert response.status == 200, response.describe()
    assert rendered_items(client) == [("Saved & done", ["b"])]


@requirement("flashing.markup.plain-escaped", MUST, since="0.12", source="flask:templating#controlling-autoescaping")
def test_plain_escaped(client):
    """A message flashed as a plain string MUST be escaped when the next request renders it in an
    autoescaping template: its markup characters are text of the page, not elements."""
    flash(client, "<i>Saved</i> & done")
    assert rendered_items(client) == [("<i>Saved</i> & done", [])]


# Flashes share the session.

@requirement("flashing.session.changed-with-flash", MUST, since="0.12", source="flask:patterns/flashing#simple-flashing")
def test_changed_with_flash(client):
    """A request that flashes a message, stores a value in the session and answers with a
    redirect MUST keep both: later requests read the value and the message."""
    response = client.post("/flash-save-and-redirect", form={"message": "Entry saved", "saved": "draft-7"})
    assert response.status < 400, response.describe()
    assert read(client, "/saved") == "draft-7"
    assert read(client) == ["Entry saved"]


@requirement("flashing.session.read-keeps-keys", MUST, since="0.12", source="flask:api#flask.get_flashed_messages")
def test_read_keeps_keys(client):
    """Reading the flashed messages MUST take only the messages out of the session: a value the
    application stored beside them is still there afterwards."""
    response = client.post("/flash-save-and-redirect", form={"message": "Entry saved", "saved": "draft-7"})
    assert response.status < 400, response.describe()
    read(client)
    assert read(client, "/saved") == "draft-7"


# No secret key.

@requirement("flashing.no-secret-key.flash-fails", MUST, since="0.12", source="flask:api#flask.sessions.NullSession")
def test_no_secret_key_flash_fails(client):
    """Flashing in an application without a secret key MUST fail with a 500 Internal Server
    Error: the message cannot be stored."""
    response = client.post("/no-key/flash", form={"message": "lost"})
    assert response.status == 500


@requirement("flashing.no-secret-key.read-empty", SHOULD, since="0.12", source="flask:api#flask.sessions.NullSession")
def test_no_secret_key_read_empty(client):
    """Reading flashed messages in an application without a secret key SHOULD succeed and return
    an empty list, since its session can be read but never holds anything."""
    assert read(client, "/no-key/messages") == []


# Property.

# Cookie budget: browsers keep about 4 KB per cookie and Flask's docs warn that flashes too big
# for the session cookie are lost silently, so examples stay far below it. At most 5 items of at
# most 12 characters of category and 12 of message: even if the serializer escapes every character
# as a 12-byte surrogate pair, that is under 1.5 KB of JSON, about 2 KB once signed and encoded.
_text = st.text(max_size=12)
_items = st.lists(st.one_of(_text, st.tuples(_text, _text)), max_size=5)


@requirement("flashing.property.round-trip", MUST, since="0.12", source="flask:api#flask.get_flashed_messages")
@given(items=_items)
def test_round_trip(client_factory, items):
    """Any sequence of messages, with or without categories, flashed in one request MUST come
    back from the next request's read in the same order with the same categories and texts,
    and never again."""
    client = client_factory()
    flash(client, *items)
    expected = [["message", item] if isinstance(item, str) else list(item) for item in items]
    assert read(client, "/messages/with-categories") == expected
    assert read(client, "/messages/with-categories") == []
