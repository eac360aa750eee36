"""Combining member organisations' returns for an alliance: files in, files out; no database."""
