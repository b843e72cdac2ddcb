"""TeleDiscount: `api.php/telephony/*` client and `income` / `call_finished` webhook parsing."""
