"""The desktop API's state on its aiohttp sub-application, and what a request learns on its way in."""

from __future__ import annotations

from dataclasses import dataclass, field

from aiohttp import web

from app.core.users import HubUser
from app.server.desktop_api.access import Network, Peer, networks
from app.server.desktop_api.feed import HubFeed
from app.server.desktop_api.ratelimit import FailureLimiter
from app.server.desktop_api.services import DesktopApiServices


@dataclass(slots=True)
class DesktopApi:
    services: DesktopApiServices
    feed: HubFeed
    limiter: FailureLimiter
    _trusted: tuple[tuple[str, ...], list[Network]] = field(default=((), []))

    def trusted_proxies(self) -> list[Network]:
        """``[server] trusted_proxies`` as networks (parsed again only when the setting changes)."""
        cidrs = tuple(self.services.settings.server.trusted_proxies)
        if cidrs != self._trusted[0]:
            self._trusted = (cidrs, networks(cidrs))
        return self._trusted[1]


API: web.AppKey[DesktopApi] = web.AppKey("ringdesk_desktop_api", DesktopApi)
PEER: web.RequestKey[Peer] = web.RequestKey("ringdesk_peer", Peer)
USER: web.RequestKey[HubUser] = web.RequestKey("ringdesk_user", HubUser)
TOKEN: web.RequestKey[str] = web.RequestKey("ringdesk_token", str)


def api(request: web.Request) -> DesktopApi:
    return request.config_dict[API]
