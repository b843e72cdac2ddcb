"""Provider sandbox: faithful simulators of Cloud PBX (ITooLabs API), TeleDiscount and TeleCube/CCRM.

It speaks only the wire formats of docs/providers.md and imports nothing of Ringdesk outside
this package, so it tests Ringdesk's clients and parsers the way the real providers would. asyncio only
(no Qt, no threads, no signal handlers): it runs in tests, in ``ringdesk sandbox`` and inside the desktop
app's qasync loop (``ringdesk demo``).

Use::

    sb = Sandbox(SandboxConfig(seed=1, time_scale=0.01, crm_url="http://127.0.0.1:8765/crm"))
    base_url = await sb.start("127.0.0.1", 0)
    call_id = await sb.place_call(provider="cloudpbx", direction="in", number="+48 777 888 999",
                                  agent="andy", outcome="answered", talk=42)
    await sb.wait_call(call_id)
    await sb.stop()

Module map: ``config`` (options), ``people``/``numbers`` (the company and its callers), ``scenario``
(seeded traffic), ``calls`` (specs, archive), ``engine`` (plays calls), ``cloudpbx*``/``telediscount*``/
``telecube*`` (the providers: server side and webhook flows), ``recordings``/``audio`` (WAV on demand),
``faults``, ``webhooks``, ``reqlog``, ``traffic`` (rate and bursts), ``control`` (``/_sandbox/``),
``server`` (the :class:`Sandbox`). README.md beside this file lists the routes, the control API and every
choice made where the provider documents are silent.
"""

from app.sandbox.calls import Call, CallSpec
from app.sandbox.config import SandboxConfig
from app.sandbox.faults import Fault, parse_fault
from app.sandbox.people import Roster, build_roster
from app.sandbox.scenario import Scenario
from app.sandbox.server import Sandbox

__all__ = ["Call", "CallSpec", "Fault", "Roster", "Sandbox", "SandboxConfig", "Scenario", "build_roster", "parse_fault"]
