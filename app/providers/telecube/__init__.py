"""TeleCube virtual PBX and its CCRM public API (`/publicApi/*`, Bearer token, 1,000 requests a day)."""
