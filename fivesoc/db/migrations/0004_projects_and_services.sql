-- Projects with participants, communities served and a timeline of updates; services and
-- activities with their beneficiaries in person-times.

create table project (
    id          bigint generated always as identity primary key,
    region_id   bigint not null references region (id) on delete restrict,
    lead_id     bigint references actor (id) on delete set null,
    name        text not null check (btrim(name) <> ''),
    -- True where the report counts this record but does not name it: the name stands in.
    is_illustrative  boolean not null default false,
    domain      text not null check (domain in (
                    'elderly', 'children', 'youth_mental_health', 'social_assistance',
                    'grassroots_governance', 'disability', 'family', 'publicity', 'other')),
    status      text not null default 'active' check (status in (
                    'planned', 'active', 'suspended', 'completed', 'cancelled')),
    summary     text,
    starts_on   date,
    ends_on     date,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    unique (region_id, name),
    check (ends_on is null or starts_on is null or ends_on >= starts_on)
);
create index project_region_id_idx on project (region_id);
create index project_lead_id_idx on project (lead_id);
create index project_domain_idx on project (domain);
create index project_status_idx on project (status);
create index project_starts_on_idx on project (starts_on);
create index project_name_trgm on project using gin (name gin_trgm_ops);
select fivesoc_track_updates('project');

create table project_participant (
    id          bigint generated always as identity primary key,
    project_id  bigint not null references project (id) on delete cascade,
    actor_id    bigint not null references actor (id) on delete cascade,
    role        text not null check (role in (
                    'lead', 'partner', 'funder', 'organizer', 'service_provider', 'volunteer', 'host')),
    joined_on   date,
    left_on     date,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    unique (project_id, actor_id, role),
    check (left_on is null or joined_on is null or left_on >= joined_on)
);
create index project_participant_project_id_idx on project_participant (project_id);
create index project_participant_actor_id_idx on project_participant (actor_id);
select fivesoc_track_updates('project_participant');

create table project_community (
    project_id    bigint not null references project (id) on delete cascade,
    community_id  bigint not null references community (id) on delete cascade,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    primary key (project_id, community_id)
);
create index project_community_community_id_idx on project_community (community_id);
select fivesoc_track_updates('project_community');

create table project_update (
    id          bigint generated always as identity primary key,
    project_id  bigint not null references project (id) on delete cascade,
    author_id   bigint references actor (id) on delete set null,
    posted_at   timestamptz not null default now(),
    title       text not null check (btrim(title) <> ''),
    body        text not null default '',
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create index project_update_project_id_posted_at_idx on project_update (project_id, posted_at desc, id desc);
create index project_update_author_id_idx on project_update (author_id);
select fivesoc_track_updates('project_update');

-- Case work, group work, community activities, publicity and training events.
create table activity (
    id            bigint generated always as identity primary key,
    region_id     bigint not null references region (id) on delete restrict,
    project_id    bigint references project (id) on delete set null,
    site_id       bigint references service_site (id) on delete set null,
    community_id  bigint references community (id) on delete set null,
    organizer_id  bigint references actor (id) on delete set null,
    kind          text not null check (kind in (
                      'case_work', 'group_work', 'community_activity', 'publicity', 'training')),
    title         text not null check (btrim(title) <> ''),
    -- True where the report counts this record but does not name it: the name stands in.
    is_illustrative  boolean not null default false,
    held_on       date not null,
    person_times  integer not null default 0 check (person_times >= 0),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now()
);
create index activity_region_id_idx on activity (region_id);
create index activity_project_id_idx on activity (project_id);
create index activity_site_id_idx on activity (site_id);
create index activity_community_id_idx on activity (community_id);
create index activity_organizer_id_idx on activity (organizer_id);
create index activity_kind_idx on activity (kind);
create index activity_held_on_idx on activity (held_on);
select fivesoc_track_updates('activity');

-- Other actors who took part in an activity (co-participation links are derived from these).
create table activity_participant (
    activity_id  bigint not null references activity (id) on delete cascade,
    actor_id     bigint not null references actor (id) on delete cascade,
    role         text not null default 'partner' check (role in ('organizer', 'partner', 'volunteer', 'host')),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    primary key (activity_id, actor_id)
);
create index activity_participant_actor_id_idx on activity_participant (actor_id);
select fivesoc_track_updates('activity_participant');
