"""Load and run a WebAssembly program that uses closures, in wasmtime-py.

:func:`load_program` takes the program's bytes (or a path), recognises its shape from the bytes,
links it with WASI preview 1 and the WASIX closure syscalls, instantiates it, and returns a
:class:`Program`.

Two shapes are supported:

``"static"``
    An ordinary wasm32-wasi program (wasi-libc, linked with ``--export-table
    --export=__stack_pointer --growable-table``). It defines and exports ``memory``,
    ``__indirect_function_table`` and ``__stack_pointer``; the closure runtime binds to them
    after instantiation (or lazily, at the first syscall).

``"pie"``
    A position-independent main module (``wasm-ld --experimental-pic -pie --import-memory``)
    with a ``dylink.0`` section. It imports its memory, table, stack pointer, ``__memory_base``
    and ``__table_base`` from ``env`` and may import ``GOT.func.<sym>`` / ``GOT.mem.<sym>``.
    The loader makes them all (see :func:`load_program` for the memory layout), fills the GOT
    from the module's own exports after instantiation, then runs ``__wasm_apply_data_relocs``
    and ``__wasm_call_ctors``.

Two changes are made to a PIE's bytes before compiling (indices stay the same): its imported
memory is also exported as ``memory``, because wasmtime's WASI functions find the memory
through that export and lld 14 cannot export an imported memory; and when it imports GOT
entries, its start section (lld's ``__wasm_apply_data_relocs`` or ``__wasm_init_memory``,
which may read them) is removed and the start function run by hand once the GOT is filled.
lld's start function applies the data relocations, so ``__wasm_apply_data_relocs`` is only
called when the module has no start section (otherwise relocations would be applied twice).

Signatures are always read from the bytes: wasmtime-py aborts the process when it meets a
``v128`` in a signature, so :meth:`Program.invoke` refuses such functions before wasmtime-py
sees them.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from typing import Any, Union, cast

import wasmtime

from . import _ffi, dylink
from ._binary import PAGE_SIZE
from ._types import WASM32_MAX_PAGES, MemoryImport
from .dylink import (
    F32,
    F64,
    I32,
    I64,
    KIND_FUNC,
    KIND_GLOBAL,
    KIND_MEMORY,
    KIND_TABLE,
    FuncType,
    Import,
    ModuleInfo,
    valtype_name,
)
from .errors import InvalidValueError, WasmClosuresError
from .runtime import Memoryish

__all__ = [
    "DEFAULT_STACK_SIZE",
    "LoadError",
    "Program",
    "ProgramError",
    "default_engine",
    "load_program",
]

DEFAULT_STACK_SIZE = 256 * 1024
"""Shadow stack a PIE program gets (bytes). A static program brings its own (wasm-ld's
default is 64 KiB; change it with ``-Wl,-z,stack-size=N``)."""
MIN_STACK_SIZE = 4096
LOW_RESERVED = 1024
"""Bytes at the bottom of a PIE program's memory that nothing is placed in, so reads through a
null pointer see zeros instead of program data."""
FIRST_TABLE_INDEX = 1
"""Table index a PIE program's ``__table_base`` starts at: slot 0 stays null, so a call
through a null function pointer traps."""

DEFERRED_START_EXPORT = "__wasm_closures_deferred_start"
_WASIX_MODULE = "wasix_32v1"
_WASIX_CLOSURE_FUNCS = ("closure_allocate", "closure_prepare", "closure_free", "call_dynamic")
_WASI_MODULES = ("wasi_snapshot_preview1", "wasi_unstable")

WasmSource = Union[bytes, bytearray, memoryview, str, "os.PathLike[str]"]


class LoadError(WasmClosuresError):
    """The program cannot be loaded: it does not compile, has imports nobody provides, needs
    more memory than its declaration allows, or traps while starting (then the
    ``wasmtime.Trap`` is its ``__cause__``). A program that calls ``proc_exit`` while starting
    raises ``wasmtime.ExitTrap`` instead, which carries the exit code."""


class ProgramError(WasmClosuresError):
    """A request the loaded program cannot serve (no ``_start``, no such export, a v128
    signature, arguments of the wrong number or kind)."""


class Program:
    """A loaded, instantiated program.

    Attributes: ``store``, ``linker``, ``instance``, ``module`` (the ``wasmtime.Module``),
    ``memory`` (``wasmtime.Memory`` or ``wasmtime.SharedMemory``), ``table`` (the
    ``__indirect_function_table``), ``stack_pointer`` (the ``__stack_pointer`` global),
    ``closures`` (the :class:`~wasm_closures.runtime.ClosureRuntime`, or None when loaded with
    ``closures=False``), ``kind`` (``"pie"`` or ``"static"``), ``info`` (the parsed
    :class:`~wasm_closures.dylink.ModuleInfo`), ``name``.

    PIE programs also have ``memory_base``, ``table_base``, ``stack_low`` / ``stack_high``
    (the shadow stack region; the stack pointer starts at ``stack_high``) and ``heap_base``
    (the first byte after the program's data, 16-aligned). For static programs these are None.
    """

    store: wasmtime.Store
    linker: wasmtime.Linker
    instance: wasmtime.Instance
    module: wasmtime.Module
    memory: Memoryish | None
    table: wasmtime.Table | None
    stack_pointer: wasmtime.Global | None
    closures: Any
    kind: str
    info: ModuleInfo

    def __init__(self) -> None:
        self.memory_base: int | None = None
        self.table_base: int | None = None
        self.stack_low: int | None = None
        self.stack_high: int | None = None
        self.heap_base: int | None = None
        self.got: dict[str, int] = {}
        self.name = "program"

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
        args = [_convert_arg(name, i, t, v) for i, (t, v) in enumerate(zip(ty.params, values))]
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

    def read_i32(self, address: int) -> int:
        return int.from_bytes(self.read_memory(address, 4), "little", signed=True)

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


# ---------------------------------------------------------------------------------------------
# Loading


def load_program(
    wasm: WasmSource,
    *,
    engine: wasmtime.Engine | None = None,
    argv: Sequence[str] = (),
    wasi: bool = True,
    strategy: str = "pooled",
    inherit_stdio: bool = True,
    environ: dict[str, str] | None = None,
    preopen_dirs: Sequence[tuple[str, str]] = (),
    wasi_config: wasmtime.WasiConfig | None = None,
    stack_size: int = DEFAULT_STACK_SIZE,
    closures: bool = True,
    runtime_options: dict[str, Any] | None = None,
    fuel: int | None = None,
    epoch_deadline: int | None = None,
) -> Program:
    """Load, link and instantiate a program.

    ``wasm``: module bytes or a path. ``engine``: a ``wasmtime.Engine`` to compile with; by
    default one is made with SIMD on and, when the program's memory is shared, threads and
    shared memory on (a given engine must have those too). ``argv``: the program's argument
    vector including ``argv[0]`` (default: the file name). With ``wasi`` (the default) WASI
    preview 1 is defined through wasmtime's own implementation, stdin/stdout/stderr inherited
    from this process when ``inherit_stdio``; ``environ`` sets environment variables;
    ``preopen_dirs`` is a list of ``(host_path, guest_path)``; ``wasi_config`` replaces all of
    those. ``strategy`` and ``runtime_options`` go to the ``ClosureRuntime``; ``closures=False``
    loads without one (then the ``wasix_32v1`` imports are unresolved).

    Limits for an untrusted program, counted from the start (its start function and
    constructors included); past either one the running wasm traps (``wasmtime.Trap`` with
    ``trap_code`` ``OUT_OF_FUEL`` or ``INTERRUPT``; a ``LoadError`` while starting). ``fuel``:
    the store gets this much fuel (about one unit per wasm instruction). ``epoch_deadline``: the
    program traps once the engine's epoch has been incremented this many times (call
    ``engine.increment_epoch()`` from a timer thread; see :func:`default_engine`). The default
    engine is then made with ``Config.consume_fuel`` / ``Config.epoch_interruption``; a given
    engine must have them. A program blocked in a host call (reading stdin) is stopped only
    when it returns to wasm.

    PIE memory layout (addresses in the program's memory): the first ``LOW_RESERVED`` (1 KiB)
    bytes are left alone; then the shadow stack of ``stack_size`` bytes (default 256 KiB;
    the stack pointer starts at its top, 16-aligned, and grows down towards the reserved
    bytes); then the program's data at ``__memory_base`` (aligned as MEM_INFO asks, at least
    16); ``Program.heap_base`` is the first 16-aligned byte after it. The memory gets enough
    pages for all of that, at least the import's minimum, and keeps the import's maximum
    (shared when the import is shared). The table gets ``__table_base`` = 1 (aligned as
    MEM_INFO asks) plus MEM_INFO's table size, no maximum unless the import has one.

    Raises :class:`LoadError` (unresolvable imports, all named; compile or link failures;
    a trap in the start function, the relocations or the constructors) or
    :class:`~wasm_closures.dylink.InvalidModuleError`; ``wasmtime.ExitTrap`` if the program
    calls ``proc_exit`` while starting.
    """
    data, name = _read_source(wasm)
    info = dylink.parse_module(data)
    if (
        isinstance(stack_size, bool)
        or not isinstance(stack_size, int)
        or not MIN_STACK_SIZE <= stack_size <= 1 << 30
    ):
        raise InvalidValueError(
            f"stack_size must be an int in {MIN_STACK_SIZE}..=2**30 bytes, got {stack_size!r}"
        )
    for limit_name, limit in (("fuel", fuel), ("epoch_deadline", epoch_deadline)):
        if limit is not None and (
            isinstance(limit, bool) or not isinstance(limit, int) or not 0 <= limit < 1 << 64
        ):
            raise InvalidValueError(f"{limit_name} must be None or an int in 0..2**64, got {limit!r}")
    kind = "pie" if (info.is_position_independent or info.memory_is_imported) else "static"

    program = Program()
    program.info = info
    program.kind = kind
    program.name = name

    # Which imports will be defined, and how; refuse up front, naming all the missing ones.
    got_func, got_mem, env_imports = _classify_imports(info, wasi=wasi, closures=closures)

    engine = (
        engine
        if engine is not None
        else default_engine(
            info, consume_fuel=fuel is not None, epoch_interruption=epoch_deadline is not None
        )
    )
    extra_exports: list[tuple[str, int, int]] = []
    if info.memory_is_imported and info.export("memory") is None:
        # wasmtime's WASI functions find the memory through the caller's "memory" export, and
        # lld 14 cannot export an imported memory: add the export.
        extra_exports.append(("memory", KIND_MEMORY, 0))
    # The start function (lld's __wasm_apply_data_relocs / __wasm_init_memory) may read GOT
    # entries, which are only known after instantiation: then it is run later, by hand.
    deferred_start = bool(got_func or got_mem) and info.start is not None
    compile_bytes = data
    if extra_exports or deferred_start:
        compile_bytes = dylink.rewrite_exports(
            info, extra_exports, start_as=DEFERRED_START_EXPORT if deferred_start else None
        )
    try:
        module = wasmtime.Module(engine, compile_bytes)
    except wasmtime.WasmtimeError as exc:
        hint = ""
        if info.uses_shared_memory:
            hint = " (the program uses shared memory: the engine needs Config.wasm_threads and Config.shared_memory)"
        raise LoadError(f"cannot compile {name}: {_message(exc)}{hint}") from exc

    store = wasmtime.Store(engine)
    try:
        if fuel is not None:
            store.set_fuel(fuel)
        if epoch_deadline is not None:
            store.set_epoch_deadline(epoch_deadline)
    except wasmtime.WasmtimeError as exc:
        raise LoadError(
            f"cannot limit {name}: {_message(exc)} (the engine needs Config.consume_fuel)"
        ) from exc
    linker = wasmtime.Linker(engine)
    program.store, program.linker, program.module = store, linker, module
    program.memory = program.table = program.stack_pointer = None

    if wasi:
        config = (
            wasi_config
            if wasi_config is not None
            else _wasi_config(argv, name, inherit_stdio, environ, preopen_dirs)
        )
        store.set_wasi(config)
        linker.define_wasi()

    runtime = None
    if closures:
        from .runtime import ClosureRuntime

        runtime = ClosureRuntime(store, strategy=strategy, **(runtime_options or {}))
    program.closures = runtime

    got_globals: dict[tuple[str, str], wasmtime.Global] = {}
    if kind == "pie" or env_imports:
        _define_pie_environment(program, engine, linker, info, env_imports, stack_size)
    for imp in got_func + got_mem:
        glob = wasmtime.Global(store, wasmtime.GlobalType(wasmtime.ValType.i32(), True), 0)
        got_globals[(imp.module, imp.name)] = glob
        linker.define(store, imp.module, imp.name, glob)

    if runtime is not None:
        if program.memory is not None and program.table is not None and program.stack_pointer is not None:
            runtime.bind(program.memory, program.table, program.stack_pointer)
        runtime.define_wasix(linker)

    try:
        instance = linker.instantiate(store, module)
    except wasmtime.ExitTrap:
        raise
    except wasmtime.Trap as exc:
        raise LoadError(f"{name} trapped in its start function: {_message(exc)}") from exc
    except wasmtime.WasmtimeError as exc:
        raise LoadError(f"cannot instantiate {name}: {_message(exc)}") from exc
    program.instance = instance
    exports = instance.exports(store)

    if kind == "static":
        mem = exports.get("memory")
        table = exports.get("__indirect_function_table")
        sp = exports.get("__stack_pointer")
        program.memory = mem if isinstance(mem, (wasmtime.Memory, wasmtime.SharedMemory)) else None
        program.table = table if isinstance(table, wasmtime.Table) else None
        program.stack_pointer = sp if isinstance(sp, wasmtime.Global) else None
        if (
            runtime is not None
            and not runtime.bound
            and program.memory is not None
            and program.table is not None
            and program.stack_pointer is not None
        ):
            runtime.bind(program.memory, program.table, program.stack_pointer)
        # Otherwise the runtime stays unbound: closure syscalls answer NOTSUP.

    # Fill the GOT from the module's own exports.
    for imp in got_func:
        func = exports[imp.name]
        assert program.table is not None
        index = program.table.grow(store, 1, func)
        got_globals[(imp.module, imp.name)].set_value(store, index)
        program.got[f"{imp.module}.{imp.name}"] = index
    for imp in got_mem:
        # _classify_imports checked that the module exports an i32 global of this name.
        value = cast(wasmtime.Global, exports[imp.name]).value(store)
        address = ((program.memory_base or 0) + value) & 0xFFFF_FFFF
        got_globals[(imp.module, imp.name)].set_value(store, _signed32(address))
        program.got[f"{imp.module}.{imp.name}"] = address

    try:
        # Functions: the start function exported by rewrite_exports, or checked by _exports_nullary.
        if deferred_start:
            cast(wasmtime.Func, exports[DEFERRED_START_EXPORT])(store)
        elif info.start is None and _exports_nullary(info, "__wasm_apply_data_relocs"):
            cast(wasmtime.Func, exports["__wasm_apply_data_relocs"])(store)
        if kind == "pie" and _exports_nullary(info, "__wasm_call_ctors"):
            cast(wasmtime.Func, exports["__wasm_call_ctors"])(store)
    except wasmtime.ExitTrap:
        raise
    except (wasmtime.Trap, wasmtime.WasmtimeError) as exc:
        raise LoadError(
            f"{name} trapped while starting (relocations or constructors): {_message(exc)}"
        ) from exc
    return program


def _read_source(wasm: WasmSource) -> tuple[bytes, str]:
    if isinstance(wasm, (bytes, bytearray, memoryview)):
        return bytes(wasm), "program.wasm"
    if isinstance(wasm, (str, os.PathLike)):
        path = os.fspath(wasm)
        try:
            with open(path, "rb") as f:
                return f.read(), os.path.basename(path)
        except OSError as exc:
            raise LoadError(f"cannot read {path}: {exc.strerror or exc}") from exc
    raise InvalidValueError(f"wasm must be bytes or a path, got {type(wasm).__name__}")


def default_engine(
    info: ModuleInfo, *, consume_fuel: bool = False, epoch_interruption: bool = False
) -> wasmtime.Engine:
    """The engine :func:`load_program` makes for a program (``info`` from
    :func:`~wasm_closures.dylink.parse_module`): SIMD and bulk memory on, threads and shared
    memory on when the program's memory is shared, and fuel or epoch interruption on request.

    A shared memory also turns off signals-based traps: its out-of-bounds accesses are caught
    by explicit bounds checks instead of a fault. wasmtime 50 aborts the process on a fault in
    a shared memory that two instances of the store import (each trampoline pool imports it),
    so an embedder that makes its own engine for such a program must do the same.

    Make it yourself to interrupt a program that may not return: pass it to ``load_program``
    with ``epoch_deadline=1`` and call its ``increment_epoch()`` from another thread.
    """
    config = wasmtime.Config()
    config.wasm_simd = True
    config.wasm_bulk_memory = True
    if info.uses_shared_memory:
        config.wasm_threads = True
        config.shared_memory = True
        config.signals_based_traps = False  # see above: a fault here would abort the process
    config.consume_fuel = consume_fuel
    config.epoch_interruption = epoch_interruption
    return wasmtime.Engine(config)


def _wasi_config(
    argv: Sequence[str],
    name: str,
    inherit_stdio: bool,
    environ: dict[str, str] | None,
    preopen_dirs: Sequence[tuple[str, str]],
) -> wasmtime.WasiConfig:
    config = wasmtime.WasiConfig()
    if isinstance(argv, str):
        raise InvalidValueError("argv must be a sequence of strings, not one string")
    config.argv = list(argv) if argv else [name]
    if inherit_stdio:
        config.inherit_stdin()
        config.inherit_stdout()
        config.inherit_stderr()
    if environ:
        config.env = [(str(k), str(v)) for k, v in environ.items()]
    for host, guest in preopen_dirs:
        config.preopen_dir(os.fspath(host), guest)
    return config


_PIE_ENV = ("memory", "__indirect_function_table", "__stack_pointer", "__memory_base", "__table_base")


def _classify_imports(
    info: ModuleInfo, *, wasi: bool, closures: bool
) -> tuple[list[Import], list[Import], dict[str, Import]]:
    got_func: list[Import] = []
    got_mem: list[Import] = []
    env: dict[str, Import] = {}
    problems: list[str] = []
    expected_kind = {"memory": KIND_MEMORY, "__indirect_function_table": KIND_TABLE}
    for imp in info.imports:
        if imp.module == "env" and imp.name in _PIE_ENV:
            want = expected_kind.get(imp.name, KIND_GLOBAL)
            if imp.kind != want:
                problems.append(f"{imp} (expected a {dylink.KIND_NAMES[want]})")
            elif want == KIND_GLOBAL and (
                imp.desc.valtype != I32 or imp.desc.mutable != (imp.name == "__stack_pointer")  # type: ignore[union-attr]
            ):
                problems.append(
                    f"{imp}: type {imp.desc}, expected {'mut ' if imp.name == '__stack_pointer' else ''}i32"
                )
            elif imp.kind == KIND_MEMORY and (imp.desc.is64 or imp.desc.page_size_log2 is not None):  # type: ignore[union-attr]
                problems.append(f"{imp}: 64-bit memories and custom page sizes are not supported")
            else:
                env[imp.name] = imp
        elif imp.module in ("GOT.func", "GOT.mem"):
            target = info.export(imp.name)
            if imp.kind != KIND_GLOBAL or imp.desc.valtype != I32 or not imp.desc.mutable:  # type: ignore[union-attr]
                problems.append(f"{imp} (a GOT entry must be a mutable i32 global)")
            elif imp.module == "GOT.func":
                if target is None or target.kind != KIND_FUNC:
                    problems.append(
                        f"{imp.module}.{imp.name} (no exported function {imp.name!r} to take the address of)"
                    )
                else:
                    got_func.append(imp)
            else:
                if target is None or target.kind != KIND_GLOBAL:
                    problems.append(f"{imp.module}.{imp.name} (no exported data symbol {imp.name!r})")
                elif info.global_type(target.index).valtype != I32:
                    problems.append(f"{imp.module}.{imp.name} (export {imp.name!r} is not an i32 global)")
                else:
                    got_mem.append(imp)
        elif imp.module == _WASIX_MODULE and imp.name in _WASIX_CLOSURE_FUNCS and closures:
            continue
        elif imp.module in _WASI_MODULES and wasi and imp.kind == KIND_FUNC:
            continue  # wasmtime's WASI names the ones it lacks when instantiating
        else:
            problems.append(str(imp))
    if problems:
        raise LoadError(
            f"unresolvable imports: {'; '.join(problems)}. This loader provides env.memory, "
            f"env.__indirect_function_table, env.__stack_pointer, env.__memory_base, env.__table_base, "
            f"GOT.func/GOT.mem entries of the module's own exports, WASI preview 1"
            f"{' (disabled)' if not wasi else ''} and wasix_32v1.closure_*/call_dynamic{' (disabled)' if not closures else ''}"
        )
    if "__indirect_function_table" not in env and got_func:
        raise LoadError(
            "the program imports GOT.func entries but no env.__indirect_function_table to put them in"
        )
    return got_func, got_mem, env


def _align_up(value: int, alignment: int) -> int:
    return (value + alignment - 1) // alignment * alignment


def _define_pie_environment(
    program: Program,
    engine: wasmtime.Engine,
    linker: wasmtime.Linker,
    info: ModuleInfo,
    env: dict[str, Import],
    stack_size: int,
) -> None:
    store = program.store
    mem_info = info.dylink.mem_info if info.dylink is not None else None
    memory_size = mem_info.memory_size if mem_info else 0
    memory_align = 1 << (mem_info.memory_alignment if mem_info else 0)
    table_size = mem_info.table_size if mem_info else 0
    table_align = 1 << (mem_info.table_alignment if mem_info else 0)

    stack_low = LOW_RESERVED
    stack_high = _align_up(stack_low + stack_size, 16)
    memory_base = _align_up(stack_high, max(16, memory_align))
    heap_base = _align_up(memory_base + memory_size, 16)
    table_base = _align_up(FIRST_TABLE_INDEX, table_align)

    mem_import = env.get("memory")
    if mem_import is not None:
        limits = mem_import.desc
        pages = max(limits.minimum, math.ceil(heap_base / PAGE_SIZE))  # type: ignore[union-attr]
        maximum = limits.maximum  # type: ignore[union-attr]
        if maximum is not None and pages > maximum:
            raise LoadError(
                f"{program.name} declares at most {maximum} pages of memory, but its data "
                f"({memory_size} bytes) and a {stack_size}-byte stack need {pages}: "
                f"link with a larger --max-memory or load with a smaller stack_size"
            )
        if pages > WASM32_MAX_PAGES:
            raise LoadError(f"{program.name} needs {pages} pages of memory, more than 4 GiB")
        mem_type = wasmtime.MemoryType(wasmtime.Limits(pages, maximum), shared=limits.shared)  # type: ignore[union-attr]
        try:
            if limits.shared:  # type: ignore[union-attr]
                memory: Memoryish = wasmtime.SharedMemory(engine, mem_type)
            else:
                memory = wasmtime.Memory(store, mem_type)
        except wasmtime.WasmtimeError as exc:
            raise LoadError(f"cannot create the memory of {program.name}: {_message(exc)}") from exc
        linker.define(store, "env", "memory", _ffi.importable(memory))
        program.memory = memory

    table_import = env.get("__indirect_function_table")
    table_min = table_base + table_size
    if table_import is not None:
        tlimits = table_import.desc.limits  # type: ignore[union-attr]
        table_min = max(table_min, tlimits.minimum)
        if tlimits.maximum is not None and table_min > tlimits.maximum:
            raise LoadError(
                f"{program.name}'s table holds at most {tlimits.maximum} entries, it needs {table_min}"
            )
        table = wasmtime.Table(
            store,
            wasmtime.TableType(wasmtime.ValType.funcref(), wasmtime.Limits(table_min, tlimits.maximum)),
            None,
        )
        linker.define(store, "env", "__indirect_function_table", table)
        program.table = table
    elif table_size:
        raise LoadError(
            f"{program.name} needs {table_size} table entries but imports no env.__indirect_function_table"
        )

    # The stack pointer is made even when the program does not import it: trampolines need one.
    stack_pointer = wasmtime.Global(store, wasmtime.GlobalType(wasmtime.ValType.i32(), True), stack_high)
    if "__stack_pointer" in env:
        linker.define(store, "env", "__stack_pointer", stack_pointer)
    program.stack_pointer = stack_pointer
    for global_name, value in (("__memory_base", memory_base), ("__table_base", table_base)):
        if global_name in env:
            glob = wasmtime.Global(store, wasmtime.GlobalType(wasmtime.ValType.i32(), False), value)
            linker.define(store, "env", global_name, glob)

    program.memory_base, program.table_base = memory_base, table_base
    program.stack_low, program.stack_high, program.heap_base = stack_low, stack_high, heap_base


def _exports_nullary(info: ModuleInfo, name: str) -> bool:
    ty = info.export_func_type(name)
    return ty is not None and not ty.params and not ty.results


def _signed32(value: int) -> int:
    value &= 0xFFFF_FFFF
    return value - (1 << 32) if value >= 1 << 31 else value


def _message(exc: BaseException) -> str:
    text = str(exc).strip()
    return text if len(text) < 2000 else text[:2000] + "..."
