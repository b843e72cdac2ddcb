"""Export of the history's current view to CSV, streamed page by page.

Why streamed and in slices: "the current view" may be every one of a million calls. The file is written
one keyset page at a time (memory stays flat) and each slice runs from the event loop, so the window keeps
repainting and cards keep popping up during a long export; the user can cancel.

The columns and cells are those of ``ringdesk history --format csv`` (:meth:`CallRow.to_json` through
:func:`app.core.cells.spreadsheet_row`: no control characters, no cell a spreadsheet would run as a
formula), UTF-8 with a BOM so spreadsheet programs open names in any script correctly; times are ISO-8601
UTC, durations seconds (``talk_s`` is the talk time, the duration less the wait).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from PySide6.QtCore import QObject, QTimer, Signal

from app.core.cells import spreadsheet_row
from app.core.views import ROW_KEYS, CallQuery
from app.services.history import CallHistory

PAGE = 2000
COLUMNS = ROW_KEYS  # the keys of CallRow.to_json(), in its order (DictWriter refuses a row with a key not listed)


def write_pages(history: CallHistory, query: CallQuery, out: IO[str], page: int = PAGE) -> Iterator[int]:
    """Write the header, then one page per step; yields the number of calls written so far."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    written = 0
    for rows in history.pages(query, size=page):
        writer.writerows(spreadsheet_row(row.to_json()) for row in rows)
        written += len(rows)
        yield written


class CsvExport(QObject):
    """Writes one export in slices from the event loop; emits progress, then finished or failed."""

    progress = Signal(int)  # calls written so far
    finished = Signal(int, str)  # total, path
    failed = Signal(str)  # a sentence for the user

    def __init__(self, history: CallHistory, query: CallQuery, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._file: IO[str] | None = None
        self._steps: Iterator[int] | None = None
        self._history = history
        self._query = query
        self._written = 0
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

    def start(self) -> None:
        try:
            self._file = open(self.path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed in _close)
        except OSError as exc:
            self.failed.emit(
                self.tr("Cannot write %1: %2").replace("%1", str(self.path)).replace("%2", exc.strerror or str(exc))
            )
            return
        self._steps = write_pages(self._history, self._query, self._file)
        self._timer.start()

    def cancel(self) -> None:
        """Stop and delete the partial file."""
        self._close()
        self.path.unlink(missing_ok=True)

    @property
    def running(self) -> bool:
        return self._timer.isActive()

    def _step(self) -> None:
        assert self._steps is not None
        try:
            self._written = next(self._steps)
        except StopIteration:
            self._close()
            self.finished.emit(self._written, str(self.path))
            return
        except OSError as exc:
            self.cancel()
            self.failed.emit(
                self.tr("Cannot write %1: %2").replace("%1", str(self.path)).replace("%2", exc.strerror or str(exc))
            )
            return
        self.progress.emit(self._written)

    def _close(self) -> None:
        self._timer.stop()
        if self._file is not None:
            self._file.close()
            self._file = None
