"""Root lists: filters, sort orders (keyset-paginated both ways) and the name search."""

from __future__ import annotations

import pytest

from tests.conftest import GraphQLClient


async def _region(client: GraphQLClient, name: str) -> str:
    data = await client.data(
        "query($q: String!) { regions(search: $q, first: 5) { nodes { id name } } }", {"q": name}
    )
    return next(n["id"] for n in data["regions"]["nodes"] if n["name"] == name)


async def test_search_finds_chinese_names_best_first(client: GraphQLClient) -> None:
    data = await client.data('{ communities(search: "干丰") { totalCount nodes { name } } }')
    assert data["communities"] == {"totalCount": 1, "nodes": [{"name": "干丰社区"}]}
    bureaus = await client.data(
        '{ organizations(search: "民政", first: 10) { totalCount nodes { name } } }'
    )
    assert {n["name"] for n in bureaus["organizations"]["nodes"]} == {
        "安徽省民政厅",
        "漯河市民政局",
        "干河陈街道民政所",
        "德清县民政局",
        "威宁自治县民政局",
    }
    assert bureaus["organizations"]["totalCount"] == 5


async def test_search_ranks_the_closest_name_first(client: GraphQLClient) -> None:
    data = await client.data('{ regions(search: "康乾街道") { nodes { name } } }')
    assert data["regions"]["nodes"][0]["name"] == "康乾街道"


async def test_search_text_is_taken_literally(client: GraphQLClient) -> None:
    data = await client.data('{ projects(search: "100%_") { totalCount nodes { name } } }')
    assert data["projects"] == {"totalCount": 0, "nodes": []}


@pytest.mark.parametrize(
    ("query", "message", "argument"),
    [
        ('{ projects(search: "  ") { totalCount } }', "`search` must not be empty", "search"),
        (
            '{ projects(search: "幸福", orderBy: {field: NAME}) { totalCount } }',
            "a search is ranked by similarity; leave out `orderBy`",
            "orderBy",
        ),
        (
            '{ projects(filter: {starts: {start: "2024-01-01", end: "2023-01-01"}}) { totalCount } }',
            "`filter.starts` ends (2023-01-01) before it starts (2024-01-01)",
            "filter.starts",
        ),
    ],
)
async def test_bad_list_arguments_get_a_clear_error(
    client: GraphQLClient, query: str, message: str, argument: str
) -> None:
    body = await client.execute(query)
    assert [e["message"] for e in body["errors"]] == [message]
    assert body["errors"][0]["extensions"]["argument"] == argument


async def test_filter_by_date_range(client: GraphQLClient) -> None:
    data = await client.data(
        """
        { y2022: projects(filter: {starts: {start: "2022-01-01", end: "2022-12-31"}}) {
            nodes { name } }
          since2023: projects(filter: {starts: {start: "2023-01-01"}}) { totalCount } }
        """
    )
    assert data["y2022"]["nodes"] == [{"name": "五社联动助推共同富裕德清示范项目"}]
    assert data["since2023"]["totalCount"] == 5


async def test_agreements_and_campaigns_filter_by_their_dates(client: GraphQLClient) -> None:
    data = await client.data(
        """
        { signed2022: agreements(filter: {signed: {start: "2022-01-01", end: "2022-12-31"}}) {
            nodes { title } }
          signed2023: agreements(filter: {signed: {start: "2023-01-01"}}) { totalCount }
          from2023: doorKnockingCampaigns(filter: {starts: {start: "2023-12-01"}}) {
            nodes { name } }
          before2023: doorKnockingCampaigns(filter: {starts: {end: "2022-12-31"}}) {
            totalCount } }
        """
    )
    # The demo data's one agreement was signed on 2022-01-01; its one campaign began 2023-12-01.
    assert data["signed2022"]["nodes"] == [
        {"title": "五社联动助推共同富裕德清示范项目框架合作协议"}
    ]
    assert data["signed2023"]["totalCount"] == 0
    assert data["from2023"]["nodes"] == [{"name": "民政社工敲门行动"}]
    assert data["before2023"]["totalCount"] == 0


