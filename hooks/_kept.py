"""Results kept between the preview's builds while the files they come from have not changed.

`./run serve` builds again in the same process on every save. Reading and checking a thousand articles
or the plan files again each time is most of a rebuild, so a result is kept with a key: the size and
time of change of every file it was read from, and whatever else it was checked against. Only a result
read without any problem is kept, so a mistake is reported again on every build until it is fixed.
`./run build` builds once, and keeps nothing it would use.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from pathlib import Path
from typing import TypeVar

from _validate import Problems

T = TypeVar("T")

_kept: dict[Hashable, tuple[object, object]] = {}


def stamps(paths: Iterable[Path]) -> tuple[tuple[str, int, int], ...]:
    """Each file's path, time of change (ns) and size; (-1, -1) for one that cannot be read."""
    out = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            out.append((str(path), -1, -1))
        else:
            out.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(out)


def kept(name: Hashable, key: object, problems: Problems, load: Callable[[], T]) -> T:
    """The result kept under `name` if its `key` is unchanged (compared with ==); else `load()` it, and keep
    it if that recorded no problem."""
    entry = _kept.get(name)
    if entry is not None and entry[0] == key:
        return entry[1]  # type: ignore[return-value]
    before = problems.count
    value = load()
    if problems.count == before:
        _kept[name] = (key, value)
    else:
        _kept.pop(name, None)
    return value
