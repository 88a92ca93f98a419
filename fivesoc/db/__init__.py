"""The data layer: SQL, migrations, the embedded server and the demo data.

Nothing here imports the schema, starlette or strawberry; functions take a connection or pool
first and return frozen dataclasses, never `asyncpg.Record`.
"""
