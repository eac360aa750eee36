"""A person's or a volunteer's whole story in one window."""
