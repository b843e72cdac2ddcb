"""A synthetic call history generated inside SQLite: a million plausible calls in seconds.

Why here and not in the tests: the history window must be proven (tests) and measured (benchmarks) over a
million rows, and building them through the state machine costs about a minute. Generating the rows with
one recursive query, with the calls table's indexes rebuilt once afterwards instead of updated per row,
takes about ten seconds. The rows have the same shape as ingested summaries (the same columns filled), so
every query of :class:`~app.store.calls.CallStore` treats them like real ones. Only for an empty store.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime

from app.core.errors import StorageError
from app.store.db import Database, to_ms
from app.store.numbers import add_numbers

AGENTS = 20
LINES = ("+48221234500", "+48221234501", "+48587654300", "+74951234500", "+74951234501", "+78121234500")

_GENERATE = """
WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < :last),
gen AS (
    SELECT n,
        CASE WHEN (n * 37) % 10 < 7 THEN 'answered' WHEN (n * 37) % 10 < 9 THEN 'missed' ELSE 'busy' END AS status,
        CASE WHEN (n * 11) % 10 < 7 THEN 'in' ELSE 'out' END AS direction,
        CASE WHEN (n * 7919) % :distinct % 2 = 0
             THEN '+48' || (600000000 + (n * 7919) % :distinct * 7)
             ELSE '+79' || (100000000 + (n * 7919) % :distinct * 13) END AS phone,
        :end_ms - (:last - n) * :step_ms AS started,
        printf('agent%02d', ((n * 2654435761) % 4294967296) % :agents) AS agent,  -- hashed: not in step with status
        CASE WHEN (n * 37) % 10 < 7 THEN 20 + (n * 53) % 400 ELSE 0 END AS talk
    FROM seq
)
INSERT INTO calls (account, call_id, direction, status, phone, line, agent, started_at, ended_at, duration_s,
                   wait_s, recording_url, updated_at, first_seen, summary_status, summary_agent,
                   summary_started_at, reported_duration_s, reported_wait_s, sources)
SELECT :account, printf('SYN%08d', n), direction, status, phone, :lines ->> ('$[' || (n % 6) || ']'), agent,
       started, started + talk * 1000, talk, 1 + n % 40,
       CASE WHEN talk > 0 THEN :recording_base || printf('SYN%08d', n) || '.wav' END,
       started, started, status, agent, started, talk, 1 + n % 40, '["pull"]'
FROM gen
"""


def generate_calls(
    db: Database,
    account: str,
    count: int,
    end: datetime,
    *,
    step_s: int = 30,
    recording_base: str = "https://pbx.example/rec/",
) -> int:
    """Fill an empty store with ``count`` calls of ``account``, one every ``step_s`` seconds up to ``end``.

    About a third as many distinct numbers as calls (Polish and Russian mobiles), 20 agents, 6 lines,
    70 % answered (with a recording link), 20 % missed, 10 % busy. Returns ``count``.
    """
    conn = db.conn
    if conn.execute("SELECT 1 FROM calls LIMIT 1").fetchone() is not None:
        raise StorageError("Synthetic calls can only be generated into an empty store.")
    indexes: list[sqlite3.Row] = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'calls' AND sql IS NOT NULL"
    ).fetchall()
    params = {
        "last": count - 1,
        "distinct": max(1, count // 3),
        "end_ms": to_ms(end),
        "step_ms": step_s * 1000,
        "agents": AGENTS,
        "account": account,
        "lines": json.dumps(LINES),
        "recording_base": recording_base,
    }
    cache_size = int(conn.execute("PRAGMA cache_size").fetchone()[0])
    conn.execute("PRAGMA cache_size = -262144")  # 256 MiB while sorting the rebuilt indexes
    try:
        with db.transaction():
            for index in indexes:
                conn.execute(f'DROP INDEX "{index["name"]}"')
            conn.execute(_GENERATE, params)
            for index in indexes:
                conn.execute(index["sql"])
            add_numbers(conn)
    finally:
        conn.execute(f"PRAGMA cache_size = {cache_size}")
    return count
