"""Referrals in, feedback out: who referred a person, what happened next, and the note back to
the referrer (with the person's consent)."""
