"""GraphQL over HTTP, as the GraphQL-over-HTTP specification (current draft) says.

- The answer is `application/graphql-response+json` whenever the client accepts it; then a
  request that never reaches execution (it does not parse, does not validate, or its
  variables do not fit) is a 400 without a `data` entry. A legacy client (`Accept:
  application/json`, or no Accept header) gets `application/json` and 200 for those.
- A request that is not a well-formed GraphQL-over-HTTP request is refused before anything
  else, as a GraphQL error document with `extensions.code`: a body over the size limit
  (413), not UTF-8, not JSON, JSON nested too deep, not an object, parameters of the wrong
  type (400), a content type other than JSON (415), an Accept header that allows neither
  media type (406).
- Every string in the variables is checked before any work: no NUL character, no lone
  surrogate, no longer than the limit; every list no longer than the limit.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request

from fivesoc.schema.errors import text_problem

GRAPHQL_RESPONSE = "application/graphql-response+json"
LEGACY_JSON = "application/json"


class RequestError(Exception):
    """A request refused before execution: its HTTP status, what was wrong, and the code."""

    def __init__(
        self,
        status: int,
        message: str,
        code: str,
        *,
        headers: Mapping[str, str] | None = None,
        argument: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code
        self.headers = dict(headers or {})
        self.argument = argument

    def document(self) -> dict[str, Any]:
        """The GraphQL error document of the refusal."""
        extensions: dict[str, Any] = {"code": self.code}
        if self.argument is not None:
            extensions["argument"] = self.argument
        return {"errors": [{"message": self.message, "extensions": extensions}]}


@dataclasses.dataclass(frozen=True, slots=True)
class InputLimits:
    """How large a request's input may be."""

    max_body_bytes: int = 1_000_000
    max_string_length: int = 10_000
    max_list_items: int = 1_000
    max_upload_bytes: int = 100_000_000


@dataclasses.dataclass(frozen=True, slots=True)
class GraphQLRequest:
    """The parameters of a GraphQL-over-HTTP request."""

    query: str
    operation_name: str | None = None
    variables: dict[str, Any] | None = None
    extensions: dict[str, Any] | None = None
    uploads: int = 0
    """Files placed in `variables` from a multipart request (then no `Idempotency-Key` holds:
    a file is not kept to compare a retry with)."""


def negotiate(accept: str | None) -> str:
    """The media type of the answer to a client sending `accept`.

    `application/graphql-response+json` when the client names it and does not prefer
    `application/json`; no Accept header, or only a wildcard, counts as `application/json`,
    as the specification asks for legacy clients. Neither acceptable: 406.
    """
    if accept is None or not accept.strip():
        return LEGACY_JSON
    weights: dict[str, float] = {}
    for part in accept.split(","):
        media, *parameters = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "q":
                try:
                    weight = float(value)
                except ValueError:
                    weight = 0.0
        media = media.lower()
        weights[media] = max(weight, weights.get(media, 0.0))
    # A wildcard stands for the legacy type: clients that send `*/*` (curl, fetch) expect it.
    any_type = max(weights.get("*/*", 0.0), weights.get("application/*", 0.0))
    new = weights.get(GRAPHQL_RESPONSE, 0.0)
    legacy = weights.get(LEGACY_JSON, any_type)
    if new <= 0 and legacy <= 0:
        raise RequestError(
            406,
            f"this server answers with {GRAPHQL_RESPONSE} or {LEGACY_JSON}; the Accept "
            "header allows neither",
            "NOT_ACCEPTABLE",
        )
    return GRAPHQL_RESPONSE if new >= legacy else LEGACY_JSON


async def read_body(request: Request, limits: InputLimits) -> bytes:
    """The body of a POST, refused with 413 as soon as it exceeds the limit."""
    limit = limits.max_body_bytes
    too_large = RequestError(
        413, f"the request body is larger than the limit of {limit:,} bytes", "PAYLOAD_TOO_LARGE"
    )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


def parse_post(content_type: str | None, body: bytes, limits: InputLimits) -> GraphQLRequest:
    """The GraphQL request a POST body carries (`application/json`)."""
    media = (content_type or "").split(";")[0].strip().lower()
    if media != LEGACY_JSON and not media.endswith("+json"):
        raise RequestError(
            415,
            "send the request as JSON (Content-Type: application/json)",
            "UNSUPPORTED_MEDIA_TYPE",
        )
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _bad_request(f"the request body is not UTF-8 (byte {error.start})") from None
    try:
        value = json.loads(text)
    except RecursionError:
        raise _bad_request("the request body's JSON is nested too deeply") from None
    except ValueError as error:
        raise _bad_request(f"the request body is not JSON: {error}") from None
    if not isinstance(value, dict):
        raise _bad_request(
            f"the request body must be a JSON object with `query`, got {_json_kind(value)}"
        )
    return _request(value, limits)


# Headers of which one, not empty, makes a browser send a multipart request only after a
# preflight: a page of another origin cannot post an upload by a plain form.
PREFLIGHT_HEADERS = ("apollo-require-preflight", "x-apollo-operation-name")
MULTIPART = "multipart/form-data"


def is_multipart(content_type: str | None) -> bool:
    return (content_type or "").split(";")[0].strip().lower() == MULTIPART


