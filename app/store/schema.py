"""The schema as an ordered list of migrations; ``PRAGMA user_version`` is the index of the last applied.

Rules: never edit a migration that has shipped; append a new one. The missing ones run together in one
transaction, under the write lock (``Database.migrate``): a store is at its old schema or the new one,
never between, and a migration must not commit or change the journal mode itself.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: the records.
    """
    CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        provider TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE calls (
        id INTEGER PRIMARY KEY,
        account TEXT NOT NULL REFERENCES accounts(id),
        call_id TEXT NOT NULL,
        direction TEXT,
        status TEXT NOT NULL,
        phone TEXT,
        line TEXT,
        agent TEXT,
        started_at INTEGER NOT NULL,          -- unix ms, UTC
        ended_at INTEGER,
        duration_s INTEGER,
        wait_s INTEGER,
        recording_url TEXT,
        rating INTEGER,
        facts TEXT NOT NULL,                  -- the state machine's facts (JSON; columns since schema 3)
        updated_at INTEGER NOT NULL,
        UNIQUE (account, call_id)
    );
    CREATE INDEX calls_by_time ON calls (started_at DESC, id DESC);
    CREATE INDEX calls_by_phone ON calls (phone, started_at DESC);
    -- The history's filters: "missed" and "agent" get an index each, because a filter that matches few or
    -- no rows would otherwise walk the whole table (~0.4 s at 1M calls). Line filters (a handful of lines)
    -- walk calls_by_time: an index there would tax every webhook and pulled record for little.
    -- Both carry the full page order (started_at, id): the planner then takes them even for a status it
    -- believes common, and a filter matching nothing costs a probe, not a walk of the table.
    CREATE INDEX calls_by_status ON calls (status, started_at DESC, id DESC);
    CREATE INDEX calls_by_agent ON calls (agent, started_at DESC, id DESC);
    CREATE TABLE call_events (
        id INTEGER PRIMARY KEY,
        call INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        source TEXT NOT NULL,
        at INTEGER NOT NULL,
        fingerprint TEXT NOT NULL,
        payload TEXT NOT NULL,
        UNIQUE (call, fingerprint)
    );
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        company TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        responsible TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT 'local',
        source_id TEXT NOT NULL DEFAULT '',
        updated_at INTEGER NOT NULL DEFAULT 0
    );
    CREATE UNIQUE INDEX contacts_by_source ON contacts (source, source_id) WHERE source_id <> '';
    CREATE TABLE contact_phones (
        contact INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        number TEXT NOT NULL,                 -- normal form: the look-up key
        raw TEXT NOT NULL DEFAULT '',
        label TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (contact, number)
    ) WITHOUT ROWID;
    CREATE INDEX contact_phones_by_number ON contact_phones (number, contact);
    CREATE TABLE agents (
        account TEXT NOT NULL REFERENCES accounts(id),
        login TEXT NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        extension TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        online INTEGER,
        dnd INTEGER,
        updated_at INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (account, login)
    );
    CREATE TABLE recordings (
        account TEXT NOT NULL,
        call_id TEXT NOT NULL,
        url TEXT NOT NULL,
        media_type TEXT NOT NULL DEFAULT '',
        size INTEGER,
        sha256 TEXT NOT NULL DEFAULT '',
        path TEXT NOT NULL DEFAULT '',
        fetched_at INTEGER,
        last_used_at INTEGER,
        PRIMARY KEY (account, call_id),
        FOREIGN KEY (account, call_id) REFERENCES calls (account, call_id) ON DELETE CASCADE
    );
    CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL DEFAULT '',
        account TEXT NOT NULL DEFAULT '',
        call_id TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL
    );
    CREATE INDEX notes_by_number ON notes (number, created_at DESC);
    CREATE TABLE sync_state (
        account TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (account, key)
    ) WITHOUT ROWID;
    """,
    # 2: search — substring search over numbers and names without a full scan (FTS5 trigram indexes),
    # and the agent's last choice when several contacts share a number.
    """
    CREATE TABLE numbers (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL UNIQUE
    );
    CREATE VIRTUAL TABLE numbers_fts USING fts5(
        number, content='numbers', content_rowid='id', tokenize='trigram'
    );
    -- Filled by app.store.numbers.add_numbers (set-wise, after each batch), not by a trigger.
    INSERT INTO numbers (number) SELECT DISTINCT phone FROM calls WHERE phone IS NOT NULL AND phone <> '';
    INSERT INTO numbers_fts (numbers_fts) VALUES ('rebuild');

    CREATE VIRTUAL TABLE contacts_fts USING fts5(
        name, company, content='contacts', content_rowid='id', tokenize='trigram'
    );
    CREATE TRIGGER contacts_ai AFTER INSERT ON contacts BEGIN
        INSERT INTO contacts_fts (rowid, name, company) VALUES (new.id, new.name, new.company);
    END;
    CREATE TRIGGER contacts_ad AFTER DELETE ON contacts BEGIN
        INSERT INTO contacts_fts (contacts_fts, rowid, name, company) VALUES ('delete', old.id, old.name, old.company);
    END;
    CREATE TRIGGER contacts_au AFTER UPDATE OF name, company ON contacts BEGIN
        INSERT INTO contacts_fts (contacts_fts, rowid, name, company) VALUES ('delete', old.id, old.name, old.company);
        INSERT INTO contacts_fts (rowid, name, company) VALUES (new.id, new.name, new.company);
    END;
    INSERT INTO contacts_fts (contacts_fts) VALUES ('rebuild');
    CREATE INDEX contacts_by_name ON contacts (name COLLATE NOCASE);

    CREATE TABLE number_choices (
        number TEXT PRIMARY KEY,
        contact INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        chosen_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    """,
    # 3: a call's facts as columns instead of a JSON document (see app.store.codec for why). Every fact the
    # JSON held either already had its column (direction, phone, line, ended_at, recording_url, rating)
    # or gets one here; sets of agents and sources stay small JSON arrays, NULL when empty.
    """
    ALTER TABLE calls ADD COLUMN first_seen INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE calls ADD COLUMN answered_at INTEGER;
    ALTER TABLE calls ADD COLUMN completed INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE calls ADD COLUMN summary_status TEXT;
    ALTER TABLE calls ADD COLUMN summary_agent TEXT;
    ALTER TABLE calls ADD COLUMN summary_started_at INTEGER;
    ALTER TABLE calls ADD COLUMN reported_duration_s INTEGER;  -- the provider's figure; duration_s is what is shown
    ALTER TABLE calls ADD COLUMN reported_wait_s INTEGER;
    ALTER TABLE calls ADD COLUMN ringing TEXT;
    ALTER TABLE calls ADD COLUMN cancelled TEXT;
    ALTER TABLE calls ADD COLUMN answered_by TEXT;
    ALTER TABLE calls ADD COLUMN sources TEXT;
    UPDATE calls SET
        first_seen = coalesce(json_extract(facts, '$.first_seen'), started_at),
        answered_at = json_extract(facts, '$.answered_at'),
        completed = coalesce(json_extract(facts, '$.completed'), 0),
        summary_status = json_extract(facts, '$.summary_status'),
        summary_agent = json_extract(facts, '$.summary_agent'),
        summary_started_at = json_extract(facts, '$.summary_started_at'),
        reported_duration_s = json_extract(facts, '$.duration_s'),
        reported_wait_s = json_extract(facts, '$.wait_s'),
        ringing = json_extract(facts, '$.ringing'),
        cancelled = json_extract(facts, '$.cancelled'),
        answered_by = json_extract(facts, '$.answered_by'),
        sources = json_extract(facts, '$.sources');
    ALTER TABLE calls DROP COLUMN facts;
    """,
    # 4: the team hub — one sequence numbers every change a desktop may see (a call's row, a note, a
    # contact) in the transaction that makes it, so "everything after N" is one indexed query; and the
    # hub's users (only a hash of each token is kept).
    """
    CREATE TABLE sequence (
        name TEXT PRIMARY KEY,
        value INTEGER NOT NULL
    ) WITHOUT ROWID;
    ALTER TABLE calls ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE notes ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE contacts ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
    UPDATE calls SET seq = id;
    UPDATE notes SET seq = (SELECT coalesce(max(id), 0) FROM calls) + id;
    UPDATE contacts SET seq = (SELECT coalesce(max(id), 0) FROM calls) + (SELECT coalesce(max(id), 0) FROM notes) + id;
    CREATE INDEX calls_by_seq ON calls (seq);
    CREATE INDEX notes_by_seq ON notes (seq);
    CREATE INDEX contacts_by_seq ON contacts (seq);
    INSERT INTO sequence (name, value) VALUES ('changes', max(
        (SELECT coalesce(max(seq), 0) FROM calls),
        (SELECT coalesce(max(seq), 0) FROM notes),
        (SELECT coalesce(max(seq), 0) FROM contacts)));
    CREATE TABLE users (
        login TEXT PRIMARY KEY,
        name TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL,
        token_hash TEXT NOT NULL,
        identities TEXT NOT NULL DEFAULT '{}',  -- JSON: {account id: who the user is there}
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    """,
    # 5: a call offered to the whole line (a ring naming no agent) stays visible to the line's agents on a
    # team hub after one of them answers; and the hub's identity, so a desktop notices a replaced database
    # (its numbers would start again) and fetches afresh.
    """
    ALTER TABLE calls ADD COLUMN line_offered INTEGER NOT NULL DEFAULT 0;
    INSERT INTO sequence (name, value) VALUES ('hub_id', abs(random()) % 9007199254740991 + 1);
    """,
]

LATEST = len(MIGRATIONS)
