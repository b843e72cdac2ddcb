"""Store benchmark: contact look-up by number and call search by number fragment at 1,000,000 rows each.

    python -m bench.store [--calls N] [--contacts N] [--quick]

Prints p50/p99 per query kind. Goal (issue 2): a few milliseconds each. Full sizes read the cached store
under ``bench/data/``; ``--quick`` (10,000 rows, 100 samples) builds a small one in a temporary folder.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from app.core.phone import normal_form
from app.store.calls import CallQuery, CallStore
from app.store.contacts import ContactStore
from app.store.db import Database
from bench import datagen
from bench.report import Figure, p50_p99, percentile, print_table, timed


def run(path: Path, built: float, calls: int, contact_count: int, samples: int) -> list[Figure]:
    db = Database.open(path)
    contacts, call_store = ContactStore(db), CallStore(db)
    rng = random.Random(3)
    # As the PBX's ``contact`` question sends them: E.164 digits without the "+".
    wire = [datagen.number(rng.randrange(contact_count))[1:] for _ in range(samples)]
    lookups = timed(lambda i: contacts.lookup(normal_form(wire[i], "PL")), samples)
    fragments = [datagen.number(rng.randrange(contact_count))[4:10] for _ in range(samples)]
    search = timed(lambda i: call_store.page(CallQuery(text=fragments[i]), limit=50), samples)
    names = [rng.choice(datagen.LAST)[:5] for _ in range(samples)]
    by_name = timed(lambda i: call_store.page(CallQuery(text=names[i]), limit=50), samples)
    first_page = timed(lambda i: call_store.page(limit=100), samples)
    figures = [
        Figure("store build (bulk; 0 when cached)", built, "s", "", note=f"{calls:,} calls"),
        *p50_p99("contact look-up by number", lookups, "≤ 5"),
        *p50_p99("call search by number fragment", search, "≤ 5"),
        *p50_p99("call search by name", by_name),
        Figure("history first page (100 rows) p50", percentile(first_page, 50), "ms", "≤ 100"),
    ]
    db.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=1_000_000)
    parser.add_argument("--contacts", type=int, default=1_000_000)
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="10,000 rows, 100 samples (keeps the script working)")
    args = parser.parse_args()
    if args.quick:
        args.calls, args.contacts, args.samples = 10_000, 10_000, 100
    with datagen.bench_store(args.calls, args.contacts, quick=args.quick) as (path, built):
        print_table("Store", run(path, built, args.calls, args.contacts, args.samples))


if __name__ == "__main__":
    main()
