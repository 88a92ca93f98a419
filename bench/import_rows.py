"""Rows per second of `fivesoc import`, beside a floor measured in the same run.

Writes a CSV register of N organizations (default 100,000) spread over the demo data's
townships, then times, each as its own `fivesoc import` process (whose peak memory the
kernel reports):

- a file of a tenth of the rows, then the whole file: created, each row checked and
  written with its event;
- the whole file again: every row found by its natural key and left unchanged;
- the floor: the same rows parsed by the csv module and copied into a temporary table of
  the same columns with COPY, what any import must at least spend to move them in;
- with `--xlsx`, both registers again as XLSX workbooks (dry runs: read, checked and
  written, then rolled back), for the memory an XLSX file needs.

    createdb bench_import && export DATABASE_URL=postgresql://…/bench_import
    fivesoc db migrate && fivesoc db seed --demo
    python bench/import_rows.py [--rows 100000] [--xlsx]

Each run adds its rows to the database (organizations named 导入机构…); a second run finds
them all and changes nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import asyncpg
import openpyxl

TOWNSHIPS = "select name from region where level = 'township' order by id"
KINDS = ("social_work_agency", "community_social_org", "foundation", "enterprise")


def write_register(path: Path, rows: int, townships: list[str], prefix: str) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["region", "kind", "name", "foundedOn", "isIllustrative"])
        for i in range(rows):
            writer.writerow(
                [
                    townships[i % len(townships)],
                    KINDS[i % len(KINDS)],
                    f"{prefix}{i:06d}",
                    f"20{10 + i % 14}-0{1 + i % 9}-1{i % 10}",
                    "true",
                ]
            )


def write_workbook(source: Path, path: Path) -> None:
    """The CSV register as an XLSX workbook, written row by row."""
    workbook = openpyxl.Workbook(write_only=True)
    worksheet = workbook.create_sheet("organizations")
    with source.open(encoding="utf-8", newline="") as rows:
        for row in csv.reader(rows):
            worksheet.append(row)
    workbook.save(path)


def run_import(path: Path, *options: str) -> tuple[float, int, str]:
    """Seconds, peak memory (KiB) and the report's first line of one `fivesoc import`."""
    started = time.perf_counter()
    command = ["import", str(path), "--kind", "organizations", "-q", *options]
    process = subprocess.Popen(
        [sys.executable, "-m", "fivesoc", *command],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"the import failed:\n{output}")
    return elapsed, usage.ru_maxrss, output.splitlines()[0]


async def floor(url: str, path: Path) -> float:
    conn = await asyncpg.connect(url)
    try:
        started = time.perf_counter()
        with path.open(encoding="utf-8", newline="") as source:
            reader = csv.reader(source)
            next(reader)
            records = [(r[0], r[1], r[2], r[3], r[4] == "true") for r in reader]
        await conn.execute(
            "create temp table floor (region text, kind text, name text, founded_on text, "
            "is_illustrative boolean)"
        )
        await conn.copy_records_to_table("floor", records=records)
        return time.perf_counter() - started
    finally:
        await conn.close()


async def townships(url: str) -> list[str]:
    conn = await asyncpg.connect(url)
    try:
        names = [row["name"] for row in await conn.fetch(TOWNSHIPS)]
    finally:
        await conn.close()
    # A name two townships share would be ambiguous: the register uses the others.
    return [name for name in names if names.count(name) == 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument(
        "--xlsx",
        action="store_true",
        help="also import the registers as XLSX workbooks, as dry runs",
    )
    args = parser.parse_args()
    if not args.database_url:
        raise SystemExit("set DATABASE_URL or --database-url")
    os.environ["DATABASE_URL"] = args.database_url
    places = asyncio.run(townships(args.database_url))
    with tempfile.TemporaryDirectory() as folder:
        small, large = Path(folder) / "small.csv", Path(folder) / "large.csv"
        write_register(small, args.rows // 10, places, "导入机构甲")
        write_register(large, args.rows, places, "导入机构乙")
        size = large.stat().st_size
        print(f"register: {args.rows:,} rows, {size / 1e6:.1f} MB; {len(places)} townships")
        floor_s = asyncio.run(floor(args.database_url, large))
        floor_rate = args.rows / floor_s
        print("| run | rows | seconds | rows/s | × floor | peak memory MiB | report |")
        print("|---|---:|---:|---:|---:|---:|---|")
        print(
            f"| floor (csv + COPY) | {args.rows:,} | {floor_s:.1f} | {floor_rate:,.0f} "
            "| 1.00× | — | — |"
        )
        runs: list[tuple[str, Path, int, tuple[str, ...]]] = [
            ("import, a tenth", small, args.rows // 10, ()),
            ("import", large, args.rows, ()),
            ("import again", large, args.rows, ()),
        ]
        if args.xlsx:
            small_book, large_book = Path(folder) / "small.xlsx", Path(folder) / "large.xlsx"
            write_workbook(small, small_book)
            write_workbook(large, large_book)
            runs += [
                ("XLSX dry run, a tenth", small_book, args.rows // 10, ("--dry-run",)),
                ("XLSX dry run", large_book, args.rows, ("--dry-run",)),
            ]
        for name, path, rows, options in runs:
            seconds, peak_kib, report = run_import(path, *options)
            rate = rows / seconds
            print(
                f"| {name} | {rows:,} | {seconds:.1f} | {rate:,.0f} | {rate / floor_rate:.3f}× "
                f"| {peak_kib / 1024:.0f} | {report} |"
            )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"(this process's peak memory: {peak:.0f} MiB)")


if __name__ == "__main__":
    main()
