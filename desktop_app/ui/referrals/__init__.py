"""The Referrals screen (the inbox), the referral form and the feedback note."""
