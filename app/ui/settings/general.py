"""The general page (region, language, role, start at login, phone links, dial shortcut, leads, recordings
cache) and the card page (including the ring sound and its output device).

Why the region matters enough to be first: numbers typed or sent without a country code (``8 910 …``,
``777 888 999``) are read in this region; a wrong one makes click-to-call dial the wrong country.

Why the desktop integrations show their status and not just a checkbox: registering for ``tel:`` links or
a global shortcut can be refused by the desktop (another app is the default, Wayland grants no global
keys, the key is taken); the page says so in the desktop's own words, with what to do, instead of a
setting that silently does nothing. The same for sound: where Qt Multimedia cannot load (a missing
``libpulse0``, :mod:`app.ui.media`), both pages say which library is missing and which package brings it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import phonenumbers
from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.config.settings import CardSettings, GeneralSettings, RecordingSettings, Role
from app.ui import media, plain, theme
from app.ui.hotkey import ShortcutError, availability, parse_shortcut
from app.ui.naming import named
from app.ui.notify import RingPlayer, audio_report
from app.ui.problems import status_text

if TYPE_CHECKING:
    from app.desktop.integration import Status

LANGUAGES = (("", None), ("en", "English"), ("pl", "Polski"), ("ru", "Русский"))
RING_PREVIEW_MS = 2600  # one ring of resources/sounds/ring.wav


def _hint(text: str, parent: QWidget) -> QLabel:
    label = plain.label(text, parent)  # the system's words (paths, commands) among ours
    label.setWordWrap(True)
    label.setStyleSheet(theme.hint_style())
    return label


def region_choices() -> list[tuple[str, str]]:
    """(name, code) of every region phone numbers can be read in, by name in the UI language."""
    names = []
    for code in phonenumbers.SUPPORTED_REGIONS:
        territory = QLocale.codeToTerritory(code)
        name = QLocale.territoryToString(territory) if territory != QLocale.Country.AnyTerritory else code
        names.append((f"{name} (+{phonenumbers.country_code_for_region(code)})", code))
    return sorted(names, key=lambda item: item[0].casefold())


class GeneralPage(QWidget):
    def __init__(
        self,
        autostart_status: Callable[[], str] | None = None,
        parent: QWidget | None = None,
        *,
        url_status: Callable[[], Status | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._autostart_status = autostart_status
        self._url_status = url_status
        self.url_handlers_loaded = False
        self.region = named(QComboBox(self), "region")
        self.region.setEditable(False)
        self.region.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.region.setMinimumContentsLength(24)  # the longest country name must not widen the page
        for name, code in region_choices():
            self.region.addItem(name, code)
        self.language = named(QComboBox(self), "language")
        for code, language in LANGUAGES:
            self.language.addItem(language or self.tr("As the system"), code)

        self.agent = named(QRadioButton(self.tr("Agent — my own calls and recordings"), self), "roleAgent")
        self.supervisor = named(QRadioButton(self.tr("Supervisor — every call and recording"), self), "roleSupervisor")
        self.roles = QButtonGroup(self)
        self.roles.addButton(self.agent)
        self.roles.addButton(self.supervisor)
        role_box = QVBoxLayout()
        role_box.addWidget(self.agent)
        role_box.addWidget(self.supervisor)

        self.start_at_login = named(
            QCheckBox(self.tr("Start Ringdesk when I log in (in the tray)"), self), "startAtLogin"
        )
        self.autostart_detail = _hint("", self)
        self.url_handlers = named(
            QCheckBox(self.tr("Open tel:, callto: and sip: links with Ringdesk"), self), "urlHandlers"
        )
        self.url_detail = _hint("", self)
        self.url_detail.setObjectName("urlDetail")
        self.dial_hotkey = named(QKeySequenceEdit(self), "dialHotkey")
        self.dial_hotkey.setMaximumSequenceLength(1)
        self.dial_hotkey.setClearButtonEnabled(True)
        self.dial_hotkey.setMaximumWidth(220)
        self.hotkey_detail = named(plain.label("", self), "hotkeyDetail")  # the desktop's reason, as it says it
        self.hotkey_detail.setWordWrap(True)
        self.create_leads = named(QCheckBox(self.tr("Create a contact for every unknown caller"), self), "createLeads")
        self.cache = named(QSpinBox(self, minimum=50, maximum=100_000, singleStep=256), "cacheMb")
        self.cache.setSuffix(" " + self.tr("MB"))
        self.audio_detail = named(QLabel(media.unavailable_text(), self), "audioDetail")
        self.audio_detail.setTextFormat(Qt.TextFormat.PlainText)  # it may quote the loader's own words
        self.audio_detail.setWordWrap(True)
        self.audio_detail.setStyleSheet(theme.warning_style())

        form = QFormLayout(self)
        form.addRow(self.tr("Numbers without a country code are in"), self.region)
        form.addRow("", _hint(self.tr("Used for numbers written like 8 910 123-45-67 or 777 888 999."), self))
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", _hint(self.tr("Takes effect when Ringdesk starts again."), self))
        form.addRow(self.tr("Role"), role_box)
        form.addRow(self.tr("Start"), self.start_at_login)
        form.addRow("", self.autostart_detail)
        form.addRow(self.tr("Phone links"), self.url_handlers)
        form.addRow("", self.url_detail)
        form.addRow(self.tr("Dial shortcut"), self.dial_hotkey)
        form.addRow("", self.hotkey_detail)
        form.addRow(self.tr("Contacts"), self.create_leads)
        form.addRow(self.tr("Recordings cache"), self.cache)
        if not media.audio_available():  # said where recordings are set up; the row is absent where sound works
            form.addRow(self.tr("Sound"), self.audio_detail)
        else:
            self.audio_detail.hide()

    def load(self, general: GeneralSettings, recordings: RecordingSettings) -> None:
        index = self.region.findData(general.region.upper())
        self.region.setCurrentIndex(index if index >= 0 else self.region.findData("PL"))
        self.language.setCurrentIndex(max(0, self.language.findData(general.language)))
        (self.supervisor if general.role is Role.SUPERVISOR else self.agent).setChecked(True)
        self.start_at_login.setChecked(general.start_at_login)
        self.create_leads.setChecked(general.create_leads)
        self.cache.setValue(recordings.cache_max_mb)
        self.autostart_detail.setText(self._autostart_status() if self._autostart_status else "")
        self.dial_hotkey.setKeySequence(
            QKeySequence.fromString(general.dial_hotkey, QKeySequence.SequenceFormat.PortableText)
        )
        self._explain_hotkey()
        self.show_url_status(self._url_status() if self._url_status else None)

    def show_url_status(self, status: Status | None, *, wanted: bool = False) -> None:
        """The link handlers' state as the OS reports it (None: this platform has no way to register);
        ``wanted``: the agent just switched them on, so a refusal comes with the desktop's fix."""
        self.url_handlers.setEnabled(status is not None)
        self.url_handlers.setChecked(status is not None and status.installed)
        self.url_handlers_loaded = self.url_handlers.isChecked()
        self.url_detail.setText(status_text(status, with_fix=wanted) if status is not None else "")

    @property
    def url_handlers_changed(self) -> bool:
        return self.url_handlers.isEnabled() and self.url_handlers.isChecked() != self.url_handlers_loaded

    def hotkey_text(self) -> str:
        return self.dial_hotkey.keySequence().toString(QKeySequence.SequenceFormat.PortableText)

    def _explain_hotkey(self) -> None:
        """Whether a global shortcut can work in this session, said before the agent relies on it."""
        possible = availability()
        if possible.available:
            self.hotkey_detail.setStyleSheet(theme.hint_style())
            self.hotkey_detail.setText(
                self.tr(
                    "Press it in any application to call the selected number, or the "
                    "one in the clipboard. Empty: no shortcut."
                )
            )
        else:
            self.hotkey_detail.setStyleSheet(theme.warning_style())
            self.hotkey_detail.setText(self.tr("A global shortcut cannot work here. %1").replace("%1", possible.reason))

    def problems(self) -> list[str]:
        """What cannot be saved as typed (a shortcut without a modifier would swallow a key everywhere)."""
        text = self.hotkey_text()
        if not text:
            return []
        try:
            parse_shortcut(text)
        except ShortcutError as error:
            return [self.tr("Dial shortcut: %1").replace("%1", str(error))]
        return []

    def store(self, general: GeneralSettings, recordings: RecordingSettings) -> None:
        general.region = self.region.currentData()
        general.language = self.language.currentData()
        general.role = Role.SUPERVISOR if self.supervisor.isChecked() else Role.AGENT
        general.start_at_login = self.start_at_login.isChecked()
        general.create_leads = self.create_leads.isChecked()
        general.dial_hotkey = self.hotkey_text()
        recordings.cache_max_mb = self.cache.value()


