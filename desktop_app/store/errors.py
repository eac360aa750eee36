"""Typed storage errors. Each carries a plain-English message a volunteer can act on.

Front ends (GUI and CLI) show `str(error)`; they never show a traceback for these.
"""


class StoreError(Exception):
    """A problem the user can act on. The message is shown as it is."""

    default_message = "PeerLog could not use this database."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)


class WrongSecret(StoreError):
    default_message = (
        "That passphrase is not right for this database. Check Caps Lock and try again, "
        "or use the recovery code."
    )


class WrongRecoveryCode(WrongSecret):
    default_message = (
        "That recovery code is not right for this database. Check each group of characters "
        "against the printed copy and try again."
    )


class DamagedDatabase(StoreError):
    default_message = (
        "This database file is damaged and cannot be read safely. Restore it from a backup "
        "(PeerLog keeps them in the folder you chose for backups)."
    )


class TamperedKeyFile(DamagedDatabase):
    default_message = (
        "The key file of this database (keyslots.json) has been tampered with or damaged: it "
        "asks for key settings PeerLog never sets (weaker protection, or more memory than a "
        "computer has), so PeerLog will not use it. Nothing was opened or changed. Restore the "
        "database from a backup."
    )


class NewerVersion(StoreError):
    default_message = (
        "This database was made by a newer version of PeerLog. Please update PeerLog to open it. "
        "The database has not been changed."
    )


class AlreadyOpen(StoreError):
    default_message = (
        "This database is already open in another PeerLog window or on another account. "
        "Close it there first, then try again."
    )


class DiskFull(StoreError):
    default_message = (
        "The disk is full, so PeerLog could not save. Free some space and try again; "
        "nothing was lost."
    )


class CannotWriteFile(StoreError):
    """An export, return or template that could not be written; nothing of it was left."""


class DiskTrouble(StoreError):
    default_message = (
        "PeerLog could not read or write the database's folder: the disk reported an error. "
        "This is usually a full disk, a folder you cannot write to, or a disk that was "
        "unplugged; the database itself is probably fine. Free some space, check the folder, "
        "and try again."
    )


class ReadOnlyLocation(StoreError):
    default_message = (
        "PeerLog cannot write to this folder. Move the database to a folder you can write to "
        "(for example Documents) and open it from there."
    )


class NotAPeerLogDatabase(StoreError):
    default_message = (
        "This is not a PeerLog database. Choose a folder ending in .peerlog that PeerLog made."
    )


class NotSQLCipher(StoreError):
    default_message = (
        "This copy of PeerLog was installed without its encryption library, so it will not open "
        "any database. Reinstall PeerLog."
    )


class DatabaseExists(StoreError):
    default_message = "A PeerLog database already exists there. Choose another name or folder."


class RecordNotFound(StoreError):
    default_message = (
        "That record is no longer in the database: it may have been deleted. Refresh the list "
        "and try again."
    )


class RecordInUse(StoreError):
    """A record others depend on (a volunteer with sessions) cannot be deleted."""
