"""A failing record's message says, on one line, what was sent, expected and what came."""

from flask_conformance.outcomes import _assertion_line


def test_a_message_ending_in_got_is_completed_with_what_came():
    text = "GET /about/x: expected 404, got\nassert 200 == 404\n +  where 200 = <Response 200>.status"
    assert _assertion_line(text) == "GET /about/x: expected 404, got 200"


def test_a_bare_assert_keeps_the_where_line_naming_the_response():
    text = "assert 405 == 200\n +  where 405 = <Response 405 for PUT /view-methods>.status"
    assert _assertion_line(text) == "assert 405 == 200 (where 405 = <Response 405 for PUT /view-methods>.status)"


def test_a_complete_message_stays_as_written():
    text = "expected the body 'a', got 'b'\nassert 'b' == 'a'"
    assert _assertion_line(text) == "expected the body 'a', got 'b'"


def test_a_multi_line_message_without_explanation_is_joined():
    assert _assertion_line("expected Allow to list GET,\n['POST']") == "expected Allow to list GET, ['POST']"


def test_every_line_of_the_checks_own_message_is_kept():
    text = "GET /x: expected\n'a'\ngot\nassert 'b' == 'a'"
    assert _assertion_line(text) == "GET /x: expected 'a' got 'b'"
