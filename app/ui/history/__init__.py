"""The call history: a lazily paged list of calls with filters, search, details, recordings and export."""
