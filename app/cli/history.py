"""``ringdesk history``: the cached calls this user may see, newest first, as a table, JSON or CSV.

Read through :class:`app.services.history.CallHistory`, like the history window: an agent sees their own
calls (and, on a desktop joined to a hub, exactly what the hub sent), a supervisor every call.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys

from app.core.cells import for_terminal, spreadsheet_row
from app.core.views import ROW_KEYS


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "history",
        help="print the cached call history, newest first",
        description=(
            "Print the cached calls this user may see, newest first. Talk time is the call's duration less "
            "the wait before the answer. Table and CSV output are safe to view and to open in a spreadsheet: "
            "terminal control characters are removed, and a CSV cell that a spreadsheet would read as a "
            "formula starts with an apostrophe. JSON output is exact."
        ),
    )
    parser.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="table (default) for reading, json for scripts (exact values), csv for spreadsheets",
    )
    parser.add_argument("--phone", help="only calls whose number contains these digits (any written form)")
    parser.add_argument("--search", help="any part of a number or a contact's name")
    parser.add_argument("--limit", type=int, default=50, help="at most this many calls (default 50)")
    parser.add_argument("--account", metavar="ID", help="only this account")
    parser.add_argument("--missed", action="store_true", help="only missed calls")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.cli._common import print_notices
    from app.core.models import CallStatus
    from app.core.phone import normalize
    from app.core.views import CallQuery
    from app.services.context import Context
    from app.services.history import CallHistory

    context = Context.open()
    history = CallHistory(context.calls, context.agents, context.settings)
    print_notices(context.notices())  # a damaged store set aside at this start: said before the calls
    region = context.settings.general.region
    phone = ""
    text = args.search or ""
    if args.phone:
        number = normalize(args.phone, region)
        if number.is_valid:
            phone = number.value
        else:
            text = args.phone
    query = CallQuery(
        text=text,
        phone=phone,
        account=args.account or "",
        statuses=(CallStatus.MISSED,) if args.missed else (),
    )
    rows = [row.to_json() for row in history.page(query, limit=max(0, args.limit))]
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=ROW_KEYS)
        writer.writeheader()
        writer.writerows(spreadsheet_row(row) for row in rows)
    else:
        _table(rows)
    return 0


def _table(rows: list[dict[str, object]]) -> None:
    columns = ("started_at", "direction", "status", "phone", "contact_name", "agent", "line", "talk_s")
    titles = ("time (UTC)", "dir", "status", "number", "name", "agent", "line", "talk s")
    cells = [[_cell(row[c]) for c in columns] for row in rows]
    widths = [max([len(t)] + [len(r[i]) for r in cells]) for i, t in enumerate(titles)]
    print("  ".join(t.ljust(w) for t, w in zip(titles, widths, strict=True)).rstrip())
    for r in cells:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    if not rows:
        print("(no calls)")


def _cell(value: object) -> str:
    text = for_terminal(value)  # a caller's name never reaches the terminal as escape sequences
    return text[:19].replace("T", " ") if len(text) >= 19 and text[4:5] == "-" and text[10:11] == "T" else text
