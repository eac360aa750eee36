"""Home: this month at a glance, the things that need attention in groups (each line opens with
Enter), and the last twelve months as charts."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.attention import AttentionGroup, Opens, in_order
from desktop_app.domain.overview import PeriodFigures
from desktop_app.domain.problems import long_date
from desktop_app.domain.renewals import ATTENTION_WINDOW_DAYS
from desktop_app.services import home
from desktop_app.services.home import SlowChecks
from desktop_app.store.database import Database
from desktop_app.store.errors import StoreError
from desktop_app.ui.common.latest_reads import LatestReads
from desktop_app.ui.common.list_out import ListSource, list_out_button
from desktop_app.ui.common.paged_table_model import Column
from desktop_app.ui.common.text_styles import heading, note, scaled_font
from desktop_app.ui.common.value_text import hours_text
from desktop_app.ui.home.attention_list import AttentionList
from desktop_app.ui.home.month_charts import MonthCharts
from desktop_app.ui.home.protection_panel import ProtectionPanel
from desktop_app.ui.shell.record_opener import RecordOpener
from desktop_app.ui.shell.workspace import ShowsRecords
from desktop_app.ui.sync.home_panel import SyncHomePanel

NOTHING = "Nothing needs attention at the moment."
ATTENTION_TAB, MONTHS_TAB = 0, 1


class LeftoverTabs(QTabWidget):
    """Tabs that take the height left over, however little (Home scrolls only below their
    minimum): asking for their preferred height made Home scroll at 150 % whenever a warning
    or the sharing line took a line or two."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumSizeHint().height())

    def hasHeightForWidth(self) -> bool:
        return False


