"""Rewrite a module's exports without touching anything else in it."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import InvalidModuleError
from .binary import KIND_FUNC, SEC_CUSTOM, SEC_EXPORT, SEC_START, Reader
from .module_reader import SECTION_ORDER, ModuleInfo


def rewrite_exports(
    info: ModuleInfo,
    add: Iterable[tuple[str, int, int]] = (),
    *,
    start_as: str | None = None,
) -> bytes:
    """The module's bytes with exports ``(name, kind, index)`` added and, when ``start_as`` is
    given, the start section removed and the start function exported under that name (so a
    host can run it after filling imported globals the start function reads). No index
    changes; everything else is copied byte for byte."""
    entries = list(add)
    if start_as is not None and info.start is not None:
        entries.append((start_as, KIND_FUNC, info.start))
    for export_name, _, _ in entries:
        if info.export(export_name) is not None:
            raise InvalidModuleError(f"the module already exports {export_name!r}")
    if not entries and (start_as is None or info.start is None):
        return info.data
    from . import wasm as w  # only here: a program whose bytes need no rewriting does not need it

    encoded = b"".join(w.export_entry(n, k, i) for n, k, i in entries)
    out = bytearray(info.data[:8])
    written = False
    for s in info.sections:
        if not written and s.id != SEC_CUSTOM and SECTION_ORDER[s.id] > SECTION_ORDER[SEC_EXPORT]:
            out += w.section(SEC_EXPORT, w.uleb(len(entries)) + encoded)  # the module had none
            written = True
        if s.id == SEC_START and start_as is not None:
            continue
        if s.id == SEC_EXPORT:
            r = Reader(info.data, s.payload_start, s.payload_end, "export section")
            n = r.uleb()
            out += w.section(
                SEC_EXPORT, w.uleb(n + len(entries)) + info.data[r.pos : s.payload_end] + encoded
            )
            written = True
            continue
        out += info.data[s.start : s.payload_end]
    if not written:
        out += w.section(SEC_EXPORT, w.uleb(len(entries)) + encoded)
    return bytes(out)
