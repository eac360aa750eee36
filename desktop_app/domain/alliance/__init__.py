"""Combining member organisations' returns into one alliance return: no database, no records."""
