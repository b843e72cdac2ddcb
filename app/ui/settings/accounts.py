"""The accounts page: the list of provider accounts and a form for the selected one.

Why secrets are kept apart from the account: they go straight into the keyring when the dialog is saved,
never into ``config.toml`` (and never into logs). A stored secret is never shown back: its field says it
is stored and can be overwritten. When no secure keyring exists the page says so and the secret fields
are off, naming the environment variables that work instead.

Edits are made on copies; nothing reaches the configuration until the dialog is saved.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.config.secrets import env_name, generate_secret, keyring_entry
from app.config.settings import ACCOUNT_ID, AccountSettings, Provider
from app.services.probe import ProbeResult, TypedSecrets, probe
from app.ui import formatting, plain, theme
from app.ui.naming import named
from app.ui.problems import problem_text
from app.ui.settings.providers import AccountForm, forms

if TYPE_CHECKING:
    from app.runtime import Runtime


def _hint(text: str, parent: QWidget) -> QLabel:
    """A help line under a field; plain text: it names environment variables and keyring entries built from
    the account ID as typed, and "<ACCOUNT>" placeholders."""
    label = plain.label(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(theme.hint_style())
    return label


class AccountEditor(QWidget):
    """The form of one account. ``commit()`` copies the fields back into the account being edited."""

    test_requested = Signal()

    def __init__(self, runtime: Runtime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.context = runtime.context
        self.forms = forms()
        self.secure = self.context.secrets.status().secure
        self.account: AccountSettings | None = None
        self.typed: dict[str, str] = {}
        self._secret_edits: dict[str, QLineEdit] = {}
        self._build()

    def _build(self) -> None:
        self.provider = named(QComboBox(self), "provider")
        for form in self.forms.values():
            self.provider.addItem(form.title, form.provider.value)
        self.provider.currentIndexChanged.connect(self._provider_changed)
        # The longest provider title must not set the form's width (it scrolls sideways on a small screen).
        self.provider.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.provider.setMinimumContentsLength(18)
        self.account_id = named(QLineEdit(self), "accountId")
        self.account_id.setToolTip(self.tr("A short name for this account: lower-case letters, digits, - and _."))
        self.name = named(QLineEdit(self), "accountName")
        self.name.setPlaceholderText(self.tr("e.g. Office, Sales team"))
        self.address = named(QLineEdit(self), "baseUrl")
        self.enabled = named(QCheckBox(self.tr("Use this account"), self), "enabled")

        connection = QFormLayout()
        connection.addRow(self.tr("Provider"), self.provider)
        connection.addRow(self.tr("Account ID"), self.account_id)
        connection.addRow(self.tr("Display name"), self.name)
        self.address_label = QLabel(self)
        connection.addRow(self.address_label, self.address)
        connection.addRow("", self.enabled)

        self.identity = QGroupBox(self.tr("Who I am at this account"), self)
        self.user = named(QLineEdit(self), "user")
        self.user_label = QLabel(self)
        self.user_help = _hint("", self)
        self.caller_id = named(QLineEdit(self), "callerId")
        self.caller_id.setPlaceholderText(self.tr("As set in the PBX (optional)"))
        self.caller_id_label = QLabel(self.tr("Presented number"), self)
        identity = QFormLayout(self.identity)
        identity.addRow(self.user_label, self.user)
        identity.addRow("", self.user_help)
        identity.addRow(self.caller_id_label, self.caller_id)

        self.panel_box = QGroupBox(self.tr("TeleCube panel (click-to-call) and request budget"), self)
        self.panel_url = named(QLineEdit(self), "panelUrl")
        self.panel_url.setPlaceholderText("https://panel.telecube.pl")
        self.login = named(QLineEdit(self), "panelLogin")
        self.daily_limit = named(QSpinBox(self, minimum=1, maximum=1_000_000), "dailyLimit")
        self.period_limit = named(QSpinBox(self, minimum=1, maximum=10_000_000), "periodLimit")
        panel = QFormLayout(self.panel_box)
        panel.addRow(self.tr("Panel address"), self.panel_url)
        panel.addRow(self.tr("Panel login"), self.login)
        panel.addRow(self.tr("Requests a day"), self.daily_limit)
        panel.addRow(self.tr("Requests a billing period"), self.period_limit)
        self.budget_used = _hint("", self)
        self.budget_used.setObjectName("budgetUsed")
        panel.addRow("", self.budget_used)

        # A short title: a group box is never narrower than its title, and the page must fit 960 px at 2×.
        self.secrets_box = QGroupBox(self.tr("Keys"), self)
        self.secrets_form = QFormLayout(self.secrets_box)
        # Each key's label ("CRM key (CRM_TOKEN)") goes above its field and each key's help spans the form: side
        # by side the long labels squeezed the fields to a few letters, and TeleDiscount's keys scrolled sideways.
        self.secrets_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.secrets_note = _hint(self.tr("Kept in the system keyring, never in the config file."), self)
        self.secrets_form.addRow(self.secrets_note)

        self.test_button = named(QPushButton(self.tr("Test connection"), self), "testConnection")
        self.test_button.clicked.connect(self.test_requested.emit)
        self.test_result = named(plain.label("", self), "testResult")  # quotes the provider's own words
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(connection)
        layout.addWidget(self.identity)
        layout.addWidget(self.secrets_box)
        layout.addWidget(self.panel_box)
        layout.addLayout(test_row)
        layout.addStretch(1)

    # -- one account in, one account out -------------------------------------------------------------
    def show_account(self, account: AccountSettings, typed: dict[str, str], *, is_new: bool) -> None:
        self.account = account
        self.typed = typed
        self.provider.blockSignals(True)
        self.provider.setCurrentIndex(self.provider.findData(account.provider.value))
        self.provider.blockSignals(False)
        self.provider.setEnabled(is_new)
        self.account_id.setText(account.id)
        self.account_id.setReadOnly(not is_new)  # secrets and call history are filed under the id
        self.name.setText(account.name)
        self.address.setText(account.base_url)
        self.enabled.setChecked(account.enabled)
        self.user.setText(account.user)
        self.caller_id.setText(account.caller_id)
        self.panel_url.setText(account.panel_url)
        self.login.setText(account.login)
        self.daily_limit.setValue(account.daily_request_limit)
        self.period_limit.setValue(account.period_request_limit)
        self.test_result.clear()
        self._show_form(self.forms[account.provider])
        self._show_budget(account, is_new=is_new)

    def _show_budget(self, account: AccountSettings, *, is_new: bool) -> None:
        """TeleCube requests used so far (counted by every Ringdesk on this database), so the limits can be
        set with the real traffic in view."""
        counted = self.forms[account.provider].budget and not is_new
        self.budget_used.setVisible(counted)
        if not counted:
            return
        status = self.runtime.settings.request_budget(account)
        text = self.tr("Used %1 of %2 requests today and %3 of %4 this billing period.")
        for mark, value in (
            ("%1", status.used_today),
            ("%2", status.daily_limit),
            ("%3", status.used_period),
            ("%4", status.period_limit),
        ):
            text = text.replace(mark, formatting.number_text(value))
        if status.resumes_at is not None:
            text += " " + self.tr("Spent: requests resume %1.").replace(
                "%1", formatting.relative_day_time(status.resumes_at)
            )
        self.budget_used.setText(text)

    def commit(self) -> None:
        """Copy the form into the account and the typed secrets (nothing is saved yet)."""
        account = self.account
        if account is None:
            return
        account.provider = Provider(self.provider.currentData())
        account.id = self.account_id.text().strip()
        account.name = self.name.text().strip()
        account.base_url = self.address.text().strip().rstrip("/")
        account.enabled = self.enabled.isChecked()
        account.user = self.user.text().strip()
        account.caller_id = self.caller_id.text().strip()
        account.panel_url = self.panel_url.text().strip().rstrip("/")
        account.login = self.login.text().strip()
        account.daily_request_limit = self.daily_limit.value()
        account.period_request_limit = self.period_limit.value()
        for name, edit in self._secret_edits.items():
            if edit.text():
                self.typed[name] = edit.text()

    def _provider_changed(self) -> None:
        form = self.forms[Provider(self.provider.currentData())]
        if not self.address.text() or self.address.text() in {f.default_address for f in self.forms.values()}:
            self.address.setText(form.default_address)
        self._show_form(form)

    def _show_form(self, form: AccountForm) -> None:
        self.address_label.setText(form.address_label)
        self.address.setPlaceholderText(form.address_example)
        self.user_label.setText(form.user_label)
        self.user.setPlaceholderText(form.user_example)
        self.user_help.setText(form.user_help)
        self.caller_id.setVisible(form.caller_id)
        self.caller_id_label.setVisible(form.caller_id)
        self.panel_box.setVisible(form.panel or form.budget)
        self._show_secrets(form)

    def _show_secrets(self, form: AccountForm) -> None:
        while self.secrets_form.rowCount() > 1:  # row 0: where the keys are kept
            self.secrets_form.removeRow(1)
        self._secret_edits = {}
        self.secrets_box.setVisible(bool(form.secrets))
        account_id = self.account.id if self.account else ""
        for field in form.secrets:
            edit = named(QLineEdit(self), f"secret_{field.name}")
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setText(self.typed.get(field.name, ""))
            stored = bool(account_id) and self.context.secrets.get(account_id, field.name) is not None
            edit.setPlaceholderText(self.tr("Stored — type to replace") if stored else self.tr("Not set"))
            edit.setEnabled(self.secure)
            reveal = QAction(self.tr("Show"), edit)
            reveal.setCheckable(True)
            reveal.toggled.connect(
                lambda on, e=edit: e.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)
            )
            edit.addAction(reveal, QLineEdit.ActionPosition.TrailingPosition)
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            if field.generated:
                make = named(QToolButton(self), f"generate_{field.name}")
                make.setText(self.tr("Generate"))
                make.setEnabled(self.secure)
                make.clicked.connect(
                    lambda _=False, e=edit: (e.setText(generate_secret()), e.setEchoMode(QLineEdit.EchoMode.Normal))
                )
                row.addWidget(make)
            help_text = (
                field.help
                if self.secure
                else field.help
                + " "
                + self.tr("Or set the environment variable %1.").replace(
                    "%1", env_name(account_id or "<id>", field.name)
                )
            )
            # The name as the variable, the logs, ``ringdesk doctor`` and the README spell it (CRM_TOKEN).
            self.secrets_form.addRow(f"{field.label} ({field.name.upper()})", row)
            self.secrets_form.addRow(_hint(help_text, self))  # under the key, across the form
            tip = (
                self.tr("Or the environment variable %1; in the keyring: %2.")
                .replace("%1", env_name(account_id or "<id>", field.name))
                .replace("%2", keyring_entry(account_id or "<id>", field.name))
            )
            edit.setToolTip(plain.tooltip(tip))  # the keyring entry has the account ID as typed
            self._secret_edits[field.name] = edit

    def show_probe_result(self, result: ProbeResult) -> None:
        if not result.ok:
            self.test_result.setStyleSheet(theme.error_style())
            self.test_result.setText(problem_text(result.problem) if result.problem else "")
            return
        self.test_result.setStyleSheet(theme.success_style())
        if result.agents is not None:
            text = self.tr("Connected: the provider lists %n user(s).", "", result.agents)
        elif result.calls is not None:
            text = self.tr("Connected: %n call(s) in the last hour.", "", result.calls)
        else:
            text = self.tr("Connected.")
        self.test_result.setText(text)


class AccountsPage(QWidget):
    """Add, edit, remove and test accounts; keeps working copies until the dialog saves them."""

    accounts_changed = Signal()

    def __init__(self, runtime: Runtime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.context = runtime.context
        self.working: list[AccountSettings] = []
        self.new: set[int] = set()  # id() of the accounts added in this dialog (their ID is still editable)
        self.typed: dict[int, dict[str, str]] = {}  # id(account) → typed secrets (the id may still change)
        self.removed: list[str] = []
        self._current: AccountSettings | None = None
        self._probe_task: object = None
        self._build()

    def _build(self) -> None:
        status = self.context.secrets.status()
        advice = self.tr(
            "No secure keyring was found. Install and unlock a Secret Service (GNOME Keyring or KWallet), "
            "or provide the keys as %1 environment variables."
        ).replace("%1", "RINGDESK_SECRET_<ACCOUNT>_<NAME>")  # status.advice says the same, in English only
        self.keyring_warning = named(plain.label(advice if not status.secure else "", self), "keyringWarning")
        self.keyring_warning.setWordWrap(True)
        self.keyring_warning.setStyleSheet(theme.warning_style())
        self.keyring_warning.setVisible(not status.secure)

        # Names are cut to the list's width: each item's tooltip has the whole one, as written (plain_tips).
        self.list = plain.plain_tips(named(QListWidget(self), "accountList"))
        self.list.setFixedWidth(180)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setSpacing(2)
        self.list.currentRowChanged.connect(self._select)
        self.add_button = named(QPushButton(self.tr("Add account"), self), "addAccount")
        menu = QMenu(self.add_button)
        for form in forms().values():
            action = menu.addAction(form.title)
            action.triggered.connect(lambda _=False, p=form.provider: self.add_account(p))
        self.add_button.setMenu(menu)
        self.remove_button = named(QPushButton(self.tr("Remove"), self), "removeAccount")
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        left.addLayout(buttons)

        self.editor = AccountEditor(self.runtime, self)
        self.editor.test_requested.connect(self.test_current)
        self.empty = QLabel(
            self.tr(
                "No accounts yet. Add the account of your telephony provider to see "
                "incoming calls and call with a click."
            ),
            self,
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # TeleCube's form (identity, two keys with their help, panel and budget) is taller than the dialog.
        self.editor_area = QScrollArea(self)
        self.editor_area.setWidgetResizable(True)
        self.editor_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.editor_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.editor_area.setWidget(self.editor)
        # The form's width changes after a selection too: the rows of another provider's keys are shown by Qt a
        # moment later (queued), and only then do they count. Measured at selection alone, the area kept the
        # width of the form before, and a wider form (longer labels, variable names in its hints) was cut off.
        self.editor.installEventFilter(self)
        right = QVBoxLayout()
        right.addWidget(self.editor_area, 1)
        right.addWidget(self.empty, 1)
        body = QHBoxLayout()
        body.addLayout(left)
        body.addSpacing(12)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.keyring_warning)
        layout.addLayout(body, 1)

    # -- the list -------------------------------------------------------------------------------------
    def load(self, accounts: list[AccountSettings]) -> None:
        self.working = [replace(a) for a in accounts]
        self.typed = {id(a): {} for a in self.working}
        self._refill(0)

    def _refill(self, select: int) -> None:
        self._current = None
        self.list.blockSignals(True)
        self.list.clear()
        titles = {f.provider: f.short for f in forms().values()}
        for account in self.working:
            item = QListWidgetItem(f"{account.display_name}\n{titles[account.provider]}")
            item.setToolTip(item.text())
            if not account.enabled:
                item.setForeground(QColor(theme.colors().muted))
            self.list.addItem(item)
        self.list.blockSignals(False)
        has = bool(self.working)
        self.editor_area.setVisible(has)
        self.empty.setVisible(not has)
        self.remove_button.setEnabled(has)
        if has:
            self.list.setCurrentRow(max(0, min(select, len(self.working) - 1)))
        self.accounts_changed.emit()

    def _select(self, row: int) -> None:
        self.commit()
        if not 0 <= row < len(self.working):
            return
        account = self.working[row]
        self._current = account
        self.editor.show_account(account, self.typed.setdefault(id(account), {}), is_new=id(account) in self.new)
        self._fit_editor_width()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.LayoutRequest:
            self._fit_editor_width()
        return super().eventFilter(watched, event)

    def _fit_editor_width(self) -> None:
        """Scroll the form vertically only: the area is as wide as the widest row of this provider's form
        (in this language), so the dialog grows sideways rather than cutting fields off."""
        bar = self.editor_area.verticalScrollBar().sizeHint().width()
        self.editor_area.setMinimumWidth(self.editor.minimumSizeHint().width() + bar)

    def commit(self) -> None:
        """Take the form's values into the working copy of the account shown."""
        if self._current is not None:
            self.editor.commit()

    def add_account(self, provider: Provider) -> None:
        self.commit()
        taken = {a.id for a in self.working}
        base = {
            Provider.CLOUDPBX: "pbx",
            Provider.TELEDISCOUNT: "telediscount",
            Provider.TELECUBE: "telecube",
            Provider.SANDBOX: "sandbox",
        }[provider]
        account_id = next(f"{base}{n or ''}" for n in range(100) if f"{base}{n or ''}" not in taken)
        account = AccountSettings(id=account_id, provider=provider, base_url=forms()[provider].default_address)
        self.working.append(account)
        self.new.add(id(account))
        self.typed[id(account)] = {}
        self._refill(len(self.working) - 1)
        self.editor.account_id.setFocus()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.working):
            return
        self._current = None
        account = self.working.pop(row)
        if id(account) not in self.new:
            self.removed.append(account.id)
        self.new.discard(id(account))
        self.typed.pop(id(account), None)
        self._refill(row)

    def typed_secrets(self) -> dict[str, dict[str, str]]:
        """account id → secrets typed for it (after :meth:`commit`)."""
        return {a.id: dict(self.typed.get(id(a), {})) for a in self.working if self.typed.get(id(a))}

    def problems(self) -> list[str]:
        """What must be fixed before saving, in words (checked again by the settings parser)."""
        self.commit()
        problems: list[str] = []
        seen: set[str] = set()
        for account in self.working:
            if not ACCOUNT_ID.match(account.id):
                problems.append(
                    self.tr("Account ID “%1”: use lower-case letters, digits, - and _ (up to 32).").replace(
                        "%1", account.id
                    )
                )
            elif account.id in seen:
                problems.append(self.tr("Account ID “%1” is used twice.").replace("%1", account.id))
            seen.add(account.id)
        return problems

    # -- test connection --------------------------------------------------------------------------------
    def test_current(self) -> None:
        """Probe the provider with the form as typed (not saved); the answer appears beside the button."""
        self.commit()
        account = self._current
        if account is None:
            return
        from app.ui import tasks

        secrets = TypedSecrets(self.context.secrets, dict(self.typed.get(id(account), {})), account.id)
        self.editor.test_button.setEnabled(False)
        self.editor.test_result.setStyleSheet("")
        self.editor.test_result.setText(self.tr("Asking the provider…"))
        editor = self.editor

        def done(result: ProbeResult) -> None:
            editor.test_button.setEnabled(True)
            if editor.account is account:
                editor.show_probe_result(result)

        self._probe_task = tasks.run(
            probe(replace(account), secrets, self.context.settings.general.region),
            title=self.tr("Test connection"),
            on_success=done,
        )
