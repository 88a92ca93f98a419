-- The answers to writes sent with an `Idempotency-Key`, kept for 24 hours, so that a retry with
-- the same key gets the first answer instead of writing again. A row is inserted in the
-- write's own transaction, before the write, and filled with the answer before the commit:
-- a committed row always holds its answer, and a write that never committed leaves no row.
-- Keys are scoped by the token's subject ('' without a token), so no caller reads another's.
create table idempotent_request (
    subject       text not null,
    key           text not null check (key ~ '^[!-~]{1,255}$'),
    -- sha256 of the request as canonical JSON (query, operationName, variables): the same key
    -- with another request is refused.
    fingerprint   bytea not null check (octet_length(fingerprint) = 32),
    -- The answer as it was sent: HTTP status, Content-Type and body.
    status        smallint,
    content_type  text,
    body          bytea,
    created_at    timestamptz not null default now(),
    primary key (subject, key)
);
-- Rows older than 24 hours are purged by their age.
create index idempotent_request_created_at_idx on idempotent_request (created_at);
