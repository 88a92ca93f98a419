"""The network rows the db layer hands to the graph layer, on the demo data.

Deqing's records (fivesoc/db/seed/deqing.py): 16 actors in the county, 30 recorded links with
an end there, and 浙江工商大学 in Hangzhou joined by its agreement and its project.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import asyncpg
import pytest

from fivesoc.db import events, network


async def _names(conn: asyncpg.Connection) -> dict[int, str]:
    rows = await conn.fetch(
        "select id, name from community union all select id, name from organization"
        " union all select id, name from university union all select id, full_name"
        " from social_worker union all select id, name from volunteer_team"
        " union all select id, name from charity_resource"
    )
    return {r[0]: r[1] for r in rows}


async def _region(conn: asyncpg.Connection, name: str) -> int:
    region_id: int = await conn.fetchval("select id from region where name = $1", name)
    return region_id


async def test_deqing_scope_has_its_actors_and_the_partner_outside(
    demo_conn: asyncpg.Connection,
) -> None:
    names = await _names(demo_conn)
    data = await network.load_network(demo_conn, await _region(demo_conn, "德清县"))
    assert len(data.actors) == 17
    assert [names[a] for a in data.boundary] == ["浙江工商大学"]
    assert Counter(kind for _, _, kind, _ in data.links) == {
        "co_participation": 11,
        "guidance": 8,
        "partnership": 4,
        "employment": 3,
        "resource_flow": 2,
        "agreement": 1,
        "membership": 1,
    }
    societies = Counter(society for _, _, society, _ in data.actors)
    # 4 communities; 3 top-100 agencies and 3 brand organizations; the bureau and the university are
    # partners; 3 social workers; one volunteer team; one charity fund.
    assert societies == {
        "community": 4,
        "social_organization": 6,
        "partner": 2,
        "social_worker": 3,
        "volunteer": 1,
        "charity_resource": 1,
    }
    # The two allocations of the charity fund are recorded as links already: not counted twice.
    flows = [(names[s], names[t], w) for s, t, kind, w in data.links if kind == "resource_flow"]
    assert flows == [
        ("德清县社区慈善基金(示例)", "干丰社区", 1.5),
        ("德清县社区慈善基金(示例)", "德清县百强社工机构1", 1.0),
    ]


async def test_as_of_a_date_keeps_what_was_in_force(demo_conn: asyncpg.Connection) -> None:
    names = await _names(demo_conn)
    deqing = await _region(demo_conn, "德清县")
    data = await network.load_network(demo_conn, deqing, network.Window(as_of=dt.date(2022, 6, 1)))
    # Links since 2023 (guidance, the brand organizations, the fund) are not yet there.
    assert sorted((names[s], names[t], kind) for s, t, kind, _ in data.links) == sorted(
        [
            ("德清县民政局", "浙江工商大学", "agreement"),
            ("德清县百强社工机构1", "干丰社区", "co_participation"),
            ("德清县百强社工机构1", "周杰", "employment"),
            ("德清县百强社工机构1", "徐鹏娟", "employment"),
            ("德清县百强社工机构1", "孙帆洋", "employment"),
            ("德清县百强社工机构1", "干丰社区邻里志愿服务队", "co_participation"),
            ("浙江工商大学", "德清县百强社工机构1", "co_participation"),
            ("周杰", "干丰社区", "co_participation"),
            ("徐鹏娟", "干丰社区", "co_participation"),
            ("孙帆洋", "干丰社区", "co_participation"),
            ("干丰社区邻里志愿服务队", "干丰社区", "membership"),
        ]
    )
    before = await network.load_network(
        demo_conn, deqing, network.Window(end=dt.date(2020, 12, 31))
    )
    assert before.links == ()


async def test_link_kinds_are_chosen(demo_conn: asyncpg.Connection) -> None:
    deqing = await _region(demo_conn, "德清县")
    data = await network.load_network(demo_conn, deqing, kinds=["agreement", "guidance"])
    assert Counter(kind for _, _, kind, _ in data.links) == {"guidance": 8, "agreement": 1}
    assert data.works == ()
    with pytest.raises(ValueError, match="unknown link kinds: friendship"):
        await network.load_network(demo_conn, deqing, kinds=["friendship"])


def test_a_window_is_a_date_or_a_period() -> None:
    with pytest.raises(ValueError, match="not both"):
        network.Window(as_of=dt.date(2023, 1, 1), start=dt.date(2022, 1, 1))
    with pytest.raises(ValueError, match="ends before it starts"):
        network.Window(start=dt.date(2023, 1, 1), end=dt.date(2022, 1, 1))


async def test_shared_work_and_unrecorded_flows_are_derived(
    demo_conn: asyncpg.Connection,
) -> None:
    names = await _names(demo_conn)
    ids = {name: key for key, name in names.items()}
    deqing = await _region(demo_conn, "德清县")
    project = await demo_conn.fetchval(
        "insert into project (region_id, name, domain) values ($1, '邻里互助', 'elderly')"
        " returning id",
        deqing,
    )
    await demo_conn.executemany(
        "insert into project_participant (project_id, actor_id, role) values ($1, $2, $3)",
        [
            (project, ids["德清县百强社工机构2"], "lead"),
            (project, ids["德清县品牌社会组织2"], "partner"),
        ],
    )
    await demo_conn.execute(
        "insert into project_community (project_id, community_id) values ($1, $2)",
        project,
        ids["东港社区"],
    )
    # Two allocations to a community with no recorded flow: one link of weight 2.
    await demo_conn.executemany(
        "insert into resource_allocation (resource_id, community_id, amount, allocated_on)"
        " values ($1, $2, 1000, '2024-01-05')",
        [(ids["德清县社区慈善基金(示例)"], ids["洛漾社区"])] * 2,
    )
    data = await network.load_network(demo_conn, deqing)
    assert sorted((w, names[a]) for w, a in data.works if w == f"project:{project}") == [
        (f"project:{project}", "东港社区"),
        (f"project:{project}", "德清县品牌社会组织2"),
        (f"project:{project}", "德清县百强社工机构2"),
    ]
    # Projects recorded by co-participation links hand over no works of their own.
    assert {w for w, _ in data.works} == {f"project:{project}"}
    assert (ids["德清县社区慈善基金(示例)"], ids["洛漾社区"], "resource_flow", 2.0) in data.links


async def test_version_moves_with_the_change_log(demo_conn: asyncpg.Connection) -> None:
    first = await network.data_version(demo_conn)
    await events.append(demo_conn, "project.status_changed", "Project", 1, None, {})
    second = await network.data_version(demo_conn)
    assert second[0] > first[0]
    assert second[1] == first[1]
