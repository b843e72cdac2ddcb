"""SQLite storage: schema and migrations, and one module per kind of record. No Qt, no HTTP.

Usage::

    db = Database.open(paths.database)
    calls = CallStore(db)
    result = calls.ingest(event)      # one transaction, committed on return
"""

from app.store.db import Database

__all__ = ["Database"]
