"""The general page (region, language, role, start at login, leads, recordings cache) and the card page.

Why the region matters enough to be first: numbers typed or sent without a country code (``8 910 …``,
``777 888 999``) are read in this region; a wrong one makes click-to-call dial the wrong country.
"""

from __future__ import annotations

from collections.abc import Callable

import phonenumbers
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.config.settings import CardSettings, GeneralSettings, RecordingSettings, Role

LANGUAGES = (("", None), ("en", "English"), ("pl", "Polski"), ("ru", "Русский"))


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
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
    def __init__(self, autostart_status: Callable[[], str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._autostart_status = autostart_status
        self.region = QComboBox(self, objectName="region")
        self.region.setEditable(False)
        for name, code in region_choices():
            self.region.addItem(name, code)
        self.language = QComboBox(self, objectName="language")
        for code, name in LANGUAGES:
            self.language.addItem(name or self.tr("As the system"), code)

        self.agent = QRadioButton(self.tr("Agent — my own calls and recordings"), self, objectName="roleAgent")
        self.supervisor = QRadioButton(self.tr("Supervisor — every call and recording"), self,
                                       objectName="roleSupervisor")
        self.roles = QButtonGroup(self)
        self.roles.addButton(self.agent)
        self.roles.addButton(self.supervisor)
        role_box = QVBoxLayout()
        role_box.addWidget(self.agent)
        role_box.addWidget(self.supervisor)

        self.start_at_login = QCheckBox(self.tr("Start Ringdesk when I log in (in the tray)"), self,
                                        objectName="startAtLogin")
        self.autostart_detail = _hint("", self)
        self.create_leads = QCheckBox(self.tr("Create a contact for every unknown caller"), self,
                                      objectName="createLeads")
        self.cache = QSpinBox(self, objectName="cacheMb", minimum=50, maximum=100_000, singleStep=256)
        self.cache.setSuffix(" " + self.tr("MB"))

        form = QFormLayout(self)
        form.addRow(self.tr("Numbers without a country code are in"), self.region)
        form.addRow("", _hint(self.tr("Used for numbers written like 8 910 123-45-67 or 777 888 999."), self))
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", _hint(self.tr("Takes effect when Ringdesk starts again."), self))
        form.addRow(self.tr("Role"), role_box)
        form.addRow(self.tr("Start"), self.start_at_login)
        form.addRow("", self.autostart_detail)
        form.addRow(self.tr("Contacts"), self.create_leads)
        form.addRow(self.tr("Recordings cache"), self.cache)

    def load(self, general: GeneralSettings, recordings: RecordingSettings) -> None:
        index = self.region.findData(general.region.upper())
        self.region.setCurrentIndex(index if index >= 0 else self.region.findData("PL"))
        self.language.setCurrentIndex(max(0, self.language.findData(general.language)))
        (self.supervisor if general.role is Role.SUPERVISOR else self.agent).setChecked(True)
        self.start_at_login.setChecked(general.start_at_login)
        self.create_leads.setChecked(general.create_leads)
        self.cache.setValue(recordings.cache_max_mb)
        self.autostart_detail.setText(self._autostart_status() if self._autostart_status else "")

    def store(self, general: GeneralSettings, recordings: RecordingSettings) -> None:
        general.region = self.region.currentData()
        general.language = self.language.currentData()
        general.role = Role.SUPERVISOR if self.supervisor.isChecked() else Role.AGENT
        general.start_at_login = self.start_at_login.isChecked()
        general.create_leads = self.create_leads.isChecked()
        recordings.cache_max_mb = self.cache.value()


class CardsPage(QWidget):
    """How incoming-call cards behave."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards = QRadioButton(self.tr("Show a card for every incoming call"), self, objectName="modeCards")
        self.click_only = QRadioButton(self.tr("Click-to-call only (no cards)"), self, objectName="modeClickOnly")
        modes = QButtonGroup(self)
        modes.addButton(self.cards)
        modes.addButton(self.click_only)
        self.close_after = QSpinBox(self, objectName="closeAfter", minimum=0, maximum=3600)
        self.close_after.setSuffix(" " + self.tr("s"))
        self.close_after.setSpecialValueText(self.tr("Keep until closed"))
        self.crm_url = QLineEdit(self, objectName="crmUrl")
        self.crm_url.setPlaceholderText("https://crm.example.com/search?q={phone}")
        self.ring_sound = QCheckBox(self.tr("Play a sound when a card appears"), self, objectName="ringSound")
        self.reset_position = QPushButton(self.tr("Put cards back in the corner"), self, objectName="resetPosition")
        self.reset_position.clicked.connect(lambda: self.reset_position.setEnabled(False))
        self._position = ""

        mode_box = QVBoxLayout()
        mode_box.addWidget(self.cards)
        mode_box.addWidget(self.click_only)
        form = QFormLayout(self)
        form.addRow(self.tr("Cards"), mode_box)
        form.addRow(self.tr("Close an ended call's card after"), self.close_after)
        form.addRow(self.tr("CRM link"), self.crm_url)
        form.addRow("", _hint(self.tr("Opened by the card's CRM button. Placeholders: {phone}, {name}, {call_id}, "
                                      "{line}."), self))
        form.addRow("", self.ring_sound)
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
        self._position = card.position
        self.reset_position.setEnabled(bool(card.position))

    def store(self, card: CardSettings) -> None:
        card.mode = "click_to_call_only" if self.click_only.isChecked() else "cards"
        card.close_after_s = self.close_after.value()
        card.crm_url_template = self.crm_url.text().strip()
        card.ring_sound = self.ring_sound.isChecked()
        card.position = self._position if self.reset_position.isEnabled() else ""