class FigureTile(QFrame):
    """One number with what it counts underneath."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.caption = caption
        self.number = QLabel("0")
        self.number.setFont(scaled_font(self.font(), 1.8, bold=True))
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label = QLabel(caption)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(label)

    def set_value(self, text: str) -> None:
        self.number.setText(text)
        self.setAccessibleName(f"{self.caption}: {text}")


class HomeScreen(QWidget):
    def __init__(self, db: Database, opener: RecordOpener, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.opener = opener
        self.title = heading("")
        self.period = note("")
        self.tiles = {
            "sessions": FigureTile("sessions"),
            "attendances": FigureTile("attendances (including people without a record)"),
            "people": FigureTile("different people came"),
            "hours": FigureTile("volunteer hours"),
        }
        self.attention = AttentionList()
        self.attention.opened.connect(self._open)
        self.charts = MonthCharts()
        self._quick: list[AttentionGroup] = []  # read at once
        self._slow: list[AttentionGroup] = []  # read on a worker, shown when they come
        self._slow_reads = LatestReads(self)  # the slow checks, on a worker
        log_button = QPushButton("&Log a session… (Ctrl+N)")
        log_button.setToolTip("Log a session (Ctrl+N, from anywhere)")
        log_button.clicked.connect(lambda: opener.open_session(None))
        self.protection = ProtectionPanel(db)
        self.protection.changed.connect(self._protection_changed)

        attention_page = QWidget()
        attention_layout = QVBoxLayout(attention_page)
        self.attention_note = note("")
        self.attention_note.setToolTip(
            f"DBS checks and training running out within {ATTENTION_WINDOW_DAYS} days, people "
            "with no consent recorded, people due a wellbeing review, referrals waiting too long "
            "for an answer, and safeguarding concerns not yet resolved"
        )
        attention_layout.addWidget(self.attention_note)
        attention_layout.addWidget(self.attention, 1)
        self.tabs = LeftoverTabs()
        self.tabs.addTab(attention_page, "Needs &attention")
        self.tabs.addTab(self.charts, "Last 12 &months")
        self.tabs.currentChanged.connect(self._tab_changed)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(log_button)
        top.addWidget(list_out_button(self, db, self.list_source))
        grid = QGridLayout()
        for column, tile in enumerate(self.tiles.values()):
            grid.addWidget(tile, 0, column)
        month = QHBoxLayout()
        month.addWidget(heading("This month", 2))
        month.addWidget(self.period, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(month)
        layout.addLayout(grid)
        layout.addWidget(self.protection)
        layout.addWidget(SyncHomePanel(db, opener))  # shown only while sharing
        layout.addWidget(self.tabs, 1)
        self.setFocusProxy(self.attention)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """The month's figures, the last twelve months and quick reminders at once; reviews due
        and records past their retention period follow from a worker (they read every outcome
        and attendance, seconds on ten years of records)."""
        self.title.setText(self.db.setting("organisation_name", "") or "Home")
        self.show_figures(home.month_figures(self.db))
        self.charts.show_months(home.last_twelve_months(self.db))
        self._quick = home.attention_groups(self.db)
        self._show_groups()
        db = self.db

        def show(checks: SlowChecks) -> None:
            if self.db.is_open:  # not an answer arriving after Lock
                self.protection.show_state(checks.protection)
                self._slow = checks.groups
                self._show_groups()

        self._slow_reads.forget()  # an older refresh's answer, or failure, is out of date
        self._slow_reads.start("slow checks", lambda: home.slow_checks(db), show, self._failed)

    @property
    def checking(self) -> bool:
        """Whether the slow checks are still running on a worker."""
        return self._slow_reads.busy

    def _show_groups(self) -> None:
        groups = in_order(self._quick + self._slow)
        self.attention.show_groups(groups, NOTHING)
        things = sum(g.total for g in groups)
        self.tabs.setTabText(
            ATTENTION_TAB, f"Needs &attention ({things:,})" if things else "Needs &attention"
        )
        self.attention_note.setText(
            "Most urgent first. Select a line and press Enter to open it."
            if groups
            else "Reminders of renewals, consent, reviews, referrals and safeguarding show here."
        )

    def _failed(self, error: StoreError) -> None:
        self.attention.add_note(f"PeerLog could not check for reviews due: {error}")

    def _protection_changed(self) -> None:
        opener = self.opener
        if isinstance(opener, ShowsRecords):
            opener.records_changed()
        else:
            self.refresh()

    def _tab_changed(self, index: int) -> None:
        if index == ATTENTION_TAB:
            self.attention.setFocus()

    def records_changed(self) -> None:
        self.refresh()

    def list_source(self) -> ListSource:
        """What needs attention, every line of every group in the order shown (a group whose
        first few only were read ends with how many more there are, as on screen)."""
        rows: list[tuple[str, str]] = []
        for group in self.attention.groups:
            rows += [(group.title, item.label) for item in group.items]
            if group.total > len(group.items):
                rows.append((group.title, f"…and {group.total - len(group.items):,} more"))
        columns: tuple[Column[tuple[str, str]], ...] = (
            Column("Group", lambda row: row[0], width=30),
            Column("Needs attention", lambda row: row[1], width=70),
        )
        return ListSource(
            "Needs attention",
            (),
            columns,
            lambda offset, limit: (rows[offset : offset + limit], len(rows)),
        )

    def show_figures(self, figures: PeriodFigures) -> None:
        self.period.setText(f"{long_date(figures.start)} to {long_date(figures.end)}")
        self.tiles["sessions"].set_value(f"{figures.sessions:,}")
        self.tiles["attendances"].set_value(f"{figures.attendances:,}")
        self.tiles["people"].set_value(f"{figures.people:,}")
        self.tiles["hours"].set_value(hours_text(figures.volunteer_hours))

    @Slot(object)
    def _open(self, opens: Opens) -> None:
        record_id = opens.record_id
        match opens.kind:
            case "session":
                self.opener.open_session(record_id)
            case "person":
                self.opener.open_person(record_id)
            case "volunteer":
                self.opener.open_volunteer(record_id)
            case "referral":
                self.opener.open_referral(record_id)
            case "concern":
                self.opener.open_concern(record_id)
