"""The PeerLog template: one sheet (or CSV file) per record type, and its columns.

The same definition drives reading a file, writing the blank template and its "Read me" sheet,
and "Export all records", so the three can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from desktop_app.domain.referrals.vocabulary import CLOSING_REASON, NEED, SOURCE_KIND
from desktop_app.domain.vocabularies import (
    CONCERN_KIND,
    CONSENT_METHOD,
    CONTACT_PREFERENCE,
    DELIVERY_MODE,
    DISABILITY,
    ETHNIC_GROUP,
    GENDER,
    OUTCOME_STAGE,
    REFERRAL_SOURCE,
    SESSION_KIND,
    Vocabulary,
)

Kind = Literal[
    "text", "ref", "refs", "date", "time", "year", "whole", "hours", "yes_no", "code", "scores"
]
SheetName = Literal[
    "people",
    "volunteers",
    "training",
    "sessions",
    "attendance",
    "onward_referrals",
    "volunteer_hours",
    "case_studies",
    "outcomes",
    "referrals",
    "safeguarding_concerns",
    "safeguarding_actions",
]

_ACCEPTED: dict[Kind, str] = {
    "text": "Text.",
    "ref": "A reference, like P-0001.",
    "refs": "References separated by ;",
    "date": "A date: 2025-03-31 or 31/03/2025.",
    "time": "A time on a 24-hour clock: 18:30.",
    "year": "A year, like 1987.",
    "whole": "A whole number.",
    "hours": "Hours to the minute: 1.5, 0.25, or hours and minutes like 1:20.",
    "yes_no": "yes or no (y, n, true, false also work).",
    "code": "",
    "scores": "Whole numbers separated by ; (leave one empty for an item not answered).",
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    meaning: str  # what the column holds, for the Read me
    required: bool = False
    vocabulary: Vocabulary | None = None
    is_list: bool = False  # several values separated by ";"

    def accepted(self) -> str:
        """The accepted values, in words, for the Read me sheet."""
        if self.vocabulary is None:
            text = _ACCEPTED[self.kind]
            return "Text items separated by ;" if self.is_list and self.kind == "text" else text
        terms = "; ".join(f"{t.code} ({t.label})" for t in self.vocabulary.terms)
        several = " Several are separated by ;" if self.is_list else ""
        return f"The code or the label, any case: {terms}.{several}"


@dataclass(frozen=True)
class Sheet:
    name: SheetName  # the sheet name in a workbook; the file is `{name}.csv`
    meaning: str
    columns: tuple[Column, ...]

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


def _ref(meaning: str) -> Column:
    return Column("ref", "ref", meaning, required=True)


def _contact_columns(kept: str) -> tuple[Column, ...]:
    return (
        Column("phone", "text", f"Their phone number. {kept}"),
        Column("email", "text", f"Their email address. {kept}"),
        Column(
            "preferred_contact",
            "code",
            f"How they prefer to be contacted (empty: not said). {kept}",
            vocabulary=CONTACT_PREFERENCE,
        ),
    )


PEOPLE = Sheet(
    "people",
    "People supported by the group, one row each.",
    (
        _ref("Their reference, unique in your organisation: rows are matched on it."),
        Column("known_as", "text", "The name they are known by.", required=True),
        Column("year_of_birth", "year", "Year of birth."),
        Column("gender", "code", "Gender (empty: not recorded).", vocabulary=GENDER),
        Column("ethnicity", "code", "Ethnic group (empty: not recorded).", vocabulary=ETHNIC_GROUP),
        Column("disability", "code", "Disability (empty: not recorded).", vocabulary=DISABILITY),
        Column("postcode_district", "text", "The first half of the postcode only, like BB1."),
        Column(
            "referral_source",
            "code",
            "How they came to the group (empty: not known).",
            vocabulary=REFERRAL_SOURCE,
        ),
        Column("first_contact", "date", "The date of their first contact with the group."),
        Column("consent_on", "date", "The date their consent was recorded."),
        Column("story_consent", "yes_no", "Whether they agreed to their story being shared."),
        Column(
            "consent_method",
            "code",
            "How consent was given (empty: written).",
            vocabulary=CONSENT_METHOD,
        ),
        Column("contact_consent", "yes_no", "Whether they agreed to be contacted."),
        Column("archived", "yes_no", "Whether their record is archived."),
        Column("notes", "text", "Notes about them (private: never in returns)."),
        *_contact_columns(
            "Kept only while they agree to be contacted (contact_consent yes); never in returns."
        ),
    ),
)

VOLUNTEERS = Sheet(
    "volunteers",
    "Volunteers (peer supporters), one row each.",
    (
        _ref("Their reference, unique in your organisation: rows are matched on it."),
        Column("known_as", "text", "The volunteer's name.", required=True),
        Column("role", "text", "Their roles, separated by ;", is_list=True),
        Column("started_on", "date", "The date they started."),
        Column("ended_on", "date", "The date they stopped volunteering."),
        Column("lived_experience", "yes_no", "Whether they bring lived experience."),
        Column("dbs_checked_on", "date", "The date of their latest DBS check."),
        *_contact_columns("Never in returns."),
    ),
)

TRAINING = Sheet(
    "training",
    "Training completed by volunteers, one row per course completed.",
    (
        Column("volunteer_ref", "ref", "The volunteer's reference.", required=True),
        Column("course", "text", "The course name.", required=True),
        Column("completed_on", "date", "The date it was completed.", required=True),
        Column("expires_on", "date", "When it needs renewing (empty: never)."),
    ),
)

SESSIONS = Sheet(
    "sessions",
    "Peer support sessions, one row each.",
    (
        _ref("The session's reference: rows are matched on it."),
        Column("held_on", "date", "The date of the session.", required=True),
        Column("kind", "code", "The kind of session.", required=True, vocabulary=SESSION_KIND),
        Column(
            "mode", "code", "How it was delivered (empty: in person).", vocabulary=DELIVERY_MODE
        ),
        Column("minutes", "whole", "How long it lasted, in minutes.", required=True),
        Column("starts_at", "time", "The start time."),
        Column("venue", "text", "Where it was held."),
        Column("facilitators", "refs", "The references of the volunteers who facilitated."),
        Column("anonymous_attendees", "whole", "How many came without a record (a headcount)."),
        Column("topics", "text", "Topics discussed, separated by ;", is_list=True),
        Column("notes", "text", "Notes about the session (private: never in returns)."),
    ),
)

ATTENDANCE = Sheet(
    "attendance",
    "Who came to which session, one row per person per session.",
    (
        Column("session_ref", "ref", "The session's reference.", required=True),
        Column("person_ref", "ref", "The reference of the person who came.", required=True),
    ),
)

ONWARD_REFERRALS = Sheet(
    "onward_referrals",
    "Referrals made during a session to another service, one row each.",
    (
        Column("session_ref", "ref", "The session's reference.", required=True),
        Column("destination", "text", "Where they were referred, like Citizens Advice.", True),
        Column("person_ref", "ref", "Who was referred (someone who came to the session)."),
    ),
)

VOLUNTEER_HOURS = Sheet(
    "volunteer_hours",
    "Time given by volunteers, one row per volunteer per day and activity.",
    (
        Column("volunteer_ref", "ref", "The volunteer's reference.", required=True),
        Column("worked_on", "date", "The day.", required=True),
        Column("hours", "hours", "How many hours, to the minute.", required=True),
        Column("activity", "text", "What they did (empty: Facilitating a session)."),
        Column("session_ref", "ref", "The session the time was for, if any."),
    ),
)

CASE_STUDIES = Sheet(
    "case_studies",
    "People's stories, one row each.",
    (
        Column("person_ref", "ref", "Whose story it is.", required=True),
        Column("written_on", "date", "The date it was written.", required=True),
        Column("title", "text", "Its title.", required=True),
        Column("story", "text", "The story."),
        Column("consent_to_share", "yes_no", "Whether they agreed to it being shared."),
    ),
)

OUTCOMES = Sheet(
    "outcomes",
    "Wellbeing and loneliness measures taken with people, one row per form.",
    (
        Column("person_ref", "ref", "The person's reference.", required=True),
        Column(
            "measure",
            "text",
            "SWEMWBS, WEMWBS, ONS4, UCLA3 or the name of one of your own measures.",
            required=True,
        ),
        Column("stage", "code", "When it was taken.", required=True, vocabulary=OUTCOME_STAGE),
        Column("taken_on", "date", "The date it was taken.", required=True),
        Column(
            "items",
            "scores",
            "The item scores in order, separated by ; (4;3;;5: item 3 not answered).",
        ),
        Column("total", "whole", "The total, when only a total was recorded."),
    ),
)

REFERRALS = Sheet(
    "referrals",
    "Referrals received from link workers, GPs and other services, one row each.",
    (
        Column("person_ref", "ref", "The reference of the person referred.", required=True),
        Column("received_on", "date", "The date the referral arrived.", required=True),
        Column("source_kind", "code", "Who referred them.", required=True, vocabulary=SOURCE_KIND),
        Column("organisation", "text", "The referring organisation, like Riverside Surgery."),
        Column("referrer_role", "text", "The referrer's role, never their name."),
        Column("needs", "code", "The needs or reasons given.", vocabulary=NEED, is_list=True),
        Column("consent_to_feedback", "yes_no", "Whether they agreed the referrer may hear back."),
        Column("share_scores", "yes_no", "Whether the referrer may see their wellbeing scores."),
        Column("contact_attempted_on", "date", "When contact was first attempted."),
        Column("contacted_on", "date", "When they were first contacted."),
        Column("closed_on", "date", "When the referral was closed."),
        Column("closed_reason", "code", "Why it was closed.", vocabulary=CLOSING_REASON),
        Column("notes", "text", "Notes about the referral (private: never in returns)."),
    ),
)

SAFEGUARDING_CONCERNS = Sheet(
    "safeguarding_concerns",
    "Safeguarding concerns, one row each, about a person, a session or both.",
    (
        _ref("The concern's reference: rows are matched on it."),
        Column("raised_on", "date", "The date it was raised.", required=True),
        Column("kind", "code", "The kind of concern.", required=True, vocabulary=CONCERN_KIND),
        Column("person_ref", "ref", "The reference of the person it is about."),
        Column("session_ref", "ref", "The reference of the session it is about."),
        Column("what_happened", "text", "What happened (private: never in returns)."),
        Column("passed_to", "text", "Whom it was passed to, like the safeguarding lead."),
        Column("resolved_on", "date", "When it was resolved (empty: still open)."),
        Column("raised_by_user", "text", "The PeerLog user who raised it (an id: keep it)."),
        Column("resolved_by_user", "text", "The PeerLog user who resolved it (an id: keep it)."),
    ),
)

SAFEGUARDING_ACTIONS = Sheet(
    "safeguarding_actions",
    "What was done about each safeguarding concern, one row per action.",
    (
        Column("concern_ref", "ref", "The concern's reference.", required=True),
        Column("taken_on", "date", "The date it was done.", required=True),
        Column("what", "text", "What was done.", required=True),
        Column("by_whom", "text", "Who did it."),
    ),
)

# Headings of earlier versions of the template, and where what they held goes now.
_MOVED_TO_LOG = (
    "Safeguarding concerns are kept in their own sheet now, safeguarding_concerns: give each "
    "concern a row there (ref, raised_on, kind not_recorded, session_ref, what_happened, "
    "resolved_on) and remove this column."
)
RETIRED_HEADINGS = {
    "safeguarding_concern": _MOVED_TO_LOG,
    "safeguarding_follow_up": _MOVED_TO_LOG,
    "safeguarding_resolved_on": _MOVED_TO_LOG,
}

SHEETS: tuple[Sheet, ...] = (
    PEOPLE,
    VOLUNTEERS,
    TRAINING,
    SESSIONS,
    ATTENDANCE,
    ONWARD_REFERRALS,
    VOLUNTEER_HOURS,
    CASE_STUDIES,
    OUTCOMES,
    REFERRALS,
    SAFEGUARDING_CONCERNS,
    SAFEGUARDING_ACTIONS,
)
IMPORTED_SHEET_NAMES: tuple[SheetName, ...] = tuple(s.name for s in SHEETS)
READ_ME = "Read me"


def sheet_named(name: str) -> Sheet | None:
    """The template sheet a sheet or file is for ("People", "people.csv"), or None."""
    stem = normal_name(name.removesuffix(".csv").removesuffix(".CSV"))
    for sheet in SHEETS:
        if sheet.name == stem:
            return sheet
    return None


def normal_name(header: str) -> str:
    """A header as a column name: "Known as *" → known_as."""
    text = header.strip().rstrip("*").strip().casefold()
    return "_".join(text.replace("-", " ").replace("_", " ").split())
