-- Honours of any actor or region, in one table: who or what was honoured (an actor, or a
-- region itself when no actor is named), a stable key of the award (`award`) and its title in
-- the source's words, who gave it, the year, the batch or edition (首批, 第二批, 第二届),
-- and where it is reported, with the source's own sentence. Keys are words of the data, not
-- of the schema, so another report's honours need no migration.
--
-- The honours of organizations and of social workers move here, keeping their ids' order,
-- versions and archiving; their tables are dropped.

create table honour (
    id               bigint generated always as identity primary key,
    region_id        bigint not null references region (id) on delete restrict,
    actor_id         bigint references actor (id) on delete cascade,
    award            text not null check (award ~ '^[a-z][a-z0-9_]*$'),
    title            text not null check (btrim(title) <> ''),
    awarded_by       text check (btrim(awarded_by) <> ''),
    year             integer not null check (year between 1949 and 2100),
    batch            text check (btrim(batch) <> ''),
    source           text check (btrim(source) <> ''),
    quote            text check (btrim(quote) <> ''),
    is_illustrative  boolean not null default false,
    version          integer not null default 1 check (version >= 1),
    archived_at      timestamptz,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create unique index honour_actor_id_award_year_key
    on honour (actor_id, award, year) where actor_id is not null and archived_at is null;
create unique index honour_region_id_award_year_key
    on honour (region_id, award, year) where actor_id is null and archived_at is null;
create index honour_actor_id_idx on honour (actor_id);
create index honour_region_id_idx on honour (region_id);
create index honour_award_idx on honour (award);
select fivesoc_track_updates('honour');

-- An honour of an actor belongs to the actor's region, so that who may write it follows the
-- actor; an honour of a region itself names no actor.
create function fivesoc_honour_region() returns trigger
language plpgsql as $$
begin
    if new.actor_id is not null and new.region_id is distinct from coalesce(
        (select region_id from community where id = new.actor_id),
        (select region_id from organization where id = new.actor_id),
        (select region_id from university where id = new.actor_id),
        (select region_id from social_worker where id = new.actor_id),
        (select region_id from volunteer_team where id = new.actor_id),
        (select region_id from charity_resource where id = new.actor_id)
    ) then
        raise exception 'an honour of an actor is in the actor''s region'
            using errcode = 'check_violation', constraint = 'honour_region_check';
    end if;
    return new;
end;
$$;
create trigger honour_region before insert or update on honour
    for each row execute function fivesoc_honour_region();

insert into honour (
    region_id, actor_id, award, title, awarded_by, year, version, archived_at, created_at,
    updated_at
)
select o.region_id, h.organization_id, h.honour,
       case h.honour
           when 'national_top100_social_work_agency' then '全国百强社工机构'
           when 'provincial_brand_social_organization' then '省级品牌社会组织'
       end,
       nullif(btrim(h.awarded_by), ''), h.year, h.version, h.archived_at, h.created_at,
       h.updated_at
from organization_honour h join organization o on o.id = h.organization_id
order by h.id;

insert into honour (
    region_id, actor_id, award, title, awarded_by, year, version, archived_at, created_at,
    updated_at
)
select w.region_id, h.social_worker_id, h.honour,
       case h.honour
           when 'county_leading_talent' then '社会工作领军人才'
           when 'city_top_talent' then '拔尖人才'
           when 'provincial_most_beautiful_social_worker' then '最美社会工作者'
           when 'provincial_most_beautiful_community_worker' then '最美城乡社区工作者'
       end,
       nullif(btrim(h.awarded_by), ''), h.year, h.version, h.archived_at, h.created_at,
       h.updated_at
from social_worker_honour h join social_worker w on w.id = h.social_worker_id
order by h.id;

drop table organization_honour;
drop table social_worker_honour;