async def parse_multipart(request: Request, limits: InputLimits) -> GraphQLRequest:
    """The GraphQL request of a multipart POST, as the GraphQL multipart request convention
    says: an `operations` field (the request as JSON, each file `null`), a `map` field (JSON:
    each file part's name → the paths in `operations` it stands at, e.g.
    `["variables.input.file"]`), and the file parts. It must carry a non-empty
    `Apollo-Require-Preflight` (or `X-Apollo-Operation-Name`) header, so that no page of
    another origin can send it without a preflight, and a Content-Length within
    `FIVESOC_MAX_UPLOAD_BYTES`. Files are spooled to disk past a megabyte."""
    if not any(request.headers.get(name, "").strip() for name in PREFLIGHT_HEADERS):
        raise _bad_request(
            "a multipart request must carry a non-empty `Apollo-Require-Preflight` header "
            "(protection against cross-site request forgery)"
        )
    declared = request.headers.get("content-length", "")
    if not declared.isdigit():
        raise RequestError(411, "a multipart request must give its Content-Length", "BAD_REQUEST")
    if int(declared) > limits.max_upload_bytes:
        raise RequestError(
            413,
            f"the upload is larger than the limit of {limits.max_upload_bytes:,} bytes",
            "PAYLOAD_TOO_LARGE",
        )
    try:
        form = await request.form(max_files=10, max_fields=10)
    except Exception as error:  # starlette raises its own and python-multipart's errors
        raise _bad_request(f"the multipart body cannot be read: {error}") from None
    fields = {}
    for name in ("operations", "map"):
        raw = form.get(name)
        if not isinstance(raw, str):
            raise _bad_request(f"a multipart request needs the field `{name}` (JSON)")
        try:
            fields[name] = json.loads(raw)
        except (ValueError, RecursionError) as error:
            raise _bad_request(f"`{name}` is not JSON: {error}") from None
        if not isinstance(fields[name], dict):
            raise _bad_request(f"`{name}` must be a JSON object, got {_json_kind(fields[name])}")
    wanted = _request(fields["operations"], limits)
    variables = dict(wanted.variables or {})
    placed = 0
    for part, paths in fields["map"].items():
        upload = form.get(part)
        if upload is None or isinstance(upload, str):
            raise _bad_request(f"`map` names the file part {part!r}, which the request lacks")
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise _bad_request(f"`map.{part}` must be a list of paths")
        for path in paths:
            _place(variables, path, upload)
            placed += 1
    return dataclasses.replace(wanted, variables=variables, uploads=placed)


def _place(variables: dict[str, Any], path: str, upload: Any) -> None:
    """Put a file where `path` (`variables.input.file`, `variables.files.0`) says."""
    head, *keys = path.split(".")
    if head != "variables" or not keys:
        raise _bad_request(f"a file's path must start with `variables.`, got {path!r}")
    target: Any = variables
    for key in keys[:-1]:
        target = (
            target[int(key)]
            if isinstance(target, list) and key.isdigit()
            else (target.get(key) if isinstance(target, dict) else None)
        )
        if target is None:
            raise _bad_request(f"the path {path!r} names nothing in `variables`")
    last = keys[-1]
    if isinstance(target, list) and last.isdigit() and int(last) < len(target):
        target[int(last)] = upload
    elif isinstance(target, dict) and last in target and target[last] is None:
        target[last] = upload
    else:
        raise _bad_request(f"the path {path!r} must name a null in `variables`")


def parse_get(params: Mapping[str, str], limits: InputLimits) -> GraphQLRequest:
    """The GraphQL request a GET's query string carries (`variables` and `extensions` as
    JSON)."""
    value: dict[str, Any] = {"query": params.get("query")}
    for name in ("variables", "extensions"):
        raw = params.get(name)
        if raw:
            try:
                value[name] = json.loads(raw)
            except RecursionError:
                raise _bad_request(f"`{name}` is nested too deeply") from None
            except ValueError as error:
                raise _bad_request(f"`{name}` is not JSON: {error}") from None
    if params.get("operationName"):
        value["operationName"] = params["operationName"]
    return _request(value, limits)


def _request(value: dict[str, Any], limits: InputLimits) -> GraphQLRequest:
    query = value.get("query")
    if not isinstance(query, str) or not query.strip():
        raise _bad_request("the request has no `query`: send the GraphQL document as a string")
    operation_name = value.get("operationName")
    if operation_name is not None and not isinstance(operation_name, str):
        raise _bad_request(
            f"`operationName` must be a string or null, got {_json_kind(operation_name)}"
        )
    variables = value.get("variables")
    if variables is not None and not isinstance(variables, dict):
        raise _bad_request(f"`variables` must be an object or null, got {_json_kind(variables)}")
    extensions = value.get("extensions")
    if extensions is not None and not isinstance(extensions, dict):
        raise _bad_request(f"`extensions` must be an object or null, got {_json_kind(extensions)}")
    check_text(query, "query", limits.max_body_bytes)
    if variables:
        check_values(variables, "variables", limits)
    return GraphQLRequest(query, operation_name, variables, extensions)


def check_values(value: Any, where: str, limits: InputLimits) -> None:
    """Refuse, naming where, a string or a list in `value` beyond what fivesoc takes."""
    stack = [(value, where)]
    while stack:
        item, path = stack.pop()
        if isinstance(item, str):
            check_text(item, path, limits.max_string_length)
        elif isinstance(item, list):
            if len(item) > limits.max_list_items:
                raise RequestError(
                    400,
                    f"`{path}` has {len(item):,} items, more than the limit of "
                    f"{limits.max_list_items:,}",
                    "BAD_USER_INPUT",
                    argument=path,
                )
            stack.extend((element, f"{path}[{i}]") for i, element in enumerate(item))
        elif isinstance(item, dict):
            stack.extend((element, f"{path}.{key}") for key, element in item.items())


def check_text(text: str, where: str, max_length: int) -> None:
    """Refuse a string with a NUL character or a lone surrogate, or longer than `max_length`."""
    problem = text_problem(text, where, max_length)
    if problem is not None:
        raise RequestError(400, problem, "BAD_USER_INPUT", argument=where)


def _bad_request(message: str) -> RequestError:
    return RequestError(400, message, "BAD_REQUEST")


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"
