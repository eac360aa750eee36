"""Users: who can open this database, with which role; coordinators add and remove them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.roles import ROLE_LABELS, Permission, Role
from desktop_app.services.access import allowed, current_user_id
from desktop_app.services.protection import users
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common.secret_field import secret_line_edit
from desktop_app.ui.common.unsaved import AsksBeforeDiscarding

USER_ID = Qt.ItemDataRole.UserRole


class UsersDialog(AsksBeforeDiscarding):
    discard_question = "Discard the new user you were adding?"

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle("Users")
        note = QLabel(users.ROLES_ARE_NOT_ENCRYPTION)
        note.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Users of this database")
        self.remove_button = QPushButton("Remove user")
        self.remove_button.clicked.connect(self._remove)
        self.name = QLineEdit()
        self.name.setAccessibleName("New user's name")
        self.role = QComboBox()
        self.role.setAccessibleName("New user's role")
        for role in (Role.LEAD, Role.COORDINATOR):
            self.role.addItem(ROLE_LABELS[role], role.value)
        self.passphrase = secret_line_edit("New user's passphrase")
        self.add_button = QPushButton("Add user")
        self.add_button.clicked.connect(self._add)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #a4000f;")
        self.problem.hide()
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Role", self.role)
        form.addRow("Their passphrase", self.passphrase)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.list)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.problem)
        may_manage = allowed(db, Permission.MANAGE_USERS)
        for widget in (self.remove_button, self.add_button, self.name, self.role, self.passphrase):
            widget.setEnabled(may_manage)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        me = current_user_id(self._db)
        for user in users.list_users(self._db):
            you = " (you)" if user.id == me else ""
            item = QListWidgetItem(f"{user.name}{you} · {user.role.label}")
            item.setData(USER_ID, user.id)
            self.list.addItem(item)

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _add(self) -> None:
        try:
            users.add_user(
                self._db, self.name.text(), Role(self.role.currentData()), self.passphrase.text()
            )
        except StoreError as exc:
            self._show_problem(str(exc))
            return
        self.passphrase.clear()
        self.name.clear()
        self._show_problem("")
        self.refresh()

    def _remove(self) -> None:
        item: QListWidgetItem | None = self.list.currentItem()
        if item is None:
            self._show_problem("Choose the user to remove in the list first.")
            return
        try:
            users.remove_user(self._db, str(item.data(USER_ID)))
        except StoreError as exc:
            self._show_problem(str(exc))
            return
        self._show_problem("")
        self.refresh()
