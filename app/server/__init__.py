"""The local webhook receiver the providers call: HTTP → provider parser → services. asyncio, no Qt."""
