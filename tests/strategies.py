"""Hypothesis strategies the encoder tests share (the closure module's and the pool module's)."""

from __future__ import annotations

from hypothesis import strategies as st

from wasm_closures import DEFAULT_MEMORY, MemoryImport, ValType

valtypes = st.sampled_from(list(ValType))
pages = st.integers(0, 65536)


@st.composite
def memories(draw) -> MemoryImport:
    """The default memory import, or a shared or unshared one of any size."""
    minimum = draw(pages)
    kind = draw(st.sampled_from(["default", "shared", "unshared", "unshared-max"]))
    if kind == "default":
        return DEFAULT_MEMORY
    if kind == "unshared":
        return MemoryImport.unshared(minimum)
    return MemoryImport(kind == "shared", minimum, draw(st.integers(minimum, 65536)))
