"""Secrets: keyring first, environment override for servers, never plaintext, never in logs."""

from __future__ import annotations

import logging
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail

from app.config import logs
from app.config.secrets import MemorySecretStore, SecretStore, env_name
from app.core.accounts import SecretSource
from app.core.errors import SecretStoreError


def test_secret_round_trip_through_the_keyring(memory_keyring) -> None:
    store = SecretStore()
    store.set("office", "token", "tok-123456")
    assert memory_keyring.items[("ringdesk", "office/token")] == "tok-123456"
    assert store.get("office", "token") == "tok-123456"
    store.delete("office", "token")
    assert store.get("office", "token") is None


def test_environment_overrides_the_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    assert env_name("my-office", "crm_token") == "RINGDESK_SECRET_MY_OFFICE_CRM_TOKEN"
    store = SecretStore()
    store.set("my-office", "crm_token", "from-keyring")
    monkeypatch.setenv("RINGDESK_SECRET_MY_OFFICE_CRM_TOKEN", "from-env-value")
    assert store.get("my-office", "crm_token") == "from-env-value"


def test_insecure_backend_is_refused_with_advice() -> None:
    keyring.set_keyring(fail.Keyring())
    store = SecretStore()
    assert not store.status().secure
    with pytest.raises(SecretStoreError, match="safely") as error:
        store.set("office", "token", "x" * 10)
    assert "Secret Service" in error.value.user_text()
    assert store.get("office", "token") is None


def test_missing_secret_says_how_to_set_it() -> None:
    with pytest.raises(SecretStoreError, match="no 'token' secret") as error:
        SecretStore().require("office", "token")
    assert "RINGDESK_SECRET_OFFICE_TOKEN" in error.value.user_text()


def test_secrets_never_reach_the_log(tmp_path: Path) -> None:
    log_file = logs.setup(tmp_path)
    SecretStore().set("office", "token", "s3cr3t-token-value")
    SecretStore().get("office", "token")
    log = logging.getLogger("test")
    log.info("request cmd=makeCall&token=abc123&phone=48777888999")
    log.info("echo from provider: %s", "s3cr3t-token-value")
    log.info("GET /hooks/td/AbCdEfGhIjKlMnOp/income?num_a=7903")
    log.info("headers {'Authorization': 'Bearer xyz987'}")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = log_file.read_text()
    for secret in ("s3cr3t-token-value", "abc123", "AbCdEfGhIjKlMnOp", "xyz987"):
        assert secret not in text
    assert "phone=48777888999" in text and "/income?num_a=7903" in text


def test_the_stores_are_what_provider_clients_take() -> None:
    """``SecretSource`` is structural: these assignments are checked by mypy, the call at run time."""
    sources: list[SecretSource] = [SecretStore(), MemorySecretStore({("office", "token"): "tok-1"})]
    assert sources[1].require("office", "token") == "tok-1"
