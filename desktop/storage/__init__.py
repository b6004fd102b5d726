"""SQLAlchemy 2 storage: tables, migrations, repositories."""
