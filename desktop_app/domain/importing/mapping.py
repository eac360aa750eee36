"""Mapping anyone's spreadsheet onto the template: which of their columns holds which field, and
which of their values means which code ("F" → woman, "Pakistani" → asian_pakistani).

A mapping is guessed from the headings and values, corrected by the user, and can be saved and
reused next quarter (`to_json` / `from_json`). Applied to a row, it gives the row the template
would have had, so every rule of the template import still applies.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop_app.domain.importing.cells import Cell, cell_text
from desktop_app.domain.importing.template import Column, Sheet, SheetName, normal_name, sheet_named

# Other names people give the template's columns (compared after normal_name)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "ref": ("id", "reference", "client_id", "member_id", "person_id", "ref_no", "number"),
    "known_as": ("name", "first_name", "preferred_name", "client", "member", "volunteer"),
    "year_of_birth": ("yob", "birth_year", "year_born", "dob_year"),
    "gender": ("sex", "gender_identity"),
    "ethnicity": ("ethnic_group", "ethnic_origin", "ethnic_background", "race"),
    "disability": ("disabled", "long_term_condition"),
    "postcode_district": ("postcode", "post_code", "area"),
    "referral_source": ("referred_by", "referral", "source", "how_heard"),
    "first_contact": ("start_date", "joined", "date_joined", "first_seen", "registered"),
    "consent_on": ("consent_date", "date_of_consent", "consented_on"),
    "held_on": ("date", "session_date"),
    "kind": ("type", "session_type"),
    "minutes": ("length", "duration", "duration_minutes"),
    "venue": ("location", "place", "where"),
    "worked_on": ("date", "day"),
    "hours": ("time", "hours_given"),
}
# Other ways people write a vocabulary's values (compared case-insensitively)
VALUE_SYNONYMS: dict[str, dict[str, str]] = {
    "gender": {"f": "woman", "female": "woman", "m": "man", "male": "man", "nb": "non_binary"},
    "disability": {"y": "yes", "n": "no", "true": "yes", "false": "no"},
    "mode": {"face to face": "in_person", "f2f": "in_person", "video": "online", "zoom": "online"},
}


@dataclass(frozen=True)
class Mapping:
    """`columns`: template column → their heading. `values`: template column → {their value
    (case-folded) → code}."""

    sheet: SheetName
    header_row: int = 1
    source_sheet: str = ""  # the workbook sheet, "" for a CSV file
    columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {
                "sheet": self.sheet,
                "header_row": self.header_row,
                "source_sheet": self.source_sheet,
                "columns": self.columns,
                "values": self.values,
            },
            sort_keys=True,
        )

    @staticmethod
    def from_json(text: str) -> Mapping:
        data = json.loads(text)
        sheet = sheet_named(str(data["sheet"]))
        if sheet is None:
            raise ValueError("not a mapping")
        return Mapping(
            sheet.name,
            int(data.get("header_row", 1)),
            str(data.get("source_sheet", "")),
            {str(k): str(v) for k, v in dict(data.get("columns", {})).items()},
            {
                str(k): {str(a): str(b) for a, b in dict(v).items()}
                for k, v in dict(data.get("values", {})).items()
            },
        )

    def template_sheet(self) -> Sheet:
        sheet = sheet_named(self.sheet)
        assert sheet is not None
        return sheet

    def apply(self, headings: Sequence[Cell], cells: Sequence[Cell]) -> list[Cell]:
        """One of their rows as a template row: the template's columns, in order."""
        where = {cell_text(h): i for i, h in enumerate(headings) if cell_text(h)}
        row: list[Cell] = []
        for column in self.mapped_columns():
            index = where.get(self.columns[column.name])
            cell = cells[index] if index is not None and index < len(cells) else None
            translated = self.values.get(column.name, {}).get(cell_text(cell).casefold())
            row.append(translated if translated is not None else cell)
        return row

    def mapped_columns(self) -> list[Column]:
        return [c for c in self.template_sheet().columns if self.columns.get(c.name)]

    def headings(self) -> list[Cell]:
        return [c.name for c in self.mapped_columns()]


def guess_columns(sheet: Sheet, headings: Sequence[Cell]) -> dict[str, str]:
    """Template column → the heading that most likely holds it (each heading used once)."""
    texts = [cell_text(h) for h in headings if cell_text(h)]
    by_normal = {normal_name(t): t for t in texts}
    guesses: dict[str, str] = {}
    for column in sheet.columns:
        names = (column.name, *SYNONYMS.get(column.name, ()))
        found = next((by_normal[n] for n in names if n in by_normal), None)
        if found is None:
            close = difflib.get_close_matches(column.name, list(by_normal), n=1, cutoff=0.8)
            found = by_normal[close[0]] if close else None
        if found is not None and found not in guesses.values():
            guesses[column.name] = found
    return guesses


def guess_value(column: Column, text: str) -> str | None:
    """The code `text` most likely means in `column`, or None."""
    if column.vocabulary is None:
        return None
    code = column.vocabulary.code_for(text)
    if code is not None:
        return code
    return VALUE_SYNONYMS.get(column.name, {}).get(" ".join(text.casefold().split()))
