"""The database: engine and sessions, ORM models, the SQLite schema, the fast path's
reads and writes with the standard library's sqlite3, bulk writes, backups."""
