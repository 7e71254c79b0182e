"""Tests of the import-time check of the wasmtime-py version and the error classes (``_ffi._capi``).

Shared helpers: ffi_support.py; the ``env`` fixture: conftest.py.
"""

from __future__ import annotations

from ffi_support import run_python

from wasm_closures import _ffi
from wasm_closures._ffi import (
    InternalsUnavailableError,
    OutOfBoundsError,
    TableGrowError,
    UnsupportedTypeError,
    _capi,
)
from wasm_closures.errors import InvalidValueError, WasmClosuresError

# --- import-time check -------------------------------------------------------------------------


def test_available_on_the_supported_version():
    assert _ffi.AVAILABLE, _ffi.UNAVAILABLE_REASON
    assert _ffi.UNAVAILABLE_REASON is None
    assert _ffi.WASMTIME_VERSION is not None
    assert (50, 0, 1) <= _capi._parse_version(_ffi.WASMTIME_VERSION) < (51,)
    _ffi.require()


def test_version_parsing():
    assert _capi._parse_version("50.0.1") == (50, 0, 1)
    assert _capi._parse_version("50.0.2.dev3") == (50, 0, 2)
    assert _capi._parse_version("51.0.0") >= _capi._MAX_VERSION_EXCLUSIVE
    assert _capi._parse_version("garbage") == ()


def test_disabled_fast_paths_refuse_with_the_reason():
    result = run_python(
        """
        import wasmtime
        from wasm_closures import _ffi
        assert not _ffi.AVAILABLE and "WASM_CLOSURES_FFI" in _ffi.UNAVAILABLE_REASON
        store = wasmtime.Store()
        table = wasmtime.Table(store, wasmtime.TableType(wasmtime.ValType.funcref(),
                                                         wasmtime.Limits(1, None)), None)
        try:
            _ffi.FastTable(store, table)
        except _ffi.InternalsUnavailableError as e:
            assert isinstance(e, ImportError)
            print("refused:", e)
        assert _ffi.importable(table) is table
        """,
        WASM_CLOSURES_FFI="off",
    )
    assert result.returncode == 0, result.stderr
    assert "refused:" in result.stdout and "WASM_CLOSURES_FFI=off" in result.stdout
    assert f"supported: wasmtime {_ffi.SUPPORTED_WASMTIME}" in result.stdout


def test_error_classes():
    assert issubclass(OutOfBoundsError, IndexError) and issubclass(OutOfBoundsError, WasmClosuresError)
    assert issubclass(InternalsUnavailableError, ImportError)
    assert issubclass(TableGrowError, WasmClosuresError)
    assert issubclass(UnsupportedTypeError, InvalidValueError)


def test_every_name_of_ffi_resolves_on_first_use():
    # _ffi imports each name from its submodule when first asked for (PEP 562), by a table
    # of names that repeats the submodules' own: in a new process, every name must resolve.
    result = run_python(
        """
        from wasm_closures import _ffi
        missing = [name for name in _ffi.__all__ if not hasattr(_ffi, name)]
        assert not missing, missing
        assert set(_ffi.__all__) <= set(dir(_ffi))
        """
    )
    assert result.returncode == 0, result.stderr
