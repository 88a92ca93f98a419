-- Revoked bearer tokens: one token by its id (jti), or every token of a subject issued up to
-- a moment. Each server process reads these every few seconds.
create table revoked_token (
    jti         text primary key,
    expires_at  timestamptz not null,
    revoked_at  timestamptz not null default now()
);

create table revoked_subject (
    subject     text primary key,
    revoked_at  timestamptz not null default now()
);
