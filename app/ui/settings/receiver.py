"""The webhook receiver page: where Ringdesk listens, TLS, who may call it, and the URLs to paste.

Why the URLs are shown here, exact, with a copy button: pasting the right URL into the provider's
cabinet is the step most integrations get wrong (wrong port, missing path, the TeleDiscount secret).
They are built by the function ``ringdesk serve`` prints them with
(:func:`app.services.webhook_urls.webhook_urls`) from the settings being edited, so what is shown is what
the receiver will answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.config.settings import AccountSettings, Provider, ServerSettings, Settings
from app.services.webhook_urls import base_url, is_loopback, webhook_urls
from app.ui import plain, theme
from app.ui.naming import named

if TYPE_CHECKING:
    from app.runtime import Runtime


class ReceiverPage(QWidget):
    def __init__(self, runtime: Runtime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = runtime.context
        self.runtime = runtime
        self.listen = named(QLineEdit(self), "listen")
        self.listen.setPlaceholderText("127.0.0.1:8765")
        self.listen_hint = QLabel(self)
        self.listen_hint.setWordWrap(True)
        self.listen.textChanged.connect(self._explain_listen)
        self.tls_cert_row, self.tls_cert = self._file_field("tlsCert", self.tr("Certificate (PEM)"))
        self.tls_key_row, self.tls_key = self._file_field("tlsKey", self.tr("Private key (PEM)"))
        self.allow = named(QPlainTextEdit(self), "allow")
        self.allow.setPlaceholderText(self.tr("One network per line, e.g. 203.0.113.0/24 (empty: anyone)"))
        self.allow.setFixedHeight(72)

        where = QGroupBox(self.tr("Where Ringdesk listens"), self)
        form = QFormLayout(where)
        form.addRow(self.tr("Address and port"), self.listen)
        form.addRow("", self.listen_hint)
        form.addRow(self.tr("TLS certificate"), self.tls_cert_row)
        form.addRow(self.tr("TLS key"), self.tls_key_row)
        form.addRow(self.tr("Allowed senders"), self.allow)

        self.urls_box = QGroupBox(self.tr("Paste these into each provider's cabinet"), self)
        self.urls_layout = QVBoxLayout(self.urls_box)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.urls_box)
        layout.addStretch(1)

    def _file_field(self, name: str, title: str) -> tuple[QWidget, QLineEdit]:
        """A path field with a "Choose…" button; returns (the row, the field)."""
        holder = QWidget(self)
        edit = named(QLineEdit(holder), name)
        browse = QToolButton(holder)
        browse.setText(self.tr("Choose…"))
        browse.clicked.connect(lambda: self._choose_file(edit, title))
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        row.addWidget(browse)
        return holder, edit

    def _choose_file(self, edit: QLineEdit, title: str) -> None:
        dialog = QFileDialog(self, title)  # non-modal: no nested event loop
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(edit.setText)
        dialog.open()

    def _explain_listen(self) -> None:
        host = self.listen.text().rsplit(":", 1)[0].strip("[]")
        if not host or is_loopback(host):
            text = self.tr(
                "Only this computer can reach it: providers on the internet need a tunnel or a public address."
            )
        else:
            text = self.tr("Reachable from the network: restrict the senders below and use TLS.")
        self.listen_hint.setText(text)

    # -- settings in and out ---------------------------------------------------------------------------
    def load(self, server: ServerSettings) -> None:
        self.listen.setText(server.listen)
        self.tls_cert.setText(server.tls_cert)
        self.tls_key.setText(server.tls_key)
        self.allow.setPlainText("\n".join(server.allow))

    def store(self, server: ServerSettings) -> None:
        server.listen = self.listen.text().strip()
        server.tls_cert = self.tls_cert.text().strip()
        server.tls_key = self.tls_key.text().strip()
        server.allow = [line.strip() for line in self.allow.toPlainText().splitlines() if line.strip()]

    def show_urls(self, accounts: list[AccountSettings]) -> None:
        """Rebuild the URL list for ``accounts`` as they are being edited, with the receiver fields above."""
        while self.urls_layout.count():
            item = self.urls_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)  # gone now, not at the next event-loop turn
                widget.deleteLater()
        server = ServerSettings()
        self.store(server)
        try:
            running = self.runtime.address.port if self.runtime.address else None
            base = base_url(server, running)
        except (ValueError, IndexError):
            self.urls_layout.addWidget(QLabel(self.tr("Enter the address as HOST:PORT to see the URLs."), self))
            return
        urls = webhook_urls(Settings(server=server, accounts=accounts), self.context.secrets, base)
        if not accounts:
            self.urls_layout.addWidget(QLabel(self.tr("Add an account first."), self))
        for account in accounts:
            self.urls_layout.addWidget(self._account_urls(account, urls.get(account.id, [])))

    def _account_urls(self, account: AccountSettings, urls: list[str]) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 4)
        title = plain.label(account.display_name, box)  # typed by a person: plain text, bold by font
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        for url in urls:
            row = QHBoxLayout()
            field = named(QLineEdit(url, box), "webhookUrl")
            field.setReadOnly(True)
            field.setCursorPosition(0)
            copy = named(QToolButton(box), "copyUrl")
            copy.setText(self.tr("Copy"))
            copy.clicked.connect(lambda _=False, u=url: QGuiApplication.clipboard().setText(u))
            row.addWidget(field, 1)
            row.addWidget(copy)
            layout.addLayout(row)
        note = QLabel(self._note(account, urls), box)
        note.setWordWrap(True)
        note.setStyleSheet(theme.hint_style())
        layout.addWidget(note)
        return box

    def _note(self, account: AccountSettings, urls: list[str]) -> str:
        if account.provider is Provider.TELECUBE:
            return self.tr("TeleCube sends no webhooks: its calls arrive with the history sync.")
        if account.provider is Provider.TELEDISCOUNT and not urls:
            return self.tr("Save the settings to create this account's webhook secret and its URLs.")
        if account.provider is Provider.TELEDISCOUNT:
            return self.tr(
                "First URL: “start of incoming call”; second: “end of call”. The URL is the secret: keep it private."
            )
        if account.provider is Provider.CLOUDPBX:
            return self.tr("In the PBX cabinet's CRM integration: this URL, and the CRM key from the account.")
        return self.tr("The sandbox sends its webhooks here.")
