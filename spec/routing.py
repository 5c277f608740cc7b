"""Routing (placeholder while the chapter is written)."""

from flask_conformance import MUST, requirement


@requirement("routing.static.match", MUST, since="0.1", source="flask:quickstart#routing")
def test_static_rule(client):
    """A request for a static rule's path reaches its view."""
    response = client.get("/static-rule")
    assert response.status == 200
    assert response.text == "static"


@requirement("routing.int.rejects", MUST, since="0.1", source="werkzeug:routing#werkzeug.routing.IntegerConverter",
             cases={"sign": "/int/-1", "letters": "/int/abc"})
def test_int_rejects(client, case):
    """The int converter rejects these values."""
    assert client.get(case).status == 404
