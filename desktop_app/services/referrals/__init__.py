"""Referrals in, feedback out: services over domain/referrals and store/records/referrals_repo."""
