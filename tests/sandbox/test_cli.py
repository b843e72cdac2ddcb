"""``ringdesk sandbox``: flags, the banner, and a clean stop on SIGINT/SIGTERM."""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from app.cli import sandbox as cli

ROOT = Path(__file__).resolve().parents[2]


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    cli.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(["sandbox", *argv])


def test_flags_build_the_config() -> None:
    args = parse(
        "--rate",
        "30",
        "--seed",
        "9",
        "--time-scale",
        "0.01",
        "--crm-url",
        "http://127.0.0.1:8765/crm",
        "--crm-token",
        "T",
        "--td-income-url",
        "http://h/i",
        "--td-finished-url",
        "http://h/f",
        "--fault",
        "cloudpbx.history:status:503",
        "--set",
        "makecall_answer=uuid",
        "--set",
        "send_missed_history=false",
        "--daily-limit",
        "50",
    )
    assert args.func is cli.run
    config = cli.build_config(args)
    assert (config.rate, config.seed, config.time_scale) == (30.0, 9, 0.01)
    assert (config.crm_url, config.crm_token) == ("http://127.0.0.1:8765/crm", "T")
    assert (config.td_income_url, config.td_finished_url) == ("http://h/i", "http://h/f")
    assert config.makecall_answer == "uuid" and config.send_missed_history is False
    assert config.telecube_daily_limit == 50
    assert args.fault == ["cloudpbx.history:status:503"]


def test_bad_flags_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.run(parse("--fault", "nonsense")) == 2
    assert cli.run(parse("--set", "no_such_option=1")) == 2
    assert "ringdesk sandbox:" in capsys.readouterr().err


def test_module_import_is_light() -> None:
    code = "import sys, app.cli.sandbox; print('aiohttp' in sys.modules, 'app.sandbox' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.split() == ["False", "False"]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_runs_until_signalled(sig: signal.Signals) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-c",
        "import sys; from app.cli import main; sys.exit(main())",
        "sandbox",
        "--port",
        "0",
        "--crm-url",
        "http://127.0.0.1:9/crm",
    ]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env
    ) as proc:
        try:
            assert proc.stdout is not None
            banner = []
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                line = proc.stdout.readline()
                banner.append(line)
                if "Press Ctrl+C" in line or not line:
                    break
            text = "".join(banner)
            base = re.search(r"sandbox on (http://127\.0\.0\.1:\d+)", text)
            assert base, text
            for expected in (
                "/sys/crm_api.wcgp",
                "5f317b9f-e86c-41f7-a6fc-c76eb0da0000",
                "http://127.0.0.1:9/crm",
                "76fsd7tfs-fhjdgdjfsfsk-hfgsdguuuwoeiweyl111",
                "/api.php/telephony/",
                "345jf201kmn4bc6r72mn7cvu",
                "/publicApi/",
                "Bearer 1234567890abcdefghijklmnoprstuwvxyz",
                "/api/claudeict/web_call/",
                "income webhook",
                "call_finished webhook",
            ):
                assert expected in text
            state = httpx.get(f"{base.group(1)}/_sandbox/state", timeout=5).json()
            assert state["webhook_targets"]["crm_url"] == "http://127.0.0.1:9/crm"
            proc.send_signal(sig)
            assert proc.wait(timeout=15) == 0
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.communicate()


def test_duration_stops_by_itself() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "app",
            "sandbox",
            "--port",
            "0",
            "--duration",
            "0.5",
            "--rate",
            "600",
            "--time-scale",
            "0.001",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=30,
    )
    assert done.returncode == 0, done.stderr
    assert "sandbox stopped" in done.stdout


def test_busy_port_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert cli.run(parse("--port", str(port))) == 2
    assert "cannot listen" in capsys.readouterr().err
