"""Building a large graph or analysis with CPython's cyclic garbage collector paused.

A city's network is millions of small dicts and tuples, all kept. While they are made, the
collector runs again and again, each full pass walking every tracked object in the process
to find nothing to free: a county's graph builds in about half the time without it, a city's
in 2.2 s instead of 3.9 s. Reference counting still frees everything acyclic meanwhile; the
collector resumes when the last build in the process ends and deals with any cycles then.

Threads may build at once: the collector is paused by the first to start and resumed by the
last to finish, and only if it was running before.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

_lock = threading.Lock()
_builds = 0
_resume = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (see the module docstring).

    Examples
    --------
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    global _builds, _resume
    with _lock:
        if _builds == 0:
            _resume = gc.isenabled()
            gc.disable()
        _builds += 1
    try:
        yield
    finally:
        with _lock:
            _builds -= 1
            if _builds == 0 and _resume:
                gc.enable()


def without_collection(function: Callable[P, T]) -> Callable[P, T]:
    """Run `function` with the collector paused (see `collector_paused`)."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> T:
        with collector_paused():
            return function(*args, **kwargs)

    return paused
