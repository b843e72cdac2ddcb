"""Incoming-call cards: the facts a card shows (:mod:`.facts`), the widget (:mod:`.card`), where cards go
on screen (:mod:`.placement`) and the stack that creates, updates and closes them (:mod:`.stack`)."""
