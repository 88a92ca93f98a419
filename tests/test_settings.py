"""Settings come from the environment, with clear errors for values fivesoc cannot use."""

from __future__ import annotations

from pathlib import Path

import pytest

from fivesoc.settings import Settings, SettingsError


def test_defaults() -> None:
    settings = Settings.from_env({})
    assert settings.database_url is None
    assert settings.embedded_pgdata == Path(".fivesoc/pgdata")
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert (settings.default_page_size, settings.max_page_size) == (20, 100)
    assert settings.max_network_actors == 200_000


def test_values_are_read() -> None:
    settings = Settings.from_env(
        {
            "DATABASE_URL": "postgresql://u@h/db",
            "FIVESOC_DATA_DIR": "/srv/fivesoc",
            "FIVESOC_PORT": "9000",
            "FIVESOC_MAX_PAGE_SIZE": "50",
            "FIVESOC_LOG_LEVEL": "DEBUG",
        }
    )
    assert settings.database_url == "postgresql://u@h/db"
    assert settings.embedded_pgdata == Path("/srv/fivesoc/pgdata")
    assert (settings.port, settings.max_page_size, settings.log_level) == (9000, 50, "debug")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"FIVESOC_PORT": "0"}, "FIVESOC_PORT must be between 1 and 65535, got 0"),
        ({"FIVESOC_MAX_NETWORK_ACTORS": "0"}, "FIVESOC_MAX_NETWORK_ACTORS must be at least 1"),
        ({"FIVESOC_MAX_PAGE_SIZE": "many"}, "FIVESOC_MAX_PAGE_SIZE must be a whole number"),
        ({"FIVESOC_LOG_LEVEL": "loud"}, "FIVESOC_LOG_LEVEL must be one of debug, info"),
        (
            {"FIVESOC_DEFAULT_PAGE_SIZE": "200"},
            "FIVESOC_DEFAULT_PAGE_SIZE must not exceed FIVESOC_MAX_PAGE_SIZE (200 > 100)",
        ),
        (
            {"FIVESOC_ANONYMOUS_BUDGET_PER_MINUTE": "1000"},
            "FIVESOC_MAX_COST must not exceed either budget a minute, or an operation allowed "
            "could never be paid for (200000 > 1000)",
        ),
        ({"FIVESOC_MAX_COST": "-1"}, "FIVESOC_MAX_COST must be at least 0, got -1"),
        ({"FIVESOC_LOG_FORMAT": "xml"}, "FIVESOC_LOG_FORMAT must be one of text, json, got 'xml'"),
        ({"FIVESOC_WORKERS": "0"}, "FIVESOC_WORKERS must be between 1 and 64, got 0"),
        ({"FIVESOC_METRICS_TOKEN": "short"}, "FIVESOC_METRICS_TOKEN must be at least 16"),
        ({"FIVESOC_TRACING": "jaeger"}, "FIVESOC_TRACING must be one of off, otlp, console"),
    ],
)
def test_bad_values_are_refused(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_env(env)
    assert message in str(raised.value)
