"""Per-actor results kept as columns, read as a mapping of actor to row.

An analysis of a county gives each of ten thousand actors a handful of numbers. Kept as one
list per measure, they are a few objects for the garbage collector to track instead of tens
of thousands of small ones; a row object is made only when an actor is read, which the API
does for the page it shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TypeVar

R = TypeVar("R")


class Table(Mapping[int, R]):
    """Actor → row, in `actors` order; `row(i)` makes the row of the i-th actor.

    Examples
    --------
    >>> degrees = [2, 1]
    >>> t = Table((10, 20), {10: 0, 20: 1}, lambda i: ("degree", degrees[i]))
    >>> t[20], list(t), len(t), 30 in t
    (('degree', 1), [10, 20], 2, False)
    """

    __slots__ = ("_actors", "_index", "_row")

    def __init__(
        self, actors: Sequence[int], index: Mapping[int, int], row: Callable[[int], R]
    ) -> None:
        self._actors = actors
        self._index = index
        self._row = row

    def __getitem__(self, actor: int) -> R:
        return self._row(self._index[actor])

    def __contains__(self, actor: object) -> bool:
        return actor in self._index

    def __iter__(self) -> Iterator[int]:
        return iter(self._actors)

    def __len__(self) -> int:
        return len(self._actors)

    def __repr__(self) -> str:
        return f"Table({len(self._actors)} actors)"
