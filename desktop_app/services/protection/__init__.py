"""Data protection: users, the audit trail, consent, backups, retention, erasure and subject
access.
"""
