"""Table statistics for SQLite's query planner."""

from desktop_app.store.connection import Connection, translated_errors


def refresh_query_statistics(conn: Connection) -> None:
    """ANALYZE after loading many rows at once, so queries pick the right indexes."""
    with translated_errors():
        conn.execute("ANALYZE")
