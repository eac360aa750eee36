"""The encrypted store: SQLCipher database, key slots, migrations, backups. Knows nothing of Qt.

Import what you need from its modules (`desktop_app.store.database`, `.errors`...): this package
file stays empty so that importing an error class does not load the crypto libraries.
"""
