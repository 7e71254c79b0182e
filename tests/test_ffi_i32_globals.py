"""Tests of ``FastI32Global`` (``_ffi.i32_globals``) against wasmtime-py's public ``Global``.

Shared helpers: ffi_support.py; the ``env`` fixture: conftest.py.
"""

from __future__ import annotations

import pytest

from wasm_closures._ffi import (
    FastI32Global,
    UnsupportedTypeError,
)
from wasm_closures.errors import InvalidValueError

# --- FastI32Global -----------------------------------------------------------------------------


def test_global_get_set_against_public_api(env):
    public = env["g"]
    global_ = FastI32Global(env.store, public)
    assert global_.mutable
    assert global_.get() == public.value(env.store) == 5
    global_.set(-123)
    assert public.value(env.store) == -123
    public.set_value(env.store, 77)
    assert global_.get() == 77


@pytest.mark.parametrize(
    "value, stored",
    [
        (0, 0),
        (-1, -1),
        (2**31 - 1, 2**31 - 1),
        (-(2**31), -(2**31)),
        (2**31, -(2**31)),
        (2**32 - 1, -1),
        (0x8000_0010, -0x7FFF_FFF0),
        (True, 1),
    ],
)
def test_global_i32_range(env, value, stored):
    global_ = FastI32Global(env.store, env["g"])
    global_.set(value)
    assert global_.get() == stored == env["g"].value(env.store)
    assert global_.get() & 0xFFFF_FFFF == value & 0xFFFF_FFFF


@pytest.mark.parametrize("value", [2**32, -(2**31) - 1, 2**64, -(2**63)])
def test_global_out_of_range(env, value):
    global_ = FastI32Global(env.store, env["g"])
    global_.set(3)
    with pytest.raises(InvalidValueError, match="i32 range"):
        global_.set(value)
    assert global_.get() == 3


def test_global_types(env):
    constant = FastI32Global(env.store, env["const_g"])
    assert not constant.mutable and constant.get() == 9
    with pytest.raises(InvalidValueError, match="immutable"):
        constant.set(1)
    assert constant.get() == 9
    with pytest.raises(UnsupportedTypeError, match="i32"):
        FastI32Global(env.store, env["g64"])
    with pytest.raises(TypeError):
        FastI32Global(env.store, env["table"])
    global_ = FastI32Global(env.store, env["g"])
    with pytest.raises(TypeError):
        global_.set(1.5)
    with pytest.raises(TypeError):
        global_.set("1")
