"""A drop-down of one shared vocabulary: shows the labels, hands back the codes.

Grouped vocabularies (ethnic groups) show each high-level group of several terms as a heading
that cannot be chosen, with its terms beneath, as on the census form.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QWidget

from desktop_app.domain.vocabularies import Vocabulary
from desktop_app.ui.common.text_styles import scaled_font

VALUE_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class VocabularyCombo(QComboBox):
    def __init__(
        self,
        vocabulary: Vocabulary,
        accessible_name: str,
        any_label: str | None = None,
        parent: QWidget | None = None,
        start: str | None = None,
    ) -> None:
        """`any_label` ("Any kind", "Choose…") adds a first entry meaning "no choice", for filters
        and for questions that must be answered. `start` is the code shown first; questions
        about a person start on their vocabulary's "Not recorded", never on an answer."""
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        model = QStandardItemModel(self)
        if any_label is not None:
            model.appendRow(self._choice(any_label, None))
        sizes = Counter(term.group for term in vocabulary.terms)
        group = ""
        for term in vocabulary.terms:
            if term.group != group and sizes[term.group] > 1:
                group = term.group
                heading = QStandardItem(group)
                heading.setFlags(Qt.ItemFlag.NoItemFlags)
                heading.setFont(scaled_font(self.font(), 1.0, bold=True))
                model.appendRow(heading)
            model.appendRow(self._choice(term.label, term.code))
        self.setModel(model)
        if start is None and any_label is None:
            start = vocabulary.terms[0].code
        self.set_code(start)

    @staticmethod
    def _choice(label: str, code: str | None) -> QStandardItem:
        item = QStandardItem(label)
        item.setData(code, VALUE_ROLE)
        return item

    def code(self) -> str | None:
        value = self.currentData(VALUE_ROLE)
        return value if isinstance(value, str) else None

    def set_code(self, code: str | None) -> None:
        model = self.model()
        for row in range(self.count()):
            enabled = bool(model.flags(model.index(row, 0)) & Qt.ItemFlag.ItemIsEnabled)
            if enabled and self.itemData(row, VALUE_ROLE) == code:
                self.setCurrentIndex(row)
                return
