"""Log lines as text or as JSON, one object a line, each carrying the request's id.

`configure` sets up the root logger once per process (the command, and each server process
it starts). In JSON every line has `time` (UTC, ISO 8601), `level`, `logger` and `message`;
a line written while a request is served adds its `request_id` and, once known, its
`operation`; what a call passes in `extra` (`duration_ms`, `status`, …) is added as it is,
and a traceback goes in `exception`.
"""

from __future__ import annotations

import datetime as dt
import json
import logging

from fivesoc import current_request

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# Attributes every LogRecord has; any other attribute came from a call's `extra`.
# (uvicorn adds `color_message`, its message with terminal colours, which JSON does not need.)
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "color_message"}


class JsonFormatter(logging.Formatter):
    """One JSON object a line (see the module's docstring)."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        served = current_request.current()
        if served is not None:
            line["request_id"] = served.request_id
            if served.operation is not None:
                line["operation"] = served.operation
        for name, value in record.__dict__.items():
            if name not in _STANDARD and not name.startswith("_"):
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class TextWithRequestId(logging.Formatter):
    """The text format, with `[request id]` after the level when a request is served."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        served = current_request.current()
        if served is None:
            return text
        return text.replace(
            f" {record.levelname} ", f" {record.levelname} [{served.request_id}] ", 1
        )


def configure(level: str, fmt: str) -> None:
    """Log at `level` (debug, info, warning, error) to stderr, as `fmt` (text or json),
    replacing any handler set before."""
    handler = logging.StreamHandler()
    formatter = JsonFormatter() if fmt == "json" else TextWithRequestId(TEXT_FORMAT)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    # uvicorn's own lines go through the root's handler, in the same format; its access log
    # stays off (`fivesoc.observe` logs each request, with more).
    for name in ("uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
