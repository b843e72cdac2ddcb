"""Fixtures' data shared by several test folders."""

# A config.toml with one account of each webhook-pushing provider: the receiver's usual test set-up.
RECEIVER_CONFIG = """
[general]
region = "RU"

[[accounts]]
id = "office"
provider = "cloudpbx"
base_url = "https://office.megapbx.ru"
user = "andy"

[[accounts]]
id = "td"
provider = "telediscount"
user = "SIP/0000000672"
"""
