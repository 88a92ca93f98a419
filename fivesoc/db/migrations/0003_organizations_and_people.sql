-- Social organizations, universities and their agreements, social workers, volunteers.

create table organization (
    id          bigint primary key,
    actor_kind  text not null default 'organization' check (actor_kind = 'organization'),
    region_id   bigint not null references region (id) on delete restrict,
    kind        text not null check (kind in (
                    'social_work_agency', 'community_social_org', 'foundation',
                    'civil_affairs_bureau', 'government_department', 'enterprise',
                    'cultural_institution', 'other')),
    name        text not null check (btrim(name) <> ''),
    -- True where the report counts this record but does not name it: the name stands in.
    is_illustrative  boolean not null default false,
    founded_on  date,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    foreign key (id, actor_kind) references actor (id, kind) on delete cascade,
    unique (region_id, name)
);
create index organization_region_id_idx on organization (region_id);
create index organization_kind_idx on organization (kind);
create index organization_name_trgm on organization using gin (name gin_trgm_ops);
select fivesoc_track_updates('organization');

create table organization_honour (
    id               bigint generated always as identity primary key,
    organization_id  bigint not null references organization (id) on delete cascade,
    honour           text not null check (honour in (
                         'national_top100_social_work_agency', 'provincial_brand_social_organization')),
    year             integer not null check (year between 1949 and 2100),
    awarded_by       text,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    unique (organization_id, honour, year)
);
create index organization_honour_organization_id_idx on organization_honour (organization_id);
create index organization_honour_honour_idx on organization_honour (honour);
select fivesoc_track_updates('organization_honour');

create table university (
    id          bigint primary key,
    actor_kind  text not null default 'university' check (actor_kind = 'university'),
    region_id   bigint not null references region (id) on delete restrict,
    name        text not null check (btrim(name) <> ''),
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now(),
    foreign key (id, actor_kind) references actor (id, kind) on delete cascade,
    unique (region_id, name)
);
create index university_region_id_idx on university (region_id);
create index university_name_trgm on university using gin (name gin_trgm_ops);
select fivesoc_track_updates('university');

-- Framework agreements (框架合作协议) between a university and a local party.
create table agreement (
    id               bigint generated always as identity primary key,
    university_id    bigint not null references university (id) on delete restrict,
    organization_id  bigint references organization (id) on delete restrict,
    region_id        bigint not null references region (id) on delete restrict,
    kind             text not null default 'framework' check (kind in ('framework', 'training', 'research')),
    title            text not null check (btrim(title) <> ''),
    signed_on        date not null,
    ends_on          date,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    unique (university_id, title),
    check (ends_on is null or ends_on >= signed_on)
);
create index agreement_university_id_idx on agreement (university_id);
create index agreement_organization_id_idx on agreement (organization_id);
create index agreement_region_id_idx on agreement (region_id);
create index agreement_signed_on_idx on agreement (signed_on);
select fivesoc_track_updates('agreement');

create table agreement_community (
    agreement_id  bigint not null references agreement (id) on delete cascade,
    community_id  bigint not null references community (id) on delete cascade,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    primary key (agreement_id, community_id)
);
create index agreement_community_community_id_idx on agreement_community (community_id);
select fivesoc_track_updates('agreement_community');

-- Practice bases (实践基地) set up under an agreement.
create table practice_base (
    id              bigint generated always as identity primary key,
    agreement_id    bigint not null references agreement (id) on delete cascade,
    region_id       bigint not null references region (id) on delete restrict,
    name            text not null check (btrim(name) <> ''),
    established_on  date,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    unique (agreement_id, name)
);
create index practice_base_agreement_id_idx on practice_base (agreement_id);
create index practice_base_region_id_idx on practice_base (region_id);
select fivesoc_track_updates('practice_base');

-- Training programmes with their enrolment (e.g. the social-work college of 安徽开放大学).
create table training_programme (
    id               bigint generated always as identity primary key,
    university_id    bigint not null references university (id) on delete restrict,
    region_id        bigint not null references region (id) on delete restrict,
    name             text not null check (btrim(name) <> ''),
    started_on       date,
    enrolment_count  integer not null default 0 check (enrolment_count >= 0),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    unique (university_id, name)
);
create index training_programme_university_id_idx on training_programme (university_id);
create index training_programme_region_id_idx on training_programme (region_id);
select fivesoc_track_updates('training_programme');

