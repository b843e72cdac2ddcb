"""The app's wiring: paths, settings, secrets and stores, opened once and shared by every front end
(desktop app, ``ringdesk serve``, the command line, tests)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from app.config import paths as paths_module
from app.config import settings as settings_module
from app.config.paths import Paths
from app.config.secrets import SecretStore
from app.config.settings import Settings
from app.core.errors import Problem
from app.store.agents import AgentStore
from app.store.calls import CallStore
from app.store.changes import ChangeStore
from app.store.contacts import ContactStore
from app.store.db import Database
from app.store.notes import NoteStore
from app.store.state import StateStore
from app.store.users import UserStore


class Context:
    """Everything a use case needs; stores open lazily so ``--help`` and light commands stay fast."""

    def __init__(self, paths: Paths, settings: Settings, secrets: SecretStore | None = None) -> None:
        self.paths = paths
        self.settings = settings
        self.secrets = secrets or SecretStore()
        self.verify_store = False  # True: check the store at open even if it is sealed (the doctor)

    @classmethod
    def open(cls, home: str | Path | None = None) -> Context:
        """Resolve the paths (``RINGDESK_HOME`` or the platform's), create them, load ``config.toml``."""
        paths = paths_module.resolve(home).ensure()
        return cls(paths, settings_module.load(paths.config_file))

    @cached_property
    def db(self) -> Database:
        db = Database.open(self.paths.database, verify=self.verify_store)
        for account in self.settings.accounts:
            db.ensure_account(account.id, account.provider.value, account.name)
        return db

    @cached_property
    def calls(self) -> CallStore:
        return CallStore(self.db)

    @cached_property
    def contacts(self) -> ContactStore:
        return ContactStore(self.db)

    @cached_property
    def notes(self) -> NoteStore:
        return NoteStore(self.db)

    @cached_property
    def agents(self) -> AgentStore:
        return AgentStore(self.db)

    @cached_property
    def state(self) -> StateStore:
        return StateStore(self.db)

    @cached_property
    def changes(self) -> ChangeStore:
        return ChangeStore(self.db)

    @cached_property
    def users(self) -> UserStore:
        return UserStore(self.db)

    def notices(self) -> list[Problem]:
        """Problems that opening the store met and got past, for the front ends to show at start: a damaged
        database set aside and replaced (``app.store.recovery``). Empty while the store is not open yet."""
        db = self.__dict__.get("db")
        recovery = db.recovery if db is not None else None
        return [recovery.problem] if recovery is not None else []

    def ensure_account_rows(self) -> None:
        """Give every configured account its row in the store (if the store is open; opening does it too)."""
        if "db" in self.__dict__:
            for account in self.settings.accounts:
                self.db.ensure_account(account.id, account.provider.value, account.name)

    def save_settings(self) -> None:
        settings_module.save(self.settings, self.paths.config_file)

    def close(self) -> None:
        if "db" in self.__dict__:
            self.db.close()
            del self.__dict__["db"]
