"""The safeguarding log: concerns and what was done about them."""
