"""What travels between laptops: every record table, its identity, the records it points at and
the person it is about. One line per table: a table added later is one line here (then call
`triggers.recreate` in its migration); tests/sync/test_tables.py fails until every table of the
schema is either here or in STAYS.

Identity: a record's uuid; a link row's or natural-key row's parts joined by "|" (an
attendance is "<session uuid>|<person uuid>"). A foreign key travels as the identity of the row
it points at (person_id travels as the person's uuid) and is turned back into this laptop's
integer key when applied. The local integer `id` never travels; `created_at` travels with a new
record, `updated_at` with every change (neither is ever a conflict).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    name: str
    words: str  # counts in plain words: "people", "attendance ticks"
    key: tuple[str, ...] = ("uuid",)  # the columns making its identity, in order
    links: dict[str, str] = field(default_factory=dict)  # foreign key column -> table
    # How to reach the person the record is about: None, () for a person, or the columns to
    # follow ("referral_id", "person_id").
    subject: tuple[str, ...] | None = None
    unique: tuple[str, ...] = ()  # columns that must be unique besides the identity
    only: tuple[str, ...] = ()  # rows that travel, by key (settings); () for all
    never_changed: tuple[str, ...] = ()  # set once, with the new record

    @property
    def by_uuid(self) -> bool:
        return self.key == ("uuid",)


_PERSON = ("person_id",)
_KEPT = ("created_at",)
_KEYED = ("created_at", "record_key")

# The organisation's settings (its name and the like). A laptop's own settings (its backup
# folder, lock time, share folder, anything sync_*) never travel.
ORGANISATION_SETTINGS = (
    "organisation_name",
    "organisation_identifier",
    "privacy_notice_version",
    "retention_years",
    "dbs_renewal_years",
    "volunteer_hourly_rate",
    "outcomes_review_after_weeks",
    "referral_overdue_working_days",
    "alliance_template",
)

# Parents before the records that point at them: a batch is applied in this order.
TABLES: tuple[Table, ...] = (
    Table("people", "people", subject=(), unique=("ref",), never_changed=_KEYED),
    Table("volunteers", "volunteers", unique=("ref",), never_changed=_KEYED),
    Table("sessions", "sessions", never_changed=_KEPT),
    Table("custom_measures", "measures", key=("code",), never_changed=_KEPT),
    Table(
        "custom_measure_items",
        "measure questions",
        key=("measure_id", "number"),
        links={"measure_id": "custom_measures"},
    ),
    Table("measure_item_wording", "measure wordings", key=("measure_code", "number")),
    Table("consents", "consents", links={"person_id": "people"}, subject=_PERSON),
    Table("outcome_records", "outcomes", links={"person_id": "people"}, subject=_PERSON),
    Table("case_studies", "case studies", links={"person_id": "people"}, subject=_PERSON),
    Table("referrals", "referrals", links={"person_id": "people"}, subject=_PERSON),
    Table(
        "referral_feedback",
        "referral feedback",
        links={"referral_id": "referrals"},
        subject=("referral_id", "person_id"),
    ),
    Table(
        "onward_referrals",
        "onward referrals",
        links={"session_id": "sessions", "person_id": "people"},
        subject=_PERSON,
    ),
    Table(
        "safeguarding_concerns",
        "safeguarding concerns",
        links={"person_id": "people", "session_id": "sessions"},
        subject=_PERSON,
    ),
    Table(
        "safeguarding_actions",
        "safeguarding actions",
        links={"concern_id": "safeguarding_concerns"},
        subject=("concern_id", "person_id"),
    ),
    Table("training_records", "training records", links={"volunteer_id": "volunteers"}),
    Table(
        "volunteer_hours",
        "volunteer hours",
        links={"volunteer_id": "volunteers", "session_id": "sessions"},
    ),
    Table(
        "attendances",
        "attendance ticks",
        key=("session_id", "person_id"),
        links={"session_id": "sessions", "person_id": "people"},
        subject=_PERSON,
    ),
    Table(
        "session_facilitators",
        "facilitators",
        key=("session_id", "volunteer_id"),
        links={"session_id": "sessions", "volunteer_id": "volunteers"},
    ),
    Table("settings", "settings", key=("key",), only=ORGANISATION_SETTINGS),
)

# Tables that stay on each laptop.
STAYS = frozenset(
    {"users", "drafts", "recently_deleted", "audit_log", "sync_outbox", "sync_received_audit"}
    | {
        "sync_quiet",
        "sync_pending",
        "sync_clock",
        "sync_versions",
        "sync_tombstones",
        "sync_erased",
        "sync_conflicts",
    }
)

BY_NAME = {t.name: t for t in TABLES}
RANK = {t.name: i for i, t in enumerate(TABLES)}


def table(name: str) -> Table:
    return BY_NAME[name]
