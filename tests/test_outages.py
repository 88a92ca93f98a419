"""While the database cannot be reached, reads and writes answer at once with UNAVAILABLE
(HTTP 503, retry later), and no driver message reaches the client."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from fivesoc.db import connect
from fivesoc.settings import Settings
from tests.conftest import SECRET_KEY, Clones, serve, token

READ = "{ communities(first: 1) { nodes { name } } }"
WRITE = (
    'mutation { createUniversity(input: {regionId: "UmVnaW9uOjE=", name: "某大学"}) {'
    " userErrors { code } } }"
)


async def test_reads_and_writes_answer_unavailable_while_the_database_is_gone(
    clones: Clones, demo_template: str
) -> None:
    url = await clones.clone(demo_template)
    settings = Settings(secret_key=SECRET_KEY).with_database_url(url)
    async with serve(settings) as http:
        before = await http.post("/graphql", json={"query": READ})
        assert before.status_code == 200
        admin = await connect.connect(clones.server)
        try:
            name = urlsplit(url).path.lstrip("/")
            await admin.execute(f'drop database "{name}" with (force)')
        finally:
            await admin.close()
        answers = {}
        for kind, query, headers in (("read", READ, {}), ("write", WRITE, token("admin", []))):
            started = time.monotonic()
            response = await http.post(
                "/graphql",
                json={"query": query},
                headers={**headers, "accept": "application/graphql-response+json"},
            )
            answers[kind] = (response, time.monotonic() - started)
    for kind, (response, took) in answers.items():
        assert response.status_code == 503, (kind, response.text)
        assert response.headers["retry-after"] == "5"
        (error,) = response.json()["errors"]
        assert error["extensions"] == {"code": "UNAVAILABLE"}, kind
        assert error["message"] == (
            "the database cannot be reached just now; retry in a few seconds"
        )
        assert took < 5, (kind, took)
