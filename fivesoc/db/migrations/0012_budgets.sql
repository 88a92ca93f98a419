-- The cost budgets of fair use, shared by every server process: one leaky bucket per caller
-- (a token's subject, or a client address for anonymous requests). A bucket holds at most
-- its limit and refills at the limit per minute; `available` is what it held at
-- `updated_at`, and `last_taken` whether the last charge was taken. Unlogged: a charge, one
-- per operation, then waits for no WAL flush, and a crash only refills every bucket.
create unlogged table cost_budget (
    caller      text primary key,
    available   double precision not null,
    updated_at  timestamptz not null,
    last_taken  boolean not null
);

comment on table cost_budget is 'Cost budgets per caller (fair use): leaky buckets refilled at their limit per minute.';

-- What a bucket of `lim` points a minute holds now, from what it held at `updated_at`.
create function fivesoc_budget_held(available double precision, updated_at timestamptz,
                                    lim double precision)
returns double precision
language sql stable
as $$ select least(lim, available + extract(epoch from now() - updated_at) * lim / 60.0) $$;
