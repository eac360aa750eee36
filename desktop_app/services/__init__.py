"""Use cases (log a session, build a return...). Called by both the GUI and the CLI. No Qt."""
