"""Plain dataclasses, validation, scoring rules and disclosure control. No Qt, no SQL."""
