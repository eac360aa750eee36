"""The counts a return needs, aggregated in SQL."""
