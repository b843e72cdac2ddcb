"""``app.providers`` depends on ``app.core`` only, so a client is built from core types alone.

Why: the clients are the part most likely to be reused (the CLI, benchmarks, the proof tests), and an
import of the configuration would drag in the keyring and ``config.toml`` handling with them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app.core.accounts import Account, Provider, SecretSource
from app.core.errors import SecretStoreError
from app.providers.base import client_for
from app.providers.cloudpbx.client import CloudPbxClient
from app.providers.telecube.client import TeleCubeClient

PROVIDERS = Path(__file__).resolve().parents[2] / "app" / "providers"
ALLOWED = ("app.core", "app.providers")


def app_imports(path: Path) -> set[str]:
    """The ``app.…`` modules ``path`` imports, at any depth (deferred and TYPE_CHECKING imports too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {name for name in names if name == "app" or name.startswith("app.")}


def test_providers_import_only_core_and_themselves() -> None:
    offenders = [
        f"{path.relative_to(PROVIDERS.parent)} imports {name}"
        for path in sorted(PROVIDERS.rglob("*.py"))
        for name in sorted(app_imports(path))
        if not any(name == allowed or name.startswith(allowed + ".") for allowed in ALLOWED)
    ]
    assert offenders == []


class DictSecrets:
    """The least a secret source can be: a dict, no keyring, no configuration."""

    def __init__(self, values: dict[tuple[str, str], str]) -> None:
        self.values = values

    def get(self, account: str, name: str) -> str | None:
        return self.values.get((account, name))

    def require(self, account: str, name: str) -> str:
        value = self.get(account, name)
        if value is None:
            raise SecretStoreError(f"no {name}")
        return value


async def test_client_for_takes_a_core_account_and_any_secret_source() -> None:
    secrets: SecretSource = DictSecrets({("pbx", "token"): "t", ("cube", "api_key"): "k"})
    pbx = client_for(Account("pbx", Provider.CLOUDPBX, base_url="https://pbx.example", user="andy"), secrets)
    cube = client_for(Account("cube", Provider.TELECUBE, base_url="https://api.example", user="103"), secrets)
    try:
        assert isinstance(pbx, CloudPbxClient) and pbx.is_me("andy")
        assert isinstance(cube, TeleCubeClient)
    finally:
        await pbx.aclose()
        await cube.aclose()


def test_a_missing_secret_comes_from_the_source() -> None:
    with pytest.raises(SecretStoreError, match="api_key"):
        client_for(Account("td", Provider.TELEDISCOUNT, base_url="https://td.example"), DictSecrets({}))
