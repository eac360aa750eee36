"""Names out of stories before they are shared."""

from __future__ import annotations

from desktop_app.domain.returns.redaction import redact_names


def test_full_names_and_their_parts_are_replaced_whatever_the_case() -> None:
    text = "Maria Lopez met MARIA's friend lopez-smith and Jo."
    assert (
        redact_names(text, ["Maria Lopez", "Jo"])
        == "[name] met [name]'s friend [name]-smith and [name]."
    )


def test_only_whole_words_are_replaced() -> None:
    assert (
        redact_names("Joanne and Jo went to Jordan.", ["Jo"]) == "Joanne and [name] went to Jordan."
    )


def test_single_letters_and_no_names_leave_the_text_alone() -> None:
    assert redact_names("A day out.", ["A", " "]) == "A day out."
    assert redact_names("A day out.", []) == "A day out."
