"""Volunteers: the list, a volunteer's record, training, DBS checks and hours."""
