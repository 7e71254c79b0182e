"""The loaded program: :class:`Program`, which :func:`wasm_closures.loader.load_program` returns.

A program's exports are called through :meth:`Program.invoke`, which reads their signatures
from the module bytes: wasmtime-py aborts the process when it meets a ``v128`` in a signature,
so such functions are refused before wasmtime-py sees them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import wasmtime

from . import _ffi
from .dylink import F32, F64, I32, I64, KIND_FUNC, FuncType, ModuleInfo, valtype_name
from .errors import WasmClosuresError

if TYPE_CHECKING:
    from ._format.types import MemoryImport
    from .runtime import ClosureRuntime, Memoryish

__all__ = ["Program", "ProgramError"]


class ProgramError(WasmClosuresError):
    """A request the loaded program cannot serve (no ``_start``, no such export, a v128
    signature, arguments of the wrong number or kind)."""


class Program:
    """A loaded, instantiated program (made by :func:`~wasm_closures.loader.load_program`).

    ``kind`` is ``"pie"`` or ``"static"``, ``info`` the parsed
    :class:`~wasm_closures.dylink.ModuleInfo`, ``module`` the compiled ``wasmtime.Module``.
    ``memory`` is a ``wasmtime.Memory`` or ``wasmtime.SharedMemory``, ``table`` the
    ``__indirect_function_table``, ``stack_pointer`` the ``__stack_pointer`` global (each None
    when a static program does not export it), ``closures`` the program's
    :class:`~wasm_closures.runtime.ClosureRuntime` (None when loaded with ``closures=False``, or
    with ``closures="if-imported"`` when the program imports no closure syscall).

    PIE programs also have ``memory_base``, ``table_base``, ``stack_low`` / ``stack_high``
    (the shadow stack region; the stack pointer starts at ``stack_high``) and ``heap_base``
    (the first byte after the program's data, 16-aligned); for static programs these are None.
    ``got`` maps each ``GOT.func.<sym>`` / ``GOT.mem.<sym>`` import to the table index or
    address it was given. ``from_cache`` says whether the compiled module was loaded from
    the program cache (``load_program(..., cache=...)``) instead of compiled.
    """

    def __init__(
        self,
        name: str,
        kind: Literal["pie", "static"],
        info: ModuleInfo,
        store: wasmtime.Store,
        linker: wasmtime.Linker,
        module: wasmtime.Module,
        instance: wasmtime.Instance,
        memory: Memoryish | None,
        table: wasmtime.Table | None,
        stack_pointer: wasmtime.Global | None,
        closures: ClosureRuntime | None,
    ) -> None:
        self.name = name
        self.kind = kind
        self.info = info
        self.store = store
        self.linker = linker
        self.module = module
        self.instance = instance
        self.memory = memory
        self.table = table
        self.stack_pointer = stack_pointer
        self.closures = closures
        self.memory_base: int | None = None
        self.table_base: int | None = None
        self.stack_low: int | None = None
        self.stack_high: int | None = None
        self.heap_base: int | None = None
        self.got: dict[str, int] = {}
        self.from_cache = False

    def __repr__(self) -> str:
        return f"<Program {self.name!r} kind={self.kind}>"

    # -- exports -----------------------------------------------------------------------------
    def exports(self) -> dict[str, Any]:
        """The instance's exports by name, as wasmtime objects (calling a ``Func`` directly
        bypasses the v128 check of :meth:`invoke`)."""
        return dict(self.instance.exports(self.store))

    def export(self, name: str) -> Any:
        """One export as a wasmtime object; :class:`ProgramError` if there is none."""
        item = self.instance.exports(self.store).get(name)
        if item is None:
            raise ProgramError(f"{self.name} has no export {name!r}")
        return item

    def has_export(self, name: str) -> bool:
        return self.info.export(name) is not None

    def func_type(self, name: str) -> FuncType:
        """The signature of exported function ``name``, read from the module bytes."""
        ty = self.info.export_func_type(name)
        if ty is None:
            exp = self.info.export(name)
            if exp is None:
                raise ProgramError(f"{self.name} has no export {name!r}")
            raise ProgramError(f"export {name!r} of {self.name} is a {exp.kind_name}, not a function")
        return ty

    # -- running -----------------------------------------------------------------------------
    def run_start(self) -> int:
        """Run ``_start`` and return the exit code: the code given to ``proc_exit`` / ``exit``,
        or 0 when ``_start`` returns. Traps propagate as ``wasmtime.Trap``, and a WASI
        function that fails (e.g. ``proc_exit`` with a code above 125) as
        ``wasmtime.WasmtimeError``."""
        if self.info.export_func_type("_start") is None:
            raise ProgramError(
                f"{self.name} has no _start function to run (a library or reactor module?); "
                f"its exported functions are: {', '.join(self._function_exports()) or 'none'}"
            )
        ty = self.info.export_func_type("_start")
        if ty is None or ty.params or ty.results:
            raise ProgramError(f"_start of {self.name} has signature {ty}, expected () -> ()")
        try:
            self.export("_start")(self.store)
        except wasmtime.ExitTrap as exc:
            return exc.code
        return 0

    def invoke(self, name: str, *values: Any) -> Any:
        """Call exported function ``name`` with ``values``; return None, the single result, or a
        tuple of results. Parameter and result types come from the module bytes; only functions
        of i32, i64, f32 and f64 are called (wasmtime-py aborts on v128 and on most reference
        types)."""
        ty = self.func_type(name)
        if not ty.numeric:
            raise ProgramError(
                f"cannot call {name}{ty} from Python: only i32, i64, f32 and f64 values can cross "
                f"wasmtime-py (v128 and reference types abort it); call it from inside wasm instead"
            )
        if len(values) != len(ty.params):
            raise ProgramError(f"{name}{ty} takes {len(ty.params)} argument(s), got {len(values)}")
        args = [_convert_arg(name, i, t, v) for i, (t, v) in enumerate(zip(ty.params, values, strict=True))]
        result = self.export(name)(self.store, *args)
        if not ty.results:
            return None
        if len(ty.results) == 1:
            return result
        return tuple(result)

    def _function_exports(self) -> list[str]:
        return [e.name for e in self.info.exports if e.kind == KIND_FUNC]

    # -- memory ------------------------------------------------------------------------------
    def memory_size(self) -> int:
        """Bytes of linear memory now."""
        return _ffi.memory_address(self.store, self._require_memory())[1]

    def read_memory(self, address: int, size: int) -> bytes:
        """``size`` bytes of linear memory at ``address`` (bounds-checked)."""
        return _ffi.read(self.store, self._require_memory(), address, size)

    def write_memory(self, address: int, data: bytes) -> None:
        """Write ``data`` into linear memory at ``address`` (bounds-checked)."""
        _ffi.write(self.store, self._require_memory(), address, data)

    def read_u32(self, address: int) -> int:
        return int.from_bytes(self.read_memory(address, 4), "little")

    def read_cstring(self, address: int, limit: int = 1 << 20) -> bytes:
        """The NUL-terminated byte string at ``address`` (without the NUL)."""
        size = self.memory_size()
        end = min(size, address + limit)
        chunk = self.read_memory(address, end - address) if 0 <= address < size else b""
        nul = chunk.find(b"\0")
        if nul < 0:
            raise ProgramError(f"no NUL byte within {limit} bytes at {address:#x}")
        return chunk[:nul]

    def _require_memory(self) -> Memoryish:
        if self.memory is None:
            raise ProgramError(f"{self.name} has no memory (or does not export it)")
        return self.memory

    # -- closures ----------------------------------------------------------------------------
    @property
    def memory_import(self) -> MemoryImport:
        """A ``MemoryImport`` a trampoline module can use to link to this program's memory:
        the same shared flag and maximum, minimum 0."""
        limits = self.info.memory
        if limits is None:
            raise ProgramError(f"{self.name} has no memory")
        maximum = limits.maximum
        if isinstance(self.memory, wasmtime.SharedMemory):
            maximum = self.memory.type().limits.max
        from ._format.types import MemoryImport  # only here: running a program does not need it

        return MemoryImport(shared=limits.shared, minimum=0, maximum=maximum)

    def table_size(self) -> int:
        if self.table is None:
            raise ProgramError(f"{self.name} has no (exported) function table")
        return self.table.size(self.store)


_INT_RANGES = {I32: 32, I64: 64}


def _convert_arg(func: str, index: int, valtype: int, value: Any) -> Any:
    if valtype in _INT_RANGES:
        bits = _INT_RANGES[valtype]
        if isinstance(value, bool) or not isinstance(value, int):
            raise ProgramError(
                f"argument {index} of {func} must be an int ({valtype_name(valtype)}), got {value!r}"
            )
        if not -(1 << (bits - 1)) <= value < (1 << bits):
            raise ProgramError(f"argument {index} of {func} ({value}) does not fit {valtype_name(valtype)}")
        if value >= 1 << (bits - 1):  # unsigned spelling: reinterpret as signed
            value -= 1 << bits
        return value
    if valtype in (F32, F64):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ProgramError(
                f"argument {index} of {func} must be a float ({valtype_name(valtype)}), got {value!r}"
            )
        try:
            return float(value)
        except OverflowError:  # an int beyond the float range
            raise ProgramError(
                f"argument {index} of {func} ({value}) is too large for {valtype_name(valtype)}"
            ) from None
    raise ProgramError(
        f"argument {index} of {func} has type {valtype_name(valtype)}, which Python cannot pass"
    )
