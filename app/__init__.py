"""Ringdesk: a tray companion that joins a call-centre agent's desktop to the company's cloud PBX.

Layers (dependencies point down only; see README "Architecture"):
``ui`` → ``services`` / ``server`` → ``providers`` → ``store`` → ``core``; ``config`` is shared below ``ui``;
``sandbox`` simulates the providers and depends on nothing else of ours.
"""

__version__ = "0.1.0"
