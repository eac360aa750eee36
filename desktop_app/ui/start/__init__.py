"""Before a database is open: the start screen, unlocking, first run, the demo, recovery and
restore.
"""
