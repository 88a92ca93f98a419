"""Statistics from the records beside the reported figures, one test per place."""

from __future__ import annotations

import pytest

from tests.conftest import GraphQLClient, token

STATISTICS = """
query($region: ID!, $start: Date!, $end: Date!) {
  statistics(region: $region, period: {start: $start, end: $end}) {
    sitesByKind { kind count }
    socialWorkersByCertification { level count }
    socialWorkersByRole { role count }
    activitiesByKind { kind count personTimes }
    visits householdsVisited needsResolved
    needsByStatus { status count }
    fundsBySource { source amount }
    examYears { year registered passed registeredChange passedChange }
    indicators { metric reported qualifier computed difference }
  }
}
"""


async def _statistics(client: GraphQLClient, region: str, start: str, end: str) -> dict:
    regions = await client.data(
        "query($q: String!) { regions(search: $q, first: 5) { nodes { id name } } }", {"q": region}
    )
    region_id = next(n["id"] for n in regions["regions"]["nodes"] if n["name"] == region)
    data = await client.data(STATISTICS, {"region": region_id, "start": start, "end": end})
    stats: dict = data["statistics"]
    return stats


def _compare(stats: dict) -> dict[str, tuple]:
    return {
        i["metric"]: (i["reported"], i["computed"], i["difference"]) for i in stats["indicators"]
    }


async def test_weining(client: GraphQLClient) -> None:
    stats = await _statistics(client, "威宁彝族回族苗族自治县", "2023-01-01", "2023-12-31")
    compare = _compare(stats)
    assert compare["social_work_stations"] == (41, 41, 0)
    assert compare["case_services"] == (148, 148, 0)
    assert compare["group_services"] == (67, 67, 0)
    assert compare["community_activities"] == (85, 85, 0)
    assert compare["beneficiary_person_times"] == (38000, 38000, 0)
    assert compare["certified_social_workers"] == (125, 125, 0)
    assert compare["assistant_social_workers"] == (94, 94, 0)
    assert compare["intermediate_social_workers"] == (31, 31, 0)
    assert compare["exam_registrations"] == (521, 521, 0)
    assert compare["exam_passes"] == (90, 90, 0)
    assert compare["exam_registrations_growth"][:2] == (189, 189.4)
    assert compare["exam_passes_growth"][:2] == (92, 91.5)
    assert compare["higher_level_funds"] == (660000, 660000, 0)
    assert compare["local_budget_social_work_services"] == (320000, 320000, 0)
    assert compare["leading_social_work_talents"] == (2, 2, 0)
    assert compare["city_top_talents"] == (1, 1, 0)
    assert compare["provincial_most_beautiful_social_workers"] == (1, 1, 0)
    # The 90-hour requirement is a rule, not a count: reported, with nothing to compute.
    assert compare["continuing_education_hours_required"] == (90, None, None)
    assert stats["examYears"] == [
        {
            "year": 2023,
            "registered": 521,
            "passed": 90,
            "registeredChange": 189.4,
            "passedChange": 91.5,
        }
    ]
    # 38,000 person-times over 300 activities: 126 each, one more for the first 200 held
    # (all 148 case services, then 52 of the 67 group services).
    assert stats["activitiesByKind"] == [
        {"kind": "CASE_WORK", "count": 148, "personTimes": 148 * 127},
        {"kind": "COMMUNITY_ACTIVITY", "count": 85, "personTimes": 85 * 126},
        {"kind": "GROUP_WORK", "count": 67, "personTimes": 52 * 127 + 15 * 126},
    ]
    assert len(stats["indicators"]) == 18


async def test_luohe(client: GraphQLClient) -> None:
    stats = await _statistics(client, "漯河市", "2023-12-01", "2024-01-31")
    compare = _compare(stats)
    assert compare["social_work_stations"] == (60, 60, 0)
    assert compare["civil_affairs_social_workers"] == (178, 178, 0)
    # Only four made-up households are records; the report counts 12,316.
    assert compare["households_visited"] == (12316, 4, -12312)
    # Every need the report tells of was seen to: six made-up records of the 316 resolved.
    assert compare["needs_resolved"] == (316, 6, -310)
    assert (stats["visits"], stats["householdsVisited"], stats["needsResolved"]) == (4, 4, 6)
    assert stats["needsByStatus"] == [{"status": "RESOLVED", "count": 6}]


