"""What a PeerLog database is on disk: one folder, named `Something.peerlog`, holding

    peerlog.db        the records, encrypted with SQLCipher 4 (plus -wal and -shm while open)
    keyslots.json     the data key, wrapped once per passphrase and once for the recovery code
    peerlog.lock      held while PeerLog has the database open
    backups/          backups PeerLog takes itself (before an upgrade, or a replaced database)
    README.txt        says what the folder is, for anyone who finds it

Move or copy the whole folder, never a single file from it.
"""

from pathlib import Path

from desktop_app.store.errors import DamagedDatabase, NotAPeerLogDatabase

FOLDER_SUFFIX = ".peerlog"
DB_FILE = "peerlog.db"
SLOTS_FILE = "keyslots.json"
BACKUPS_DIR = "backups"
BACKUP_SUFFIX = ".peerlog-backup"
README_FILE = "README.txt"
SIDE_FILES = ("-wal", "-shm", "-journal")

README_TEXT = """This folder is a PeerLog database. Everything in it is encrypted.
Open it with PeerLog, using your passphrase or the recovery code.
Keep the folder together: copy or move the whole folder, never single files from it.
"""


def db_file(folder: Path) -> Path:
    return folder / DB_FILE


def slots_file(folder: Path) -> Path:
    return folder / SLOTS_FILE


def backups_dir(folder: Path) -> Path:
    return folder / BACKUPS_DIR


def with_side_files(database_file: Path) -> list[Path]:
    """A database file and the journal files SQLite may keep beside it."""
    return [database_file, *(database_file.with_name(database_file.name + s) for s in SIDE_FILES)]


def database_files(folder: Path) -> list[Path]:
    """The files that together make up the records: the database and its journals."""
    return with_side_files(db_file(folder))


MISSING_RECORDS = (
    "The records of this database (peerlog.db) are missing or empty, though its key file is "
    "there: the file was deleted, emptied or not copied. Nothing was changed. Restore the "
    "database from a backup (Restore from a backup on PeerLog's start screen, or peerlog "
    "restore)."
)


def require_database_folder(folder: Path) -> None:
    """A folder holding a database and its key file. A key file without its records is damage,
    never a reason to start a new, empty database in its place."""
    if not folder.exists():
        raise NotAPeerLogDatabase(f"There is no PeerLog database at {folder}.")
    if not folder.is_dir() or not slots_file(folder).exists():
        raise NotAPeerLogDatabase()
    if not _holds_records(folder):
        raise DamagedDatabase(MISSING_RECORDS)


def _holds_records(folder: Path) -> bool:
    """peerlog.db is there and not empty (or, empty, beside a write-ahead log that is not)."""
    try:
        if db_file(folder).stat().st_size > 0:
            return True
        wal = folder / (DB_FILE + "-wal")
        return wal.exists() and wal.stat().st_size > 0
    except FileNotFoundError:
        return False


def looks_like_database(folder: Path) -> bool:
    return db_file(folder).exists() or slots_file(folder).exists()


def ensure_readme(folder: Path) -> None:
    readme = folder / README_FILE
    if not readme.exists():
        readme.write_text(README_TEXT, encoding="utf-8")
