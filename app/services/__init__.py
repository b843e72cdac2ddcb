"""Use cases: call tracking, contact look-up and import, dialer, sync, recordings. asyncio, no Qt."""
