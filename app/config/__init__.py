"""Where things live and how they are configured: paths, settings (config.toml), secrets (keyring), logging."""
