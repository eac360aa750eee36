"""The four formats of a return: the same numbers in each, read back as a funder would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from pypdf import PdfReader

from desktop_app.domain.returns import vocabulary as vocab
from desktop_app.domain.returns.disclosure import DisclosureRules
from desktop_app.domain.returns.notices import EXACT_WARNING
from desktop_app.domain.returns.protected_return import ProtectedReturn
from desktop_app.domain.returns.protection import protect_return
from desktop_app.resources import resource_path
from desktop_app.services.returns.formats import FORMATS, write_return
from desktop_app.services.returns.formats.csv_format import item_name
from desktop_app.services.returns.formats.display import display, plain
from desktop_app.services.returns.formats.json_format import return_document, schema_file
from desktop_app.services.returns.templates import find_template
from tests.returns.return_readback import csv_rows, json_document, pdf_text, xlsx_cells
from tests.returns.return_samples import ORGANISATION, sample_figures

TEMPLATES = ["Alliance return", "Funder summary"]


def protected(template: str, rules: DisclosureRules | None = None) -> ProtectedReturn:
    return protect_return(sample_figures(), find_template(template), rules or DisclosureRules())


@pytest.fixture(scope="module", params=TEMPLATES)
def written(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    result = protected(request.param)
    folder = tmp_path_factory.mktemp("return")
    paths = {fmt: folder / f"return.{fmt}" for fmt in FORMATS}
    for fmt, path in paths.items():
        write_return(result, fmt, path)
    return result, paths


def schema_validator(name: str = "return-2.json") -> Draft202012Validator:
    schema = json.loads(resource_path("schemas", name).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def test_json_validates_and_lists_exactly_the_hidden_cells(written) -> None:
    result, paths = written
    doc = json_document(paths["json"])
    assert list(schema_validator().iter_errors(doc)) == []
    assert doc["schema"] == "peerlog.return/2"
    assert doc["period"] == {"from": "2024-04-01", "to": "2025-03-31"}
    assert doc["threshold"] == 5
    assert {k: doc["disclosure"][k] for k in ("method", "ptable", "threshold", "base")} == {
        "method": "cell_key_perturbation", "ptable": "peerlog-10", "threshold": 5, "base": 5,
    }  # fmt: skip
    assert "may not add up to its total" in doc["disclosure"]["note"]
    hidden = []
    perturbed = []
    for section, table, figure in result.all_figures():
        if table is not None and figure is table.total:
            continue  # totals are figures of their own in JSON
        path = [section.json_key, *([table.code] if table else []), figure.code]
        value = doc
        for part in path:
            value = value[part]
        assert value == figure.value
        if figure.suppressed:
            hidden.append("/" + "/".join(path))
        if figure.perturbed:
            perturbed.append("/" + "/".join(path))
    assert sorted(doc["suppressed"]) == sorted(hidden)
    assert sorted(doc["perturbed"]) == sorted(perturbed)
    assert hidden  # the sample has small attendances, protected by suppression still
    assert "/participants/unique" in perturbed and "/sessions/total" not in perturbed


def test_a_version_1_return_is_still_read() -> None:
    """Returns written before perturbation (peerlog.return/1) still validate by their schema."""
    doc = return_document(protected("Alliance return", DisclosureRules(exact=True)))
    # A version 1 return had neither the disclosure method, the envelope nor referrals.
    envelope = ("publisher", "made", "peerlog_version", "template_version")
    dropped = ("disclosure", "perturbed", "referrals", *envelope)
    old = {k: v for k, v in doc.items() if k not in dropped}
    old["schema"] = "peerlog.return/1"
    # ...nor the count of safeguarding concerns resolved (version 2 added it, optional).
    old["safeguarding"] = {"concerns": doc["safeguarding"]["concerns"]}
    assert schema_file(old) == "return-1.json" and schema_file(doc) == "return-2.json"
    assert list(schema_validator(schema_file(old)).iter_errors(old)) == []
    assert list(schema_validator(schema_file(old)).iter_errors(doc)) != []


def test_csv_has_every_figure_with_the_same_value(written) -> None:
    result, paths = written
    rows = {
        (r["section"], r["item"]): (r["value"], r["suppressed"]) for r in csv_rows(paths["csv"])
    }
    assert rows[("Return", "Organisation")] == (ORGANISATION, "no")
    count = 0
    for section, table, figure in result.all_figures():
        key = (section.heading, item_name(table.title if table else None, figure.label))
        value = plain(figure, result.rules)
        assert rows[key] == (value, "yes" if figure.suppressed else "no")
        if figure.suppressed:
            assert value in ("<5", "n<5")
        count += 1
    assert len(rows) == count + 7
    notice = rows[("Return", "Counts of people")][0]
    assert "may not add up to its total" in notice


def test_spreadsheet_has_a_sheet_per_section_with_the_same_values(written) -> None:
    result, paths = written
    sheets = xlsx_cells(paths["xlsx"])
    assert list(sheets) == ["Summary", *[s.heading[:31] for s in result.sections]]
    for section in result.sections:
        rows = sheets[section.heading[:31]]
        assert rows[0][0] == section.heading
        pairs = [row[:2] for row in rows]
        for figure in section.figures:
            expected = figure.value if figure.value is not None else display(figure, result.rules)
            assert (figure.label, expected) in pairs
        for table in section.tables:
            for figure in [*table.rows, *([table.total] if table.total else [])]:
                expected = (
                    figure.value if figure.value is not None else display(figure, result.rules)
                )
                assert (figure.label, expected) in pairs


def test_pdf_shows_every_figure_beside_its_label(written) -> None:
    result, paths = written
    text = pdf_text(paths["pdf"])
    assert ORGANISATION in text
    assert "Return for 1 April 2024 to 31 March 2025" in text
    for _, _, figure in result.all_figures():
        assert f"{figure.label} {display(figure, result.rules)}" in text
    pages = text.count("Page ")
    assert f"Page {pages} of {pages}" in text
    assert "How these figures were counted" in text


def test_the_pdf_embeds_the_shipped_font(written) -> None:
    from pypdf import PdfReader

    _, paths = written
    fonts = set()
    for page in PdfReader(paths["pdf"]).pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object().get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts >= {"DejaVuSans", "DejaVuSans-Bold"}


def test_templates_choose_order_and_rename_sections() -> None:
    alliance = protected("Alliance return")
    funder = protected("Funder summary")
    assert [s.code for s in alliance.sections][:3] == ["sessions", "attendances", "participants"]
    assert [s.code for s in funder.sections][:2] == ["participants", "sessions"]
    assert funder.sections[0].heading == "People we supported"
    assert "postcode_district" not in [s.code for s in funder.sections]
    age = next(s for s in funder.sections if s.code == "age")
    assert [t.code for t in age.tables] == ["age_band_own"]
    assert [f.code for f in age.tables[0].rows] == [
        "under_16",
        "16_25",
        "26_64",
        "65_plus",
        "not_known",
    ]


def test_rounding_shows_in_every_format(tmp_path: Path) -> None:
    result = protected("Alliance return", DisclosureRules(5, round_to_five=True))
    doc = return_document(result)
    assert doc["rounding"] == "nearest_5"
    assert doc["participants"]["unique"] == 40
    assert doc["sessions"]["total"] == 56  # not a count of people
    write_return(result, "pdf", tmp_path / "r.pdf")
    assert "rounded to the nearest 5" in pdf_text(tmp_path / "r.pdf")


def test_the_schema_lists_the_vocabulary_codes() -> None:
    schema = json.loads(resource_path("schemas", "return-2.json").read_text(encoding="utf-8"))
    breakdowns = schema["properties"]["breakdowns"]["properties"]
    for key, codes in [
        ("gender", vocab.GENDER),
        ("disability", vocab.DISABILITY),
        ("referral_source", vocab.REFERRAL_SOURCE),
        ("ethnicity", vocab.ethnic_group_codes()),
        ("ethnicity_high_level", vocab.HIGH_LEVEL_ETHNIC_GROUP),
    ]:
        assert breakdowns[key]["propertyNames"]["enum"] == [code for code, _ in codes]


def test_a_wrong_document_fails_the_schema() -> None:
    doc = return_document(protected("Alliance return"))
    doc["breakdowns"]["ethnicity"]["bame"] = 12
    doc["participants"]["unique"] = 2.5
    messages = [e.message for e in schema_validator().iter_errors(doc)]
    assert any("bame" in m for m in messages)
    assert any("2.5" in m for m in messages)


def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="pdf, xlsx, csv, json"):
        write_return(protected("Alliance return"), "docx", tmp_path / "r.docx")


def test_every_format_says_a_table_may_not_add_up(written) -> None:
    result, paths = written
    assert result.rules.perturbed
    said = "may not add up to its total"
    assert said in " ".join(pdf_text(paths["pdf"]).split())
    assert said in xlsx_cells(paths["xlsx"])["Summary"][3][0]
    assert any(said in row["value"] for row in csv_rows(paths["csv"]))
    assert said in json_document(paths["json"])["disclosure"]["note"]
    pdf = pdf_text(paths["pdf"])
    for heading in (
        "Protecting privacy: counts of people are adjusted slightly",
        "Why a table may not add up to its total",
        "Why the same people always give the same number",
        "Office for National Statistics",
    ):
        assert heading in pdf
    assert EXACT_WARNING not in pdf


def test_exact_figures_say_so_on_every_page_and_sheet(tmp_path: Path) -> None:
    result = protected("Alliance return", DisclosureRules(exact=True))
    for fmt in FORMATS:
        write_return(result, fmt, tmp_path / f"r.{fmt}")
    pages = PdfReader(tmp_path / "r.pdf").pages
    assert len(pages) > 3
    for page in pages:
        assert EXACT_WARNING in " ".join((page.extract_text() or "").split())
    sheets = xlsx_cells(tmp_path / "r.xlsx")
    for name, rows in sheets.items():
        assert any(EXACT_WARNING in str(v) for row in rows[:4] for v in row if v), name
    assert any(EXACT_WARNING in row["value"] for row in csv_rows(tmp_path / "r.csv"))
    doc = json_document(tmp_path / "r.json")
    assert doc["disclosure"]["method"] == "exact" and doc["disclosure"]["ptable"] is None
    assert EXACT_WARNING in doc["disclosure"]["note"] and doc["perturbed"] == []
    assert list(schema_validator().iter_errors(doc)) == []
