"""Run every benchmark, one after another, each in its own process (so memory figures do not mix).

    python -m bench            # full sizes (1,000,000 rows; takes minutes the first time: data is cached)
    python -m bench --quick    # small sizes: keeps the scripts working (CI runs this)
    python -m bench store receiver   # only these

Each script prints its own table: figure, value, goal, floor/peer measured in the same run.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import time

# In the order of the issue "Proof": ring-to-card, contact answers, ingest, history, sync, start-up.
BENCHMARKS = ["ring_to_card", "receiver", "history", "sync_ingest", "startup", "store"]


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes, to check the scripts still run")
    parser.add_argument("names", nargs="*", help=f"which to run (default all: {', '.join(BENCHMARKS)})")
    args = parser.parse_args()
    names = args.names or BENCHMARKS
    failed = []
    for name in names:
        if importlib.util.find_spec(f"bench.{name}") is None:
            print(f"\n== {name}: not present ==")
            continue
        began = time.perf_counter()
        command = [sys.executable, "-m", f"bench.{name}", *(["--quick"] if args.quick else [])]
        result = subprocess.run(command, check=False)
        print(f"({name}: {time.perf_counter() - began:.1f} s)")
        if result.returncode != 0:
            failed.append(name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
