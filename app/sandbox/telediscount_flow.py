"""TeleDiscount as the provider: the ``income`` and ``call_finished`` GETs, and the call record that
``get_calls`` lists.

What the document leaves open, chosen here (and documented in the package docstring):
- outgoing calls send only ``call_finished`` (the cabinet's webhooks are "start of *incoming* call" and
  "end of call"); there ``num_a`` is the agent's SIP account and ``num_b`` the client;
- an unanswered call has ``num_b`` empty and ``connection_time=0``; busy and unreachable look the same;
- every value of a record is a string, as PHP back-ends of this kind return them;
- ``price`` is per started minute of talk on outgoing calls (mobiles dearer), ``0.00`` on incoming ones.
"""

from __future__ import annotations

import math

from app.sandbox import numbers
from app.sandbox.calls import Call
from app.sandbox.engine import Engine
from app.sandbox.webhooks import CallChannel

ABONENT_ID = "1609"  # the cabinet screenshot's key begins "abonent1609"


async def play(engine: Engine, call: Call) -> None:
    """Play one TeleDiscount call: ``income`` when an incoming one starts, ``call_finished`` at the end."""
    cfg = engine.config
    spec = call.spec
    channel = CallChannel(engine.sender, "telediscount", call.id)
    if spec.direction == "in":
        await channel.send(
            "income",
            "GET",
            cfg.td_income_url,
            {"num_a": spec.number, "num_m": spec.line, "setup_time": str(int(call.started)), "api_call_id": call.id},
        )
    await engine.ring_and_talk(call)  # "one after another" in the cabinet: no per-agent webhooks
    rec = record(engine, call)
    rec["waiting_time"] = rec["num_a_waiting_time"]
    params = {
        k: rec[k]
        for k in (
            "num_a",
            "num_m",
            "num_b",
            "setup_time",
            "connection_time",
            "waiting_time",
            "api_call_id",
            "code_name_num_a",
            "code_name_num_b",
            "price",
        )
    }
    await channel.send("call_finished", "GET", cfg.td_finished_url, params)
    await channel.flush()


def record(engine: Engine, call: Call) -> dict[str, str]:
    """The call as ``get_calls`` lists it: every field of the document, in its order."""
    spec = call.spec
    answered = spec.answered and bool(call.answered_by)
    agent = engine.roster.agent(call.answered_by or (call.ringing[0] if call.ringing else spec.agent or ""))
    sip = agent.sip if agent else ""
    if spec.direction == "in":
        service, num_a, num_b = "ivr", spec.number, sip if answered else ""
    else:
        service, num_a, num_b = "sip_outcome", sip, spec.number
    talk = spec.talk if answered else 0
    return {
        "abonent_id": ABONENT_ID,
        "setup_time": str(int(call.started)),
        "service_name": service,
        "num_a": num_a,
        "code_name_num_a": numbers.region_name(num_a),
        "num_m": spec.line,
        "num_b": num_b,
        "code_name_num_b": numbers.region_name(num_b) if num_b else "",
        "num_a_connection_time": str(spec.wait + talk),
        "num_b_connection_time": str(talk),
        "connection_time": str(talk),
        "num_a_waiting_time": str(spec.wait),
        "num_b_waiting_time": str(spec.wait if answered else 0),
        "recorder_file": engine.recording_url(call.id) if talk else "",
        "price": _price(spec.direction, spec.number, talk),
        "api_call_id": call.id,
    }


def _price(direction: str, number: str, talk: int) -> str:
    if direction == "in" or talk <= 0:
        return "0.00"
    mobile = number[1:2] == "9" if number.startswith("7") else number[2:4] not in numbers.PL_LANDLINE
    return f"{math.ceil(talk / 60) * (1.95 if mobile else 0.95):.2f}"
