"""``ringdesk contacts import FILE``: contacts from CSV or vCard into the local look-up index."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("contacts", help="manage the local contacts")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = actions.add_parser(
        "import",
        help="import contacts from a CSV or vCard file",
        description="CSV: header row with name and phone (required), responsible, company, email, note, "
        "phone2, phone3, … (optional); comma or semicolon separated; UTF-8. vCard: .vcf files.",
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--region", help="default region for numbers without a country code (default: settings)")
    imp.set_defaults(func=run_import)


def run_import(args: argparse.Namespace) -> int:
    from app.services.contacts_import import import_file
    from app.services.context import Context

    context = Context.open()
    region = (args.region or context.settings.general.region).upper()
    report = import_file(args.file, context.contacts, region)
    for rejected in report.rejected:
        print(f"{args.file}:{rejected.line}: rejected: {rejected.reason}", file=sys.stderr)
    print(f"imported {report.imported}, updated {report.updated}, rejected {len(report.rejected)}")
    return 0 if report.accepted or not report.rejected else 1
