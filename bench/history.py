"""History window benchmark at 1,000,000 calls (and 1,000,000 contacts): what an agent waits for.

    python -m bench.history [--calls N] [--contacts N] [--samples N] [--quick]

Figures (goals from issue 6): opening the window (construction to first paint, ≤ 300 ms), the first
page of the list (≤ 100 ms), a search by a number fragment and by a name, the filters (missed, agent,
last 7 days; each a first page, ≤ 100 ms), scrolling one more page, the bounded count of the status
line, and the process's resident memory after all of it (≤ 250 MB).
Runs offscreen on the cached bench store (``bench/datagen``), read only; ``--quick`` (10,000 calls and
contacts, 20 samples) builds its small store in a temporary folder and removes it afterwards.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import headless

headless.prepare()  # before Qt loads

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.config.paths import resolve  # noqa: E402
from app.config.secrets import MemorySecretStore  # noqa: E402
from app.config.settings import Role, Settings  # noqa: E402
from app.runtime import Runtime  # noqa: E402
from app.services.context import Context  # noqa: E402
from app.store.db import Database  # noqa: E402
from app.ui.history.filters import Filters, Kind, Period  # noqa: E402
from app.ui.history.window import HistoryWindow  # noqa: E402
from bench import datagen  # noqa: E402
from bench.report import Figure, p50_p99, percentile, print_table, timed  # noqa: E402


def rss_mb() -> float:
    """Resident memory now (Linux /proc; elsewhere the peak from getrusage)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_runtime(path: str, home: str) -> Runtime:
    """A supervisor's runtime (every call visible) over the bench store, not started (no receiver, no sync):
    what the history window reads through."""
    settings = Settings()
    settings.general.role = Role.SUPERVISOR
    context = Context(resolve(home).ensure(), settings, MemorySecretStore())
    context.__dict__["db"] = Database.open(path)  # the bench store instead of the home's database
    return Runtime(context)


def run(path: Path, built: float, calls: int, contact_count: int, samples: int, home: str) -> list[Figure]:
    app = QApplication.instance() or QApplication([])
    runtime = bench_runtime(str(path), home)
    before = rss_mb()

    def open_window() -> HistoryWindow:
        window = HistoryWindow(runtime)
        window.show()
        app.processEvents()  # the first paint
        return window

    began = time.perf_counter()
    window = open_window()
    cold_open = (time.perf_counter() - began) * 1000
    window.close()
    windows: list[HistoryWindow] = []
    opens = timed(lambda _i: windows.append(open_window()), max(5, samples // 10))
    for extra in windows:
        extra.close()
        extra.deleteLater()
    app.processEvents()

    window = open_window()
    rng = random.Random(11)
    fragments = [datagen.number(rng.randrange(contact_count))[4:10] for _ in range(samples)]
    names = [rng.choice(datagen.LAST)[:5] for _ in range(samples)]
    agents = [rng.choice(datagen.AGENTS) for _ in range(samples)]

    def apply(filters: Callable[[int], Filters]) -> Callable[[int], None]:
        return lambda i: window.apply_filters(filters(i))

    first_page = timed(apply(lambda i: Filters()), samples)
    by_fragment = timed(apply(lambda i: Filters(text=fragments[i])), samples)
    by_name = timed(apply(lambda i: Filters(text=names[i])), samples)
    missed = timed(apply(lambda i: Filters(kind=Kind.MISSED, agent=agents[i])), samples)
    week = timed(apply(lambda i: Filters(period=Period.WEEK)), samples)
    window.apply_filters(Filters())
    count = timed(lambda _i: window.results._count_current(), samples)
    scroll = timed(lambda _i: window.model.fetchMore(), samples)
    loaded = window.model.rowCount()
    app.processEvents()
    after = rss_mb()
    window.close()
    runtime.context.close()
    return [
        Figure("bench store build (0 when cached)", built, "s", note=f"{calls:,} calls"),
        Figure("open window, first (cold)", cold_open, "ms", "≤ 300"),
        *p50_p99("open window", opens, "≤ 300"),
        *p50_p99("first page", first_page, "≤ 100"),
        *p50_p99("search by number fragment", by_fragment, "≤ 100"),
        *p50_p99("search by name", by_name, "≤ 100"),
        *p50_p99("filter missed + agent", missed, "≤ 100"),
        Figure("filter last 7 days p50", percentile(week, 50), "ms", "≤ 100"),
        Figure("bounded count (status line) p50", percentile(count, 50), "ms", "", note="after the first paint"),
        Figure("scroll: next page p50", percentile(scroll, 50), "ms", "≤ 100", note=f"{loaded:,} rows loaded"),
        Figure("RSS after all of the above", after, "MB", "≤ 250", note=f"{before:.0f} MB before the window"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=100)
    parser.add_argument("--quick", action="store_true", help="10,000 rows, 20 samples (keeps the script working)")
    args = parser.parse_args()
    if args.quick:
        args.calls, args.contacts, args.samples = 10_000, 10_000, 20
    with (
        datagen.bench_store(args.calls, args.contacts, quick=args.quick) as (path, built),
        tempfile.TemporaryDirectory(prefix="ringdesk-bench-history-") as home,
    ):
        print_table(
            f"History window ({args.calls:,} calls, {args.contacts:,} contacts)",
            run(path, built, args.calls, args.contacts, args.samples, home),
        )


if __name__ == "__main__":
    main()
