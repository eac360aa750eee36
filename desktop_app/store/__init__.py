"""The encrypted store: SQLCipher database, key slots, migrations, backups. Knows nothing of Qt."""

from desktop_app.store.database import CreatedDatabase, Database
from desktop_app.store.errors import StoreError

__all__ = ["CreatedDatabase", "Database", "StoreError"]
