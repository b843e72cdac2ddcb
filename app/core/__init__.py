"""The domain: calls, events, contacts, agents, phone numbers, the call state machine. Pure Python, no I/O."""
