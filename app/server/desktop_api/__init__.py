"""The team hub's desktop API (docs/hub-protocol.md): REST and a WebSocket stream on the webhooks' listener.

- :mod:`.wiring`: :func:`add_desktop_api` mounts it under ``/api/v1/``;
- :mod:`.services`: :class:`DesktopApiServices`, what it needs from the runtime;
- :mod:`.guard`, :mod:`.access`, :mod:`.ratelimit`: errors, the HTTPS rule, tokens and failed logins;
- :mod:`.reads`, :mod:`.writes`, :mod:`.me`, :mod:`.params`: the REST routes;
- :mod:`.stream`, :mod:`.feed`, :mod:`.connection`, :mod:`.items`: the stream to every desktop;
- :mod:`.pacing`: long reads of the change sequence yield to the event loop.
"""

from app.server.desktop_api.services import DesktopApiServices
from app.server.desktop_api.wiring import add_desktop_api

__all__ = ["DesktopApiServices", "add_desktop_api"]
