-- Government funds apart from charity resources. Funds from higher levels (上级资金) and the
-- local budget (本级财政) are the government's, not social charity: they are no actor of the
-- network and count in no five-society linkage index. Each names its region, origin, amount,
-- year, purpose and the body that spends it, with where it is reported.
--
-- Charity resources of those two sources move here (the spending body taken from their first
-- resource-flow link to an organization); their links and allocations go with them. Charity
-- resources gain money and goods together (款物) as a kind, how exact their amount is, the
-- door-knocking campaign that linked them, the source's sentence, and a flag for those that
-- only illustrate a report.

create table government_fund (
    id               bigint generated always as identity primary key,
    region_id        bigint not null references region (id) on delete restrict,
    origin           text not null check (origin in ('higher_level', 'local_budget')),
    name             text not null check (btrim(name) <> ''),
    purpose          text check (btrim(purpose) <> ''),
    amount           numeric(14, 2) not null check (amount >= 0),
    unit             text not null default 'yuan' check (btrim(unit) <> ''),
    qualifier        text not null default 'exact'
                         check (qualifier in ('exact', 'more_than', 'about')),
    year             integer check (year between 1949 and 2100),
    spent_by_id      bigint references organization (id) on delete set null,
    source           text check (btrim(source) <> ''),
    quote            text check (btrim(quote) <> ''),
    is_illustrative  boolean not null default false,
    version          integer not null default 1 check (version >= 1),
    archived_at      timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint government_fund_region_id_name_key unique (region_id, name)
);
create index government_fund_spent_by_id_idx on government_fund (spent_by_id);
create index government_fund_name_trgm on government_fund using gin (name gin_trgm_ops);
select fivesoc_track_updates('government_fund');

insert into government_fund (
    region_id, origin, name, amount, unit, year, spent_by_id, version, archived_at, created_at,
    updated_at
)
select r.region_id,
       case r.source when 'higher_level_funds' then 'higher_level' else 'local_budget' end,
       r.name, r.amount, r.unit, r.year,
       (select l.target_id from collaboration_link l join organization o on o.id = l.target_id
        where l.source_id = r.id and l.kind = 'resource_flow' order by l.id limit 1),
       r.version, r.archived_at, r.created_at, r.updated_at
from charity_resource r
where r.source in ('higher_level_funds', 'government_budget')
order by r.id;

delete from resource_allocation
where resource_id in (
    select id from charity_resource where source in ('higher_level_funds', 'government_budget'));
delete from actor
where id in (
    select id from charity_resource where source in ('higher_level_funds', 'government_budget'));

alter table charity_resource drop constraint charity_resource_source_check;
alter table charity_resource add constraint charity_resource_source_check
    check (source in ('donor', 'social_donation'));
alter table charity_resource drop constraint charity_resource_kind_check;
alter table charity_resource add constraint charity_resource_kind_check
    check (kind in ('funds', 'goods', 'funds_and_goods', 'services', 'venue'));
alter table charity_resource
    add column qualifier text not null default 'exact'
        check (qualifier in ('exact', 'more_than', 'about')),
    add column campaign_id bigint references door_knocking_campaign (id) on delete set null,
    add column quote text check (btrim(quote) <> ''),
    add column is_illustrative boolean not null default false;
create index charity_resource_campaign_id_idx on charity_resource (campaign_id);
