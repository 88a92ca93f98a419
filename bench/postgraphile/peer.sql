-- Functions that give PostGraphile the same relations fivesoc serves, for the bench only
-- (never part of fivesoc's migrations): a community's partner organizations and the projects
-- serving it, an organization's projects, and the trigram name search. Each one keeps the
-- rows fivesoc keeps (`fivesoc/db/catalog.py`): archived rows are left out, as fivesoc leaves
-- them out of relations and root lists. Plain `language sql stable` functions, so that
-- PostgreSQL inlines them into PostGraphile's statement and plans them as fivesoc's.

create or replace function community_partner_organizations(c community)
returns setof organization language sql stable as $$
    select o.* from organization o where o.id in (
        select pp.actor_id from project_participant pp
        join project_community pc on pc.project_id = pp.project_id
        join project j on j.id = pp.project_id
        where pc.community_id = c.id and j.archived_at is null
        union
        select case when l.source_id = c.id then l.target_id else l.source_id end
        from collaboration_link l
        where c.id in (l.source_id, l.target_id) and l.archived_at is null)
    and o.archived_at is null
    order by o.id
$$;

create or replace function community_serving_projects(c community)
returns setof project language sql stable as $$
    select p.* from project p
    where p.id in (select pc.project_id from project_community pc where pc.community_id = c.id)
    and p.archived_at is null
    order by p.id
$$;

create or replace function organization_projects(o organization)
returns setof project language sql stable as $$
    select p.* from project p
    where p.id in (select pp.project_id from project_participant pp where pp.actor_id = o.id)
    and p.archived_at is null
    order by p.id
$$;

create or replace function search_organizations(q text)
returns setof organization language sql stable as $$
    select o.* from organization o
    where (o.name ilike '%' || q || '%' or o.name % q) and o.archived_at is null
    order by similarity(o.name, q) desc, o.id desc
$$;
