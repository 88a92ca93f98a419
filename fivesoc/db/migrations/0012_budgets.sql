-- The cost budgets of fair use, shared by every server process: one leaky bucket per caller
-- (a token's subject, or a client address for anonymous requests). A bucket holds at most
-- its limit and refills at the limit per minute; `available` is what it held at
-- `updated_at`, and `last_take` what the last charge took out of it (0: refused). Unlogged: a
-- charge then waits for no WAL flush, and a crash only refills every bucket.
create unlogged table cost_budget (
    caller      text primary key,
    available   double precision not null,
    updated_at  timestamptz not null,
    last_take   double precision not null
);

comment on table cost_budget is 'Cost budgets per caller (fair use): leaky buckets refilled at their limit per minute.';

-- What a bucket of `lim` points a minute holds now, from what it held at `updated_at`.
create function fivesoc_budget_held(available double precision, updated_at timestamptz,
                                    lim double precision)
returns double precision
language sql stable
as $$ select least(lim, available + extract(epoch from now() - updated_at) * lim / 60.0) $$;

-- What a charge takes from a bucket holding `held`: the `wanted` share when it holds that
-- much, else the `cost` alone when it holds that, else nothing.
create function fivesoc_budget_take(held double precision, cost double precision,
                                    wanted double precision)
returns double precision
language sql immutable
as $$ select case when held >= wanted then wanted when held >= cost then cost else 0 end $$;
