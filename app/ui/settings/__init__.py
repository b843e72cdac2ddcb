"""Settings: a dialog with pages (accounts, webhook receiver, general, cards) and the first-run screen's target."""
