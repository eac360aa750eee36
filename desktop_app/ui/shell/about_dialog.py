"""File → About PeerLog: the version, and the licences of everything PeerLog ships with.

Pick a component on the left to read its licence on the right. The list comes from
desktop_app.licences, which lists only what is really in this copy of PeerLog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app import __version__
from desktop_app.licences import Component, bundled_components
from desktop_app.ui.common.screen_fit import FittedDialog
from desktop_app.ui.shell.app_icon import app_icon

ICON_SIZE = 64


class AboutDialog(FittedDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About PeerLog")
        self.components = bundled_components()

        picture = QLabel()
        picture.setPixmap(app_icon().pixmap(ICON_SIZE, ICON_SIZE))
        self.title = QLabel(f"<h2>PeerLog {__version__}</h2>")
        self.title.setAccessibleName(f"PeerLog version {__version__}")
        summary = QLabel(
            "Encrypted, offline records and anonymised returns for small peer support groups.\n"
            "PeerLog is free software: you may use, share and change it under the GNU General "
            "Public License, version 3 or later. It comes with no warranty."
        )
        summary.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(summary)
        top = QHBoxLayout()
        top.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        self.list = QListWidget()
        self.list.setAccessibleName("Parts of PeerLog and their licences")
        for component in self.components:
            item = QListWidgetItem(component.name)
            item.setToolTip(f"{component.name}: {component.licence}")
            self.list.addItem(item)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName("Licence text")
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # the texts keep their lines
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 1)
        chars = self.fontMetrics().averageCharWidth()
        splitter.setSizes([chars * 24, chars * 84])

        replace_note = QLabel(
            "Qt's libraries are separate files inside the PeerLog folder, so you may replace them "
            "with your own build of Qt, as the LGPL allows."
        )
        replace_note.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.about_qt_button = QPushButton("About &Qt")
        buttons.addButton(self.about_qt_button, QDialogButtonBox.ButtonRole.HelpRole)
        self.about_qt_button.clicked.connect(lambda: QMessageBox.aboutQt(self, "About Qt"))
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(replace_note)
        layout.addWidget(buttons)

        self.list.currentRowChanged.connect(self._show_licence)
        self.list.setCurrentRow(0)
        self.resize(chars * 116, self.fontMetrics().height() * 34)

    def component_names(self) -> list[str]:
        return [component.name for component in self.components]

    def select(self, name: str) -> None:
        self.list.setCurrentRow(self.component_names().index(name))

    @Slot(int)
    def _show_licence(self, row: int) -> None:
        if row < 0:
            self.text.clear()
            return
        component: Component = self.components[row]
        self.text.setPlainText(
            f"{component.name}, used for {component.used_for}.\n"
            f"Licence: {component.licence}.\n\n{component.licence_text()}"
        )
        self.text.moveCursor(self.text.textCursor().MoveOperation.Start)


def show_about(parent: QWidget | None = None) -> None:
    AboutDialog(parent).exec()
