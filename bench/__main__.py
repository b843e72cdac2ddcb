"""Run every benchmark, one after another, each in its own process (so memory figures do not mix).

    python -m bench            # full sizes (1,000,000 rows; takes minutes the first time: data is cached)
    python -m bench --quick    # small sizes, ~30 s: keeps the scripts working (the CI gate)
    python -m bench store receiver   # only these

Each script prints its own table: figure, value, goal, floor/peer measured in the same run. The exit code is
non-zero when a benchmark crashed, could not run or overran its time limit; a missed goal is a figure in
a table, not a failure.

Every benchmark runs headless with a temporary ``RINGDESK_HOME`` and keyring's null backend, whatever the
caller's environment says (see :mod:`bench.headless`); the exact offscreen-platform warnings listed in
``bench.headless.HARMLESS`` are dropped from its stderr and counted; every other line passes through.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from typing import IO

from bench import headless

# In the order of the issue "Proof": ring-to-card, contact answers, ingest, history, sync, start-up; then the hub.
BENCHMARKS = ["ring_to_card", "receiver", "history", "sync_ingest", "startup", "store", "hub"]
QUICK_LIMIT_S = 120.0  # one quick benchmark; the whole quick run takes ~30 s


def child_environment(home: str) -> dict[str, str]:
    env = headless.prepare(dict(os.environ))
    env["RINGDESK_HOME"] = home  # nothing a benchmark runs may reach the user's own data, config or logs
    env["PYTHON_KEYRING_BACKEND"] = headless.NULL_KEYRING  # ... or keyring
    return env


def pass_stderr(stream: IO[str], dropped: list[int]) -> None:
    """Copy a benchmark's stderr to ours, but for the known harmless platform lines (counted)."""
    for line in stream:
        if headless.harmless(line):
            dropped[0] += 1
        else:
            sys.stderr.write(line)
            sys.stderr.flush()


def run_one(name: str, quick: bool, env: dict[str, str], limit: float | None) -> tuple[int | str, int]:
    """(exit code, or why it was stopped; harmless lines dropped)."""
    command = [sys.executable, "-m", f"bench.{name}", *(["--quick"] if quick else [])]
    # A session of its own: on a time-out the benchmark's own children (the receiver's server) go too.
    process = subprocess.Popen(
        command, env=env, stderr=subprocess.PIPE, text=True, errors="replace", start_new_session=True
    )
    assert process.stderr is not None
    dropped = [0]
    reader = threading.Thread(target=pass_stderr, args=(process.stderr, dropped), daemon=True)
    reader.start()
    outcome: int | str
    try:
        outcome = process.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        outcome = f"stopped after {limit:.0f} s"
    except KeyboardInterrupt:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait()
        raise
    reader.join(timeout=5)
    return outcome, dropped[0]


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, to check the scripts still run")
    parser.add_argument(
        "--limit",
        type=float,
        default=None,
        help=f"seconds one benchmark may take (default: {QUICK_LIMIT_S:.0f} with --quick, none without)",
    )
    parser.add_argument("names", nargs="*", help=f"which to run (default all: {', '.join(BENCHMARKS)})")
    args = parser.parse_args()
    names = args.names or BENCHMARKS
    limit = args.limit if args.limit is not None else (QUICK_LIMIT_S if args.quick else None)
    failed = []
    began_all = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="ringdesk-bench-home-") as home:
        env = child_environment(home)
        for name in names:
            if importlib.util.find_spec(f"bench.{name}") is None:
                print(f"\n== {name}: no such benchmark ==", flush=True)
                failed.append(name)
                continue
            began = time.perf_counter()
            outcome, dropped = run_one(name, args.quick, env, limit)
            notes = [f"{time.perf_counter() - began:.1f} s"]
            if dropped:
                notes.append(f"{dropped} harmless Qt platform warnings dropped")
            if outcome != 0:
                notes.append(f"FAILED: {outcome if isinstance(outcome, str) else f'exit code {outcome}'}")
                failed.append(name)
            print(f"({name}: {'; '.join(notes)})", flush=True)
    took = time.perf_counter() - began_all
    print(f"\n{len(names)} benchmark{'s' * (len(names) != 1)}, {took:.1f} s", flush=True)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
