"""One package per provider: an httpx client (app → provider) and webhook parsing (provider → app). No Qt, no SQL."""
