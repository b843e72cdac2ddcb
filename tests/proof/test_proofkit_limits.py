"""The proof kit starts ``ringdesk serve`` under resource limits set before its first instruction.

Why it matters: a fault test (a flood under 256 descriptors, a full disk by ``RLIMIT_FSIZE``) is honest only
if the limit binds the server from the start, soft and hard alike, so the server cannot lift it; the limit
must also stay off the test process itself. Each test used to copy ``ServeProcess.start`` into a subclass to
pass its own ``preexec_fn``.
"""

from __future__ import annotations

import resource
from pathlib import Path

import pytest

from tests.proof.proofkit import CRM_TOKEN, SERVE_CONFIG, ServeProcess, free_port, write_config

pytestmark = pytest.mark.skipif(not Path("/proc/self/limits").exists(), reason="reads /proc/<pid>/limits")


def _limit(pid: int | str, name: str) -> tuple[str, str]:
    """(soft, hard) of the limit ``name`` (e.g. "Max open files") as /proc shows it."""
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines():
        if line.startswith(name):
            soft, hard = line[len(name) :].split()[:2]
            return soft, hard
    raise AssertionError(f"no {name!r} in /proc/{pid}/limits")


def test_serve_runs_under_the_limits_it_was_given_and_the_test_process_does_not(ringdesk_home: Path) -> None:
    write_config(ringdesk_home, SERVE_CONFIG)
    ours = _limit("self", "Max open files")
    server = ServeProcess(
        ringdesk_home,
        free_port(),
        {"RINGDESK_SECRET_OFFICE_CRM_TOKEN": CRM_TOKEN},
        limits={resource.RLIMIT_NOFILE: (300, 300)},
    )
    try:
        server.start()
        assert server.process is not None
        assert _limit(server.process.pid, "Max open files") == ("300", "300")  # serve cannot raise it either
        assert 0 < server.open_files() < 300
    finally:
        server.kill()
    assert _limit("self", "Max open files") == ours


def test_serve_without_limits_inherits_ours(ringdesk_home: Path) -> None:
    write_config(ringdesk_home, SERVE_CONFIG)
    server = ServeProcess(ringdesk_home, free_port(), {"RINGDESK_SECRET_OFFICE_CRM_TOKEN": CRM_TOKEN})
    try:
        server.start()
        assert server.process is not None
        # serve raises its soft limit to the hard one at start (issue 15, 4); the hard one is ours
        assert _limit(server.process.pid, "Max open files")[1] == _limit("self", "Max open files")[1]
    finally:
        server.kill()
