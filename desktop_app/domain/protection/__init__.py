"""Rules about keeping records safe: who may do what, users, passphrases, the audit trail,
backups, retention and what an integrity check can find."""
