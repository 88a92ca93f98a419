"""The change log: read in position order, never skipping an event that commits late."""

from __future__ import annotations

import base64

import asyncpg

from fivesoc.db import connect, events
from tests.conftest import Clones, GraphQLClient, token


async def _append(conn: asyncpg.Connection, n: int) -> None:
    await events.append(conn, "project.status_changed", "Project", n, None, {"n": n})


async def test_an_event_committed_late_is_held_back_then_read_in_order(migrated_url: str) -> None:
    early, late, reader = [await connect.connect(migrated_url) for _ in range(3)]
    try:
        in_flight = early.transaction()
        await in_flight.start()
        await _append(early, 1)  # written first, committed last
        async with late.transaction():
            await _append(late, 2)
        # While the first transaction is in flight, the second's event waits behind it: a
        # reader given event 2 now would skip event 1 when it commits.
        assert await events.read(reader, None, 10, personal_regions=None) == []
        await in_flight.commit()
        found = await events.read(reader, None, 10, personal_regions=None)
        assert [event.summary["n"] for event in found] == [1, 2]
        assert await events.read(reader, found[-1].position, 10, personal_regions=None) == []
    finally:
        for conn in (early, late, reader):
            await conn.close()


async def test_a_rolled_back_write_leaves_no_event(migrated_url: str) -> None:
    conn = await connect.connect(migrated_url)
    try:
        transaction = conn.transaction()
        await transaction.start()
        await _append(conn, 1)
        await transaction.rollback()
        assert await events.read(conn, None, 10, personal_regions=None) == []
    finally:
        await conn.close()


async def test_the_log_pages_by_cursor_and_filters_by_type(
    client: GraphQLClient, demo_conn: asyncpg.Connection
) -> None:
    project = await demo_conn.fetchval("select id from project where name = '心晴花开'")
    admin = client.as_viewer(token("admin", []))
    gid = base64.b64encode(f"Project:{project}".encode()).decode()
    for title in ("一", "二", "三"):
        await admin.data(
            "mutation($i: PostProjectUpdateInput!) { postProjectUpdate(input: $i) "
            "{ userErrors { code } } }",
            {"i": {"projectId": gid, "title": title}},
        )
    page = await admin.data(
        "{ events(first: 2) { pageInfo { hasNextPage endCursor } nodes { summary } } }"
    )
    assert [n["summary"]["title"] for n in page["events"]["nodes"]] == ["一", "二"]
    assert page["events"]["pageInfo"]["hasNextPage"] is True
    rest = await admin.data(
        "query($a: String!) { events(first: 2, after: $a) { pageInfo { hasNextPage } "
        "nodes { summary entityId } } }",
        {"a": page["events"]["pageInfo"]["endCursor"]},
    )
    assert [n["summary"]["title"] for n in rest["events"]["nodes"]] == ["三"]
    assert rest["events"]["pageInfo"]["hasNextPage"] is False
    none = await admin.data(
        '{ events(filter: {types: ["project.status_changed"]}) { totalCount } }'
    )
    assert none["events"]["totalCount"] == 0


async def test_a_cursor_of_another_list_is_refused(client: GraphQLClient) -> None:
    page = await client.data("{ communities(first: 1) { pageInfo { endCursor } } }")
    body = await client.execute(
        "query($a: String!) { events(after: $a) { totalCount } }",
        {"a": page["communities"]["pageInfo"]["endCursor"]},
    )
    assert [e["message"] for e in body["errors"]] == [
        "`after` is not a cursor of the change log; use one from `events`"
    ]


async def test_an_open_transaction_in_another_database_does_not_hold_back_delivery(
    migrated_url: str, clones: Clones, empty_template: str
) -> None:
    """A transaction that has written in another database of the same server is still open;
    an event committed here is readable at once. One committed late here is not skipped."""
    other_url = await clones.clone(empty_template)
    other = await connect.connect(other_url)
    writer = await connect.connect(migrated_url)
    late = await connect.connect(migrated_url)
    reader = await connect.connect(migrated_url)
    try:
        other_tx = other.transaction()
        await other_tx.start()
        await other.execute("create temporary table held (n int)")  # it has a transaction id
        late_tx = late.transaction()
        await late_tx.start()
        await events.append(late, "test.late", "Test", 1, None, {})  # written, not committed
        async with writer.transaction():
            await events.append(writer, "test.now", "Test", 2, None, {})
        # Held back by the late writer of this database, not by the other database.
        assert await events.read(reader, None, 10, personal_regions=None) == []
        await late_tx.commit()
        found = await events.read(reader, None, 10, personal_regions=None)
        assert [event.type for event in found] == ["test.late", "test.now"]
        await other_tx.rollback()
    finally:
        for conn in (other, writer, late, reader):
            await conn.close()
