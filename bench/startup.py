"""Cold start to tray, idle memory and idle CPU of the desktop app.

Starts ``python -m app run --home <temp>`` as a fresh process (offscreen: the tray's fallback window
stands in for the tray) with ``RINGDESK_BENCH_READY`` set; the app's entry prints ``ready`` when the
tray is shown (see :mod:`app.ui.main`). Then it stays idle for ``--idle`` seconds and we read its RSS
and CPU time from ``/proc``. Goals: start ≤ 1 s, RSS ≤ 150 MB, idle CPU near zero.

    python -m bench.startup [--runs 5] [--idle 60] [--quick]
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


SETTLE_S = 3.0


def one_run(idle: float) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory() as home:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            RINGDESK_BENCH_READY="1",
            RINGDESK_HOME=home,
            PYTHONPATH=str(ROOT),
            QT_LOGGING_RULES="qt.qpa.*=false",
        )
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "app", "run"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert process.stdout is not None
        line = process.stdout.readline()
        ready = time.perf_counter() - start
        if "ready" not in line:
            process.kill()
            raise RuntimeError(f"the app did not report ready: {line!r}")
        time.sleep(SETTLE_S)  # the receiver and services start after the tray shows; idle means after that
        _, cpu_before = proc_stats(process.pid)
        time.sleep(idle)
        rss, cpu_after = proc_stats(process.pid)
        process.terminate()
        process.wait(timeout=10)
        return ready, rss, (cpu_after - cpu_before) / idle * 100


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=60.0)
    parser.add_argument("--quick", action="store_true", help="2 runs, 3 s idle")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.idle = 2, 3.0
    results = [one_run(args.idle) for _ in range(args.runs)]
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