async def test_filter_social_workers(client: GraphQLClient) -> None:
    weining = await _region(client, "威宁彝族回族苗族自治县")
    data = await client.data(
        """
        query($w: ID!) {
          assistant: socialWorkers(filter: {region: $w, certificationLevel: ASSISTANT}) {
            totalCount }
          intermediate: socialWorkers(filter: {region: $w, certificationLevel: INTERMEDIATE}) {
            totalCount }
          met: socialWorkers(filter: {region: $w, educationRequirement: {year: 2023}}) {
            totalCount }
          missed: socialWorkers(filter: {region: $w,
              educationRequirement: {year: 2023, met: false}}) {
            totalCount nodes { educationHours(year: 2023) meetsEducationRequirement(year: 2023) } }
          talents: socialWorkers(filter: {region: $w, honour: "county_leading_talent"}) {
            totalCount }
        }
        """,
        {"w": weining},
    )
    assert data["assistant"]["totalCount"] == 94
    assert data["intermediate"]["totalCount"] == 31
    assert (data["met"]["totalCount"], data["missed"]["totalCount"]) == (125, 0)
    assert data["missed"]["nodes"] == []
    assert data["talents"]["totalCount"] == 2


async def test_filter_activities_by_kind_in_a_region(client: GraphQLClient) -> None:
    weining = await _region(client, "威宁彝族回族苗族自治县")
    data = await client.data(
        """
        query($w: ID!) {
          case: activities(filter: {region: $w, kind: CASE_WORK}) { totalCount }
          group: activities(filter: {region: $w, kind: GROUP_WORK}) { totalCount }
          community: activities(filter: {region: $w, kind: COMMUNITY_ACTIVITY}) { totalCount }
          busiest: activities(filter: {region: $w},
              orderBy: {field: PERSON_TIMES, direction: DESC}, first: 1) {
            nodes { personTimes } }
        }
        """,
        {"w": weining},
    )
    counts = [data[k]["totalCount"] for k in ("case", "group", "community")]
    assert counts == [148, 67, 85]
    # 38,000 over 300 activities: 126 each, the first 200 one more.
    assert data["busiest"]["nodes"] == [{"personTimes": 127}]


async def test_ordered_pages_cover_the_list_once(client: GraphQLClient) -> None:
    query = """
    query($after: String, $direction: OrderDirection!) {
      projects(first: 2, after: $after, orderBy: {field: NAME, direction: $direction}) {
        pageInfo { hasNextPage endCursor } nodes { name } } }
    """

    async def walk(direction: str) -> list[str]:
        names: list[str] = []
        after = None
        while True:
            page = (await client.data(query, {"after": after, "direction": direction}))["projects"]
            names += [n["name"] for n in page["nodes"]]
            if not page["pageInfo"]["hasNextPage"]:
                return names
            after = page["pageInfo"]["endCursor"]

    ascending = await walk("ASC")
    descending = await walk("DESC")
    assert len(ascending) == 6
    assert len(set(ascending)) == 6
    assert descending == ascending[::-1]
    whole = await client.data("{ projects(first: 100, orderBy: {field: NAME}) { nodes { name } } }")
    assert [n["name"] for n in whole["projects"]["nodes"]] == ascending


async def test_order_by_a_nullable_column_puts_unknowns_first(client: GraphQLClient) -> None:
    data = await client.data(
        "{ communities(orderBy: {field: RESIDENT_POPULATION, direction: DESC}, first: 1) "
        "{ nodes { name residentPopulation } } }"
    )
    assert data["communities"]["nodes"] == [{"name": "干丰社区", "residentPopulation": 6012}]


async def test_backward_pages_of_an_ordered_list(client: GraphQLClient) -> None:
    whole = await client.data("{ projects(first: 100, orderBy: {field: NAME}) { nodes { name } } }")
    names = [n["name"] for n in whole["projects"]["nodes"]]
    last = await client.data(
        "{ projects(last: 2, orderBy: {field: NAME}) { pageInfo { hasPreviousPage startCursor } "
        "nodes { name } } }"
    )
    assert [n["name"] for n in last["projects"]["nodes"]] == names[-2:]
    before = await client.data(
        "query($b: String!) { projects(last: 2, before: $b, orderBy: {field: NAME}) "
        "{ nodes { name } } }",
        {"b": last["projects"]["pageInfo"]["startCursor"]},
    )
    assert [n["name"] for n in before["projects"]["nodes"]] == names[-4:-2]


async def test_a_search_pages_by_rank(client: GraphQLClient) -> None:
    query = """
    query($after: String) { serviceSites(search: "社会工作站", first: 5, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } nodes { name } } }
    """
    names: list[str] = []
    after = None
    while True:
        page = (await client.data(query, {"after": after}))["serviceSites"]
        names += [n["name"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(names) == page["totalCount"] == len(set(names))
    assert all("社会工作站" in name for name in names)
    assert len(names) == 13
