"""Storage: the ORM models, opening and upgrading a database (SQLite file or PostgreSQL),
the change marker, the audit log writer, change sets for undo and the JSON interchange format.
"""
