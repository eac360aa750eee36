"""File → Combine returns for an alliance…, through the real main window while it is locked (no
database open): choose a folder with a bad file, read the problems, start again with files and a
folder, see the combined tables, save each format and read the saved files back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop_app.ui.alliance.combine_dialog import FORMATS, CombineDialog
from desktop_app.ui.shell.main_window import MainWindow
from tests.alliance.members import heron, otter, red_kite, write
from tests.returns.return_readback import csv_rows, json_document, pdf_text, xlsx_cells
from tests.ui.conftest import FileDialogAnswers


def open_dialog(qtbot: QtBot, window: MainWindow) -> CombineDialog:
    assert window.db is None, "locked: no database is open"
    assert window.combine_action.isEnabled()
    window.combine_action.trigger()
    dialog = window.findChild(CombineDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def button(dialog: CombineDialog, text: str):
    from PySide6.QtWidgets import QPushButton

    return next(b for b in dialog.findChildren(QPushButton) if b.text() == text)


def test_combine_from_the_locked_window_and_save_every_format(
    qtbot: QtBot,
    window: MainWindow,
    file_answers: FileDialogAnswers,
    shown_messages: list,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "from members"
    write(folder, "heron.json", heron())
    write(folder, "otter.json", otter())
    (folder / "minutes.json").write_text('{"meeting": "notes"}', encoding="utf-8")
    kite = write(tmp_path / "email", "red-kite.json", red_kite())

    dialog = open_dialog(qtbot, window)
    file_answers.answers = [folder]
    button(dialog, "Add a f&older…").click()
    qtbot.waitUntil(lambda: dialog.combined is not None)
    assert "minutes.json: not a PeerLog return" in dialog.preview.toPlainText()
    assert not dialog.save_button.isEnabled()

    (folder / "minutes.json").unlink()
    button(dialog, "Start &again").click()
    file_answers.answers = [folder]
    button(dialog, "Add a f&older…").click()
    qtbot.waitUntil(lambda: dialog.combined is not None and dialog.save_button.isEnabled())
    dialog.combined = None
    file_answers.answers = [kite]
    qtbot.keyClick(dialog, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # Add files…
    qtbot.waitUntil(lambda: dialog.combined is not None)
    shown = dialog.preview.toPlainText()
    assert "3 members" in shown and "Red Kite Peers" in shown
    assert "at least 18" in shown and "≈ 45" in shown and "Who sent what" in shown

    for label, (fmt, _) in FORMATS.items():
        out = tmp_path / f"alliance.{fmt}"
        dialog.format_box.setCurrentText(label)
        file_answers.answers = [out.with_suffix("")]  # the extension is added
        dialog.save_button.click()
        qtbot.waitUntil(lambda out=out: out.exists() and bool(shown_messages))
        assert shown_messages.pop().text.endswith(f"saved as {out}.")
    # Read back what was stored.
    totals = {
        r["item"]: r for r in csv_rows(tmp_path / "alliance.csv") if r["member"] == "Alliance total"
    }
    assert (
        totals["Anonymous headcount"]["value"],
        totals["Anonymous headcount"]["protection"],
    ) == ("18", "at least")
    doc = json_document(tmp_path / "alliance.json")
    assert [m["file"] for m in doc["members"]] == ["heron.json", "otter.json", "red-kite.json"]
    assert "Anonymous headcount <5 8 10 at least 18" in pdf_text(tmp_path / "alliance.pdf")
    assert "Attendances" in xlsx_cells(tmp_path / "alliance.xlsx")
    dialog.reject()


def test_the_start_screen_offers_combining_without_a_database(
    qtbot: QtBot, window: MainWindow, shown_messages: list
) -> None:
    assert window.db is None
    assert window.start.combine_button.isVisible()
    assert window.start.combine_button.text() == "Combine returns for an &alliance…"
    qtbot.mouseClick(window.start.combine_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(CombineDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_the_alliance_makes_the_template_members_load(
    qtbot: QtBot,
    window: MainWindow,
    file_answers: FileDialogAnswers,
    shown_messages: list,
    tmp_path: Path,
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desktop_app.services.returns.templates import load_template
    from desktop_app.ui.alliance.combine_dialog import TemplateQuestions

    dialog = open_dialog(qtbot, window)

    def answer() -> None:
        asked = next(w for w in QApplication.topLevelWidgets() if isinstance(w, TemplateQuestions))
        asked.name.setText("Leeds Peer Alliance")
        asked.version.setText("2026-04")
        asked.accept()

    QTimer.singleShot(0, answer)
    file_answers.answers = [tmp_path / "leeds.json"]
    button(dialog, "Make a &template for members…").click()
    assert "Use our alliance's template" in shown_messages[-1].text
    template = load_template(tmp_path / "leeds.json")
    assert (template.name, template.version) == ("Leeds Peer Alliance", "2026-04")
    dialog.reject()
