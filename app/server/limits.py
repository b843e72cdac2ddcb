"""How many connections the receiver may hold: the process's open-files limit, raised as far as allowed, minus
what the rest of the process needs.

Why: every connection is a file descriptor. Under the common soft limit of 1,024, 1,100 idle connections
exhausted them; ``accept()`` then failed with "Too many open files" in a loop, SQLite and the log file could
not open anything either, and the receiver was down for everyone. The soft limit can be raised to the hard
one without privileges, and the connection cap keeps the sockets well below whatever limit is left.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

BACKLOG = 32  # the listen queue, and how many sockets asyncio accepts in one go before any of ours runs
# Sockets accepted but not yet seen by the cap, or let go by it but not yet closed: asyncio hands a socket
# to the protocol two loop turns after accepting it and closes one a turn after it is let go, while it keeps
# accepting a batch each turn. Measured under a flood of 2,000: at most 2.8 batches beyond the cap.
IN_FLIGHT = 4 * BACKLOG
RESERVE_MIN = 64  # descriptors for the store (database, WAL, shm), recordings, provider clients, logs
MAX_CONNECTIONS = 4096  # 500 desktops (stream + requests) and the providers fit with room to spare
MIN_CONNECTIONS = 16
UNKNOWN_LIMIT = 1024  # where the platform has no RLIMIT_NOFILE (Windows)
_MACOS_OPEN_MAX = 10240  # macOS refuses more than OPEN_MAX per process even when the hard limit says unlimited


def raise_open_files_limit() -> int:
    """Raise the soft RLIMIT_NOFILE to the hard limit; returns the soft limit now in force. Idempotent."""
    try:
        import resource
    except ImportError:  # Windows: no such limit for sockets
        return UNKNOWN_LIMIT
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    targets = [hard] if hard != resource.RLIM_INFINITY else [_MACOS_OPEN_MAX * 100, _MACOS_OPEN_MAX]
    for target in targets:
        if soft != resource.RLIM_INFINITY and soft >= target:
            break
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (ValueError, OSError):
            continue
        log.info("open files limit raised from %d to %d", soft, target)
        break
    now = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    return MAX_CONNECTIONS * 4 if now == resource.RLIM_INFINITY else int(now)


def connection_cap(open_files: int) -> int:
    """Connections the receiver holds at most under ``open_files`` descriptors: the limit less a reserve for
    the rest of the process (an eighth, at least :data:`RESERVE_MIN`) and less :data:`IN_FLIGHT` (sockets
    the cap cannot see yet or any more), within [:data:`MIN_CONNECTIONS`, :data:`MAX_CONNECTIONS`].

    256 descriptors give 64 connections; 1,024 give 768; the usual hard limits (524,288 under systemd) give 4,096."""
    reserve = max(RESERVE_MIN, open_files // 8)
    return max(MIN_CONNECTIONS, min(MAX_CONNECTIONS, open_files - reserve - IN_FLIGHT))
