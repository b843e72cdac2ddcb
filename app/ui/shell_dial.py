"""Placing calls from the desktop: the dial box, the dialling itself, and why an account last failed.

Why one object: a call starts from the tray, a card's "call back", a history row, a ``tel:`` link from a
second instance, the global shortcut or the dial box, and each must report a refusal the same way — in
the dial box if it is open (keeping what was typed), as a tray message otherwise, and, when the provider
refused the account itself (auth, provider down), as that account's problem in the tray state until a
call through it succeeds again (:attr:`DialActions.problems`, read by the health assessment). Texts keep
the translation context ``Shell`` (where the .ts files have them).
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QGuiApplication

from app.core.errors import AuthError, Problem, ProviderError, Unavailable
from app.core.phone import normalize
from app.ui import formatting, tasks
from app.ui.dialbox import ContactNumber, DialBox, DialChoice, dial_problem_text, outcome_text
from app.ui.messages import bridge
from app.ui.single_instance import dial_target

if TYPE_CHECKING:
    from app.runtime import Runtime

LONGEST_NUMBER_TEXT = 40  # longer clipboard / selected text is a sentence, not a number


class DialActions(QObject):
    """Dial a number, open the dial box; :attr:`problems_changed` when an account's dial problem came or went."""

    problems_changed = Signal()

    def __init__(self, runtime: Runtime, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.dialbox: DialBox | None = None
        self.problems: dict[str, str] = {}  # per account: why the last call placed through it failed

    def dial(self, number: str, account: str = "", caller_id: str = "") -> asyncio.Task[None]:
        """Place a call through the provider (the agent's phone rings first). Returns the running task."""
        return tasks.run(
            self._dial(number, account, caller_id), title=QCoreApplication.translate("Shell", "Call not placed")
        )

    async def _dial(self, number: str, account: str, caller_id: str) -> None:
        """Dial; a refusal is told once, as sentences (in the dial box if it is open, else as a tray message)."""
        dialer = self.runtime.dialer
        try:
            if dialer is None:
                raise Problem(
                    QCoreApplication.translate(
                        "Shell", "Click-to-call is not available: no provider account can place calls."
                    )
                )
            outcome = await dialer.call(number, account=account or None, caller_id=caller_id or None)
        except Problem as problem:
            named = problem.account if isinstance(problem, ProviderError) else ""
            text = dial_problem_text(problem, self.account_name(named or account))
            if isinstance(problem, AuthError | Unavailable):
                self.problems[problem.account or account or "?"] = text
                self.problems_changed.emit()
            if self.dialbox is not None and self.dialbox.isVisible():
                self.dialbox.failed(text)
            else:
                bridge().error(text, QCoreApplication.translate("Shell", "Call not placed"))
            return
        if self.problems.pop(outcome.account.id, None) is not None:
            self.problems_changed.emit()
        if self.dialbox is not None:
            self.dialbox.finished_dialing()
        bridge().info(outcome_text(outcome, self.runtime.context.settings.general.region))

    def account_name(self, account_id: str) -> str:
        """The account's name as the agent gave it ("" when unknown: the sentence then says "the provider")."""
        for settings in self.runtime.context.settings.accounts:
            if settings.id == account_id:
                return settings.display_name
        return ""

    def find_contacts(self, text: str) -> list[ContactNumber]:
        """Contacts whose name or company contains ``text``, one entry per number (the dial box's list)."""
        found: list[ContactNumber] = []
        for match in self.runtime.contacts.search(text):
            for number in self._numbers_of(match.id):
                found.append(ContactNumber(match.name, number, match.company))
        return found

    def _numbers_of(self, contact_id: int) -> list[str]:
        return self.runtime.contacts.numbers(contact_id)

    def call_back(self, number: str, account: str) -> None:
        """A card's or a call's "call back": through the account the call came in on (the task runs on)."""
        self.dial(number, account)

    def dial_text(self, text: str) -> None:
        """Text the agent marked (the global shortcut): dial it if it is a number, else let them fix it."""
        number = self.dialable(text)
        if number:
            self.dial(number)
        else:
            self.open_dialbox(text.strip() if len(text.strip()) <= LONGEST_NUMBER_TEXT else "")

    def dialable(self, text: str) -> str:
        """The number in ``text`` (a number or a tel:/callto:/sip: link) in normal form, or "" if none."""
        text = text.strip()
        if not text or len(text) > LONGEST_NUMBER_TEXT:
            return ""
        number = normalize(dial_target(text) or "", self.runtime.context.settings.general.region)
        return number.value if number.is_valid and not number.is_extension else ""

    def clipboard_number(self) -> str:
        return self.dialable(QGuiApplication.clipboard().text() or "")

    # --- the dial box -------------------------------------------------------------------------------------
    def open_dialbox(self, number: str = "") -> DialBox:
        if self.dialbox is None:
            accounts = self.runtime.context.settings.accounts
            self.dialbox = DialBox(
                [DialChoice(a.display_name, a.id) for a in accounts if a.enabled], search=self.find_contacts
            )
            self.dialbox.dial_requested.connect(self.dial)
            self.dialbox.account_changed.connect(self._offer_caller_ids)
            self._offer_caller_ids(self.dialbox.account_id())
        self.dialbox.open_with(number)
        return self.dialbox

    def close(self) -> None:
        if self.dialbox is not None:
            self.dialbox.close()

    def _offer_caller_ids(self, account_id: str) -> None:
        """The presented numbers the account offers (its configured one; the provider's list when it has one)."""
        if self.dialbox is None:
            return
        choices: list[DialChoice] = []
        for account in self.runtime.context.settings.accounts:
            if account.id == account_id and account.caller_id:
                choices.append(DialChoice(formatting.phone_text(account.caller_id), account.caller_id))
        self.dialbox.set_caller_ids(choices)
        dialer = self.runtime.dialer
        if dialer is not None and account_id:
            tasks.run(
                dialer.caller_ids(account_id),
                on_success=lambda found: self._set_caller_ids(
                    account_id, [DialChoice(c.display or formatting.phone_text(c.number), c.number) for c in found]
                ),
            )

    def _set_caller_ids(self, account_id: str, choices: list[DialChoice]) -> None:
        """The provider's list arrived; the agent may have picked another account meanwhile."""
        if self.dialbox is not None and self.dialbox.account_id() == account_id:
            self.dialbox.set_caller_ids(choices)
