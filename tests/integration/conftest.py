"""Fixtures every integration test can use: the engine parameter and its database URL."""

from tests.integration.helpers_storage import db_url, engine_name  # noqa: F401