async def test_deqing(client: GraphQLClient) -> None:
    stats = await _statistics(client, "德清县", "2023-01-01", "2023-12-31")
    compare = _compare(stats)
    assert compare["social_work_stations"] == (13, 13, 0)
    assert compare["neighbourhood_centres"] == (70, 70, 0)
    assert compare["community_service_complexes"] == (15, 15, 0)
    assert compare["national_top100_social_work_agencies"] == (3, 3, 0)
    assert compare["provincial_brand_social_organizations"] == (3, 3, 0)
    assert compare["new_communities_prepared"] == (3, 3, 0)
    # Five projects are records; the report says more than 100.
    assert compare["projects"] == (100, 5, -95)
    assert {s["kind"]: s["count"] for s in stats["sitesByKind"]} == {
        "NEIGHBOURHOOD_CENTRE": 70,
        "PARTY_MASS_CENTRE": 1,
        "SERVICE_COMPLEX": 15,
        "SOCIAL_WORK_STATION": 13,
    }


async def test_anhui(client: GraphQLClient) -> None:
    stats = await _statistics(client, "安徽省", "2023-01-01", "2023-12-31")
    compare = _compare(stats)
    assert compare["most_beautiful_community_workers"] == (20, 20, 0)
    assert compare["social_work_college_enrolment"] == (3372, 3372, 0)
    # No certified Anhui worker is a record: the 33,000 stand as reported.
    assert compare["certified_social_workers"] == (33000, 0, -33000)
    assert compare["social_work_professionals"] == (130000, None, None)
    assert stats["socialWorkersByRole"] == [{"role": "COMMUNITY_WORKER", "count": 20}]


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ('{start: "2023-01-01"}', "`period` needs a start and an end"),
        (
            '{start: "2023-12-31", end: "2023-01-01"}',
            "`period` ends (2023-01-01) before it starts (2023-12-31)",
        ),
    ],
)
async def test_a_bad_period_is_refused(client: GraphQLClient, period: str, message: str) -> None:
    regions = await client.data("{ regions(first: 1) { nodes { id } } }")
    region = regions["regions"]["nodes"][0]["id"]
    body = await client.execute(
        f"query($r: ID!) {{ statistics(region: $r, period: {period}) {{ visits }} }}", {"r": region}
    )
    assert [e["message"] for e in body["errors"]] == [message]


async def test_archived_records_leave_the_statistics(client: GraphQLClient) -> None:
    """Archiving one of Deqing's five projects and one of its 13 social-work stations."""
    admin = client.as_viewer(token("admin", []))
    region = (await admin.data('{ regions(search: "德清县", first: 1) { nodes { id } } }'))[
        "regions"
    ]["nodes"][0]["id"]
    project = (await admin.data('{ projects(search: "德清", first: 1) { nodes { id version } } }'))[
        "projects"
    ]["nodes"][0]
    station = (
        await admin.data(
            "query($r: ID!) { serviceSites(filter: {region: $r, kind: SOCIAL_WORK_STATION}, "
            "first: 1) { nodes { id version } } }",
            {"r": region},
        )
    )["serviceSites"]["nodes"][0]
    for kind, row in (("Project", project), ("ServiceSite", station)):
        archived = await admin.data(
            f"mutation($input: Archive{kind}Input!) {{ archive{kind}(input: $input) "
            "{ userErrors { message } } }",
            {"input": {"id": row["id"], "expectedVersion": row["version"]}},
        )
        assert archived[f"archive{kind}"]["userErrors"] == []
    stats = await _statistics(client, "德清县", "2023-01-01", "2023-12-31")
    compare = _compare(stats)
    assert compare["projects"] == (100, 4, -96)
    assert compare["social_work_stations"] == (13, 12, -1)
    assert {s["kind"]: s["count"] for s in stats["sitesByKind"]}["SOCIAL_WORK_STATION"] == 12


async def test_archived_indicators_leave_the_statistics(client: GraphQLClient) -> None:
    """Archiving Deqing's reported figure of 100 projects withdraws it from the comparison."""
    admin = client.as_viewer(token("admin", []))
    before = await _statistics(client, "德清县", "2023-01-01", "2023-12-31")
    assert _compare(before)["projects"] == (100, 5, -95)
    indicator = (
        await admin.data(
            '{ reportedIndicators(filter: {metric: "projects"}, first: 5) '
            "{ nodes { id version region { name } value } } }"
        )
    )["reportedIndicators"]["nodes"]
    assert [(i["region"]["name"], i["value"]) for i in indicator] == [("德清县", 100)]
    archived = await admin.data(
        "mutation($input: ArchiveReportedIndicatorInput!) { archiveReportedIndicator("
        "input: $input) { userErrors { message } } }",
        {"input": {"id": indicator[0]["id"], "expectedVersion": indicator[0]["version"]}},
    )
    assert archived["archiveReportedIndicator"]["userErrors"] == []
    after = await _statistics(client, "德清县", "2023-01-01", "2023-12-31")
    assert "projects" not in _compare(after)
    # Deqing reports nine figures for 2023; eight remain.
    assert (len(before["indicators"]), len(after["indicators"])) == (9, 8)
    assert set(_compare(before)) - set(_compare(after)) == {"projects"}
