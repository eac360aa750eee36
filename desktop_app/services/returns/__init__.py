"""Returns: building a return from the database, its templates, and writing it in each format."""
