"""Digests of what a page shows, for the preview: a digest changes whenever what its view shows does.

A view is written out by `pickle` (its C code does the strings, numbers, lists and dicts that make most of
a view), with `_Writer` deciding how the project's objects are written: an article by the digest of its
file (all of it that depends on its own file) and its cover, an MkDocs file by its place and address, any
other dataclass by the digest of its fields. Listings, unit pages and the home page share the same articles,
targets and statuses: each object is digested once per build (`Digests`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import pickle
from types import MappingProxyType
from typing import Any

from mkdocs.structure.files import File

from _articles import Article


class Digests:
    """One build's digests, each shared object written out once."""

    def __init__(self) -> None:
        self.shared: dict[int, str] = {}
        # Each dataclass's field names; None for a class pickle writes itself.
        self.fields: dict[type, tuple[str, ...] | None] = {}

    def of(self, view: Any) -> str:
        """The digest of `view`; "" if it cannot be written out (then the page is always redrawn: never wrongly
        kept)."""
        try:
            return self.write(view)
        except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
            return ""

    def write(self, value: Any) -> str:
        """The digest of `value` written out."""
        out = io.BytesIO()
        _Writer(out, self, value).dump(value)
        return hashlib.sha256(out.getvalue()).hexdigest()


class _Writer(pickle.Pickler):
    """Writes out one value for `Digests`; a reference back to an object still being written out (a target's
    plan, say) is written as its kind only."""

    def __init__(self, out: io.BytesIO, digests: Digests, top: Any) -> None:
        super().__init__(out, protocol=pickle.HIGHEST_PROTOCOL)
        self.digests, self.top = digests, top

    def reducer_override(self, obj: Any) -> Any:
        """How one object is written, as a tuple (pickle writes strings, lists and dicts itself)."""
        cls = type(obj)
        fields = self.digests.fields
        names = fields.get(cls, ())
        if names is None:  # pickle's own way: dates, enums, Markup, and the `str` and `tuple` written below
            return NotImplemented
        if isinstance(obj, File):
            return tuple, (("File", obj.src_uri, obj.url),)
        if isinstance(obj, MappingProxyType):  # a constant table (hooks/_plans.py COMPARATORS)
            return dict, (dict(obj),)
        if isinstance(obj, Article) and obj.digest:
            # All of an article that depends on its own file is in the file's digest; its cover is checked on
            # every build. Listings share the same articles, so each is written out once per build.
            return str, (self._once(obj, ("Article", obj.digest, obj.src_uri, obj.cover)),)
        if not names:
            if not dataclasses.is_dataclass(cls):
                fields[cls] = None
                return NotImplemented
            names = fields[cls] = tuple(f.name for f in dataclasses.fields(cls))
        if obj is not self.top:
            return str, (self._once(obj),)
        return tuple, ((cls.__qualname__, *(getattr(obj, name) for name in names)),)

    def _once(self, obj: Any, written: Any = None) -> str:
        """The digest of an object (or of what stands for it), written out once per build."""
        key = id(obj)
        shared = self.digests.shared
        if key not in shared:
            shared[key] = f"<{type(obj).__name__}>"
            shared[key] = self.digests.write(obj if written is None else written)
        return shared[key]
