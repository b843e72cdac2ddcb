"""The team hub (``ringdesk serve``) as a desktop sees it: REST and a WebSocket stream (docs/hub-protocol.md)."""

from app.providers.hub.client import (
    CaughtUp,
    Changed,
    ChangesPage,
    Hello,
    HubClient,
    HubMe,
    StreamMessage,
    Undecodable,
)

__all__ = ["CaughtUp", "Changed", "ChangesPage", "Hello", "HubClient", "HubMe", "StreamMessage", "Undecodable"]
