"""Writing, reading, correcting and deleting case studies (people's stories)."""
