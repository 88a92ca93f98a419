"""The `network` field and `Community.linkage` on the demo data.

Deqing county (fivesoc/db/seed/deqing.py) has 16 actors and partners 浙江工商大学 in Hangzhou:
17 actors and 30 recorded links on 27 pairs (德清县百强社工机构1 and 干丰社区 are linked by two
projects, weights 3 and 1, folded into one link of weight 4; the bureau both guides and
partners 百强社工机构2 and 3). 德清县民政局 is linked with 11 actors, 干丰社区 with 10.
"""

from __future__ import annotations

from tests.conftest import GraphQLClient, token

REGION = "query($q: String!) { regions(search: $q, first: 5) { nodes { id name } } }"
COMMUNITY = "query($q: String!) { communities(search: $q, first: 5) { nodes { id name } } }"
UNIVERSITY = "query($q: String!) { universities(search: $q, first: 5) { nodes { id name } } }"


async def _id(client: GraphQLClient, query: str, root: str, name: str) -> str:
    data = await client.data(query, {"q": name})
    return str(next(n["id"] for n in data[root]["nodes"] if n["name"] == name))


async def test_summary_of_deqing(client: GraphQLClient) -> None:
    deqing = await _id(client, REGION, "regions", "德清县")
    data = await client.data(
        """query($r: ID!) { network(scope: {region: $r}) {
             summary { nodes links components largestComponent
                       nodesBySociety { society count } } } }""",
        {"r": deqing},
    )
    summary = data["network"]["summary"]
    assert summary["nodes"] == 17
    assert summary["links"] == 27
    assert summary["components"] == 1
    assert summary["largestComponent"] == 17
    assert {s["society"]: s["count"] for s in summary["nodesBySociety"]} == {
        "COMMUNITY": 4,
        "SOCIAL_ORGANIZATION": 6,
        "PARTNER": 2,
        "SOCIAL_WORKER": 3,
        "VOLUNTEER": 1,
        "CHARITY_RESOURCE": 1,
    }


NETWORK = """
query($r: ID!, $a: ID!, $b: ID!) { network(scope: {region: $r}) {
  nodes(first: 3) { totalCount nodes { label degree society boundary articulationPoint } }
  links(first: 100) { nodes { bridge } }
  shortestPath(source: $a, target: $b) { hops nodes { label } }
  strongestPath(source: $a, target: $b) { hops weights strength nodes { label } }
  bridges { totalCount }
  articulationPoints { nodes { label } }
} }
"""


async def test_who_links_the_university_to_ganfeng(client: GraphQLClient) -> None:
    deqing = await _id(client, REGION, "regions", "德清县")
    university = await _id(client, UNIVERSITY, "universities", "浙江工商大学")
    ganfeng = await _id(client, COMMUNITY, "communities", "干丰社区")
    data = await client.data(NETWORK, {"r": deqing, "a": university, "b": ganfeng})
    network = data["network"]
    assert network["nodes"]["totalCount"] == 17
    assert [(n["label"], n["degree"]) for n in network["nodes"]["nodes"]] == [
        ("德清县民政局", 11),
        ("干丰社区", 10),
        ("德清县百强社工机构1", 8),
    ]
    # Two chains of two links: through the bureau (id 208) and through 百强社工机构1 (209);
    # the shortest path takes the lower id.
    shortest = network["shortestPath"]
    assert shortest["hops"] == 2
    assert [n["label"] for n in shortest["nodes"]] == ["浙江工商大学", "德清县民政局", "干丰社区"]
    # Strength: each weight over the heaviest link (4): via the agency 2/4 × 4/4 = 0.5, via the
    # bureau 3/4 × 2/4 = 0.375.
    strongest = network["strongestPath"]
    assert [n["label"] for n in strongest["nodes"]] == [
        "浙江工商大学",
        "德清县百强社工机构1",
        "干丰社区",
    ]
    assert strongest["weights"] == [2.0, 4.0]
    assert strongest["strength"] == 0.5
    # The bureau alone holds 洛漾社区, 东港社区 and brand organizations 2 and 3 to the rest.
    assert network["bridges"]["totalCount"] == 4
    assert [n["label"] for n in network["articulationPoints"]["nodes"]] == ["德清县民政局"]
    # Each link and actor says so itself: 4 of the 27 links, and the bureau alone.
    assert [link["bridge"] for link in network["links"]["nodes"]].count(True) == 4
    assert len(network["links"]["nodes"]) == 27
    assert [n["articulationPoint"] for n in network["nodes"]["nodes"]] == [True, False, False]


