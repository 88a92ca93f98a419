"""Every entity is a Node reachable from a root list and from `node(id:)`, with navigation
both ways."""

from __future__ import annotations

import base64

import pytest

from tests.conftest import GraphQLClient

# Root list → type it lists; each must round-trip through node(id:).
ROOT_LISTS = {
    "communities": "Community",
    "serviceSites": "ServiceSite",
    "organizations": "Organization",
    "universities": "University",
    "agreements": "Agreement",
    "socialWorkers": "SocialWorker",
    "volunteerTeams": "VolunteerTeam",
    "projects": "Project",
    "activities": "Activity",
    "charityResources": "CharityResource",
    "collaborationLinks": "CollaborationLink",
    "doorKnockingCampaigns": "DoorKnockingCampaign",
    "reportedIndicators": "ReportedIndicator",
    "regions": "Region",
}


@pytest.mark.parametrize(("field", "type_name"), sorted(ROOT_LISTS.items()))
async def test_root_lists_round_trip_through_node(
    client: GraphQLClient, field: str, type_name: str
) -> None:
    data = await client.data(f"{{ {field}(first: 1) {{ totalCount nodes {{ id __typename }} }} }}")
    [first] = data[field]["nodes"]
    assert first["__typename"] == type_name
    assert base64.b64decode(first["id"]).decode().startswith(f"{type_name}:")
    again = await client.data(
        "query($id: ID!) { node(id: $id) { id __typename } }", {"id": first["id"]}
    )
    assert again["node"] == first


NESTED_TYPES = """
{
  organizations(first: 100) { nodes { honours { nodes { id __typename } } } }
  universities { nodes { trainingProgrammes { nodes { id __typename } }
    agreements { nodes { practiceBases { nodes { id __typename } } } } } }
  socialWorkers(filter: {educationRequirement: {year: 2023}}, first: 5) { nodes {
    continuingEducation(first: 2) { nodes { id __typename } } } }
  honoured: socialWorkers(filter: {honour: "county_leading_talent"}) { nodes {
    honours { nodes { id __typename } } } }
  projects(first: 20) { nodes { participants { nodes { id __typename } }
    updates(first: 1) { nodes { id __typename } } } }
  volunteerTeams { nodes { volunteers { nodes { id __typename } } } }
  charityResources(first: 20) { nodes { allocations { nodes { id __typename } } } }
}
"""


async def test_nested_types_are_nodes_too(client: GraphQLClient) -> None:
    data = await client.data(NESTED_TYPES)
    seen: dict[str, str] = {}

    def walk(value: object) -> None:
        if isinstance(value, dict):
            if "__typename" in value and "id" in value:
                seen.setdefault(value["__typename"], value["id"])
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(data)
    assert set(seen) == {
        "Honour",
        "TrainingProgramme",
        "PracticeBase",
        "ContinuingEducation",
        "ProjectParticipant",
        "ProjectUpdate",
        "Volunteer",
        "ResourceAllocation",
    }
    for type_name, gid in seen.items():
        found = await client.data("query($id: ID!) { node(id: $id) { __typename } }", {"id": gid})
        assert found["node"] == {"__typename": type_name}


async def test_community_to_actors_to_projects_to_updates(client: GraphQLClient) -> None:
    data = await client.data(
        """
        { communities(filter: {status: ACTIVE}, first: 10) { nodes { name
            organizations(first: 20) { nodes { name
              projects(first: 10) { nodes { name updates(first: 1) { nodes { title } } } } } } } } }
        """
    )
    ganfeng = next(n for n in data["communities"]["nodes"] if n["name"] == "干丰社区")
    projects = {
        project["name"]: project["updates"]["nodes"][0]["title"]
        for org in ganfeng["organizations"]["nodes"]
        for project in org["projects"]["nodes"]
    }
    # The newest update of each named Deqing project is its year-end summary.
    for name in ("幸福管家", "居家颐养", "心晴花开", "社区微治理"):
        assert projects[name] == f"{name}:年度小结"
    assert projects["五社联动助推共同富裕德清示范项目"] == "阜溪街道设立实践基地"


