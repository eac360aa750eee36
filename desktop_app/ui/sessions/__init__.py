"""Sessions: the list, and logging or correcting a session."""
