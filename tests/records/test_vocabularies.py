import pytest

from desktop_app.domain.vocabularies import (
    CONSENT_METHOD,
    DISABILITY,
    ETHNIC_GROUP,
    GENDER,
    HIGH_LEVEL_ETHNIC_GROUPS,
    REFERRAL_SOURCE,
    SESSION_KIND,
)


def test_ethnic_groups_are_the_19_census_groups_not_stated_and_not_recorded() -> None:
    assert len(ETHNIC_GROUP.codes) == 21
    assert ETHNIC_GROUP.codes[0] == "white_british"
    assert ETHNIC_GROUP.codes[-2:] == ("not_stated", "not_recorded")
    assert ETHNIC_GROUP.label("not_recorded") == "Not recorded"
    assert ETHNIC_GROUP.label("black_african") == "African"
    assert ETHNIC_GROUP.group("mixed_white_asian") == "Mixed or Multiple ethnic groups"


def test_five_high_level_groups_in_census_order() -> None:
    assert HIGH_LEVEL_ETHNIC_GROUPS == (
        "White",
        "Mixed or Multiple ethnic groups",
        "Asian, Asian British or Asian Welsh",
        "Black, Black British, Black Welsh, Caribbean or African",
        "Other ethnic group",
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("woman", "woman"),
        ("  Non-Binary ", "non_binary"),
        ("PREFER NOT TO SAY", "not_stated"),
        ("not recorded", "not_recorded"),
        ("prefer  to self-describe", "self_described"),
        ("nonsense", None),
    ],
)
def test_code_for_accepts_codes_and_labels_in_any_case(text: str, code: str | None) -> None:
    assert GENDER.code_for(text) == code


def test_every_question_about_a_person_can_be_not_recorded_as_well_as_not_stated() -> None:
    for vocabulary in (GENDER, ETHNIC_GROUP, DISABILITY):
        assert vocabulary.label("not_stated") == "Prefer not to say"
        assert vocabulary.label("not_recorded") == "Not recorded"


def test_code_for_ethnic_group_label_with_commas() -> None:
    assert (
        ETHNIC_GROUP.code_for("english, welsh, scottish, northern irish or british")
        == "white_british"
    )
    assert ETHNIC_GROUP.code_for("Any other Black, Black British or Caribbean background") == (
        "black_other"
    )


def test_other_vocabularies_keep_their_order() -> None:
    assert SESSION_KIND.codes == ("group", "one_to_one", "drop_in")
    assert CONSENT_METHOD.codes == ("verbal", "written", "online")
    assert REFERRAL_SOURCE.label("vcse") == "Another voluntary or community organisation"
    assert "group" in SESSION_KIND and "groups" not in SESSION_KIND
