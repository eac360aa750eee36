"""What makes a passphrase acceptable, in words a volunteer understands."""

MIN_LENGTH = 10


def passphrase_problem(passphrase: str) -> str | None:
    """Why `passphrase` cannot be used, or None when it is fine."""
    if len(passphrase) < MIN_LENGTH:
        return (
            f"Use at least {MIN_LENGTH} characters. Three or four ordinary words in a row, "
            "like 'kettle orange bicycle', are easy to remember and hard to guess."
        )
    if passphrase.strip() != passphrase:
        return "Do not start or end the passphrase with a space; it is too easy to lose."
    return None


def passphrase_strength(passphrase: str) -> str:
    """A plain-English word on how strong a passphrase is."""
    if passphrase_problem(passphrase):
        return "Too short"
    words = len(passphrase.split())
    kinds = sum(
        any(test(ch) for ch in passphrase)
        for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    )
    if len(passphrase) >= 20 or words >= 4:
        return "Strong"
    if len(passphrase) >= 14 or kinds >= 3:
        return "Good"
    return "Fair: longer is better"
