-- The horizon below which the change log can be read: the oldest transaction still in flight
-- in this database (one that has written), or, with none, the next transaction id. Unlike
-- pg_snapshot_xmin, which is cluster-wide, it does not wait for transactions of other
-- databases on the same server. A transaction of this database that writes an event later
-- gets an id at or above the next one, so nothing below the horizon can still appear.
--
-- pg_stat_activity gives 32-bit transaction ids; each is placed in the 64-bit (xid8) space
-- by its distance below the snapshot's xmax.
create function fivesoc_event_horizon() returns xid8
language sql stable as $$
    with next as (
        select pg_snapshot_xmax(pg_current_snapshot()) as xmax8
    ), placed as (
        select next.xmax8,
               next.xmax8::text::numeric
               - ((next.xmax8::text::numeric % 4294967296)
                  - a.backend_xid::text::numeric + 4294967296) % 4294967296 as xid
        from next
        left join pg_stat_activity a
               on a.datname = current_database() and a.backend_xid is not null
    )
    select coalesce(min(xid), min(xmax8::text::numeric))::text::xid8 from placed
$$;
