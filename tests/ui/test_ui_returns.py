"""The Returns screen over the real demo database: what the preview shows is what
`build_return` computed, hidden counts are marked, each format is exported and reads back,
stories go in only once their redacted text is approved, and leads cannot export."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_app.domain.case_studies import CaseStudy
from desktop_app.domain.people import Person
from desktop_app.domain.protection.roles import Role
from desktop_app.domain.returns.notices import EXACT_WARNING
from desktop_app.domain.returns.periods import Period
from desktop_app.domain.returns.protected_return import ProtectedReturn
from desktop_app.services import case_studies, people
from desktop_app.services.access import NotAllowed
from desktop_app.services.databases import open_database
from desktop_app.services.demo.builder import DEMO_ORGANISATION, create_demo_database
from desktop_app.services.protection import audit, users
from desktop_app.services.returns.build import build_return, export_return
from desktop_app.services.returns.formats.display import display
from desktop_app.store.database import Database
from desktop_app.ui.common import messages
from desktop_app.ui.returns import returns_screen
from desktop_app.ui.returns.case_study_picker import ID_ROLE, RedactionPreview
from desktop_app.ui.returns.return_choices import OTHER_DATES
from desktop_app.ui.returns.returns_screen import COORDINATORS_ONLY, EXPORTS, STALE, ReturnsScreen
from desktop_app.ui.shell.main_window import sections
from tests.returns.return_readback import csv_rows, json_document, pdf_text, xlsx_cells
from tests.ui.conftest import FileDialogAnswers

TODAY = date(2025, 6, 30)  # the demo's last day with records
LAST_FINANCIAL_YEAR = Period.financial_year(2024)
LEAD_PASSPHRASE = "lead volunteer walks the dog daily"
BUILD_TIMEOUT_MS = 20_000


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Database]:
    created = create_demo_database(tmp_path / "Demo.peerlog", today=TODAY)
    yield created.database
    if created.database.is_open:
        created.database.close()


def open_screen(qtbot: QtBot, db: Database) -> ReturnsScreen:
    screen = ReturnsScreen(db, None, today=TODAY)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def build(qtbot: QtBot, screen: ReturnsScreen) -> ProtectedReturn:
    """Press Build from the keyboard and wait for the preview."""
    before = screen.protected
    screen.build_button.setFocus()
    qtbot.keyClick(screen.build_button, Qt.Key.Key_Space)
    qtbot.waitUntil(
        lambda: screen.protected is not before and screen.is_current(), timeout=BUILD_TIMEOUT_MS
    )
    assert screen.protected is not None
    return screen.protected


def expected_rows(protected: ProtectedReturn) -> list[tuple[str, str, str, str]]:
    return [
        (
            section.heading,
            table.title if table else "",
            figure.label,
            display(figure, protected.rules),
        )
        for section, table, figure in protected.all_figures()
    ]


def test_the_preview_shows_the_figures_build_return_computes(qtbot: QtBot, demo: Database) -> None:
    screen = open_screen(qtbot, demo)
    screen.choices.period.choose(LAST_FINANCIAL_YEAR)
    assert not any(button.isEnabled() for button in screen.export_buttons.values())

    built = build(qtbot, screen)

    expected = build_return(demo, LAST_FINANCIAL_YEAR, "Alliance return")
    assert built == expected
    shown = [(r.section, r.table, r.label, r.shown) for r in screen.preview.rows]
    assert shown == expected_rows(expected)
    sessions = next(s for s in expected.sections if s.code == "sessions")
    total = next(f for f in sessions.figures if f.code == "total")
    assert isinstance(total.value, int) and total.value > 100
    assert ("Sessions", "", "Sessions held", f"{total.value:,}") in shown
    text = screen.preview.text()
    for section in expected.sections:
        assert section.heading in text
    assert DEMO_ORGANISATION in text
    assert all(button.isEnabled() for button in screen.export_buttons.values())


def test_building_and_exporting_run_off_the_gui_thread(
    qtbot: QtBot,
    demo: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    file_answers: FileDialogAnswers,
    shown_messages: list[messages.Shown],
) -> None:
    threads: list[str] = []

    def on_thread(real: Callable[..., object]) -> Callable[..., object]:
        def spy(*args: object, **kwargs: object) -> object:
            threads.append(threading.current_thread().name)
            return real(*args, **kwargs)

        return spy

    monkeypatch.setattr(returns_screen, "build_return", on_thread(build_return))
    monkeypatch.setattr(returns_screen, "export_return", on_thread(export_return))
    screen = open_screen(qtbot, demo)
    build(qtbot, screen)
    file_answers.answers.append(tmp_path / "return.csv")
    qtbot.mouseClick(screen.export_buttons["csv"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown_messages) == 1)

    assert len(threads) == 2
    assert threading.main_thread().name not in threads


def test_counts_of_people_are_adjusted_by_default_and_marked_in_the_preview(
    qtbot: QtBot, demo: Database
) -> None:
    screen = open_screen(qtbot, demo)
    assert not screen.choices.exact.isChecked()  # never the default
    screen.choices.period.choose(LAST_FINANCIAL_YEAR)
    built = build(qtbot, screen)
    assert built.rules.perturbed
    marked = {row.label for row in screen.preview.rows if row.perturbed}
    assert {"People who took part", "New people", "Active volunteers", "Total"} <= marked
    assert not any(row.perturbed for row in screen.preview.rows if row.label == "Sessions held")
    legend = QTextDocumentFragment.fromHtml(screen.preview.legend.text()).toPlainText()
    assert "adjusted slightly to protect privacy" in legend
    assert "may not add up to its total" in " ".join(screen.preview.text().split())


def test_exact_figures_are_chosen_on_purpose_and_say_so(
    qtbot: QtBot,
    demo: Database,
    tmp_path: Path,
    file_answers: FileDialogAnswers,
    shown_messages: list[messages.Shown],
) -> None:
    """A coordinator with a data sharing agreement ticks exact counts: small counts are hidden
    as before, every page of the file warns, and the audit trail records it."""
    screen = open_screen(qtbot, demo)
    screen.choices.period.choose(LAST_FINANCIAL_YEAR)
    screen.choices.exact.setFocus()
    qtbot.keyClick(screen.choices.exact, Qt.Key.Key_Space)
    assert screen.choices.exact.isChecked()
    built = build(qtbot, screen)
    assert not built.rules.perturbed
    assert any(row.shown == "<5" for row in screen.preview.rows)
    assert EXACT_WARNING in screen.preview.text()
    target = tmp_path / "exact.pdf"
    file_answers.answers.append(target)
    qtbot.mouseClick(screen.export_buttons["pdf"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(shown_messages) == 1)
    pages = PdfReader(target).pages
    assert all(EXACT_WARNING in " ".join((p.extract_text() or "").split()) for p in pages)
    newest = audit.list_entries(demo).rows[0]
    assert (newest.action, newest.record_kind) == ("return", "return with exact figures")


def test_hidden_counts_show_as_below_the_threshold_with_a_legend(
    qtbot: QtBot, demo: Database
) -> None:
    screen = open_screen(qtbot, demo)
    screen.choices.period.choose(LAST_FINANCIAL_YEAR)
    screen.choices.exact.setChecked(True)  # suppression is what protects exact counts
    build(qtbot, screen)
    assert any(row.shown == "<5" for row in screen.preview.rows)

    screen.choices.threshold.setValue(7)
    assert STALE in screen.status.text()
    assert not screen.export_buttons["pdf"].isEnabled()  # never export an out-of-date preview
    built = build(qtbot, screen)

    assert built.rules.threshold == 7
    hidden = [row for row in screen.preview.rows if row.suppressed]
    assert hidden, "the demo has small groups"
    assert {row.shown for row in hidden} <= {"<7", "n<7"}
    assert "<7" in screen.preview.text()
    legend = QTextDocumentFragment.fromHtml(screen.preview.legend.text()).toPlainText()
    assert "<7 marks a count of people hidden" in " ".join(legend.replace("\xa0", " ").split())


def test_dates_the_wrong_way_round_are_explained_and_nothing_is_built(
    qtbot: QtBot, demo: Database
) -> None:
    screen = open_screen(qtbot, demo)
    screen.choices.period.start.set_value(date(2025, 3, 1))
    screen.choices.period.end.set_value(date(2025, 2, 1))
    assert screen.choices.period.preset.currentText() == OTHER_DATES
    qtbot.mouseClick(screen.build_button, Qt.MouseButton.LeftButton)
    assert screen.protected is None
    assert screen.choices.period.error.problem == (
        "The period ends (1 February 2025) before it starts (1 March 2025). Swap the two dates."
    )
    screen.choices.period.end.set_value(date(2025, 3, 31))
    assert screen.choices.period.error.problem == ""
    assert build(qtbot, screen).period == Period(date(2025, 3, 1), date(2025, 3, 31))


def test_each_format_is_exported_off_the_gui_thread_and_reads_back(
    qtbot: QtBot,
    demo: Database,
    tmp_path: Path,
    file_answers: FileDialogAnswers,
    shown_messages: list[messages.Shown],
) -> None:
    screen = open_screen(qtbot, demo)
    screen.choices.period.choose(LAST_FINANCIAL_YEAR)
    built = build(qtbot, screen)
    folder = tmp_path / "returns"
    folder.mkdir()
    for fmt in EXPORTS:
        target = folder / f"return-{fmt}"  # no suffix: the screen adds the right one
        file_answers.answers.append(target)
        qtbot.mouseClick(screen.export_buttons[fmt], Qt.MouseButton.LeftButton)
        saved = target.with_name(f"{target.name}.{fmt}")
        qtbot.waitUntil(lambda: len(shown_messages) == list(EXPORTS).index(fmt) + 1)  # noqa: B023
        assert shown_messages[-1].kind == "information"
        assert saved.name in shown_messages[-1].text and str(folder) in shown_messages[-1].text
        assert saved.exists()

    assert DEMO_ORGANISATION in pdf_text(folder / "return-pdf.pdf")
    document = json_document(folder / "return-json.json")
    assert document["schema"] == "peerlog.return/2"
    assert document["period"] == {"from": "2024-04-01", "to": "2025-03-31"}
    sessions = next(s for s in built.sections if s.code == "sessions")
    assert document["sessions"]["total"] == next(
        f.value for f in sessions.figures if f.code == "total"
    )
    assert len(xlsx_cells(folder / "return-xlsx.xlsx")) >= len(built.sections) - 1
    assert {row["section"] for row in csv_rows(folder / "return-csv.csv")}
    assert sorted(path.name for path in folder.iterdir()) == [
        "return-csv.csv",
        "return-json.json",
        "return-pdf.pdf",
        "return-xlsx.xlsx",
    ]  # written whole: no partial files left behind


def test_cancelling_the_save_dialog_writes_nothing(
    qtbot: QtBot,
    demo: Database,
    file_answers: FileDialogAnswers,
    shown_messages: list[messages.Shown],
) -> None:
    screen = open_screen(qtbot, demo)
    build(qtbot, screen)
    file_answers.answers.append(None)
    qtbot.mouseClick(screen.export_buttons["json"], Qt.MouseButton.LeftButton)
    assert file_answers.asked == ["Save the return as a JSON file"]
    assert shown_messages == []


def answer_redaction_preview(qtbot: QtBot, include: bool) -> list[str]:
    """Answer the next story preview when it opens; returns the text it showed."""
    seen: list[str] = []

    def answer() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, RedactionPreview)]
        visible = [d for d in dialogs if d.isVisible()]
        if not visible:
            QTimer.singleShot(20, answer)
            return
        dialog = visible[0]
        seen.append(dialog.story.toPlainText())
        button = dialog.include if include else dialog.leave_out
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    return seen


def planted_story(db: Database) -> tuple[CaseStudy, CaseStudy]:
    """A shareable story naming someone in the database, and one nobody agreed to share."""
    person = people.add_person(db, Person(known_as="Zebedee Quartermain", first_contact=TODAY))
    story = case_studies.add_case_study(
        db,
        CaseStudy(
            person.id,
            TODAY,
            "Zebedee finds a voice",
            "Zebedee Quartermain came along every Tuesday and now runs the tea rota.",
            consent_to_share=True,
        ),
    )
    private = case_studies.add_case_study(
        db, CaseStudy(person.id, TODAY, "Kept between us", "Not for sharing.")
    )
    return story, private


def test_a_story_goes_in_only_after_its_redacted_text_is_approved(
    qtbot: QtBot, demo: Database
) -> None:
    story, private = planted_story(demo)
    screen = open_screen(qtbot, demo)
    listed = [screen.picker.list.item(row) for row in range(screen.picker.list.count())]
    listed_ids = {item.data(ID_ROLE) for item in listed}
    shareable = case_studies.list_case_studies(demo, shareable_only=True).rows
    assert listed_ids == {s.id for s in shareable}
    assert story.id in listed_ids and private.id not in listed_ids
    assert not any("Zebedee Quartermain" in item.text() for item in listed)

    built = build(qtbot, screen)
    assert not next(s for s in built.sections if s.code == "case_studies").texts

    row = next(i for i, item in enumerate(listed) if item.data(ID_ROLE) == story.id)
    screen.picker.list.setCurrentRow(row)
    seen = answer_redaction_preview(qtbot, include=False)
    qtbot.mouseClick(screen.picker.read_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert screen.picker.chosen() == ()
    assert screen.protected is built  # leaving it out changes nothing

    seen = answer_redaction_preview(qtbot, include=True)
    qtbot.keyClick(screen.picker.list, Qt.Key.Key_Return)  # Enter on the story opens it too
    assert seen == [
        "[name] finds a voice\n\n[name] came along every Tuesday and now runs the tea rota."
    ]
    qtbot.waitUntil(
        lambda: screen.protected is not built and screen.is_current(), timeout=BUILD_TIMEOUT_MS
    )
    assert screen.protected is not None
    studies = next(s for s in screen.protected.sections if s.code == "case_studies")
    assert [(t.title, t.text) for t in studies.texts] == [
        ("[name] finds a voice", "[name] came along every Tuesday and now runs the tea rota.")
    ]
    assert "[name] came along every Tuesday" in screen.preview.text()
    assert "Zebedee" not in screen.preview.text()
    assert screen.picker.list.item(row).text().startswith("Included: ")

    screen.picker.list.setCurrentRow(row)
    qtbot.mouseClick(screen.picker.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: screen.is_current() and "tea rota" not in screen.preview.text(),
        timeout=BUILD_TIMEOUT_MS,
    )


def test_records_saved_elsewhere_make_the_preview_out_of_date(qtbot: QtBot, demo: Database) -> None:
    screen = open_screen(qtbot, demo)
    build(qtbot, screen)
    story, _private = planted_story(demo)

    screen.records_changed()  # what the workspace calls after any save

    listed = {screen.picker.list.item(r).data(ID_ROLE) for r in range(screen.picker.list.count())}
    assert story.id in listed
    assert screen.status.text() == STALE
    assert not any(button.isEnabled() for button in screen.export_buttons.values())
    build(qtbot, screen)
    assert all(button.isEnabled() for button in screen.export_buttons.values())


@pytest.fixture
def lead_demo(demo: Database) -> Iterator[Database]:
    users.add_user(demo, "Sam Lead", Role.LEAD, LEAD_PASSPHRASE)
    folder = demo.folder
    demo.close()
    opened = open_database(folder, LEAD_PASSPHRASE)
    yield opened
    if opened.is_open:
        opened.close()


def test_a_lead_has_no_returns_section_and_cannot_export(
    qtbot: QtBot, lead_demo: Database, tmp_path: Path, visible_texts: Callable[[], str]
) -> None:
    assert "Returns" not in [s.title for s in sections() if s.shown_to(lead_demo)]
    screen = open_screen(qtbot, lead_demo)  # should it ever be shown, it explains
    assert screen.export_buttons == {}
    assert screen.explanation.isVisible()
    assert COORDINATORS_ONLY in visible_texts()
    assert "Export" not in visible_texts()
    protected = build_return(lead_demo, LAST_FINANCIAL_YEAR, "Alliance return")
    with pytest.raises(NotAllowed):
        export_return(lead_demo, protected, "json", tmp_path / "return.json")
    assert not (tmp_path / "return.json").exists()


def test_a_template_file_can_be_chosen_and_a_broken_one_is_explained(
    qtbot: QtBot,
    demo: Database,
    tmp_path: Path,
    file_answers: FileDialogAnswers,
    shown_messages: list[messages.Shown],
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": "Ours", "sections": [', encoding="utf-8")
    good = tmp_path / "ours.json"
    good.write_text(
        '{"peerlog_template": 1, "name": "Our funder", "description": "Just the people.",'
        ' "sections": [{"section": "participants", "heading": "Who came"}]}',
        encoding="utf-8",
    )
    screen = open_screen(qtbot, demo)
    file_answers.answers += [broken, good]

    qtbot.mouseClick(screen.choices.open_template, Qt.MouseButton.LeftButton)
    assert shown_messages[-1].kind == "error"
    assert "broken.json is not valid JSON" in shown_messages[-1].text

    qtbot.mouseClick(screen.choices.open_template, Qt.MouseButton.LeftButton)
    assert shown_messages[-1].kind == "error"  # no new message
    assert len(shown_messages) == 1
    assert screen.choices.template.currentText() == "Our funder (from a file)"
    assert screen.choices.template_note.text() == "Just the people."
    built = build(qtbot, screen)
    assert [s.heading for s in built.sections] == ["Who came", "How these figures were counted"]


def test_our_alliances_template_is_kept_offered_first_and_shapes_the_json_return(
    qtbot: QtBot,
    demo: Database,
    tmp_path: Path,
    file_answers: FileDialogAnswers,
    shown_messages: list[messages.Shown],
) -> None:
    from desktop_app.services.returns.templates import alliance_template

    ours = tmp_path / "alliance-template.json"
    ours.write_text(
        '{"peerlog_template": 1, "name": "Leeds Peer Alliance", "version": "2025.2",'
        ' "sections": [{"section": "sessions"}, {"section": "participants"}]}',
        encoding="utf-8",
    )
    screen = open_screen(qtbot, demo)
    assert screen.choices.use_alliance.isVisible()
    file_answers.answers.append(ours)
    qtbot.mouseClick(screen.choices.use_alliance, Qt.MouseButton.LeftButton)
    offered = "Our alliance's template: Leeds Peer Alliance (version 2025.2)"
    assert screen.choices.template.currentText() == offered
    kept = alliance_template(demo)
    assert kept is not None and kept.version == "2025.2", "kept in the database"

    again = open_screen(qtbot, demo)  # another day: offered first, and chosen
    assert again.choices.template.currentIndex() == 0
    assert again.choices.template.currentText() == offered
    again.choices.period.choose(LAST_FINANCIAL_YEAR)
    built = build(qtbot, again)
    assert [s.code for s in built.sections] == ["sessions", "participants", "rules"]
    target = tmp_path / "return"
    file_answers.answers.append(target)
    qtbot.mouseClick(again.export_buttons["json"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: target.with_suffix(".json").exists())
    document = json_document(target.with_suffix(".json"))
    assert (document["template"], document["template_version"]) == ("Leeds Peer Alliance", "2025.2")
