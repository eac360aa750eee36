"""People supported: the list, a person's record, consent and erasure."""
