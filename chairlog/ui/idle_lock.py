"""The idle lock (HIPAA §164.312(a)(2)(iii)): after ``clinic.idle_lock_minutes`` without
keyboard, mouse or touch input the window locks.

Decisions:
- Idle time is measured with QElapsedTimer (monotonic): a wall-clock change cannot lock the
  window early or keep it open. Input is seen by one application-wide event filter.
- The lock screen replaces the tab widget (which is hidden, not covered) and still shows, per
  chair, what a nurse needs from across the room — name, state, timer, next-vitals countdown
  and the number of alerts — but never a patient's name or MRN.
- Unlock: the signed-in user's password (``accounts.verify_password``), or another user's
  username and password (``accounts.login``, audited) who then takes over. After three wrong
  passwords for the signed-in user, further tries also go through ``accounts.login`` so they
  are audited and count towards the lockout like any failed sign-in. A successful unlock
  refreshes the offline credential kept on this workstation (``outbox.credentials``).
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from chairlog.domain import ChairInfo, UserInfo
from chairlog.errors import ChairlogError
from chairlog.services import accounts
from chairlog.ui import tokens
from chairlog.ui.busy import BusyRunner
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import error_text, translate
from chairlog.ui.login import remembered, sign_in_here
from chairlog.ui.tile_figures import TileFigures
from chairlog.ui.widgets import (
    BigButton,
    ErrorBanner,
    big_font,
    form_label,
    label_fields,
    named,
    set_prop,
)

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
    QEvent.Type.TabletPress, QEvent.Type.TabletMove,
})
VERIFY_TRIES = 3


class IdleMonitor(QObject):
    """Emits ``idle`` once the application has had no input for ``limit_ms``."""

    idle = Signal()

    def __init__(self, limit_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.limit_ms = limit_ms
        self.active = True
        self._elapsed = QElapsedTimer()
        self._elapsed.start()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._check)
        self.set_limit_ms(limit_ms)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._timer.start()

    def set_limit_ms(self, limit_ms: int) -> None:
        self.limit_ms = max(1, int(limit_ms))
        self._timer.setInterval(max(20, min(1000, self.limit_ms // 4)))
        self.reset()

    def reset(self) -> None:
        self._elapsed.restart()

    def idle_ms(self) -> int:
        return int(self._elapsed.elapsed())

    def pause(self) -> None:
        self.active = False

    def resume(self) -> None:
        self.active = True
        self.reset()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, _obj: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self._elapsed.restart()
        return False

    def _check(self) -> None:
        if self.active and self._elapsed.elapsed() >= self.limit_ms:
            self.active = False
            self.idle.emit()


class LockCard(QFrame):
    """One chair on the lock screen: no patient details."""

    def __init__(self, chair: ChairInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockCard")
        self.chair = chair
        v = QVBoxLayout(self)
        v.setContentsMargins(14, 10, 14, 10)
        self.name = QLabel(chair.name)
        self.name.setFont(big_font(tokens.PT_5XL, bold=True))
        self.state = QLabel()
        self.state.setObjectName("lockState")
        self.state.setFont(big_font(tokens.PT_L, bold=True))
        self.timer = QLabel()
        self.timer.setObjectName("lockTimer")
        self.timer.setFont(big_font(tokens.PT_7XL, bold=True))
        self.due = QLabel()
        self.due.setObjectName("dueBar")
        self.due.setFont(big_font(tokens.PT_XL, bold=True))
        self.due.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.alerts = QLabel()
        self.alerts.setObjectName("lockAlerts")
        self.alerts.setFont(big_font(tokens.PT_L, bold=True))
        for w in (self.name, self.state, self.timer, self.due, self.alerts):
            v.addWidget(w)

    def show_figures(self, f: TileFigures | None) -> None:
        if f is None:
            self.state.setText(translate("LockCard", "Free"))
            self.timer.setText("—")
            self.due.setText("")
            self.alerts.setText("")
            set_prop(self.due, "due", "none")
            set_prop(self, "alert", False)
            set_prop(self.alerts, "alert", False)
            return
        self.state.setText(f"{f.state_label} · {f.timer_caption}")
        self.timer.setText(f.timer)
        self.due.setText(f.due_text)
        n = len(f.alerts)
        self.alerts.setText(
            translate("LockCard", "⚠ {n} ALERT{value}").format(n=n, value="S" if n != 1 else "")
            if n
            else translate("LockCard", "No alerts")
        )
        set_prop(self.due, "due", f.due.value)
        set_prop(self, "alert", bool(n))
        set_prop(self.alerts, "alert", bool(n))


class LockScreen(QWidget):
    """The full-window lock: chair overview without patient data, and the unlock form."""

    unlocked = Signal(object)  # UserInfo

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("lockScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.cards: dict[int, LockCard] = {}
        self.failures = 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        title = QLabel(translate("LockScreen", "Locked — patient details are hidden"))
        title.setObjectName("lockTitle")
        title.setFont(big_font(tokens.PT_6XL, bold=True))
        outer.addWidget(title)
        note = QLabel(
            translate(
                "LockScreen",
                "Infusions continue. Timers, vitals reminders and alerts are still shown.",
            )
        )
        note.setFont(big_font(tokens.PT_M))
        outer.addWidget(note)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(12)
        outer.addWidget(self.grid_host, 1)
        outer.addWidget(self._unlock_form(), 0, Qt.AlignmentFlag.AlignHCenter)

    def _unlock_form(self) -> QWidget:
        box = QFrame()
        box.setObjectName("unlockBox")
        box.setMinimumWidth(tokens.LOCK_BOX_PX)
        v = QVBoxLayout(box)
        self.who = QLabel()
        self.who.setFont(big_font(tokens.PT_L, bold=True))
        self.who.setWordWrap(True)
        v.addWidget(self.who)
        form = QFormLayout()
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for w in (self.username, self.password):
            w.setFont(big_font(tokens.PT_L))
            w.setMinimumHeight(tokens.TOUCH_PX)
        self.password.returnPressed.connect(self.attempt_unlock)
        self.username.returnPressed.connect(self.password.setFocus)
        for text, field in (
            (translate("LockScreen", "Username"), self.username),
            (translate("LockScreen", "Password"), self.password),
        ):
            form.addRow(form_label(text), field)
        label_fields(form)
        named(
            self.username,
            translate("LockScreen", "Username"),
            translate("LockScreen", "Your own username: the same nurse, or another who takes over"),
        )
        named(
            self.password,
            translate("LockScreen", "Password"),
            translate("LockScreen", "Your password; Enter unlocks"),
        )
        v.addLayout(form)
        self.error = ErrorBanner()
        v.addWidget(self.error)
        row = QHBoxLayout()
        hint = QLabel(
            translate(
                "LockScreen", "Another nurse? Type your own username and password to take over."
            )
        )
        hint.setWordWrap(True)
        row.addWidget(hint, 1)
        self.unlock_button = BigButton(translate("LockScreen", "Unlock"), primary=True)
        self.unlock_button.clicked.connect(self.attempt_unlock)
        row.addWidget(self.unlock_button)
        v.addLayout(row)
        self.busy_label = QLabel()
        v.addWidget(self.busy_label)
        self.runner = BusyRunner(self.ctx, (self.unlock_button,), self.busy_label)
        return box

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def prepare(self, user: UserInfo | None) -> None:
        """Reset the form for a new lock."""
        self.failures = 0
        self.error.clear_message()
        self.password.clear()
        self.username.setText(user.username if user else "")
        self.who.setText(
            translate(
                "LockScreen", "Signed in: {display_name}. Enter your password to continue."
            ).format(display_name=user.display_name)
            if user
            else translate("LockScreen", "Sign in to continue.")
        )
        self.password.setFocus()

    def show_chairs(self, snapshot: list[tuple[ChairInfo, TileFigures | None]]) -> None:
        ids = [c.id for c, _f in snapshot]
        if ids != list(self.cards):
            for card in self.cards.values():
                self.grid.removeWidget(card)
                card.deleteLater()
            self.cards = {}
            cols = 3 if len(ids) > 4 else 2
            for i, (chair, _f) in enumerate(snapshot):
                card = LockCard(chair, self.grid_host)
                self.cards[chair.id] = card
                self.grid.addWidget(card, i // cols, i % cols)
        for chair, f in snapshot:
            self.cards[chair.id].show_figures(f)

    def attempt_unlock(self) -> None:
        """Check the password on the operation runner (argon2 never runs on the UI thread)."""
        self.error.clear_message()
        username = self.username.text().strip().lower()
        password = self.password.text()
        current = self.ctx.user
        app = self.ctx.app
        same = current is not None and username == current.username \
            and self.failures < VERIFY_TRIES

        def check() -> UserInfo | None:
            if same and current is not None:
                if not accounts.verify_password(app, current, password):
                    return None
                return remembered(app, current)  # the offline credential, refreshed
            return sign_in_here(app, username, password)

        self.runner.run(
            check, self._checked, self._refused, translate("LockScreen", "Checking the password…")
        )

    def _refused(self, exc: BaseException) -> None:
        if not isinstance(exc, ChairlogError):
            raise exc
        self._fail(error_text(exc))

    def _checked(self, user: UserInfo | None) -> None:
        if user is None:
            self._fail(translate("LockScreen", "Wrong password."))
            return
        if user.must_change_password:
            self._fail(
                translate(
                    "LockScreen",
                    "This account must choose a new password first: the signed-in user "
                    "unlocks, then use Switch user (Ctrl+U).",
                )
            )
            return
        self.failures = 0
        self.password.clear()
        self.unlocked.emit(user)

    def _fail(self, message: str) -> None:
        self.failures += 1
        self.error.show_message(message)
        self.password.selectAll()
        self.password.setFocus()
