"""What the history window does with a call or with the whole view: dial it back, open its details, play
its recording, export the view to CSV.

Why apart from the window: each action talks to a use case or an outbound service of the runtime (the
dialer, the recordings, the call history's pages) and reports in one sentence; the window only decides
which call and where the sentence goes (:attr:`HistoryActions.notice`).

Texts keep the ``HistoryWindow`` translation context: they are the window's words, wherever the code sits.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from app.core.errors import Problem
from app.core.views import CallQuery, CallRow
from app.ui import formatting
from app.ui.dialbox import dial_problem_text, outcome_text
from app.ui.history.details import CallDetailsDialog
from app.ui.history.export import CsvExport
from app.ui.player import RecordingPlayer, offer_call_recording

if TYPE_CHECKING:
    from app.runtime import Runtime
    from app.services.dialer import Dialer


class HistoryActions(QObject):
    """The window's actions; ``window`` parents the dialogs and the export."""

    notice = Signal(str, bool)  # a sentence for the status line; True: it is an error
    exporting_changed = Signal(bool)

    def __init__(self, runtime: Runtime, region: str, window: QWidget) -> None:
        super().__init__(window)
        self.runtime = runtime
        self.region = region
        self.window = window
        self.export: CsvExport | None = None
        self._dialogs: list[CallDetailsDialog] = []

    # -- dial ----------------------------------------------------------------------------------------
    def can_call_back(self, row: CallRow | None) -> bool:
        return bool(row is not None and row.phone and self.runtime.dialer is not None)

    def call_back(self, row: CallRow | None) -> None:
        """Dial ``row``'s number through the account it came from; the outcome in the status line."""
        dialer = self.runtime.dialer
        if row is None or not row.phone or dialer is None:
            return
        from app.ui import tasks

        number = formatting.phone_text(row.phone, self.region)
        self.notice.emit(
            QCoreApplication.translate("HistoryWindow", "Calling %1… your phone rings first.").replace("%1", number),
            False,
        )
        tasks.run(self._dial(dialer, row))

    async def _dial(self, dialer: Dialer, row: CallRow) -> None:
        """The outcome as sentences in the status line: never a provider's call id or raw answer."""
        try:
            outcome = await dialer.call(row.phone, account=row.account)
        except Problem as problem:
            name = next((a.display_name for a in self.runtime.context.settings.accounts if a.id == row.account), "")
            self.notice.emit(dial_problem_text(problem, name), True)
            return
        self.notice.emit(outcome_text(outcome, self.region), False)

    # -- details and recording --------------------------------------------------------------------------
    def open_details(self, row: CallRow) -> CallDetailsDialog:
        """The call's details and notes, non-modal (no nested event loop), as a window of its own."""
        dialog = CallDetailsDialog(self.runtime, row, self.window)
        dialog.setWindowFlag(Qt.WindowType.Window)
        dialog.call_back_requested.connect(self.call_back)
        self._dialogs.append(dialog)
        dialog.destroyed.connect(lambda: self._dialogs.remove(dialog) if dialog in self._dialogs else None)
        dialog.show()
        return dialog

    def play(self, player: RecordingPlayer, row: CallRow | None) -> None:
        """Offer the selected call's recording in ``player`` (fetched only when the user plays it)."""
        if row is None:
            player.clear(QCoreApplication.translate("HistoryWindow", "Select a call with a recording to play it."))
        elif not row.recording_url:
            player.clear(QCoreApplication.translate("HistoryWindow", "This call has no recording."))
        elif player.source_key != (row.account, row.call_id):
            offer_call_recording(player, self.runtime.recordings, row.account, row.call_id, row.recording_url)

    # -- export --------------------------------------------------------------------------------------
    def ask_export(self, query: CallQuery) -> None:
        """Ask where to save (non-modal: no nested event loop), then export ``query``'s calls."""
        dialog = QFileDialog(self.window, QCoreApplication.translate("HistoryWindow", "Export the calls as CSV"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(QCoreApplication.translate("HistoryWindow", "CSV files (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.selectFile(f"ringdesk-calls-{date.today().isoformat()}.csv")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(lambda path: self.export_to(Path(path), query))
        dialog.open()

    def export_to(self, path: Path, query: CallQuery) -> CsvExport:
        """Write every call of ``query`` (all pages, not just those loaded) to ``path``, in slices."""
        export = CsvExport(self.runtime.history, query, path, self.window)
        self.export = export
        export.progress.connect(
            lambda n: self.notice.emit(
                QCoreApplication.translate("HistoryWindow", "Exporting… %1 calls written").replace(
                    "%1", formatting.number_text(n)
                ),
                False,
            )
        )
        export.finished.connect(self._export_done)
        export.failed.connect(self._export_failed)
        self.exporting_changed.emit(True)
        export.start()
        return export

    def cancel_export(self) -> None:
        if self.export is not None:
            self.export.cancel()
        self._end_export()
        self.notice.emit(QCoreApplication.translate("HistoryWindow", "Export cancelled."), False)

    def _export_done(self, count: int, path: str) -> None:
        self._end_export()
        text = QCoreApplication.translate("HistoryWindow", "Exported %1 calls to %2")
        self.notice.emit(text.replace("%1", formatting.number_text(count)).replace("%2", path), False)

    def _export_failed(self, text: str) -> None:
        self._end_export()
        self.notice.emit(text, True)

    def _end_export(self) -> None:
        self.export = None
        self.exporting_changed.emit(False)
