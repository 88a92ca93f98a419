-- A mutual link (every kind but resource flows and referrals, which run from source to target)
-- is the same link whichever end is its source: A→B and B→A of one kind, project and
-- agreement may not both exist. Directed kinds keep `collaboration_link_unique` alone.
create unique index collaboration_link_undirected_unique
    on collaboration_link (
        least(source_id, target_id), greatest(source_id, target_id), kind,
        coalesce(project_id, 0), coalesce(agreement_id, 0))
    where kind not in ('resource_flow', 'referral');