async def test_gateways_of_a_community_hanging_on_one_actor(client: GraphQLClient) -> None:
    deqing = await _id(client, REGION, "regions", "德清县")
    luoyang = await _id(client, COMMUNITY, "communities", "洛漾社区")
    data = await client.data(
        """query($r: ID!, $c: ID!) { network(scope: {region: $r}) {
             gateways(community: $c) { society actors { label } } } }""",
        {"r": deqing, "c": luoyang},
    )
    gateways = {
        g["society"]: [a["label"] for a in g["actors"]] for g in data["network"]["gateways"]
    }
    # 洛漾社区 is linked to the bureau alone: losing it cuts the community off from everyone.
    # Deqing has one volunteer team and one charity fund: losing either cuts that society off.
    assert gateways == {
        "CHARITY_RESOURCE": ["德清县民政局", "德清县社区慈善基金(示例)"],
        "COMMUNITY": ["德清县民政局"],
        "PARTNER": ["德清县民政局"],
        "SOCIAL_ORGANIZATION": ["德清县民政局"],
        "SOCIAL_WORKER": ["德清县民政局"],
        "VOLUNTEER": ["德清县民政局", "干丰社区邻里志愿服务队"],
    }


async def test_pages_of_a_computed_list(client: GraphQLClient) -> None:
    deqing = await _id(client, REGION, "regions", "德清县")
    query = """query($r: ID!, $after: String) { network(scope: {region: $r}) {
      nodes(first: 10, after: $after, orderBy: ID) {
        totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { label } } } }"""
    first = (await client.data(query, {"r": deqing}))["network"]["nodes"]
    second = (await client.data(query, {"r": deqing, "after": first["pageInfo"]["endCursor"]}))[
        "network"
    ]["nodes"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert second["pageInfo"] == {
        "hasNextPage": False,
        "hasPreviousPage": True,
        "endCursor": second["pageInfo"]["endCursor"],
    }
    labels = [n["label"] for n in first["nodes"] + second["nodes"]]
    assert len(labels) == len(set(labels)) == 17
    assert labels[0] == "干丰社区"  # the lowest actor id of the county


async def test_bad_arguments_are_named(client: GraphQLClient) -> None:
    deqing = await _id(client, REGION, "regions", "德清县")
    ganfeng = await _id(client, COMMUNITY, "communities", "干丰社区")
    cases = [
        ("{ network(scope: {radius: 9}) { modularity } }", {}, "scope.radius"),
        (
            "query($r: ID!, $c: ID!) { network(scope: {region: $r, community: $c}) { modularity } }",
            {"r": deqing, "c": ganfeng},
            "scope",
        ),
        (
            '{ network(window: {asOf: "2024-01-01", start: "2023-01-01"}) { modularity } }',
            {},
            "window",
        ),
        ("{ network(linkKinds: []) { modularity } }", {}, "linkKinds"),
        (
            "query($c: ID!) { network(scope: {region: $c}) { modularity } }",
            {"c": ganfeng},
            "scope.region",
        ),
    ]
    for query, variables, argument in cases:
        body = await client.execute(query, variables)
        assert body["data"] is None, query
        assert body["errors"][0]["extensions"] == {
            "code": "BAD_USER_INPUT",
            "argument": argument,
        }, body


async def test_a_write_is_seen_by_the_next_request(client: GraphQLClient) -> None:
    """An allocation through the API adds a resource flow; the cached network is not reused."""
    from tests.conftest import token

    deqing = await _id(client, REGION, "regions", "德清县")
    query = """query($r: ID!) { network(scope: {region: $r}, linkKinds: [RESOURCE_FLOW]) {
      summary { links } } }"""
    before = await client.data(query, {"r": deqing})
    assert before["network"]["summary"]["links"] == 2
    again = await client.data(query, {"r": deqing})
    assert again == before
    resource = (
        await client.data(
            '{ charityResources(search: "德清县社区慈善基金", first: 1) { nodes { id } } }'
        )
    )["charityResources"]["nodes"][0]["id"]
    luoyang = await _id(client, COMMUNITY, "communities", "洛漾社区")
    admin = client.as_viewer(token("admin", []))
    result = await admin.data(
        """mutation($res: ID!, $c: ID!) { allocateResource(input: {resourceId: $res,
             communityId: $c, amount: "1000", allocatedOn: "2024-02-01"}) {
             userErrors { message } } }""",
        {"res": resource, "c": luoyang},
    )
    assert result["allocateResource"]["userErrors"] == []
    after = await client.data(query, {"r": deqing})
    assert after["network"]["summary"]["links"] == 3


async def test_the_circle_of_a_community(client: GraphQLClient) -> None:
    deqing = await _id(client, REGION, "regions", "德清县")
    luoyang = await _id(client, COMMUNITY, "communities", "洛漾社区")
    data = await client.data(
        """query($r: ID!, $c: ID!) { network(scope: {region: $r}) {
             ego(actor: $c, radius: 2) {
               members(first: 3) { totalCount nodes { hops node { label } } }
               links { totalCount } } } }""",
        {"r": deqing, "c": luoyang},
    )
    ego = data["network"]["ego"]
    # 洛漾社区, the bureau, and the bureau's 10 other partners.
    assert ego["members"]["totalCount"] == 12
    assert [(m["hops"], m["node"]["label"]) for m in ego["members"]["nodes"]] == [
        (0, "洛漾社区"),
        (1, "德清县民政局"),
        (2, "干丰社区"),
    ]
    # The bureau's 11 links, and among its partners: 干丰社区 with 机构1, 机构2, 机构3, 品牌1;
    # 机构1 with the university; 品牌1 with 金鹅湖社区.
    assert ego["links"]["totalCount"] == 17


async def test_an_archived_actor_leaves_the_network(client: GraphQLClient) -> None:
    from tests.conftest import token

    deqing = await _id(client, REGION, "regions", "德清县")
    brand = (
        await client.data(
            '{ organizations(search: "德清县品牌社会组织3", first: 1) { nodes { id version } } }'
        )
    )["organizations"]["nodes"][0]
    admin = client.as_viewer(token("admin", []))
    archived = await admin.data(
        """mutation($id: ID!, $v: Int!) { archiveOrganization(input: {id: $id,
             expectedVersion: $v}) { userErrors { message } } }""",
        {"id": brand["id"], "v": brand["version"]},
    )
    assert archived["archiveOrganization"]["userErrors"] == []
    data = await client.data(
        "query($r: ID!) { network(scope: {region: $r}) { summary { nodes links } } }",
        {"r": deqing},
    )
    # 品牌社会组织3 and its one link (a partnership with the bureau) are gone.
    assert data["network"]["summary"] == {"nodes": 16, "links": 26}


LINKAGE = """
query($r: ID!, $c: ID!) { network(scope: {region: $r}) {
  linkage(community: $c) {
    index missing single
    societies { society status score strength partners { label } via { label } } } } }
"""


async def test_ganfeng_is_linked_with_all_four_societies(client: GraphQLClient) -> None:
    deqing = await _id(client, REGION, "regions", "德清县")
    ganfeng = await _id(client, COMMUNITY, "communities", "干丰社区")
    linkage = (await client.data(LINKAGE, {"r": deqing, "c": ganfeng}))["network"]["linkage"]
    # Four organizations and three social workers (two or more: 1 each); one volunteer team
    # and one charity fund (0.5 each): (1 + 1 + 0.5 + 0.5) / 4.
    assert linkage["index"] == 0.75
    assert linkage["missing"] == []
    assert linkage["single"] == ["VOLUNTEER", "CHARITY_RESOURCE"]
    parts = {p["society"]: p for p in linkage["societies"]}
    assert [n["label"] for n in parts["SOCIAL_ORGANIZATION"]["partners"]] == [
        "德清县百强社工机构1",
        "德清县百强社工机构2",
        "德清县百强社工机构3",
        "德清县品牌社会组织1",
    ]
    # Weights 3 + 1 (two projects), 1, 1, 1.
    assert parts["SOCIAL_ORGANIZATION"]["strength"] == 7.0
    assert (parts["VOLUNTEER"]["status"], parts["VOLUNTEER"]["strength"]) == ("SINGLE", 2.0)
    assert parts["CHARITY_RESOURCE"]["partners"] == [{"label": "德清县社区慈善基金(示例)"}]


async def test_a_community_hanging_on_the_bureau_and_who_it_could_work_with(
    client: GraphQLClient,
) -> None:
    deqing = await _id(client, REGION, "regions", "德清县")
    luoyang = await _id(client, COMMUNITY, "communities", "洛漾社区")
    linkage = (await client.data(LINKAGE, {"r": deqing, "c": luoyang}))["network"]["linkage"]
    # Only organizations are within two links (through the bureau): 0.25 / 4.
    assert linkage["index"] == 0.0625
    assert linkage["missing"] == [
        "SOCIAL_ORGANIZATION",
        "SOCIAL_WORKER",
        "VOLUNTEER",
        "CHARITY_RESOURCE",
    ]
    organizations = linkage["societies"][0]
    assert (organizations["status"], organizations["via"]) == (
        "INDIRECT",
        [{"label": "德清县民政局"}],
    )
    data = await client.data(
        """query($r: ID!, $c: ID!) { network(scope: {region: $r}) {
             suggestions(community: $c, society: SOCIAL_ORGANIZATION, first: 2) {
               score node { label } shared { label } } } }""",
        {"r": deqing, "c": luoyang},
    )
    suggestions = data["network"]["suggestions"]
    # All six organizations share the bureau (11 links): 1/ln 11 each; ties by id.
    assert [s["node"]["label"] for s in suggestions] == [
        "德清县百强社工机构1",
        "德清县百强社工机构2",
    ]
    assert {round(s["score"], 4) for s in suggestions} == {0.417}
    assert suggestions[0]["shared"] == [{"label": "德清县民政局"}]


async def test_linkage_on_the_community_and_over_time(client: GraphQLClient) -> None:
    deqing = await _id(client, REGION, "regions", "德清县")
    ganfeng = await _id(client, COMMUNITY, "communities", "干丰社区")
    # Windows not computed yet need an analyst token (tests/test_permission_matrix.py).
    data = await client.as_viewer(token("analyst", [])).data(
        """query($r: ID!, $c: ID!) {
             node(id: $c) { ... on Community { linkage { index single } } }
             network(scope: {region: $r}) {
               timeline(dates: ["2022-06-01", "2024-01-01"], community: $c) {
                 date summary { links } linkage { index missing }
                 change { nodes links components linkage communitiesAppeared } } }
             weakest: network(scope: {region: $r}) {
               linkages(first: 2) { totalCount nodes { index community { label } } } } }""",
        {"r": deqing, "c": ganfeng},
    )
    assert data["node"]["linkage"] == {"index": 0.75, "single": ["VOLUNTEER", "CHARITY_RESOURCE"]}
    # Mid-2022: the agency, three workers and the volunteer team; the fund came in 2023.
    # Then 8 actors were linked in one part and the other 9 alone: 10 parts; by 2024, one.
    assert data["network"]["timeline"] == [
        {
            "date": "2022-06-01",
            "summary": {"links": 11},
            "linkage": {"index": 0.5, "missing": ["CHARITY_RESOURCE"]},
            "change": None,
        },
        {
            "date": "2024-01-01",
            "summary": {"links": 27},
            "linkage": {"index": 0.75, "missing": []},
            "change": {
                "nodes": 0,
                "links": 16,
                "components": -9,
                "linkage": 0.25,
                "communitiesAppeared": 0,
            },
        },
    ]
    weakest = data["weakest"]["linkages"]
    assert weakest["totalCount"] == 4
    assert [(n["community"]["label"], n["index"]) for n in weakest["nodes"]] == [
        ("洛漾社区", 0.0625),
        ("东港社区", 0.0625),
    ]


async def test_the_bureau_brokers_most(client: GraphQLClient) -> None:
    deqing = await _id(client, REGION, "regions", "德清县")
    data = await client.data(
        """query($r: ID!) { network(scope: {region: $r}) {
             nodes(orderBy: BROKERAGE, first: 1) { nodes { label brokerage {
               coordinator itinerant representativeGatekeeper liaison total } } }
             constrained: nodes(orderBy: CONSTRAINT, last: 1) { nodes {
               label constraint effectiveSize } } } }""",
        {"r": deqing},
    )
    network = data["network"]
    # The bureau (a partner) has 11 partners: 浙江工商大学, 4 communities, 6 organizations;
    # 55 pairs, of which 6 are linked (the university and 机构1; 干丰社区 and 机构1–3 and
    # 品牌1; 金鹅湖社区 and 品牌1). University with another: 10 − 1 = 9 representative or
    # gatekeeper; two communities or two organizations: 6 + 15 = 21 itinerant; a community
    # and an organization: 24 − 5 = 19 liaison.
    assert network["nodes"]["nodes"] == [
        {
            "label": "德清县民政局",
            "brokerage": {
                "coordinator": 0,
                "itinerant": 21,
                "representativeGatekeeper": 9,
                "liaison": 19,
                "total": 49,
            },
        }
    ]
    # Most constrained: a lone partner gives constraint 1 and effective size 1; of those the
    # highest id comes last (ties by id).
    (last,) = network["constrained"]["nodes"]
    assert (last["constraint"], last["effectiveSize"]) == (1.0, 1.0)


async def test_deqing_falls_into_clusters_that_hold_every_actor_once(
    client: GraphQLClient,
) -> None:
    """Louvain's clusters, largest first, hold the 17 actors between them, each once, and
    list their members strongest first (as `nodes(orderBy: STRENGTH)` ranks them)."""
    deqing = await _id(client, REGION, "regions", "德清县")
    data = await client.data(
        """query($r: ID!) { network(scope: {region: $r}) {
             modularity
             clusters(first: 20) { totalCount nodes { index size members { label cluster } } }
             nodes(orderBy: STRENGTH, first: 17) { nodes { label strength } }
           } }""",
        {"r": deqing},
    )
    network = data["network"]
    clusters = network["clusters"]["nodes"]
    assert network["clusters"]["totalCount"] == len(clusters) >= 2
    assert [c["index"] for c in clusters] == list(range(len(clusters)))
    sizes = [c["size"] for c in clusters]
    assert sizes == sorted(sizes, reverse=True)
    assert sum(sizes) == 17
    labels = [m["label"] for c in clusters for m in c["members"]]
    assert sorted(labels) == sorted(n["label"] for n in network["nodes"]["nodes"])
    rank = {n["label"]: i for i, n in enumerate(network["nodes"]["nodes"])}
    for c in clusters:
        members = [m["label"] for m in c["members"]]
        assert members == sorted(members, key=rank.__getitem__)
        assert {m["cluster"] for m in c["members"]} == {c["index"]}
    assert 0 < network["modularity"] < 1
