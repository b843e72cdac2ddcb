"""Asking a running receiver who it is, through its own ``/healthz`` (stdlib only: no event loop needed)."""

from __future__ import annotations

import json
import urllib.request

from app.config.settings import ServerSettings


def running_ringdesk(server: ServerSettings) -> str:
    """The version our own receiver reports on ``/healthz`` ("" if what listens there is not Ringdesk).

    A local diagnostic probe (``ringdesk doctor``: is the port held by us or by another program?); it lives
    with the server because the server defines what ``/healthz`` answers.
    """
    host = "127.0.0.1" if server.host in ("", "0.0.0.0") else ("::1" if server.host == "::" else server.host)
    host = f"[{host}]" if ":" in host else host
    scheme = "https" if server.tls_cert else "http"
    import ssl

    context = ssl._create_unverified_context() if server.tls_cert else None  # our own self-signed cert
    try:
        with urllib.request.urlopen(f"{scheme}://{host}:{server.port}/healthz", timeout=2, context=context) as answer:
            data = json.loads(answer.read(4096))
    except (OSError, ValueError):
        return ""
    return str(data.get("version", "")) if isinstance(data, dict) and data.get("status") == "ok" else ""
