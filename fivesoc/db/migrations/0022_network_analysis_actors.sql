-- A network too large for a server to hold in memory (more actors than
-- FIVESOC_MAX_NETWORK_ACTORS: a province) is stored by its worker one row per actor, with
-- the actor's place in each ranking, so that a server reads a page of a ranking through an
-- index instead of restoring the whole analysis. Its `network_analysis` row then keeps the
-- network-wide figures alone (`whole` false, its arrays empty).
alter table network_analysis
    -- Whether the arrays hold the whole network (false: read it by `network_analysis_actor`).
    add column whole boolean not null default true,
    -- How many actors the network has, known without reading an array.
    add column actors integer check (actors >= 0);

create table network_analysis_actor (
    analysis_id                bigint not null references network_analysis (id) on delete cascade,
    actor_id                   bigint not null,
    kind                       text not null,
    society                    text not null,
    label                      text not null,
    boundary                   boolean not null,
    articulation_point         boolean not null,
    degree                     integer not null,
    strength                   double precision not null,
    betweenness                double precision not null,
    pagerank                   double precision not null,
    cluster                    integer,
    burt_constraint            double precision,
    effective_size             double precision,
    coordinator                integer not null,
    itinerant                  integer not null,
    representative_gatekeeper  integer not null,
    liaison                    integer not null,
    -- The actor's place, from 0, in each ranking the API pages through (`NetworkNodeOrder`).
    by_id                      integer not null,
    by_degree                  integer not null,
    by_strength                integer not null,
    by_betweenness             integer not null,
    by_pagerank                integer not null,
    by_constraint              integer not null,
    by_effective_size          integer not null,
    by_brokerage               integer not null,
    -- A community's linkage index (as in `facts`) and its place, weakest first.
    linkage                    jsonb,
    by_linkage                 integer,
    primary key (analysis_id, actor_id)
);
create index network_analysis_actor_by_id on network_analysis_actor (analysis_id, by_id);
create index network_analysis_actor_by_degree on network_analysis_actor (analysis_id, by_degree);
create index network_analysis_actor_by_strength
    on network_analysis_actor (analysis_id, by_strength);
create index network_analysis_actor_by_betweenness
    on network_analysis_actor (analysis_id, by_betweenness);
create index network_analysis_actor_by_pagerank
    on network_analysis_actor (analysis_id, by_pagerank);
create index network_analysis_actor_by_constraint
    on network_analysis_actor (analysis_id, by_constraint);
create index network_analysis_actor_by_effective_size
    on network_analysis_actor (analysis_id, by_effective_size);
create index network_analysis_actor_by_brokerage
    on network_analysis_actor (analysis_id, by_brokerage);
create index network_analysis_actor_by_linkage
    on network_analysis_actor (analysis_id, by_linkage) where by_linkage is not null;

-- The pinyin key of a name (0020) looks each character up by the key of `pinyin_char`
-- instead of joining the whole table: the same keys, some sixty times sooner (0.08 ms a name
-- instead of 4.7 ms), which a generated province's million names (`fivesoc db generate
-- --scale province`) need.
create or replace function fivesoc_pinyin(name text) returns text
language sql immutable strict parallel safe as $$
    select coalesce(string_agg(
        coalesce((select p.syllable from public.pinyin_char p where p.ch = c.ch), lower(c.ch)),
        ' ' order by c.i), '')
    from regexp_split_to_table(name, '') with ordinality as c(ch, i)
$$;
