"""Every path Ringdesk uses, resolved in this one module.

Normally the platform's own folders (platformdirs: XDG on Linux, AppData on Windows, Library on macOS).
``RINGDESK_HOME`` puts config, data, cache and logs under one folder instead: tests (a temporary folder
each), portable installs, and running two instances side by side.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "ringdesk"
HOME_ENV = "RINGDESK_HOME"


@dataclass(frozen=True, slots=True)
class Paths:
    config_dir: Path
    data_dir: Path
    cache_dir: Path
    log_dir: Path

    @property
    def config_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def database(self) -> Path:
        return self.data_dir / "ringdesk.sqlite3"

    @property
    def recordings_dir(self) -> Path:
        return self.cache_dir / "recordings"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "ringdesk.log"

    def ensure(self) -> Paths:
        """Create the folders (private to the user: they hold call history)."""
        for folder in (self.config_dir, self.data_dir, self.cache_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self


def resolve(home: str | os.PathLike[str] | None = None) -> Paths:
    """The paths for ``home`` (or ``$RINGDESK_HOME``), else the platform's per-user folders."""
    root = home if home is not None else os.environ.get(HOME_ENV)
    if root:
        base = Path(root).expanduser().resolve()
        return Paths(base / "config", base / "data", base / "cache", base / "logs")
    import platformdirs

    dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
    return Paths(
        Path(dirs.user_config_dir), Path(dirs.user_data_dir), Path(dirs.user_cache_dir), Path(dirs.user_log_dir)
    )
