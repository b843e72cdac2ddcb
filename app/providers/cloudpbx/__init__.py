"""Cloud PBX (ITooLabs platform API: MegaFon, Gravitel, …): `/sys/crm_api.wcgp` client and CRM-webhook parsing."""
