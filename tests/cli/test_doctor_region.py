"""``ringdesk doctor`` says which country numbers without a country code are read in, and where that comes
from (issue 15, point 13): config.toml, the system locale, or neither (a warning, with the fix).

A real process, as the user runs it; the locale is the process's environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def doctor(home: Path, lang: str) -> str:
    """``ringdesk doctor --offline``'s output under the locale ``lang`` (LANG, no LC_* overriding it)."""
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_TELEPHONE", "LC_CTYPE")}
    done = subprocess.run(
        [sys.executable, "-m", "app", "doctor", "--offline"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        env={**env, "RINGDESK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "LANG": lang},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def region_lines(output: str) -> list[str]:
    lines = output.splitlines()
    found = [i for i, line in enumerate(lines) if line.startswith(("[ ok ] Region:", "[warn] Region:"))]
    assert len(found) == 1, output
    shown = lines[found[0] : found[0] + 2]
    return shown if shown[-1].startswith("       Fix:") else shown[:1]


def write_config(home: Path, text: str) -> Path:
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_region_of_the_system_locale(ringdesk_home: Path) -> None:
    assert region_lines(doctor(ringdesk_home, "ru_RU.UTF-8")) == [
        "[ ok ] Region: Numbers without a country code are read as RU (+7), the country of the system locale "
        "(ru_RU.UTF-8); set region under [general] in config.toml to choose another."
    ]


def test_the_region_set_in_config_toml(ringdesk_home: Path) -> None:
    write_config(ringdesk_home, '[general]\nregion = "DE"\n')
    assert region_lines(doctor(ringdesk_home, "ru_RU.UTF-8")) == [
        "[ ok ] Region: Numbers without a country code are read as DE (+49): region under [general] in config.toml."
    ]


def test_a_locale_naming_no_country_is_a_warning_with_the_fix(ringdesk_home: Path) -> None:
    config = write_config(ringdesk_home, '[general]\nlanguage = ""\n')
    detail, fix = region_lines(doctor(ringdesk_home, "C.UTF-8"))
    assert detail.startswith("[warn] Region: Numbers without a country code are read as PL (+48), because")
    assert "the system locale (C.UTF-8) names no country" in detail
    assert fix.startswith("       Fix: ") and f"[general] of {config}" in fix and "Settings" not in fix
    assert "region under [general]" not in detail  # the way to change it is said once, on the Fix line