async def test_social_worker_to_station_to_township(client: GraphQLClient) -> None:
    data = await client.data(
        """
        { socialWorkers(filter: {certificationLevel: INTERMEDIATE}, first: 100) { totalCount
            nodes { station { kind name region { name level parent { name } } } } } }
        """
    )
    deqing = [
        n["station"]
        for n in data["socialWorkers"]["nodes"]
        if n["station"]["region"]["parent"]["name"] == "德清县"
    ]
    assert deqing == [
        {
            "kind": "SOCIAL_WORK_STATION",
            "name": "康乾街道社会工作站",
            "region": {"name": "康乾街道", "level": "TOWNSHIP", "parent": {"name": "德清县"}},
        }
    ]


async def test_resource_to_allocations_to_project_or_community(client: GraphQLClient) -> None:
    data = await client.data(
        """
        { charityResources(search: "慈善基金") { nodes { name amount allocated remaining
            allocations { nodes { amount project { name } community { name } need { id } } } } } }
        """
    )
    [fund] = data["charityResources"]["nodes"]
    assert (fund["amount"], fund["allocated"], fund["remaining"]) == (200000, 80000, 120000)
    assert fund["allocations"]["nodes"] == [
        {"amount": 50000, "project": {"name": "幸福管家"}, "community": None, "need": None},
        {"amount": 30000, "project": None, "community": {"name": "干丰社区"}, "need": None},
    ]


async def test_university_to_agreements_to_communities(client: GraphQLClient) -> None:
    data = await client.data(
        """
        { universities(search: "浙江工商大学") { nodes { name society
            agreements { nodes { signedOn communities { nodes { name } }
              practiceBases { nodes { name region { name } } } } } } } }
        """
    )
    [university] = data["universities"]["nodes"]
    assert university["society"] == "PARTNER"
    [agreement] = university["agreements"]["nodes"]
    assert agreement["communities"]["nodes"] == [{"name": "干丰社区"}]
    assert agreement["practiceBases"]["nodes"] == [
        {"name": "阜溪街道实践基地", "region": {"name": "阜溪街道"}}
    ]


async def test_partners_of_an_actor_with_link_details(client: GraphQLClient) -> None:
    data = await client.data(
        """
        { universities(search: "浙江工商大学") { nodes { id
            links { nodes { kind weight since evidence isIllustrative
              agreement { title } project { name } } } } } }
        """
    )
    [university] = data["universities"]["nodes"]
    links = university["links"]["nodes"]
    assert [link["weight"] for link in links] == sorted(
        (link["weight"] for link in links), reverse=True
    )
    agreement = next(link for link in links if link["kind"] == "AGREEMENT")
    assert agreement["since"] == "2022-01-01"
    assert agreement["agreement"]["title"] == "五社联动助推共同富裕德清示范项目框架合作协议"
    partner = await client.data(
        """
        query($u: ID!) { collaborationLinks(filter: {actor: $u, kind: AGREEMENT}) {
          nodes { partnerOf(actor: $u) { name society __typename } } } }
        """,
        {"u": university["id"]},
    )
    assert partner["collaborationLinks"]["nodes"] == [
        {"partnerOf": {"name": "德清县民政局", "society": "PARTNER", "__typename": "Organization"}}
    ]


async def test_every_society_is_represented_among_actors(client: GraphQLClient) -> None:
    data = await client.data(
        """
        { communities(first: 1) { nodes { society } }
          organizations(filter: {kind: SOCIAL_WORK_AGENCY}, first: 1) { nodes { society } }
          socialWorkers(first: 1) { nodes { society } }
          volunteerTeams(first: 1) { nodes { society } }
          charityResources(first: 1) { nodes { society } } }
        """
    )
    societies = [value["nodes"][0]["society"] for value in data.values()]
    assert societies == [
        "COMMUNITY",
        "SOCIAL_ORGANIZATION",
        "SOCIAL_WORKER",
        "VOLUNTEER",
        "CHARITY_RESOURCE",
    ]
