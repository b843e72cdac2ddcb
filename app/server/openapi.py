"""The receiver described as OpenAPI 3.0, so standard tools (schemathesis, Postman) can call and fuzz it.

Built from the same constants the handlers use (commands, hooks, body cap), so it cannot drift from them
on those points; field lists and their descriptions follow providers.md (document fields first, then
those seen in public implementations), so an integrator reads the same meaning there as in our docs.
"""

from __future__ import annotations

from typing import Any

from app import __version__
from app.providers.cloudpbx.webhooks import COMMANDS
from app.server.bodies import MAX_BODY
from app.services.webhook_urls import TELEDISCOUNT_HOOKS

_STR = {"type": "string"}
_PUBLIC = " (public implementations)"
_KEPT = "; kept with the event as sent, not interpreted"


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


_CLOUDPBX_FIELDS = {
    "cmd": {"type": "string", "enum": list(COMMANDS), "description": "the command"},
    "crm_token": _text("the key generated in the PBX cabinet (the account's crm_token secret)"),
    "type": _text("history: in|out; event: INCOMING|ACCEPTED|COMPLETED|CANCELLED (also OUTGOING, TRANSFERRED)"),
    "status": _text("history: Success|Busy|NotAvailable|NotAllowed (also Missed, Cancel, NotFound; any casing)"),
    "phone": _text(
        "the client's number, E.164 digits, e.g. 79101234567 (a national form is read in the country of our "
        "line, then in the configured region)"
    ),
    "user": _text("PBX user id, e.g. andy (also login@tenant, g_<uuid>@tenant for group legs, pbx)"),
    "diversion": _text("our number the call came in on"),
    "duration": _text(
        "history: seconds, a number: the whole call, the wait before the answer included (talk = duration − wait)"
    ),
    "callid": _text("the call's id, the same for every leg and command of one call"),
    "link": _text("history: recording URL, when recording is on"),
    "start": _text("history: when the call started, UTC, YYYYmmddTHHMMSSZ" + _PUBLIC),
    "wait": _text("history: seconds before the answer, a part of duration" + _PUBLIC),
    "ext": _text("extension" + _PUBLIC + _KEPT),
    "telnum": _text("our number" + _PUBLIC + "; the line when diversion is absent"),
    "telnum_name": _text("name of our number" + _PUBLIC + _KEPT),
    "group": _text("group that rang" + _PUBLIC + _KEPT),
    "groupRealName": _text("group name" + _PUBLIC + _KEPT),
    "rating": _text("a call-quality score, an integer (cmd=rating; history may carry it too)" + _PUBLIC),
    "missedStatus": _text(
        "history: 1 the client called back, 2 we called back, 3 not called back, 4 could not reach" + _PUBLIC + _KEPT
    ),
    "direction": _text("event: in|out" + _PUBLIC),
    "second_callid": _text("event: the other call's id" + _PUBLIC + _KEPT),
}
_TELEDISCOUNT_FIELDS = {
    "api_call_id": (True, "the provider's call id"),
    "num_a": (True, "caller (client, or our SIP account on outgoing calls)"),
    "num_m": (False, "our number dialled"),
    "num_b": (False, "who answered (SIP account), or the client on outgoing calls"),
    "setup_time": (False, "UNIX time (seconds or milliseconds; implausible values: arrival time is used)"),
    "connection_time": (False, "talk seconds"),
    "waiting_time": (False, "seconds before the answer"),
    "code_name_num_a": (False, "the caller's region/operator"),
    "code_name_num_b": (False, "num_b's region/operator"),
    "price": (False, "the call's price (unit not documented)"),
}


def build() -> dict[str, Any]:
    """The OpenAPI document of every route, its parameters and its answers."""
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Ringdesk webhook receiver",
            "version": __version__,
            "description": (
                f"Provider pushes to Ringdesk. Bodies over {MAX_BODY} bytes get 413. On any path, malformed HTTP "
                "(a bad request line, header or chunked body) gets 400 with the Error body, and a connection "
                "made while every one of the receiver's connections is busy gets 503 before its request is read."
            ),
        },
        "paths": {
            "/hooks/{account}": {"post": _cloudpbx()},
            "/hooks/{account}/{secret}/{hook}": {"get": _telediscount(), "post": _telediscount_form()},
            "/healthz": {
                "get": {
                    "summary": "liveness (no secrets)",
                    "operationId": "health",
                    "responses": {"200": _json_response("ok", {"type": "object"})},
                }
            },
            "/openapi.json": {
                "get": {
                    "summary": "this document",
                    "operationId": "openapi",
                    "responses": {"200": _json_response("OpenAPI 3", {"type": "object"})},
                }
            },
        },
        "components": {"schemas": {"Error": {"type": "object", "required": ["error"], "properties": {"error": _STR}}}},
    }


def _cloudpbx() -> dict[str, Any]:
    schema = {"type": "object", "required": ["cmd", "crm_token"], "properties": _CLOUDPBX_FIELDS}
    contact = {"type": "object", "properties": {"contact_name": _STR, "responsible": _STR}}
    return {
        "summary": "Cloud PBX (ITooLabs API) CRM endpoint: history, event, contact, rating",
        "operationId": "cloudpbx",
        "parameters": [_path("account", "account id from config.toml")],
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {"schema": schema},
                "application/json": {"schema": schema},
            },
        },
        "responses": {
            "200": {
                "description": "history/event/rating: empty body; contact: the contact, {} when unknown",
                "content": {"application/json": {"schema": contact}},
            },
            **_errors("400", "401", "403", "404", "408", "413", "503"),
        },
    }


def _telediscount() -> dict[str, Any]:
    query = [
        {"name": name, "in": "query", "required": needed, "schema": _STR, "description": text}
        for name, (needed, text) in _TELEDISCOUNT_FIELDS.items()
    ]
    hook = {
        "name": "hook",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "enum": list(TELEDISCOUNT_HOOKS)},
    }
    return {
        "summary": "TeleDiscount webhooks: start of incoming call (income), end of call (call_finished)",
        "operationId": "telediscount",
        "parameters": [_path("account", "account id"), _path("secret", "the account's webhook secret"), hook, *query],
        "responses": {"200": {"description": "accepted (empty body)"}, **_errors("400", "403", "404", "503")},
    }


def _telediscount_form() -> dict[str, Any]:
    """The same hooks with the fields in a form body: tolerated (the receiver serves POST there too), while
    the provider document uses GET. Query fields still count; body fields win."""
    operation = _telediscount()
    fields = {p["name"]: p["schema"] for p in operation["parameters"] if p["in"] == "query"}
    form = {"schema": {"type": "object", "properties": fields}}
    return {
        **operation,
        "operationId": "telediscount_form",
        "summary": operation["summary"] + "; the same fields as a form body (tolerated)",
        "requestBody": {"content": {"application/x-www-form-urlencoded": form}},
        "responses": {**operation["responses"], **_errors("408", "413")},
    }


def _path(name: str, description: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": _STR, "description": description}


def _json_response(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_ERROR_TEXT = {
    "400": "Invalid parameters",
    "401": "Invalid token",
    "403": "address not in the allow-list",
    "404": "unknown account or secret",
    "408": "body not received in time",
    "413": "body too large",
    "503": "could not store the push, or no connection free; retry",
}


def _errors(*codes: str) -> dict[str, Any]:
    ref = {"$ref": "#/components/schemas/Error"}
    return {code: _json_response(_ERROR_TEXT[code], ref) for code in codes}