-- The social-work talent registry (社工人才信息库). Community workers are a related group.
create table social_worker (
    id                   bigint primary key,
    actor_kind           text not null default 'social_worker' check (actor_kind = 'social_worker'),
    region_id            bigint not null references region (id) on delete restrict,
    employer_id          bigint references organization (id) on delete set null,
    station_id           bigint references service_site (id) on delete set null,
    role                 text not null default 'social_worker' check (role in (
                             'social_worker', 'civil_affairs_social_worker', 'community_worker')),
    full_name            text not null check (btrim(full_name) <> ''),
    -- Names of made-up people in demo and generated data are marked as such.
    is_fictional         boolean not null default false,
    certification_level  text not null default 'none' check (certification_level in (
                             'none', 'assistant', 'intermediate', 'senior')),
    certified_year       integer check (certified_year between 2008 and 2100),
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    foreign key (id, actor_kind) references actor (id, kind) on delete cascade,
    check ((certification_level = 'none') = (certified_year is null))
);
create index social_worker_region_id_idx on social_worker (region_id);
create index social_worker_employer_id_idx on social_worker (employer_id);
create index social_worker_station_id_idx on social_worker (station_id);
create index social_worker_role_idx on social_worker (role);
create index social_worker_certification_level_idx on social_worker (certification_level);
create index social_worker_full_name_trgm on social_worker using gin (full_name gin_trgm_ops);
select fivesoc_track_updates('social_worker');

create table social_worker_honour (
    id                bigint generated always as identity primary key,
    social_worker_id  bigint not null references social_worker (id) on delete cascade,
    honour            text not null check (honour in (
                          'county_leading_talent', 'city_top_talent',
                          'provincial_most_beautiful_social_worker',
                          'provincial_most_beautiful_community_worker')),
    year              integer not null check (year between 1949 and 2100),
    awarded_by        text,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    unique (social_worker_id, honour, year)
);
create index social_worker_honour_social_worker_id_idx on social_worker_honour (social_worker_id);
create index social_worker_honour_honour_idx on social_worker_honour (honour);
select fivesoc_track_updates('social_worker_honour');

-- Continuing education: hours a certificate holder logged in a year (requirement: 90).
create table continuing_education (
    id                bigint generated always as identity primary key,
    social_worker_id  bigint not null references social_worker (id) on delete cascade,
    year              integer not null check (year between 2008 and 2100),
    course            text not null check (btrim(course) <> ''),
    hours             numeric(6, 1) not null check (hours >= 0),
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now(),
    unique (social_worker_id, year, course)
);
create index continuing_education_social_worker_id_idx on continuing_education (social_worker_id);
create index continuing_education_year_idx on continuing_education (year);
select fivesoc_track_updates('continuing_education');

-- Registrations for the national social-work qualification exam and their outcome. A candidate
-- need not be in the registry yet, so social_worker_id is optional and no name is kept.
create table exam_registration (
    id                bigint generated always as identity primary key,
    region_id         bigint not null references region (id) on delete restrict,
    social_worker_id  bigint references social_worker (id) on delete set null,
    year              integer not null check (year between 2008 and 2100),
    level             text not null check (level in ('assistant', 'intermediate', 'senior')),
    passed            boolean,
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create index exam_registration_region_id_idx on exam_registration (region_id);
create index exam_registration_social_worker_id_idx on exam_registration (social_worker_id);
create index exam_registration_year_idx on exam_registration (year);
select fivesoc_track_updates('exam_registration');

create table volunteer_team (
    id            bigint primary key,
    actor_kind    text not null default 'volunteer_team' check (actor_kind = 'volunteer_team'),
    region_id     bigint not null references region (id) on delete restrict,
    community_id  bigint references community (id) on delete set null,
    name          text not null check (btrim(name) <> ''),
    -- True where the report counts this record but does not name it: the name stands in.
    is_illustrative  boolean not null default false,
    founded_on    date,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    foreign key (id, actor_kind) references actor (id, kind) on delete cascade,
    unique (region_id, name)
);
create index volunteer_team_region_id_idx on volunteer_team (region_id);
create index volunteer_team_community_id_idx on volunteer_team (community_id);
create index volunteer_team_name_trgm on volunteer_team using gin (name gin_trgm_ops);
select fivesoc_track_updates('volunteer_team');

-- Individual volunteers: a personal name, so readable only with the right role.
create table volunteer (
    id             bigint generated always as identity primary key,
    team_id        bigint references volunteer_team (id) on delete set null,
    community_id   bigint references community (id) on delete set null,
    region_id      bigint not null references region (id) on delete restrict,
    full_name      text not null check (btrim(full_name) <> ''),
    is_fictional   boolean not null default false,
    service_hours  numeric(8, 1) not null default 0 check (service_hours >= 0),
    joined_on      date,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create index volunteer_team_id_idx on volunteer (team_id);
create index volunteer_community_id_idx on volunteer (community_id);
create index volunteer_region_id_idx on volunteer (region_id);
select fivesoc_track_updates('volunteer');
