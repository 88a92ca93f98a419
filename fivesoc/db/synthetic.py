"""Synthetic networks at county, city and province scale, written through COPY.

The structure follows the report's densities: a social-work station in every township with
about three social workers, communities of a few thousand residents cut into grids of about
750, and organizations, volunteer teams and charity resources around them. Collaboration
links grow by preferential attachment (Barabási–Albert), so partnership degrees are
heavy-tailed: a few hubs with hundreds of partners, most actors with a handful. Every tenth
actor to join is on the fringe and joins with one link only, as a volunteer team known to a
single community does: the network has bridges and cut vertices, as real ones have.

Everything is drawn from `random.Random(seed)`: the same scale and seed give the same rows.
A generated network is recorded as the dataset `synthetic:<scale>:<seed>`; generating it
again changes nothing. People are made up and marked `is_fictional`, names `is_illustrative`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

import asyncpg

from fivesoc.db.seed.names import fictional_name


@dataclasses.dataclass(frozen=True, slots=True)
class Scale:
    """How large a generated network is; the counts per unit are the same at every scale."""

    name: str
    cities: int
    counties_per_city: int
    townships_per_county: int = 15
    communities_per_township: int = 20
    organizations_per_township: int = 280
    workers_per_station: int = 3
    volunteer_teams_per_community: int = 10
    resources_per_township: int = 150
    projects_per_township: int = 12
    links_per_actor: int = 5
    fringe_every: int = 10

    @property
    def counties(self) -> int:
        return self.cities * self.counties_per_city

    @property
    def townships(self) -> int:
        return self.counties * self.townships_per_county


SCALES = {
    "tiny": Scale("tiny", 1, 1, townships_per_county=2, communities_per_township=4,
                  organizations_per_township=10, resources_per_township=6,
                  projects_per_township=2, volunteer_teams_per_community=2),
    "county": Scale("county", 1, 1),
    "city": Scale("city", 1, 10),
    "province": Scale("province", 10, 10),
}  # fmt: skip

RESIDENTS_PER_GRID = 750
MICRO_GRIDS_PER_GRID = 5
BATCH = 50_000

Progress = Callable[[str, int], None]

LOCK = "select pg_advisory_xact_lock($1)"
LOCK_KEY = 0x5F1F_5EED
IS_LOADED = "select exists (select from dataset where name = $1)"
RECORD = "insert into dataset (name, detail) values ($1, $2::jsonb)"
INSERT_REGION = "insert into region (parent_id, level, name) values ($1, $2, $3) returning id"
# Reserve `$2` consecutive ids of a table's identity; returns the last one.
RESERVE = "select setval(pg_get_serial_sequence($1, 'id'), nextval(pg_get_serial_sequence($1, 'id')) + $2 - 1)"  # noqa: E501


@dataclasses.dataclass(frozen=True, slots=True)
class Generated:
    """What one call wrote: the dataset's name and the rows per table (none if it existed)."""

    dataset: str
    loaded: bool
    rows: dict[str, int]


