"""Shared set-up for card tests: a real context and runtime (its hub and tracker), and provider-like events."""

from __future__ import annotations

from datetime import timedelta

from app.config.settings import AccountSettings, Provider
from app.core.models import CallEvent, CallStatus, Direction, EventKind, utcnow
from app.runtime import Runtime
from app.services.calls import CallTracker
from app.services.context import Context
from app.services.hub import CallHub


def open_context(user: str = "andy") -> Context:
    context = Context.open()
    context.settings.accounts = [AccountSettings(id="office", provider=Provider.CLOUDPBX, user=user)]
    return context


def open_runtime(user: str = "andy") -> Runtime:
    """A runtime over :func:`open_context`, not started (no receiver, no outbound services)."""
    return Runtime(open_context(user))


def tracker_for(context: Context) -> CallTracker:
    return CallTracker(context.calls, CallHub())


def event(
    call_id: str,
    kind: EventKind,
    agent: str = "andy",
    phone: str = "+48777888999",
    status: CallStatus | None = None,
    seconds: int = 0,
    line: str = "+48221234567",
    **extra: object,
) -> CallEvent:
    return CallEvent(
        account="office",
        call_id=call_id,
        kind=kind,
        at=utcnow() + timedelta(seconds=seconds),
        direction=Direction.IN,
        phone=phone,
        line=line,
        agent=agent,
        status=status,
        raw=(("cmd", kind.value), ("user", agent), ("n", str(seconds))),
        **extra,  # type: ignore[arg-type]
    )


# --- the longest texts a card must hold (Polish and Russian call centres) ------------------------------
LONGEST_PL = (
    "Konstantyna Przybyszewska-Szczepańska-Wróblewska-Brzęczyszczykiewicz",
    "Przedsiębiorstwo Handlowo-Usługowo-Produkcyjne „Świętokrzyskie Zakłady Przetwórstwa Owocowo-Warzywnego” "
    "Spółka z ograniczoną odpowiedzialnością Spółka Komandytowa",
    "+48221234500",
)
LONGEST_RU = (
    "Александра Константиновна Верхнеднепровская-Староконстантиновская",
    "Общество с ограниченной ответственностью «Научно-производственное объединение „Ленинградский "
    "металлообрабатывающий завод имени Свердлова“»",
    "+74951234567",
)


def contact_calls(runtime: Runtime, count: int, *, long_names: bool = False) -> list[str]:
    """``count`` callers in the contact book (the longest names when asked); returns their numbers."""
    from app.core.models import Contact, ContactPhone

    numbers = []
    for index in range(count):
        number = f"+4860010{index:04d}"
        name, company, _ = (LONGEST_PL if index % 2 else LONGEST_RU) if long_names else (f"Caller {index}", "", "")
        runtime.contacts.save(Contact(name, [ContactPhone(number)], company=company))
        numbers.append(number)
    return numbers


def ring_twelve(runtime: Runtime) -> list[tuple[str, str]]:
    """Twelve calls as a busy morning leaves them: nine finished (missed, ended), one talking, two ringing
    (the newest). Returns the call keys, oldest first."""
    tracker = runtime.tracker
    numbers = contact_calls(runtime, 12)
    keys = []
    for index, number in enumerate(numbers):
        call_id = f"m{index:02d}"
        tracker.record(event(call_id, EventKind.RINGING, phone=number, seconds=index * 10))
        if index < 9 and index % 2:
            tracker.record(event(call_id, EventKind.LEG_CANCELLED, phone=number, seconds=index * 10 + 5))
        elif index < 9:
            tracker.record(event(call_id, EventKind.ANSWERED, phone=number, seconds=index * 10 + 2))
            tracker.record(event(call_id, EventKind.COMPLETED, phone=number, seconds=index * 10 + 8))
        elif index == 9:
            tracker.record(event(call_id, EventKind.ANSWERED, phone=number, seconds=index * 10 + 2))
        keys.append(("office", call_id))
    return keys


def stack_probe(argv: list[str]) -> int:
    """``python -m tests.ui.cardkit [--hold S]``: twelve calls on this process's screen; prints one JSON line
    (the screen's available geometry, each shown card's rect and state, the folded count, the "more" entry).
    With ``--hold`` it then keeps the cards up for S seconds (for a screenshot of a real X screen)."""
    import json
    import sys

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.cards.stack import CardStack

    app = QApplication(sys.argv[:1])
    hold = float(argv[argv.index("--hold") + 1]) if "--hold" in argv else 0.0
    runtime = open_runtime()
    runtime.context.settings.card.close_after_s = 3600
    opened: list[str] = []
    stack = CardStack(runtime, call_back=lambda n, a: None, open_history=opened.append)
    runtime.hub.subscribe(stack.on_update)
    keys = ring_twelve(runtime)
    app.processEvents()
    area = stack.area()
    assert area is not None
    result = {
        "platform": app.platformName(),
        "scale": app.primaryScreen().devicePixelRatio(),
        "area": [area.x(), area.y(), area.width(), area.height()],
        "cards": [
            {
                "key": key[1],
                "state": card.status.state.value,
                "rect": [card.x(), card.y(), card.width(), card.height()],
                "visible": card.isVisible(),
            }
            for key in keys
            if (card := stack.cards[key]) is not None
        ],
        "folded": len(stack.folded),
        "more": [stack.more.x(), stack.more.y(), stack.more.width(), stack.more.height()]
        if stack.more.isVisible()
        else None,
        "more_text": stack.more.button.text(),
    }
    stack.more.button.click()
    result["more_opened"] = opened
    print(json.dumps(result), flush=True)
    if hold:
        QTimer.singleShot(int(hold * 1000), app.quit)
        app.exec()
    stack.close_all()
    runtime.context.close()
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(stack_probe(sys.argv[1:]))
