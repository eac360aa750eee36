"""Outcome measures: what each asks, how it is scored, and whether people are better off."""
