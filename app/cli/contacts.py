"""``ringdesk contacts import FILE | list | export FILE``: the local contacts the cards look callers up in.

``import`` reads CSV or vCard and names every rejected row by the line it starts on; ``list`` prints them
(a table safe for the terminal, CSV safe for a spreadsheet, or exact JSON, like ``history``); ``export``
writes a CSV that ``import`` reads back unchanged, here or on another desktop.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_REJECTED = 1  # the command ran, and reports rows it could not import


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "contacts",
        help="import, list or export the local contacts",
        description="The contacts the cards look callers up in (on a desktop joined to a team hub: the team's).",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = actions.add_parser(
        "import",
        help="import contacts from a CSV or vCard file",
        description="CSV: a header row with name and phone (required), responsible, company, email, note, "
        "phone2, phone3, … (optional); comma or semicolon separated; UTF-8; a cell may hold several numbers "
        "(601234567, 601234568). vCard: .vcf files. Terminal control characters and bidi controls are "
        "left out of the text. A row whose "
        "first number is already there updates that contact (an unchanged row is counted as unchanged); "
        "each rejected row and each number found on two rows is named by its line.",
        epilog="Exit status: 0 every row was imported; 1 some rows were rejected (the others were imported); "
        "2 the file could not be read or is not a contacts file (nothing was imported).",
    )
    imp.add_argument("file", type=Path, metavar="FILE", help="the CSV or vCard (.vcf) file to import")
    imp.add_argument(
        "--region",
        help="country of numbers written without a country code, e.g. RU (default: region in config.toml, "
        "else the system locale's country)",
    )
    imp.set_defaults(func=run_import)

    show = actions.add_parser(
        "list",
        help="print the contacts, by name",
        description="Print the contacts by name. Table and CSV output are safe to view and to open in a "
        "spreadsheet: terminal control characters are removed, and a CSV cell that a spreadsheet would read "
        "as a formula starts with an apostrophe. JSON output is exact.",
    )
    show.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="table (default) for reading, json for scripts (exact values), csv for spreadsheets",
    )
    show.add_argument("--search", metavar="TEXT", help="only contacts whose name or company contains this text")
    show.add_argument("--limit", type=int, default=0, metavar="N", help="at most N contacts (default: all)")
    show.set_defaults(func=run_list)

    out = actions.add_parser(
        "export",
        help="write every contact to a CSV file that contacts import reads back",
        description="Write every contact with a phone number to a CSV file (UTF-8) in the import's own format, "
        "numbers in international form. Importing the file here changes nothing; importing it on another "
        "desktop gives the same contacts. Cells a spreadsheet would run as formulas start with an apostrophe, "
        "which the import takes off again.",
    )
    out.add_argument("file", type=Path, metavar="FILE", help="the CSV file to write")
    out.add_argument("--force", action="store_true", help="replace FILE if it exists")
    out.set_defaults(func=run_export)


def run_import(args: argparse.Namespace) -> int:
    from app.core.errors import ConfigError
    from app.core.phone import is_region
    from app.services.contacts_import import import_file
    from app.services.context import Context

    context = Context.open()
    region = (args.region or context.settings.general.region).upper()
    if not is_region(region):
        raise ConfigError(f"--region {args.region!r} is not a country phone numbers know (two letters, e.g. PL, RU).")
    report = import_file(args.file, context.contacts, region)
    for rejected in report.rejected:
        print(f"{args.file}:{rejected.line}: rejected: {rejected.reason}", file=sys.stderr)
    for duplicate in report.duplicates:
        print(f"{args.file}:{duplicate.line}: duplicate: {duplicate.describe()}", file=sys.stderr)
    print(report.summary())
    return EXIT_REJECTED if report.rejected else 0


def run_list(args: argparse.Namespace) -> int:
    import csv
    import json

    from app.core.cells import for_terminal, spreadsheet_row
    from app.core.phone import display
    from app.services.contacts_export import LIST_COLUMNS, contact_json, contacts
    from app.services.context import Context

    context = Context.open()
    found = contacts(context.contacts, args.search or "", max(0, args.limit))
    if args.format == "json":
        json.dump([contact_json(c) for c in found], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=LIST_COLUMNS)
        writer.writeheader()
        for contact in found:
            row = contact_json(contact)
            row["phones"] = " ".join(p.number for p in contact.phones)
            writer.writerow(spreadsheet_row(row))
        return 0
    titles = ("name", "numbers", "company", "responsible", "source")
    cells = [
        [
            for_terminal(c.name),
            for_terminal(", ".join(display(p.number) for p in c.phones)),
            for_terminal(c.company),
            for_terminal(c.responsible),
            for_terminal(c.source),
        ]
        for c in found
    ]
    widths = [max([len(t)] + [len(r[i]) for r in cells]) for i, t in enumerate(titles)]
    print("  ".join(t.ljust(w) for t, w in zip(titles, widths, strict=True)).rstrip())
    for r in cells:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    if not cells:
        print("(no contacts)")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from app.services.contacts_export import export_csv
    from app.services.context import Context

    context = Context.open()
    report = export_csv(context.contacts, args.file, overwrite=args.force)
    left_out = f" ({report.without_phone} without a phone number left out: import needs one)"
    print(f"exported {report.exported} contacts to {args.file}{left_out if report.without_phone else ''}")
    return 0
