"""Cold start to tray, idle memory and idle CPU of the desktop app.

Starts ``python -m app run --home <temp>`` as a fresh process (offscreen: the tray's fallback window
stands in for the tray) with ``RINGDESK_BENCH_READY`` set; the app's entry prints ``ready`` when the
tray is shown (see :mod:`app.ui.main`). Then it stays idle for ``--idle`` seconds and we read its RSS
and CPU time from ``/proc``. Goals: start ≤ 1 s, RSS ≤ 150 MB, idle CPU near zero.

    python -m bench.startup [--runs 5] [--idle 60] [--quick]

``--quick``: 2 runs, 1 s to settle, 2 s idle (the same start; the idle figures then say little).
The app runs with a temporary ``RINGDESK_HOME`` and keyring's null backend: it never sees the user's own
config, data or keyring. Its stderr is kept and printed if it fails to start; on success only what is
not a known harmless platform warning (:data:`bench.headless.HARMLESS`) is shown.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import headless
from bench.report import Figure, print_table

ROOT = Path(__file__).resolve().parents[1]


def proc_stats(pid: int) -> tuple[float, float]:
    """(RSS in MiB, CPU seconds user+system) of a Linux process."""
    rss_kib = 0
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss_kib = int(line.split()[1])
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return rss_kib / 1024, (int(fields[11]) + int(fields[12])) / ticks


def remove_instance_sockets(homes: list[str]) -> None:
    """The single-instance socket a terminated app leaves in the temp folder (it has no SIGTERM handler);
    after all runs, so Qt is not loaded in this process while a start is measured."""
    from PySide6.QtNetwork import QLocalServer

    from app.config.paths import resolve
    from app.ui.single_instance import server_name

    for home in homes:
        QLocalServer.removeServer(server_name(resolve(home).data_dir))


def one_run(idle: float, settle: float, homes: list[str]) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-startup-") as home:
        homes.append(home)
        env = headless.prepare(dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        env |= {
            "RINGDESK_BENCH_READY": "1",
            "RINGDESK_HOME": home,
            "PYTHONPATH": str(ROOT),
            "PYTHON_KEYRING_BACKEND": headless.NULL_KEYRING,
        }
        stderr_path = Path(home) / "stderr.txt"
        with stderr_path.open("w+", encoding="utf-8", errors="replace") as stderr:
            start = time.perf_counter()
            process = subprocess.Popen(
                [sys.executable, "-m", "app", "run"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
            )
            assert process.stdout is not None
            line = process.stdout.readline()
            ready = time.perf_counter() - start
            try:
                if "ready" not in line:
                    raise RuntimeError(f"the app did not report ready: {line!r}")
                time.sleep(settle)  # the receiver and services start after the tray shows; idle means after that
                _, cpu_before = proc_stats(process.pid)
                time.sleep(idle)
                rss, cpu_after = proc_stats(process.pid)
            except Exception:
                process.kill()
                process.wait(timeout=10)
                sys.stderr.write(stderr_path.read_text(encoding="utf-8", errors="replace"))
                log = Path(home) / "logs" / "ringdesk.log"  # the temporary home goes: show its log now
                if log.exists():
                    sys.stderr.write(f"--- the app's log, {log.name}, last 40 lines ---\n")
                    sys.stderr.writelines(log.read_text(encoding="utf-8", errors="replace").splitlines(True)[-40:])
                raise
            process.terminate()
            process.wait(timeout=10)
        for text in stderr_path.read_text(encoding="utf-8", errors="replace").splitlines(keepends=True):
            if not headless.harmless(text):
                sys.stderr.write(text)
        return ready, rss, (cpu_after - cpu_before) / idle * 100


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=60.0)
    parser.add_argument("--settle", type=float, default=3.0, help="seconds after the tray shows before idle counts")
    parser.add_argument("--quick", action="store_true", help="2 runs, 1 s to settle, 2 s idle")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.idle, args.settle = 2, 2.0, 1.0
    homes: list[str] = []
    try:
        results = [one_run(args.idle, args.settle, homes) for _ in range(args.runs)]
    finally:
        remove_instance_sockets(homes)
    starts = [r[0] * 1000 for r in results]
    print_table(
        "Start-up and idle",
        [
            Figure(
                "cold start to tray (median)",
                statistics.median(starts),
                "ms",
                "≤ 1000",
                note=f"max {max(starts):.0f} ms over {args.runs} runs",
            ),
            Figure(
                f"idle RSS after {args.idle:.0f} s (median)",
                statistics.median(r[1] for r in results),
                "MiB",
                "≤ 150 MB",
            ),
            Figure(
                f"idle CPU over {args.idle:.0f} s (median)",
                statistics.median(r[2] for r in results),
                "% of a core",
                "≈ 0 %",
            ),
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
