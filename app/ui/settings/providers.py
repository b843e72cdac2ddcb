"""What the account form asks for each provider, in the provider's own words.

Why per provider: "who I am" is a PBX user on Cloud PBX, a SIP account on TeleDiscount and an extension on
TeleCube; the address is a PBX domain, a fixed API host or a CCRM name. Showing the right label, example
and explanation is what lets an agent fill the form without a manual.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from app.config.secrets import SECRET_NAMES
from app.config.settings import DEFAULT_BASE_URLS, Provider


def _t(text: str) -> str:
    return QCoreApplication.translate("ProviderForm", text)


@dataclass(frozen=True, slots=True)
class SecretField:
    name: str  # the keyring name (SECRET_NAMES)
    label: str
    help: str
    generated: bool = False  # we make it up and the user pastes it into the provider's cabinet


@dataclass(frozen=True, slots=True)
class ProviderForm:
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


def forms() -> dict[Provider, ProviderForm]:
    """The forms, translated now (call after the translator is installed)."""
    forms = [
        ProviderForm(
            Provider.CLOUDPBX, _t("Cloud PBX (ITooLabs API: MegaFon, Gravitel, …)"), _t("Cloud PBX"),
            _t("PBX address"), "https://yourcompany.megapbx.ru",
            _t("PBX user"), "andy",
            _t("Your login at the PBX: calls ring this user's phone first."),
            caller_id=True, panel=False, budget=False,
            secrets=(
                SecretField("token", _t("API key"), _t("The key for the API, from the PBX cabinet's CRM integration.")),
                SecretField("crm_token", _t("CRM key"),
                            _t("The key the PBX sends with every webhook. Generate one here and paste it into the "
                               "cabinet beside the webhook URL."), generated=True),
            )),
        ProviderForm(
            Provider.TELEDISCOUNT, _t("TeleDiscount"), _t("TeleDiscount"),
            _t("API address"), "https://my.telediscount.ru",
            _t("SIP account"), "SIP/00000000672",
            _t("Your SIP account: click-to-call rings it first."),
            caller_id=False, panel=False, budget=False,
            secrets=(
                SecretField("api_key", _t("Integration key"),
                            _t("“КЛЮЧ ДЛЯ ИНТЕГРАЦИИ С CRM” from the TeleDiscount cabinet.")),
                SecretField("webhook_secret", _t("Webhook secret"),
                            _t("Part of the webhook URLs (TeleDiscount signs nothing, so the URL is the secret). "
                               "Made automatically; a new one changes the URLs."), generated=True),
            )),
        ProviderForm(
            Provider.TELECUBE, _t("TeleCube / CCRM"), _t("TeleCube"),
            _t("CCRM address"), "https://yourcompany.ccrm.pl",
            _t("Extension"), "101",
            _t("Your internal number at the TeleCube PBX."),
            caller_id=True, panel=True, budget=True,
            secrets=(
                SecretField("api_key", _t("CCRM API key"), _t("From CCRM: Settings › API.")),
                SecretField("panel_api_key", _t("Panel API key"),
                            _t("From the TeleCube panel (Integracja API); needed for click-to-call.")),
            )),
        ProviderForm(
            Provider.SANDBOX, _t("Sandbox (simulated provider)"), _t("Sandbox"),
            _t("Sandbox address"), "http://127.0.0.1:8900",
            _t("PBX user"), "andy",
            _t("Any agent of the sandbox's company."),
            caller_id=False, panel=False, budget=False, secrets=()),
    ]
    result = {form.provider: form for form in forms}
    assert all(tuple(s.name for s in result[p].secrets) == SECRET_NAMES[p.value] for p in result)
    return result
