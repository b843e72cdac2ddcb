"""``ringdesk serve`` as a user runs it: config.toml + secrets from the environment, the documents' example
requests sent with curl, request lines logged without secrets, SIGTERM stops it cleanly."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from tests.kit import RECEIVER_CONFIG

CRM_TOKEN = "76fsd7tfs-fhjdgdjfsfsk-hfgsdguuuwoeiweyl111"
TD_SECRET = "td-webhook-secret-4f9a0c"
# A supervisor's config: ``ringdesk history`` afterwards lists every stored call (an agent sees only theirs).
CONFIG = RECEIVER_CONFIG.replace('region = "RU"', 'region = "RU"\nrole = "supervisor"')
DOC_HISTORY = (
    "cmd=history&type=in&status=Success&phone=79101234567&user=user&duration=124&link=https://link/file.mp3"
    "&crm_token=76fsd7tfs-fhjdgdjfsfsk-hfgsdguuuwoeiweyl111&callid=B10D0EB124F4E64AF4EA-1511"
)
TD_FINISHED = (
    "num_a=79039998877&num_m=79037778899&num_b=SIP/0000000672&setup_time=98798798797897"
    "&connection_time=12&waiting_time=5&api_call_id=c1f926a8f5727b77f9cbf39d8f35d061"
)


def curl(*args: str) -> tuple[int, str]:
    """``curl`` the way a person tries the receiver: returns (status, body)."""
    done = subprocess.run(
        ["curl", "-s", "-w", "\n%{http_code}", *args], capture_output=True, text=True, timeout=30, check=True
    )
    body, _, status = done.stdout.rpartition("\n")
    return int(status), body


@pytest.mark.skipif(shutil.which("curl") is None, reason="needs curl")
def test_serve_answers_the_documents_examples_and_stops_cleanly(ringdesk_home: Path, capsys) -> None:
    (ringdesk_home / "config").mkdir(parents=True)
    (ringdesk_home / "config" / "config.toml").write_text(CONFIG, encoding="utf-8")
    env = {**os.environ, "RINGDESK_SECRET_OFFICE_CRM_TOKEN": CRM_TOKEN, "RINGDESK_SECRET_TD_WEBHOOK_SECRET": TD_SECRET}
    server = subprocess.Popen(
        [sys.executable, "-m", "app", "serve", "--listen", "127.0.0.1:0", "--show-urls"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert server.stdout is not None
        banner = [server.stdout.readline() for _ in range(4)]
        base = re.search(r"listening on (http://127\.0\.0\.1:\d+)", banner[0]).group(1)  # type: ignore[union-attr]
        assert banner[1:] == [
            f"  office: {base}/hooks/office\n",
            f"  td: {base}/hooks/td/{TD_SECRET}/income\n",
            f"  td: {base}/hooks/td/{TD_SECRET}/call_finished\n",
        ]
        assert curl("-d", DOC_HISTORY, f"{base}/hooks/office") == (200, "")
        assert curl("-d", DOC_HISTORY.replace("crm_token=7", "crm_token=8"), f"{base}/hooks/office") == (
            401,
            '{"error":"Invalid token"}',
        )
        assert curl("-d", "cmd=history&crm_token=" + CRM_TOKEN, f"{base}/hooks/office") == (
            400,
            '{"error":"Invalid parameters"}',
        )
        assert curl(f"{base}/hooks/td/{TD_SECRET}/call_finished?{TD_FINISHED}") == (200, "")
        assert curl(f"{base}/hooks/td/guessed-secret-123/call_finished?{TD_FINISHED}")[0] == 404
        server.send_signal(signal.SIGTERM)
        out, err = server.communicate(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    assert server.returncode == 0, err
    assert "stopped" in out
    assert "POST /hooks/office 200" in err and "GET /hooks/td/***/call_finished?" in err
    assert CRM_TOKEN not in err and TD_SECRET not in err
    log_text = (ringdesk_home / "logs" / "ringdesk.log").read_text(encoding="utf-8")
    assert "POST /hooks/office 401" in log_text and TD_SECRET not in log_text and CRM_TOKEN not in log_text

    capsys.readouterr()
    assert main(["history", "--format", "json"]) == 0
    rows = {row["call_id"]: row for row in json.loads(capsys.readouterr().out)}
    assert set(rows) == {"B10D0EB124F4E64AF4EA-1511", "c1f926a8f5727b77f9cbf39d8f35d061"}
    assert (rows["B10D0EB124F4E64AF4EA-1511"]["status"], rows["B10D0EB124F4E64AF4EA-1511"]["duration_s"]) == (
        "answered",
        124,
    )
    assert rows["c1f926a8f5727b77f9cbf39d8f35d061"]["agent"] == "SIP/0000000672"


def test_serve_refuses_a_malformed_listen_address(capsys) -> None:
    assert main(["serve", "--listen", "localhost"]) == 2
    assert "--listen must be HOST:PORT" in capsys.readouterr().err
