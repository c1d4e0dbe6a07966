"""The main window: the chair board tab, one tab per opened session, menus and a touch
toolbar, the status bar, the idle lock and user switching.

Decisions:
- Every action is a QAction with a shortcut shown in its menu entry and tooltip; the toolbar
  repeats the frequent ones as big buttons. Session-view keys (F2–F7) belong to the session
  page; the window uses Ctrl+ combinations only.
- Roles decide what is offered (an admin gets Admin and Audit but cannot start sessions; a
  physician gets "Sign records"), but the services enforce roles regardless.
- Dialogs are opened with ``open()`` (window-modal, non-blocking) and report back through
  ``accepted``; the window keeps a reference (``start_dialog``, ``login_dialog``) so tests can
  drive them. Session, admin, audit and signing screens are imported when first opened.
- Locking hides the tab widget, the menus and the toolbar, and cancels any open dialog, so no
  patient data stays on screen; the ``ctx.on_lock`` hooks run (e.g. drop decrypted keys).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from chairlog.clinical.states import ACTIVE_STATES as RUNNING
from chairlog.domain import ClinicInfo, Role, SessionView, UserInfo
from chairlog.errors import ChairlogError
from chairlog.present.units import Units
from chairlog.services import accounts
from chairlog.ui import main_actions
from chairlog.ui.board import ChairBoard
from chairlog.ui.chair_strip import ChairStrip
from chairlog.ui.context import UiContext, describe_database, optional_module
from chairlog.ui.i18n import error_text, translate
from chairlog.ui.idle_lock import IdleMonitor, LockScreen
from chairlog.ui.login import LoginDialog
from chairlog.ui.main_actions import CHAIR_KEYS
from chairlog.ui.quit_dialog import QuitDialog
from chairlog.ui.reminders import ReminderBell
from chairlog.ui.start_session import StartSessionDialog

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    # made by main_actions: the role-dependent menus and the toolbar
    sign_menu: QMenu
    admin_menu: QMenu
    audit_menu: QMenu
    toolbar: QToolBar

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.clinic = accounts.get_clinic(ctx.app)
        ctx.units = Units.of(self.clinic)
        self.locked = False
        self.pages: dict[int, QWidget] = {}
        self.start_dialog: StartSessionDialog | None = None
        self.login_dialog: LoginDialog | None = None
        self.cert_notice: QDialog | None = None
        self.setObjectName("mainWindow")
        self.bell = ReminderBell(ctx, self)
        self.board = ChairBoard(ctx, bell=self.bell)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.addTab(self.board, translate("MainWindow", "Board"))
        bar = self.tabs.tabBar()
        bar.setTabButton(0, bar.ButtonPosition.RightSide, None)  # type: ignore[arg-type]
        bar.setTabButton(0, bar.ButtonPosition.LeftSide, None)  # type: ignore[arg-type]
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(lambda _i: self._update_title())
        self.lock_screen = LockScreen(ctx)
        self.lock_screen.unlocked.connect(self.unlock)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.lock_screen)
        self.strip = ChairStrip()
        self.strip.open_session.connect(self.open_session)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.strip)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._quit_ok = False
        self.quit_dialog: QuitDialog | None = None
        self.actions_by_name: dict[str, QAction] = {}
        self._allowed: dict[str, bool] = {}
        main_actions.make_actions(self)
        main_actions.make_menus(self)
        main_actions.make_toolbar(self)
        self._make_status()
        self.idle_lock = IdleMonitor(self.clinic.idle_lock_minutes * 60_000, self)
        self.idle_lock.idle.connect(self.lock)
        self.board.open_session.connect(self.open_session)
        self.board.start_session.connect(lambda chair_id: self.new_session(chair_id))
        self.board.ticked.connect(self._on_tick)
        self.board.reloaded.connect(self._on_reload)
        ctx.events.user_changed.connect(self._apply_user)
        ctx.events.data_changed.connect(self._on_data_changed)
        self._apply_user(ctx.user)
        self._on_reload()
        self._update_title()
        self.resize(1600, 1000)

    # ---- status -------------------------------------------------------------------------
    def _make_status(self) -> None:
        sb = self.statusBar()
        self.user_label = QLabel()
        self.user_label.setObjectName("statusUser")
        self.clinic_label = QLabel(self.clinic.name)
        self.db_label = QLabel(describe_database(str(self.ctx.app.db.url), short=True))
        self.db_label.setToolTip(describe_database(str(self.ctx.app.db.url)))
        self.db_label.setObjectName("statusDb")
        self.no_audio_label = QLabel()
        self.no_audio_label.setObjectName("noAudio")
        self.no_audio_label.hide()
        self.bell.audio_missing.connect(self._audio_missing)
        from chairlog.ui.outbox_banner import OutboxBanner

        self.outbox_banner = OutboxBanner(self.ctx, self)  # entries waiting for the server
        sb.insertPermanentWidget(0, self.outbox_banner)
        for w in (self.no_audio_label, self.user_label, self.clinic_label, self.db_label):
            sb.addPermanentWidget(w)
        self.demo_label: QLabel | None = None
        if self.ctx.demo:
            self.demo_label = QLabel(translate("MainWindow", "DEMO — not for patient care"))
            self.demo_label.setObjectName("demoBadge")
            sb.addPermanentWidget(self.demo_label)

    # ---- user and roles ---------------------------------------------------------------------
    def _apply_user(self, user: UserInfo | None) -> None:
        role = user.role if user else None
        can_chart = role in (Role.NURSE, Role.PHYSICIAN)
        self.board.set_can_start(can_chart)
        is_admin = role is Role.ADMIN
        self._allowed = {
            "new_session": can_chart,
            "find": can_chart,
            "admin": is_admin and optional_module("chairlog.ui.admin.dialog") is not None,
            "audit": (role in (Role.ADMIN, Role.PHYSICIAN)
                      and optional_module("chairlog.ui.audit_view") is not None),
            "password": user is not None,
            "sign": (role is Role.PHYSICIAN
                     and optional_module("chairlog.ui.signoff") is not None),
        }
        for name, menu in (("admin", self.admin_menu), ("audit", self.audit_menu),
                           ("sign", self.sign_menu)):
            self.actions_by_name[name].setVisible(self._allowed[name])
            menu.menuAction().setVisible(self._allowed[name])
        self._sync_actions()
        who = (self.tr("{name} ({role})").format(name=user.display_name,
                                                  role=self._role_word(user.role))
               if user else self.tr("nobody"))
        self.user_label.setText(translate("MainWindow", "Signed in: {who}").format(who=who))
        from chairlog.ui.account_notices import certificate_notice

        self.cert_notice = None
        certificate_notice(self.ctx, user, self, lambda dlg: setattr(self, "cert_notice", dlg))
        self._show_locked_accounts()

    def _role_word(self, role: Role) -> str:
        return {Role.NURSE: self.tr("nurse"), Role.PHYSICIAN: self.tr("physician"),
                Role.ADMIN: self.tr("admin")}.get(role, role.value)

    def _show_locked_accounts(self) -> None:
        from chairlog.ui.account_notices import locked_accounts_text

        locked_accounts_text(self.ctx, self.ctx.user, self, self._locked_accounts_read)

    def _locked_accounts_read(self, text: str) -> None:
        if text:
            self.board.accounts_banner.show_message(text)
        else:
            self.board.accounts_banner.clear_message()

    def _sync_actions(self) -> None:
        """Every action is off while locked (shortcuts included); otherwise as the role allows."""
        for name, act in self.actions_by_name.items():
            act.setEnabled(not self.locked and self._allowed.get(name, True))

    def find_patient(self) -> QDialog | None:
        if self.locked or not self._allowed.get("find"):
            return None
        from chairlog.ui.history import PatientHistoryDialog

        dlg = PatientHistoryDialog(self.ctx, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open_session.connect(self.open_session)
        dlg.open()
        return dlg

    def change_password(self) -> QDialog:
        from chairlog.ui.password import ChangePasswordDialog

        dlg = ChangePasswordDialog(self.ctx, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def switch_user(self) -> LoginDialog:
        dlg = LoginDialog(
            self.ctx,
            self,
            title=translate("MainWindow", "Switch user"),
            intro=translate(
                "MainWindow",
                "Sign in as yourself: everything charted from now on is recorded under your name.",
            ),
        )
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self._take_over(dlg.user))
        dlg.finished.connect(lambda _r: setattr(self, "login_dialog", None))
        self.login_dialog = dlg
        dlg.open()
        return dlg

    def _take_over(self, user: UserInfo | None) -> None:
        if user is not None:
            self.ctx.set_user(user)
            self.statusBar().showMessage(
                translate("MainWindow", "{display_name} is now signed in.").format(
                    display_name=user.display_name
                ),
                8000,
            )

    # ---- sessions -------------------------------------------------------------------------
    def show_board(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.board.focus_first_tile()

    def open_chair(self, n: int) -> None:
        tile = self.board.tile_for_position(n)
        if tile is None:
            self.statusBar().showMessage(
                translate("MainWindow", "There is no chair {n}.").format(n=n), 5000
            )
            return
        if tile.view is None and not self.board.can_start:
            self.statusBar().showMessage(
                translate("MainWindow", "{name} is free.").format(name=tile.chair.name), 5000
            )
            return
        self.board.activate_position(n)

    def new_session(self, chair_id: int | None = None) -> StartSessionDialog | None:
        if self.locked:
            return None
        if not self._allowed["new_session"]:
            self.statusBar().showMessage(
                translate("MainWindow", "Only nurses and physicians start sessions."), 6000
            )
            return None
        self.board.reload()  # which chairs are in use right now
        dlg = StartSessionDialog(self.ctx, self, chair_id=chair_id,
                                 busy_chairs=set(self.board.views))
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self._session_started(dlg))
        dlg.finished.connect(lambda _r: setattr(self, "start_dialog", None))
        self.start_dialog = dlg
        dlg.open()
        return dlg

    def _session_started(self, dlg: StartSessionDialog) -> None:
        self.board.reload()
        if dlg.session is not None:
            self.open_session(dlg.session.id)

    def open_session(self, session_id: int) -> QWidget | None:
        if self.locked:
            return None
        page = self.pages.get(session_id)
        if page is None:
            module = optional_module("chairlog.ui.session.page")
            if module is None:
                self.statusBar().showMessage(
                    translate("MainWindow", "The session view is not installed."), 8000
                )
                return None
            # the session is read off the UI thread; the tab opens when it answers (at once
            # when that takes under 40 ms), so a slow server never freezes the board
            self.ctx.runner.interactive(self, module.read_page, self.ctx.app,
                                        session_id).success(
                lambda data: self._add_page(module, session_id, data)).failure(
                self._page_failed).wait_briefly()
            return self.pages.get(session_id)
        self.tabs.setCurrentWidget(page)
        return page

    def _add_page(self, module: Any, session_id: int, data: Any) -> None:
        if self.locked:
            return
        page = self.pages.get(session_id)
        if page is None:
            view, tz = data
            page = module.SessionPage(self.ctx, session_id, view=view, tz=tz)
            page.closed.connect(lambda sid=session_id: self.close_session(sid))
            self.pages[session_id] = page
            index = self.tabs.addTab(page, page.title())
            bar = self.tabs.tabBar()
            close = bar.tabButton(index, bar.ButtonPosition.RightSide)
            if close is not None:  # read by a screen reader as "Close Chair 1 · …"
                close.setAccessibleName(
                    translate("MainWindow", "Close {value}").format(value=page.title())
                )
        self.tabs.setCurrentWidget(page)

    def _page_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, ChairlogError):
            raise exc
        QMessageBox.warning(self, translate("MainWindow", "Session"), error_text(exc))

    def close_session(self, session_id: int) -> None:
        page = self.pages.pop(session_id, None)
        if page is not None:
            self.tabs.removeTab(self.tabs.indexOf(page))
            page.deleteLater()

    def close_tab(self, index: int) -> None:
        page = self.tabs.widget(index)
        for sid, p in list(self.pages.items()):
            if p is page:
                self.close_session(sid)

    # ---- other screens ----------------------------------------------------------------------
    def _open_optional(self, module_name: str, class_name: str) -> QDialog | None:
        module = optional_module(module_name)
        if module is None:
            return None
        dlg: QDialog = getattr(module, class_name)(self.ctx, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def open_signoff(self) -> QDialog | None:
        return self._open_optional("chairlog.ui.signoff", "SignoffDialog")

    def open_admin(self) -> QDialog | None:
        return self._open_optional("chairlog.ui.admin.dialog", "AdminDialog")

    def open_audit(self) -> QDialog | None:
        return self._open_optional("chairlog.ui.audit_view", "AuditDialog")

    def open_about(self) -> QDialog:
        from chairlog.ui.about import AboutDialog

        dialog = AboutDialog(str(self.ctx.app.db.url), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # ---- lock -------------------------------------------------------------------------------
    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        log.info("window locked (user %s)", self.ctx.user.id if self.ctx.user else "-")
        self._close_dialogs()
        self.statusBar().clearMessage()
        self.board.reload()  # the lock screen shows the latest figures
        self.lock_screen.show_chairs(self.board.snapshot())
        self.lock_screen.prepare(self.ctx.user)
        self.stack.setCurrentWidget(self.lock_screen)
        self.tabs.hide()
        self.menuBar().hide()
        self.toolbar.hide()
        self._sync_actions()
        self.idle_lock.pause()
        self._update_title()
        self.lock_screen.password.setFocus()
        for hook in list(self.ctx.on_lock):
            try:
                hook()
            except Exception:  # a failing hook must never keep the window unlocked
                log.exception("on_lock hook failed")
        self.ctx.events.locked.emit(True)

    def unlock(self, user: UserInfo) -> None:
        log.info("window unlocked by user %s", user.id)
        if self.ctx.user is None or user.id != self.ctx.user.id:
            self.ctx.set_user(user)
        self.locked = False
        self._sync_actions()
        self.stack.setCurrentWidget(self.tabs)
        self.tabs.show()
        self.menuBar().show()
        self.toolbar.show()
        self.idle_lock.resume()
        self._update_title()
        self.ctx.events.locked.emit(False)

    def _close_dialogs(self) -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QDialog) and w.isVisible():
                w.reject()

    # ---- refresh ----------------------------------------------------------------------------
    def _on_tick(self) -> None:
        snapshot = self.board.snapshot()
        self.strip.locked = self.locked
        self.strip.show_chairs(snapshot)
        if self.locked:
            self.lock_screen.show_chairs(snapshot)
        main_actions.show_mute(self)

    def _on_reload(self) -> None:
        self._show_locked_accounts()
        n = len(self.board.chairs)
        for i in range(1, CHAIR_KEYS + 1):
            act = self.actions_by_name[f"chair{i}"]
            act.setVisible(i <= n)
            if i <= n:
                act.setText(
                    translate("MainWindow", "Open {name}").format(
                        name=self.board.chairs[i - 1].name
                    )
                )
        for page in self.pages.values():
            self.tabs.setTabText(self.tabs.indexOf(page), page.title())  # type: ignore[attr-defined]

    def _on_data_changed(self, entity: str, _id: int) -> None:
        if entity != "clinic":
            return
        # read on the runner: a hung server never blocks the window (a failed read keeps the
        # settings shown; the next change of the clinic reads them again)
        self.ctx.runner.interactive(self, accounts.get_clinic, self.ctx.app).success(
            self._clinic_read).failure(self._clinic_not_read).wait_briefly()

    def _clinic_not_read(self, exc: BaseException) -> None:
        if not isinstance(exc, ChairlogError):
            raise exc
        log.warning("clinic settings not re-read: %s", exc)

    def _clinic_read(self, clinic: ClinicInfo) -> None:
        self.clinic = clinic
        self.ctx.units = Units.of(clinic)
        self.clinic_label.setText(self.clinic.name)
        self.idle_lock.set_limit_ms(self.clinic.idle_lock_minutes * 60_000)
        self._update_title()

    def _update_title(self) -> None:
        title = self.tr("chairlog — {clinic}").format(clinic=self.clinic.name)
        if self.ctx.demo:
            title += self.tr(" — DEMO")
        self.setWindowTitle(translate("MainWindow", "chairlog — locked") if self.locked else title)

    def _audio_missing(self) -> None:
        self.no_audio_label.setText(
            translate("MainWindow", "No sound device: reminders only flash")
        )
        self.no_audio_label.show()

    def shutdown(self) -> None:
        """Stop timers and the input filter (window closing or a test ending)."""
        self.idle_lock.stop()
        self.board.stop()

    def running_sessions(self) -> list[SessionView]:
        return [v for v in self.board.views.values() if v.state in RUNNING]

    def quit_now(self) -> None:
        """Close without asking (after the choice was made, or when the program ends)."""
        self._quit_ok = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        running = self.running_sessions()
        if running and not self._quit_ok:
            event.ignore()
            if self.quit_dialog is None or not self.quit_dialog.isVisible():
                self.quit_dialog = QuitDialog(running, self)
                self.quit_dialog.chosen.connect(
                    lambda what: self.quit_now() if what == "quit" else self.showMinimized())
                self.quit_dialog.open()
            return
        self.shutdown()
        super().closeEvent(event)