class _Ids:
    """Blocks of ids reserved from a table's identity sequence."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def block(self, table: str, count: int) -> range:
        if count == 0:
            return range(0)
        last: int = await self.conn.fetchval(RESERVE, table, count)
        return range(last - count + 1, last + 1)


class _Writer:
    """COPY in batches, counting rows and reporting progress."""

    def __init__(self, conn: asyncpg.Connection, progress: Progress | None) -> None:
        self.conn = conn
        self.progress = progress
        self.rows: dict[str, int] = {}

    async def copy(
        self, table: str, columns: Sequence[str], rows: Iterator[tuple[Any, ...]]
    ) -> None:
        batch: list[tuple[Any, ...]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                await self._flush(table, columns, batch)
                batch = []
        if batch:
            await self._flush(table, columns, batch)

    async def _flush(
        self, table: str, columns: Sequence[str], batch: list[tuple[Any, ...]]
    ) -> None:
        await self.conn.copy_records_to_table(table, records=batch, columns=list(columns))
        self.rows[table] = self.rows.get(table, 0) + len(batch)
        if self.progress is not None:
            self.progress(table, len(batch))


async def generate(
    conn: asyncpg.Connection, scale: str, seed: int, *, progress: Progress | None = None
) -> Generated:
    """Write the `scale` network drawn from `seed`, in one transaction, unless it exists."""
    if scale not in SCALES:
        raise ValueError(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}")
    size = SCALES[scale]
    dataset = f"synthetic:{scale}:{seed}"
    async with conn.transaction():
        await conn.execute(LOCK, LOCK_KEY)
        if await conn.fetchval(IS_LOADED, dataset):
            return Generated(dataset, False, {})
        writer = _Writer(conn, progress)
        await _write(conn, writer, size, seed)
        await conn.execute(RECORD, dataset, json.dumps({"rows": writer.rows}))
    return Generated(dataset, True, writer.rows)


async def _regions(conn: asyncpg.Connection, size: Scale, tag: str) -> list[int]:
    """Insert the region tree (the trigger fills each path); return the township ids."""
    province = await conn.fetchval(INSERT_REGION, None, "province", f"合成省-{tag}")
    townships = []
    for c in range(1, size.cities + 1):
        city = await conn.fetchval(INSERT_REGION, province, "city", f"合成市{c}")
        for k in range(1, size.counties_per_city + 1):
            county = await conn.fetchval(INSERT_REGION, city, "county", f"合成县{c}-{k}")
            for t in range(1, size.townships_per_county + 1):
                townships.append(
                    await conn.fetchval(INSERT_REGION, county, "township", f"合成镇{c}-{k}-{t}")
                )
    return townships


async def _write(conn: asyncpg.Connection, writer: _Writer, size: Scale, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data, not secrets
    ids = _Ids(conn)
    townships = await _regions(conn, size, f"{size.name}-{seed}")
    writer.rows["region"] = 1 + size.cities + size.counties + size.townships
    per_township = size.communities_per_township
    n_communities = size.townships * per_township
    n_orgs = size.townships * size.organizations_per_township
    n_workers = size.townships * size.workers_per_station
    n_teams = n_communities * size.volunteer_teams_per_community
    n_resources = size.townships * size.resources_per_township
    actor_ids = await ids.block("actor", n_communities + n_orgs + n_workers + n_teams + n_resources)
    cursor = iter(actor_ids)
    communities = [next(cursor) for _ in range(n_communities)]
    orgs = [next(cursor) for _ in range(n_orgs)]
    workers = [next(cursor) for _ in range(n_workers)]
    teams = [next(cursor) for _ in range(n_teams)]
    resources = [next(cursor) for _ in range(n_resources)]
    kinds = (
        [(a, "community") for a in communities] + [(a, "organization") for a in orgs]
        + [(a, "social_worker") for a in workers] + [(a, "volunteer_team") for a in teams]
        + [(a, "charity_resource") for a in resources]
    )  # fmt: skip
    await writer.copy("actor", ("id", "kind"), iter(kinds))

    def township_of(index: int, per: int) -> int:
        return townships[index // per]

    population = [rng.randint(1500, 9000) for _ in communities]
    await writer.copy(
        "community",
        ("id", "region_id", "kind", "name", "status", "founded_on", "resident_population"),
        (
            (a, township_of(i, per_township), "village" if i % 3 == 0 else "community",
             f"合成社区{i + 1}", "active", dt.date(1990 + i % 34, 1 + i % 12, 1), population[i])
            for i, a in enumerate(communities)
        ),
    )  # fmt: skip
    grids_per = [max(1, round(p / RESIDENTS_PER_GRID)) for p in population]
    grid_ids = iter(await ids.block("grid", sum(grids_per)))
    grid_rows = []
    for community, count, residents in zip(communities, grids_per, population, strict=True):
        for g in range(count):
            grid_rows.append((next(grid_ids), community, f"第{g + 1}网格", residents // count))
    await writer.copy("grid", ("id", "community_id", "name", "resident_estimate"), iter(grid_rows))
    await writer.copy(
        "micro_grid",
        ("grid_id", "name"),
        (
            (grid[0], f"{grid[2]}第{m + 1}微网格")
            for grid in grid_rows
            for m in range(MICRO_GRIDS_PER_GRID)
        ),
    )
    station_ids = list(await ids.block("service_site", size.townships))
    await writer.copy(
        "service_site",
        ("id", "region_id", "kind", "name", "is_illustrative"),
        ((s, t, "social_work_station", f"合成社工站{i + 1}", True)
         for i, (s, t) in enumerate(zip(station_ids, townships, strict=True))),
    )  # fmt: skip
    await writer.copy(
        "service_site",
        ("region_id", "community_id", "kind", "name", "is_illustrative"),
        ((township_of(i, per_township), c, "neighbourhood_centre", f"合成邻里中心{i + 1}", True)
         for i, c in enumerate(communities) if i % 4 == 0),
    )  # fmt: skip
    org_kinds = ("social_work_agency", "community_social_org", "community_social_org",
                 "foundation", "enterprise")  # fmt: skip
    per_org = size.organizations_per_township
    await writer.copy(
        "organization",
        ("id", "region_id", "kind", "name", "is_illustrative"),
        ((a, township_of(i, per_org), org_kinds[i % len(org_kinds)], f"合成机构{i + 1}", True)
         for i, a in enumerate(orgs)),
    )  # fmt: skip
    # Every fifth organization (the agencies) honoured once, and a standing service in each
    # township: honours and practices as a county's report would give them.
    await writer.copy(
        "honour",
        ("region_id", "actor_id", "award", "title", "year", "is_illustrative"),
        ((township_of(i, per_org), a, "synthetic_brand_organization", "合成品牌社会组织",
          2020 + i % 5, True)
         for i, a in enumerate(orgs) if i % len(org_kinds) == 0),
    )  # fmt: skip
    await writer.copy(
        "practice",
        ("region_id", "kind", "name", "is_illustrative"),
        ((township, "service", f"合成四点半课堂{i + 1}", True)
         for i, township in enumerate(townships)),
    )  # fmt: skip
    levels = ("assistant", "assistant", "intermediate", "none", "assistant", "senior")
    await writer.copy(
        "social_worker",
        ("id", "region_id", "station_id", "role", "full_name", "is_fictional",
         "certification_level", "certified_year", "is_illustrative"),
        ((a, township_of(i, size.workers_per_station), station_ids[i // size.workers_per_station],
          "social_worker", fictional_name(i), True, levels[i % len(levels)],
          None if levels[i % len(levels)] == "none" else 2012 + i % 12, True)
         for i, a in enumerate(workers)),
    )  # fmt: skip
    per_team = size.volunteer_teams_per_community
    await writer.copy(
        "volunteer_team",
        ("id", "region_id", "community_id", "name", "is_illustrative"),
        ((a, township_of(i // per_team, per_township), communities[i // per_team],
          f"合成志愿队{i + 1}", True) for i, a in enumerate(teams)),
    )  # fmt: skip
    sources = ("donor", "social_donation")
    await writer.copy(
        "charity_resource",
        ("id", "region_id", "kind", "source", "name", "amount", "unit", "year",
         "is_illustrative"),
        ((a, township_of(i, size.resources_per_township), "funds", sources[i % len(sources)],
          f"合成资金{i + 1}", Decimal(rng.randrange(10_000, 500_000, 1000)), "yuan", 2020 + i % 5,
          True)
         for i, a in enumerate(resources)),
    )  # fmt: skip
    # Government money beside the charity: each township's funds from higher levels and
    # from its own budget (no actors, so no links); amounts follow the index, not the seed.
    origins = (("higher_level", "上级资金"), ("local_budget", "本级财政"))
    await writer.copy(
        "government_fund",
        ("region_id", "origin", "name", "purpose", "amount", "unit", "year", "is_illustrative"),
        ((township, origin, f"合成{label}{i + 1}", "购买社会工作服务",
          Decimal(100_000 + 10_000 * (i % 20)), "yuan", 2020 + i % 5, True)
         for i, township in enumerate(townships) for origin, label in origins),
    )  # fmt: skip
    await _projects(writer, ids, rng, size, townships, orgs, communities)
    await writer.copy(
        "collaboration_link",
        ("source_id", "target_id", "kind", "since", "weight", "evidence", "is_illustrative"),
        _links(rng, kinds, size.links_per_actor, size.fringe_every),
    )


async def _projects(
    writer: _Writer,
    ids: _Ids,
    rng: random.Random,
    size: Scale,
    townships: list[int],
    orgs: list[int],
    communities: list[int],
) -> None:
    domains = ("elderly", "children", "youth_mental_health", "social_assistance",
               "grassroots_governance", "family")  # fmt: skip
    project_ids = list(await ids.block("project", size.townships * size.projects_per_township))
    per_org = size.organizations_per_township
    per_community = size.communities_per_township
    rows, participants, served, updates = [], [], [], []
    for i, project in enumerate(project_ids):
        t = i // size.projects_per_township
        lead = orgs[t * per_org + rng.randrange(per_org)]
        rows.append((project, townships[t], lead, f"合成项目{i + 1}", domains[i % len(domains)],
                     "active", dt.date(2020 + i % 5, 1 + i % 12, 1), True))  # fmt: skip
        partners = {orgs[t * per_org + rng.randrange(per_org)] for _ in range(3)} - {lead}
        participants.append((project, lead, "lead"))
        participants += [(project, partner, "partner") for partner in sorted(partners)]
        served.append((project, communities[t * per_community + rng.randrange(per_community)]))
        for u in range(4):
            posted = dt.datetime(2024, 1 + u * 3, 1 + i % 28, tzinfo=dt.UTC)
            updates.append((project, lead, posted, f"合成项目{i + 1}进展{u + 1}"))
    await writer.copy(
        "project",
        ("id", "region_id", "lead_id", "name", "domain", "status", "starts_on", "is_illustrative"),
        iter(rows),
    )
    await writer.copy("project_participant", ("project_id", "actor_id", "role"), iter(participants))
    await writer.copy("project_community", ("project_id", "community_id"), iter(served))
    await writer.copy(
        "project_update", ("project_id", "author_id", "posted_at", "title"), iter(updates)
    )


def _links(
    rng: random.Random, kinds: list[tuple[int, str]], per_actor: int, fringe_every: int
) -> Iterator[tuple[Any, ...]]:
    """Preferential attachment: each actor links to `per_actor` earlier ones, chosen in
    proportion to their degree (one endpoint list holds each actor once per link end); the
    actor joining at a position divisible by `fringe_every` links to one only."""
    order = kinds[:]
    rng.shuffle(order)
    kind_of = dict(kinds)
    ends: list[int] = [actor for actor, _ in order[: per_actor + 1]]
    seen: set[tuple[int, int]] = set()
    for position in range(per_actor + 1, len(order)):
        actor = order[position][0]
        wanted = 1 if position % fringe_every == 0 else per_actor
        targets: set[int] = set()
        while len(targets) < wanted:
            targets.add(ends[rng.randrange(len(ends))])
        for target in sorted(targets):
            pair = (min(actor, target), max(actor, target))
            if pair in seen:
                continue
            seen.add(pair)
            ends += [actor, target]
            yield (
                actor,
                target,
                _link_kind(kind_of[actor], kind_of[target]),
                dt.date(2018 + rng.randrange(7), 1 + rng.randrange(12), 1),
                Decimal(1 + rng.randrange(5)),
                "合成数据",
                True,
            )


def _link_kind(a: str, b: str) -> str:
    pair = {a, b}
    if "charity_resource" in pair:
        return "resource_flow"
    if "social_worker" in pair and "organization" in pair:
        return "employment"
    if "volunteer_team" in pair and "community" in pair:
        return "membership"
    if "community" in pair:
        return "co_participation"
    return "partnership"


async def analyze(conn: asyncpg.Connection, tables: Iterable[str]) -> None:
    """ANALYZE the tables a generation wrote, so that the planner knows their new sizes."""
    for table in sorted(tables):
        await conn.execute(f'analyze "{table}"')
