"""The benchmark runner's headless environment and the --quick store (not the benchmarks themselves)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import datagen, headless
from bench.__main__ import child_environment


def test_prepare_goes_offscreen_with_the_null_keyring_and_quiet_categories() -> None:
    env = headless.prepare({})
    assert env["QT_QPA_PLATFORM"] == "offscreen"
    assert env["PYTHON_KEYRING_BACKEND"] == headless.NULL_KEYRING
    assert env["QT_LOGGING_RULES"] == "qt.qpa.*=false;qt.multimedia.symbolsresolver=false"


def test_prepare_keeps_what_the_caller_chose() -> None:
    env = headless.prepare(
        {"QT_QPA_PLATFORM": "xcb", "QT_LOGGING_RULES": "qt.qpa.*=true;app.*=false", "PYTHON_KEYRING_BACKEND": "x.Y"}
    )
    assert env["QT_QPA_PLATFORM"] == "xcb"
    assert env["PYTHON_KEYRING_BACKEND"] == "x.Y"
    assert env["QT_LOGGING_RULES"] == "qt.qpa.*=true;app.*=false;qt.multimedia.symbolsresolver=false"


def test_the_runner_forces_a_temporary_home_and_the_null_keyring(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("RINGDESK_HOME", "/home/someone/real")
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")
    env = child_environment(str(tmp_path))
    assert env["RINGDESK_HOME"] == str(tmp_path)
    assert env["PYTHON_KEYRING_BACKEND"] == headless.NULL_KEYRING


def test_only_the_exact_platform_lines_count_as_harmless() -> None:
    assert headless.harmless("This plugin does not support raise()\n")
    assert headless.harmless("This plugin does not support propagateSizeHints()\r\n")
    assert not headless.harmless("This plugin does not support raise() and something broke\n")
    assert not headless.harmless("Traceback (most recent call last):\n")


def test_the_quick_store_is_temporary_and_never_under_bench_data() -> None:
    existed = datagen.DATA.exists()
    with datagen.bench_store(200, 100, quick=True) as (path, built):
        assert path.exists() and built > 0
        assert datagen.DATA not in path.parents
    assert not path.parent.exists()
    assert datagen.DATA.exists() == existed
