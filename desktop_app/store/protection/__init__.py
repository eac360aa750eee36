"""Keeping the database safe: key slots, recovery codes, backups, integrity checks, users, the
audit trail, consent and erasure.
"""
