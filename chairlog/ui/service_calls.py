"""Calling a use case as the signed-in user from a screen: the one place for conflicts, dose
overrides, refused input and "still saving".

``ServiceCaller.start(fn, *args, **kwargs)`` runs ``fn(ctx.app, ctx.user, *args, **kwargs)``
on the interactive lane of the operation runner, typed against ``fn``'s own signature, with the
screen's default answers already attached; ``call`` is the form-friendly version used by the
session page's panels (``host.submit``), with ``on_success`` / ``on_invalid`` and the override
question.

Decisions:
- A ``ConflictError`` (another workstation changed the record first) says so, reloads the
  screen and keeps whatever was typed; a ``LimitExceeded`` asks for an override reason and a
  second clinician's check, then retries the same call with them; a ``ValidationError`` goes to
  the form that made it (``on_invalid``), else to the screen's message line; any other refusal
  is said and the screen reloads. A "server unreachable" failure passes through the runner's
  single hook first (``OperationRunner.unreachable``), then is said here: what was typed stays.
- One save at a time per screen: a second save while one is on its way is refused with
  "Still saving…" (the form keeps its values), never queued behind it unseen.
- A save that answers within 40 ms (a charting write on SQLite takes a few ms) is shown in the
  same event, as before; slower ones (the second clinician's password check, a slow server)
  come back by the runner's queued signal while the window keeps ticking.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

from PySide6.QtWidgets import QDialog, QWidget

from chairlog.domain import UserInfo
from chairlog.errors import ChairlogError, ConflictError, LimitExceeded, ValidationError
from chairlog.services import Chairlog
from chairlog.ui.context import UiContext
from chairlog.ui.i18n import QT_TRANSLATE_NOOP, error_text, translate, words_text
from chairlog.ui.operations import UNREACHABLE_MESSAGE, Operation, is_unreachable

P = ParamSpec("P")
R = TypeVar("R")

CONFLICT_TEXT = QT_TRANSLATE_NOOP(
    "words",
    "Changed on another workstation — reloaded. What you typed is kept: check it "
    "against the new entries and save again.",
)


class CallerHost(Protocol):
    """What a screen gives its caller: a message line, a reload, and its open dialog."""

    dialog: QDialog | None

    def say(self, text: str, tone: str = "info") -> None: ...
    def reload(self) -> None: ...
    def open_dialog(self, dialog: QDialog) -> None: ...


class ServiceCaller:
    """One screen's way to call use cases (owner: the screen's widget)."""

    def __init__(self, ctx: UiContext, owner: QWidget, host: CallerHost) -> None:
        self.ctx = ctx
        self.owner = owner
        self.host = host
        self.busy = False

    # --- typed core ------------------------------------------------------------------------
    def start(self, fn: Callable[Concatenate[Chairlog, UserInfo, P], R], *args: P.args,
              **kwargs: P.kwargs) -> Operation[R]:
        """Run ``fn`` as the signed-in user, with this screen's default answers attached
        (chain ``.success`` / ``.on_invalid`` / ``.on_limit`` to add or replace them)."""
        user = self.ctx.require_user()
        self.busy = True
        op = self.ctx.runner.interactive(self.owner, fn, self.ctx.app, user, *args, **kwargs)
        op.on_conflict(self._conflict).on_invalid(lambda e: self.problem(error_text(e), "error"))
        op.failure(self._refused)
        op.always(self._release)
        return op

    def _release(self) -> None:
        self.busy = False

    def _conflict(self, _e: ConflictError) -> None:
        self.problem(translate("words", CONFLICT_TEXT), "warn")
        self.host.reload()

    def _refused(self, e: BaseException) -> None:
        if is_unreachable(e):
            self.problem(translate("words", UNREACHABLE_MESSAGE), "error")
            return
        if not isinstance(e, ChairlogError):
            raise e
        self.problem(error_text(e), "error")
        self.host.reload()

    def problem(self, text: str, tone: str) -> None:
        """Say it on the screen's line, and in its open dialog when that can show errors."""
        self.host.say(text, tone)
        dialog = self.host.dialog
        show = getattr(dialog, "show_error", None)
        if show is not None and dialog is not None and dialog.isVisible():
            show(text)

    # --- forms -----------------------------------------------------------------------------
    def call(self, fn: Callable[..., Any], *args: Any,
             on_success: Callable[[Any], None] | None = None,
             on_invalid: Callable[[ValidationError], None] | None = None,
             **kwargs: Any) -> bool:
        """Start ``fn``; ``on_success(result)`` runs once it saved. False when it could not
        start (nobody signed in, a save on its way) or was answered at once with a refusal;
        True when it saved at once or is still on its way."""
        if self.ctx.user is None:
            self.host.say(translate("ServiceCaller", "Sign in to chart."), "error")
            return False
        if self.busy:
            self.problem(
                translate(
                    "ServiceCaller", "Still saving the previous entry — a moment, then save again."
                ),
                "warn",
            )
            return False
        op = self.start(fn, *args, **kwargs)
        if on_success is not None:
            op.success(on_success)
        if on_invalid is not None:
            op.on_invalid(on_invalid)
        op.on_limit(lambda e: self._ask_override(e, fn, args, kwargs, on_success, on_invalid))
        if op.wait_briefly():
            return op.succeeded()
        return True

    def _ask_override(self, e: LimitExceeded, fn: Callable[..., Any], args: tuple[Any, ...],
                      kwargs: dict[str, Any], on_success: Callable[[Any], None] | None,
                      on_invalid: Callable[[ValidationError], None] | None) -> None:
        from chairlog.ui.session.dialogs import OverrideDialog

        host = self.host
        parent_dialog = host.dialog
        dlg = OverrideDialog(words_text(e.message), self.owner)
        rest = {k: v for k, v in kwargs.items() if k not in ("override_reason", "checked_by")}

        def done(result: Any) -> None:
            dlg.accept()
            if on_success is not None:
                on_success(result)

        def refused(err: ValidationError) -> None:
            if err.field in ("override_reason", "checked_by"):
                dlg.show_error(err)
                return
            dlg.reject()
            if on_invalid is not None:
                on_invalid(err)
            else:
                host.say(error_text(err), "error")

        def save() -> None:
            self.call(fn, *args, on_success=done, on_invalid=refused,
                      override_reason=dlg.reason(), checked_by=dlg.cosigner(), **rest)
        dlg.submitted.connect(save)
        # the dialog that asked (e.g. bolus) stays open underneath with its values
        host.dialog = None
        host.open_dialog(dlg)
        if parent_dialog is not None:
            dlg.finished.connect(lambda _r: setattr(host, "dialog", parent_dialog)
                                 if parent_dialog.isVisible() else None)
