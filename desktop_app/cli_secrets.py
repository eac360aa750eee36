"""Asking for secrets on the command line: without echo at a terminal, from the environment
for automation. Never printed, never logged."""

import getpass
import os
import sys

from desktop_app.store.errors import StoreError

PASSPHRASE = "PEERLOG_PASSPHRASE"
NEW_PASSPHRASE = "PEERLOG_NEW_PASSPHRASE"
RECOVERY_CODE = "PEERLOG_RECOVERY_CODE"
# restore: the backup's passphrase, when it differs from the current database's
BACKUP_PASSPHRASE = "PEERLOG_BACKUP_PASSPHRASE"


class MissingSecret(StoreError):
    pass


def ask_secret(env_var: str, prompt: str, confirm: bool = False) -> str:
    value = os.environ.get(env_var)
    if value:
        return value
    if not sys.stdin.isatty():
        raise MissingSecret(
            f"No secret given. Run this at a terminal to type it, or set {env_var} "
            "for automated use."
        )
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Type it again: ") != first:
        raise MissingSecret("The two entries did not match, so nothing was changed.")
    return first