class CardsPage(QWidget):
    """How incoming-call cards behave."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards = named(QRadioButton(self.tr("Show a card for every incoming call"), self), "modeCards")
        self.click_only = named(QRadioButton(self.tr("Click-to-call only (no cards)"), self), "modeClickOnly")
        modes = QButtonGroup(self)
        modes.addButton(self.cards)
        modes.addButton(self.click_only)
        self.close_after = named(QSpinBox(self, minimum=0, maximum=3600), "closeAfter")
        self.close_after.setSuffix(" " + self.tr("s"))
        self.close_after.setSpecialValueText(self.tr("Keep until closed"))
        self.crm_url = named(QLineEdit(self), "crmUrl")
        self.crm_url.setPlaceholderText("https://crm.example.com/search?q={phone}")
        self.ring_sound = named(QCheckBox(self.tr("Play a sound when a card appears"), self), "ringSound")
        self.ring_device = named(QComboBox(self), "ringDevice")
        self.ring_test = named(QPushButton(self.tr("Test"), self), "ringTest")
        self.ring_test.setToolTip(self.tr("Play the ring once on this output"))
        self.ring_test.clicked.connect(self._test_ring)
        self.ring_detail = _hint("", self)
        self.ring_sound.toggled.connect(self._ring_enabled)
        self._preview: RingPlayer | None = None
        self._devices_listed = False  # QtMultimedia is asked for outputs only when this page is first shown
        self.reset_position = named(QPushButton(self.tr("Put cards back in the corner"), self), "resetPosition")
        self.reset_position.clicked.connect(lambda: self.reset_position.setEnabled(False))
        self._position = ""

        mode_box = QVBoxLayout()
        mode_box.addWidget(self.cards)
        mode_box.addWidget(self.click_only)
        form = QFormLayout(self)
        form.addRow(self.tr("Cards"), mode_box)
        form.addRow(self.tr("Close an ended call's card after"), self.close_after)
        form.addRow(self.tr("CRM link"), self.crm_url)
        form.addRow(
            "",
            _hint(self.tr("Opened by the card's CRM button. Placeholders: {phone}, {name}, {call_id}, {line}."), self),
        )
        form.addRow("", self.ring_sound)
        device_row = QHBoxLayout()
        device_row.addWidget(self.ring_device, 1)
        device_row.addWidget(self.ring_test)
        form.addRow(self.tr("Ring on"), device_row)
        form.addRow("", self.ring_detail)
        form.addRow("", self._left(self.reset_position))

    def _left(self, widget: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(widget)
        row.addStretch(1)
        return row

    def load(self, card: CardSettings) -> None:
        (self.click_only if card.mode == "click_to_call_only" else self.cards).setChecked(True)
        self.close_after.setValue(card.close_after_s)
        self.crm_url.setText(card.crm_url_template)
        self.ring_sound.setChecked(card.ring_sound)
        self._fill_devices(card.ring_device)
        self._ring_enabled(card.ring_sound)
        self._position = card.position
        self.reset_position.setEnabled(bool(card.position))

    def store(self, card: CardSettings) -> None:
        card.mode = "click_to_call_only" if self.click_only.isChecked() else "cards"
        card.close_after_s = self.close_after.value()
        card.crm_url_template = self.crm_url.text().strip()
        card.ring_sound = self.ring_sound.isChecked()
        card.ring_device = str(self.ring_device.currentData() or "")
        card.position = self._position if self.reset_position.isEnabled() else ""

    def showEvent(self, event: QShowEvent) -> None:
        if not self._devices_listed:
            self._devices_listed = True
            self._fill_devices(str(self.ring_device.currentData() or ""))
        super().showEvent(event)

    def _fill_devices(self, chosen: str) -> None:
        """The outputs Qt sees now; a chosen one that is unplugged stays listed, so saving keeps it.

        Until the page is shown only the chosen id is listed: opening an audio backend takes time and
        logs its own complaints on machines without sound, which the other pages need not cause."""
        self.ring_device.clear()
        self.ring_device.addItem(self.tr("System default output"), "")
        if self._devices_listed and media.audio_available():
            from PySide6.QtMultimedia import QMediaDevices

            for device in QMediaDevices.audioOutputs():
                self.ring_device.addItem(device.description(), bytes(device.id().data()).hex())
        if chosen and self.ring_device.findData(chosen) < 0:
            self.ring_device.addItem(
                self.tr("The chosen device (not connected now)")
                if self._devices_listed
                else self.tr("The chosen device"),
                chosen,
            )
        self.ring_device.setCurrentIndex(max(0, self.ring_device.findData(chosen)))
        if not media.audio_available():
            self.ring_detail.setStyleSheet(theme.warning_style())
            self.ring_detail.setText(media.unavailable_text())
            return
        if not self._devices_listed:
            return
        report = audio_report()
        if not report.backend:
            self.ring_detail.setText(
                self.tr(
                    "No sound can play on this computer: Qt found no audio backend "
                    "(install the system's PulseAudio and X RandR libraries)."
                )
            )
        elif not report.devices:
            self.ring_detail.setText(
                self.tr("No audio output is connected now; the ring uses the system default as soon as there is one.")
            )
        else:
            self.ring_detail.setText("")

    def _ring_enabled(self, on: bool) -> None:
        """The output and its test follow the checkbox, where a sound can play at all (the checkbox itself
        stays: the choice is kept for when the missing library is installed)."""
        on = on and media.audio_available()
        self.ring_device.setEnabled(on)
        self.ring_test.setEnabled(on)

    def _test_ring(self) -> None:
        """One ring on the selected output, so the agent can pick the headset by ear."""
        from app.ui.alerts import RING_SOUND

        if self._preview is None:
            self._preview = RingPlayer(RING_SOUND, str(self.ring_device.currentData() or ""), self)
        else:
            self._preview.set_device(str(self.ring_device.currentData() or ""))
        self._preview.play()
        QTimer.singleShot(RING_PREVIEW_MS, self._preview.stop)
