"""Ring-to-card latency: from the sandbox sending Cloud PBX's ``event INCOMING`` webhook to the card painted.

Everything runs in one process on the app's qasync loop, as in ``ringdesk demo``: the sandbox sends the
webhook over real HTTP (127.0.0.1) to the receiver, which parses it, commits it, publishes it; the card
stack builds the card and Qt paints it. "Painted" is the card's first ``paintEvent``.

The floor, measured in the same run: a bare aiohttp handler on the same loop that shows a ``QLabel``
(same window flags as a card), timed from the client's send to the label's first paint. Goal: card p99
≤ 15 ms and ≤ 1.5× the floor's p99.

    python -m bench.ring_to_card [--calls 1000] [--quick]

``--quick``: 100 calls (the same paths; CI keeps the script working with it).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import headless

headless.prepare()  # before Qt loads

from bench.report import Figure, percentile, print_table  # noqa: E402


async def measure_cards(calls: int) -> list[float]:
    from app.config.paths import resolve
    from app.config.secrets import MemorySecretStore
    from app.config.settings import AccountSettings, Provider, Settings
    from app.runtime import Runtime
    from app.sandbox import Sandbox, SandboxConfig
    from app.services.context import Context
    from app.ui.cards.stack import CardStack

    sandbox = Sandbox(SandboxConfig(seed=3, time_scale=0.0005, rate=0, prefill_calls=0, contacts=50, extra_fields=True))
    base = await sandbox.start("127.0.0.1", 0)
    keys = sandbox.credentials()
    context = Context(resolve().ensure(), Settings(), MemorySecretStore())
    context.settings.server.listen = "127.0.0.1:0"
    context.settings.card.close_after_s = 3600
    context.settings.accounts = [AccountSettings(id="pbx", provider=Provider.CLOUDPBX, base_url=base, user="andy")]
    context.secrets.set("pbx", "token", keys["cloudpbx_token"])
    context.secrets.set("pbx", "crm_token", keys["crm_token"])
    runtime = Runtime(context)
    await runtime.start()
    sandbox.configure(crm_url=runtime.webhook_urls()["pbx"][0])
    stack = CardStack(runtime)
    runtime.hub.subscribe(stack.on_update)

    sent: dict[str, float] = {}
    painted: dict[str, asyncio.Future[float]] = {}
    loop = asyncio.get_running_loop()
    original_send = sandbox.sender.send

    async def timed_send(
        provider: str, name: str, call_id: str, method: str, url: str | None, params: dict[str, str], **kwargs: Any
    ) -> Any:
        if name == "event" and params.get("type") == "INCOMING":
            sent[params.get("callid", call_id)] = time.perf_counter()
        return await original_send(provider, name, call_id, method, url, params, **kwargs)

    sandbox.sender.send = timed_send  # type: ignore[method-assign]

    def on_card(card: Any) -> None:
        key = card.call.call_id
        future = painted.setdefault(key, loop.create_future())
        card.first_painted.connect(lambda: future.done() or future.set_result(time.perf_counter()))

    stack.card_shown.connect(on_card)
    latencies: list[float] = []
    try:
        for i in range(calls):
            call_id = f"bench-{i:05d}"
            painted[call_id] = loop.create_future()
            await sandbox.place_call(
                provider="cloudpbx",
                direction="in",
                agent="andy",
                outcome="missed",
                wait=5,
                number=f"+4860010{i % 10000:04d}",
                call_id=call_id,
            )
            done = await asyncio.wait_for(painted[call_id], timeout=10)
            latencies.append((done - sent[call_id]) * 1000)
            await sandbox.wait_call(call_id, timeout=10)
            stack.close_all()
            await asyncio.sleep(0)
    finally:
        stack.close_all()
        await sandbox.stop()
        await runtime.stop()
    return latencies


async def measure_floor(calls: int) -> list[float]:
    import httpx
    from aiohttp import web
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QLabel

    loop = asyncio.get_running_loop()
    state: dict[str, Any] = {}

    class Label(QLabel):
        def paintEvent(self, event: QPaintEvent) -> None:
            super().paintEvent(event)
            future = state.get("painted")
            if future is not None and not future.done():
                future.set_result(time.perf_counter())

    async def handler(request: web.Request) -> web.Response:
        form = await request.post()
        label = Label(
            f"Incoming call {form.get('phone', '')}",
            None,
            Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowDoesNotAcceptFocus,
        )
        label.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        label.show()
        state["label"] = label
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", handler)
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    latencies: list[float] = []
    async with httpx.AsyncClient() as client:
        for i in range(calls):
            state["painted"] = loop.create_future()
            start = time.perf_counter()
            await client.post(f"http://127.0.0.1:{port}/hook", data={"cmd": "event", "phone": f"4860010{i:04d}"})
            done = await asyncio.wait_for(state["painted"], timeout=10)
            latencies.append((done - start) * 1000)
            state.pop("label").close()
            await asyncio.sleep(0)
    await runner.cleanup()
    return latencies


async def bench(calls: int, chatter: headless.QtChatter) -> int:
    floor = await measure_floor(calls)
    cards = await measure_cards(calls)
    floor_p99, card_p99 = percentile(floor, 99), percentile(cards, 99)
    print_table(
        f"ring → card painted ({calls:,} calls); floor = bare aiohttp handler → QLabel",
        [
            Figure("webhook → card painted p50", percentile(cards, 50), "ms", "", percentile(floor, 50)),
            Figure("webhook → card painted p99", card_p99, "ms", "≤ 15", floor_p99),
            Figure("webhook → card painted mean", statistics.fmean(cards), "ms", "", statistics.fmean(floor)),
            Figure("card p99 / floor p99", card_p99 / floor_p99, "×", "≤ 1.5", note=chatter.note()),
        ],
    )
    return 0  # a missed goal shows in the table; the exit code is for a broken script


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=None, help="calls to ring (default 1,000; --quick 100)")
    parser.add_argument("--quick", action="store_true", help="100 calls (keeps the script working)")
    args = parser.parse_args(argv)
    calls = args.calls or (100 if args.quick else 1000)
    chatter = headless.QtChatter().install()
    try:
        with tempfile.TemporaryDirectory(prefix="ringdesk-bench-card-") as home:
            os.environ["RINGDESK_HOME"] = str(Path(home))
            from PySide6.QtWidgets import QApplication

            from app.ui.main import run_loop

            app = QApplication.instance() or QApplication(sys.argv[:1])
            app.setQuitOnLastWindowClosed(False)
            return run_loop(bench(calls, chatter))
    finally:
        chatter.uninstall()


if __name__ == "__main__":
    sys.exit(main())
