"""Site search: every kind of page, in the visitor's language (see kinds.py to add a kind)."""
