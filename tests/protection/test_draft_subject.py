"""Which parts of a draft are about one person: whole words and exact ids, never a piece."""

from __future__ import annotations

from desktop_app.domain.drafts import Draft, DraftKind, DraftSubject, held_about, is_about

ANN = DraftSubject(("0d7c2f1e-aaaa-4bbb-8ccc-000000000001",), "P-1000", "Ann")


def test_names_and_references_match_as_whole_words_only() -> None:
    assert ANN.named_in("Ann came late")
    assert ANN.named_in("ann came late"), "names match whatever the case"
    assert ANN.named_in("seen: P-1000.")
    assert not ANN.named_in("Annabel came")
    assert not ANN.named_in("annual review")
    assert not ANN.named_in("P-10000 came")
    assert DraftSubject(("id",), "", "Al").search_texts == [], "too short to look for"


def test_an_entry_of_a_list_is_theirs_by_id_or_reference_not_by_name() -> None:
    assert ANN.is_entry([ANN.ids[0], "Someone", "P-2"])
    assert ANN.is_entry(["other-id", "Someone", "P-1000"])
    assert not ANN.is_entry(["other-id", "Ann", "P-2"]), "another Ann"


def test_only_what_is_about_them_is_held() -> None:
    session = Draft(
        DraftKind.SESSION,
        "",
        {
            "attendees": [[ANN.ids[0], "Ann", "P-1000"], ["b-id", "Annabel", "P-10000"]],
            "Notes": "Ann led the tea round",
            "Venue": "Church hall",
        },
        "Log a session",
    )
    held = held_about(session, ANN)
    assert held.fields == {
        "attendees": [[ANN.ids[0], "Ann", "P-1000"]],
        "Notes": "Ann led the tea round",
    }
    assert held.title == ""
    own = Draft(DraftKind.PERSON, ANN.ids[0], {"Notes": "anything"})
    assert held_about(own, ANN) == own and is_about(own, ANN)
    elsewhere = Draft(DraftKind.SESSION, "", {"Notes": "Annabel came"}, "Annabel's session")
    assert not is_about(elsewhere, ANN)
