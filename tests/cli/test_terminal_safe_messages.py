"""What the command line prints about outside text never drives the terminal: a number typed (or a link
clicked) with escape sequences is quoted back without them."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.config.secrets import env_name

CONFIG = """[[accounts]]
id = "office"
provider = "cloudpbx"
base_url = "http://127.0.0.1:9"
user = "andy"
"""


def test_a_refused_number_is_quoted_without_terminal_controls(
    ringdesk_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (ringdesk_home / "config").mkdir(parents=True, exist_ok=True)
    (ringdesk_home / "config" / "config.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.setenv(env_name("office", "token"), "token-for-the-test-123")
    code = main(["call", "--account", "office", "\x1b]0;pwned\x07not-a-number\x1b[31m"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "not-a-number" in err  # still says which number
    assert "\x1b" not in err and "\x07" not in err, repr(err)
