"""The recordings cache index: which call's recording lies in which content-addressed file.

Files are named by the sha256 of their content, so two calls with the same recording (a transfer's two
legs, a re-sent link) share one file; rows are per call. ``last_used_at`` drives the LRU eviction of
:class:`app.services.recordings.RecordingService`.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.models import Recording
from app.store.db import Database, now_ms


@dataclass(frozen=True, slots=True)
class CachedFile:
    """One file of the cache (as many rows may point at it), for eviction."""

    sha256: str
    path: str
    size: int
    last_used_ms: int


class RecordingStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, account: str, call_id: str) -> Recording | None:
        row = self.db.conn.execute(
            "SELECT * FROM recordings WHERE account = ? AND call_id = ?", (account, call_id)
        ).fetchone()
        if row is None:
            return None
        return Recording(
            row["account"], row["call_id"], row["url"], row["media_type"], row["size"], row["sha256"], row["path"]
        )

    def save(self, recording: Recording) -> None:
        """Record a fetched file for a call (replacing what was known), as used now."""
        now = now_ms()
        with self.db.transaction():
            self.db.conn.execute(
                "INSERT INTO recordings (account, call_id, url, media_type, size, sha256, path, fetched_at, "
                "last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (account, call_id) DO UPDATE SET "
                "url = excluded.url, media_type = excluded.media_type, size = excluded.size, "
                "sha256 = excluded.sha256, path = excluded.path, fetched_at = excluded.fetched_at, "
                "last_used_at = excluded.last_used_at",
                (
                    recording.account,
                    recording.call_id,
                    recording.url,
                    recording.media_type,
                    recording.size,
                    recording.sha256,
                    recording.path,
                    now,
                    now,
                ),
            )

    def touch(self, account: str, call_id: str) -> None:
        with self.db.transaction():
            self.db.conn.execute(
                "UPDATE recordings SET last_used_at = ? WHERE account = ? AND call_id = ?", (now_ms(), account, call_id)
            )

    def files(self) -> list[CachedFile]:
        """Every cached file, least recently used first."""
        rows = self.db.conn.execute(
            "SELECT sha256, max(path) AS path, max(size) AS size, max(last_used_at) AS used FROM recordings "
            "WHERE path <> '' GROUP BY sha256 ORDER BY used, sha256"
        ).fetchall()
        return [CachedFile(r["sha256"], r["path"], int(r["size"] or 0), int(r["used"] or 0)) for r in rows]

    def forget_file(self, sha256: str) -> None:
        """The file was evicted: the rows stay (url, media type) but point nowhere."""
        with self.db.transaction():
            self.db.conn.execute("UPDATE recordings SET path = '' WHERE sha256 = ?", (sha256,))
