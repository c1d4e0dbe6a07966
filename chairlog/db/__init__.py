"""Storage: SQLAlchemy 2 models, engine set-up (SQLite, PostgreSQL), migrations, the audit chain."""
