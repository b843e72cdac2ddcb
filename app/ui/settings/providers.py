"""What the account form asks for each provider, in the provider's own words.

Why per provider: "who I am" is a PBX user on Cloud PBX, a SIP account on TeleDiscount and an extension on
TeleCube; the address is a PBX domain, a fixed API host or a CCRM name. Showing the right label, example
and explanation is what lets an agent fill the form without a manual.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject

from app.config.secrets import SECRET_NAMES
from app.config.settings import DEFAULT_BASE_URLS, Provider


@dataclass(frozen=True, slots=True)
class SecretField:
    name: str  # the keyring name (SECRET_NAMES)
    label: str
    help: str
    generated: bool = False  # we make it up and the user pastes it into the provider's cabinet


@dataclass(frozen=True, slots=True)
class AccountForm:
    provider: Provider
    title: str
    short: str  # for lists
    address_label: str
    address_example: str
    user_label: str
    user_example: str
    user_help: str
    caller_id: bool  # the account may fix a presented number
    panel: bool  # TeleCube's panel login and address (click-to-call)
    budget: bool  # TeleCube's request limits
    secrets: tuple[SecretField, ...]

    @property
    def default_address(self) -> str:
        return DEFAULT_BASE_URLS.get(self.provider, "")


class ProviderForm(QObject):
    """Builds the forms; a QObject so its words are found by ``lupdate`` and translated under its name."""

    def build(self) -> list[AccountForm]:
        return [
            AccountForm(
                Provider.CLOUDPBX,
                self.tr("Cloud PBX (ITooLabs API: MegaFon, Gravitel, …)"),
                self.tr("Cloud PBX"),
                self.tr("PBX address"),
                "https://yourcompany.megapbx.ru",
                self.tr("PBX user"),
                "andy",
                self.tr("Your login at the PBX: calls ring this user's phone first."),
                caller_id=True,
                panel=False,
                budget=False,
                secrets=(
                    SecretField(
                        "token",
                        self.tr("API key"),
                        self.tr("The key for the API, from the PBX cabinet's CRM integration."),
                    ),
                    SecretField(
                        "crm_token",
                        self.tr("CRM key"),
                        self.tr(
                            "The key the PBX sends with every webhook. Generate one here and paste "
                            "it into the cabinet beside the webhook URL."
                        ),
                        generated=True,
                    ),
                ),
            ),
            AccountForm(
                Provider.TELEDISCOUNT,
                self.tr("TeleDiscount"),
                self.tr("TeleDiscount"),
                self.tr("API address"),
                "https://my.telediscount.ru",
                self.tr("SIP account"),
                "SIP/00000000672",
                self.tr("Your SIP account: click-to-call rings it first."),
                caller_id=False,
                panel=False,
                budget=False,
                secrets=(
                    SecretField(
                        "api_key",
                        self.tr("Integration key"),
                        self.tr("“КЛЮЧ ДЛЯ ИНТЕГРАЦИИ С CRM” from the TeleDiscount cabinet."),
                    ),
                    SecretField(
                        "webhook_secret",
                        self.tr("Webhook secret"),
                        self.tr(
                            "Part of the webhook URLs (TeleDiscount signs nothing, so the URL is the "
                            "secret). Made automatically; a new one changes the URLs."
                        ),
                        generated=True,
                    ),
                ),
            ),
            AccountForm(
                Provider.TELECUBE,
                self.tr("TeleCube / CCRM"),
                self.tr("TeleCube"),
                self.tr("CCRM address"),
                "https://yourcompany.ccrm.pl",
                self.tr("Extension"),
                "101",
                self.tr("Your internal number at the TeleCube PBX."),
                caller_id=True,
                panel=True,
                budget=True,
                secrets=(
                    SecretField("api_key", self.tr("CCRM API key"), self.tr("From CCRM: Settings › API.")),
                    SecretField(
                        "panel_api_key",
                        self.tr("Panel API key"),
                        self.tr("From the TeleCube panel (Integracja API); needed for click-to-call."),
                    ),
                ),
            ),
            AccountForm(
                Provider.SANDBOX,
                self.tr("Sandbox (simulated provider)"),
                self.tr("Sandbox"),
                self.tr("Sandbox address"),
                "http://127.0.0.1:8900",
                self.tr("PBX user"),
                "andy",
                self.tr("Any agent of the sandbox's company."),
                caller_id=False,
                panel=False,
                budget=False,
                secrets=(),
            ),
            AccountForm(
                Provider.HUB,
                self.tr("Team hub (your call centre's Ringdesk server)"),
                self.tr("Team hub"),
                self.tr("Hub address"),
                "https://hub.example.com",
                self.tr("Login"),
                "anna",
                self.tr("Your login at the hub, from your invite. The hub dials and sees calls as you."),
                caller_id=False,
                panel=False,
                budget=False,
                secrets=(
                    SecretField(
                        "token",
                        self.tr("Access token"),
                        self.tr(
                            "From your invite (the part after # in the join link). Your administrator makes a "
                            "new one with “ringdesk users reset”."
                        ),
                    ),
                ),
            ),
        ]


def forms() -> dict[Provider, AccountForm]:
    """The forms, translated now (call after the translator is installed)."""
    result = {form.provider: form for form in ProviderForm().build()}
    assert all(tuple(s.name for s in result[p].secrets) == SECRET_NAMES[p.value] for p in result)
    return result
