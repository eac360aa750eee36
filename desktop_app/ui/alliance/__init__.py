"""Combining member organisations' returns for an alliance (File → Combine returns…)."""
