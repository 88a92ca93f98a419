-- Versions on every entity table, so that an update names the version it read and a stale one
-- is refused; `archived_at` where a row should stop appearing without being deleted.
--
-- Not archived: visits, needs, continuing-education hours, exam registrations, project
-- participations, project updates and resource allocations. Each records something that
-- happened (a need is closed through its status, a participation ends with `left_on`).

alter table community add column version integer not null default 1 check (version >= 1);
alter table compound add column version integer not null default 1 check (version >= 1);
alter table grid add column version integer not null default 1 check (version >= 1);
alter table micro_grid add column version integer not null default 1 check (version >= 1);
alter table service_site add column version integer not null default 1 check (version >= 1);
alter table organization add column version integer not null default 1 check (version >= 1);
alter table organization_honour add column version integer not null default 1 check (version >= 1);
alter table university add column version integer not null default 1 check (version >= 1);
alter table agreement add column version integer not null default 1 check (version >= 1);
alter table practice_base add column version integer not null default 1 check (version >= 1);
alter table training_programme add column version integer not null default 1 check (version >= 1);
alter table social_worker add column version integer not null default 1 check (version >= 1);
alter table social_worker_honour add column version integer not null default 1 check (version >= 1);
alter table continuing_education add column version integer not null default 1 check (version >= 1);
alter table exam_registration add column version integer not null default 1 check (version >= 1);
alter table volunteer_team add column version integer not null default 1 check (version >= 1);
alter table volunteer add column version integer not null default 1 check (version >= 1);
alter table project_participant add column version integer not null default 1 check (version >= 1);
alter table project_update add column version integer not null default 1 check (version >= 1);
alter table activity add column version integer not null default 1 check (version >= 1);
alter table door_knocking_campaign add column version integer not null default 1 check (version >= 1);
alter table household add column version integer not null default 1 check (version >= 1);
alter table household_member add column version integer not null default 1 check (version >= 1);
alter table visit add column version integer not null default 1 check (version >= 1);
alter table resource_allocation add column version integer not null default 1 check (version >= 1);
alter table collaboration_link add column version integer not null default 1 check (version >= 1);
alter table reported_indicator add column version integer not null default 1 check (version >= 1);

alter table community add column archived_at timestamptz;
alter table compound add column archived_at timestamptz;
alter table grid add column archived_at timestamptz;
alter table micro_grid add column archived_at timestamptz;
alter table service_site add column archived_at timestamptz;
alter table organization add column archived_at timestamptz;
alter table organization_honour add column archived_at timestamptz;
alter table university add column archived_at timestamptz;
alter table agreement add column archived_at timestamptz;
alter table practice_base add column archived_at timestamptz;
alter table training_programme add column archived_at timestamptz;
alter table social_worker add column archived_at timestamptz;
alter table social_worker_honour add column archived_at timestamptz;
alter table volunteer_team add column archived_at timestamptz;
alter table volunteer add column archived_at timestamptz;
alter table project add column archived_at timestamptz;
alter table activity add column archived_at timestamptz;
alter table door_knocking_campaign add column archived_at timestamptz;
alter table household add column archived_at timestamptz;
alter table household_member add column archived_at timestamptz;
alter table charity_resource add column archived_at timestamptz;
alter table collaboration_link add column archived_at timestamptz;
alter table reported_indicator add column archived_at timestamptz;
