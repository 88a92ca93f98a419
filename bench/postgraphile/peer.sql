-- Functions that give PostGraphile the same relations fivesoc serves, for the bench only
-- (never part of fivesoc's migrations): a community's partner organizations, an
-- organization's projects, and the trigram name search.

create or replace function community_partner_organizations(c community)
returns setof organization language sql stable as $$
    select o.* from organization o where o.id in (
        select pp.actor_id from project_participant pp
        join project_community pc on pc.project_id = pp.project_id
        where pc.community_id = c.id
        union
        select case when l.source_id = c.id then l.target_id else l.source_id end
        from collaboration_link l where c.id in (l.source_id, l.target_id))
    order by o.id
$$;

create or replace function organization_projects(o organization)
returns setof project language sql stable as $$
    select p.* from project p
    where p.id in (select pp.project_id from project_participant pp where pp.actor_id = o.id)
    order by p.id
$$;

create or replace function search_organizations(q text)
returns setof organization language sql stable as $$
    select o.* from organization o
    where o.name ilike '%' || q || '%' or o.name % q
    order by similarity(o.name, q) desc, o.id desc
$$;
