"""Run encoded closure modules in wasmtime, linked the way docs/spec.md's linking flow does it.

The host creates the memory, a funcref table, ``__stack_pointer`` and the ``GOT.func.<name>``
global; a WAT driver module supplies the backing function (it records what it sees and writes
known results) and calls the closure slot with ``call_indirect``. Every value crosses inside
wasm: Python only reads bytes from memory, so v128 never reaches wasmtime-py's Python API
(which aborts the process on a v128 type).
"""

from __future__ import annotations

import ctypes
import struct
from dataclasses import dataclass

import pytest
import wasmtime
from wasmtime import _ffi as ffi

import wasm_closures as wc
from wasm_closures import DEFAULT_MEMORY, MemoryImport, Signature, ValType

SP_INIT = 0x8000  # the shadow stack grows down from here
REC_ARGS_PTR, REC_RESULTS_PTR, REC_ENV, REC_SP, REC_CALLS = 0xC000, 0xC004, 0xC008, 0xC00C, 0xC010
REC_ARGS = 0xC100  # the backing function copies the packed arguments here
REC_RESULTS = 0xE000  # the driver stores the values the closure returned here
CLOSURE_SLOT = 2  # a null slot of the initial table, as closure_allocate would hand out
SHARED_MAX_PAGES = 16

_WAT_TYPE = {
    ValType.I32: "i32",
    ValType.I64: "i64",
    ValType.F32: "f32",
    ValType.F64: "f64",
    ValType.V128: "v128",
}


class ImportableSharedMemory(wasmtime.SharedMemory):
    """wasmtime-py 50.0.1's SharedMemory._as_extern builds the extern from a pointer to the
    pointer (so it cannot be imported); build it from the pointer itself."""

    def _as_extern(self) -> ffi.wasmtime_extern_t:
        union = ffi.wasmtime_extern_union(sharedmemory=self.ptr())
        return ffi.wasmtime_extern_t(ffi.WASMTIME_EXTERN_SHAREDMEMORY, union)


def value_bytes(valtype: ValType, seed: int) -> bytes:
    """A distinctive value of ``valtype`` (no NaN), little-endian, as stored in memory."""
    if valtype is ValType.I32:
        return struct.pack("<I", (0x81020300 + seed * 0x01010101) & 0xFFFFFFFF)
    if valtype is ValType.I64:
        return struct.pack("<Q", (0xF122334455667700 + seed * 0x0101010101010101) & (2**64 - 1))
    if valtype is ValType.F32:
        return struct.pack("<f", -1.5 - seed * 0.25)
    if valtype is ValType.F64:
        return struct.pack("<d", 2.125 + seed * 1e9)
    return bytes((seed * 16 + k * 7 + 1) & 0xFF for k in range(16))


def wat_const(valtype: ValType, data: bytes) -> str:
    """A WAT instruction pushing the value whose memory bytes are ``data`` (bit exact)."""
    if valtype is ValType.I32:
        return f"(i32.const {struct.unpack('<i', data)[0]})"
    if valtype is ValType.I64:
        return f"(i64.const {struct.unpack('<q', data)[0]})"
    if valtype is ValType.F32:
        return f"(f32.reinterpret_i32 (i32.const {struct.unpack('<i', data)[0]}))"
    if valtype is ValType.F64:
        return f"(f64.reinterpret_i64 (i64.const {struct.unpack('<q', data)[0]}))"
    return "(v128.const i8x16 " + " ".join(str(b) for b in data) + ")"


def table_entry(store: wasmtime.Store, table: wasmtime.Table, index: int) -> wasmtime.Func | None:
    """The function in a funcref slot, or None (only the Func wrapper: its type is never read)."""
    entry = table.get(store, index)
    return entry.value if isinstance(entry, wasmtime.Val) else entry


def spill_size(types) -> int:
    return (sum(t.size for t in types) + 15) & ~15


@dataclass
class Driver:
    """The WAT driver for one signature and the values it passes and returns."""

    signature: Signature
    args: list[bytes]
    results: list[bytes]

    @classmethod
    def for_signature(cls, signature: Signature, salt: int = 0) -> Driver:
        args = [value_bytes(t, salt + i) for i, t in enumerate(signature.params)]
        results = [value_bytes(t, salt + 100 + i) for i, t in enumerate(signature.results)]
        return cls(signature, args, results)

    def wat(self, memory: MemoryImport) -> str:
        sig = self.signature
        params = " ".join(_WAT_TYPE[t] for t in sig.params)
        results = " ".join(_WAT_TYPE[t] for t in sig.results)
        limits = f"{memory.minimum}" + (f" {memory.maximum}" if memory.maximum is not None else "")
        shared = " shared" if memory.shared else ""
        # The backing function writes the results packed at their running offsets.
        writes, offset = [], 0
        for t, data in zip(sig.results, self.results, strict=True):
            writes.append(
                f"({_WAT_TYPE[t]}.store offset={offset} align=1 (local.get $results) {wat_const(t, data)})"
            )
            offset += t.size
        # The driver stores what the closure returned, packed, at REC_RESULTS.
        locals_ = " ".join(f"(local $r{i} {_WAT_TYPE[t]})" for i, t in enumerate(sig.results))
        pops = " ".join(f"(local.set $r{i})" for i in reversed(range(len(sig.results))))
        stores, offset = [], 0
        for i, t in enumerate(sig.results):
            stores.append(
                f"({_WAT_TYPE[t]}.store offset={REC_RESULTS + offset} align=1 (i32.const 0) (local.get $r{i}))"
            )
            offset += t.size
        pushes = " ".join(wat_const(t, data) for t, data in zip(sig.params, self.args, strict=True))
        return f"""
(module
  (type $sig (func (param {params}) (result {results})))
  (import "env" "memory" (memory {limits}{shared}))
  (import "env" "__indirect_function_table" (table 1 funcref))
  (import "env" "__stack_pointer" (global $sp (mut i32)))
  (func (export "backing") (param $args i32) (param $results i32) (param $env i32)
    (i32.store (i32.const {REC_ARGS_PTR}) (local.get $args))
    (i32.store (i32.const {REC_RESULTS_PTR}) (local.get $results))
    (i32.store (i32.const {REC_ENV}) (local.get $env))
    (i32.store (i32.const {REC_SP}) (global.get $sp))
    (i32.store (i32.const {REC_CALLS}) (i32.add (i32.load (i32.const {REC_CALLS})) (i32.const 1)))
    (memory.copy (i32.const {REC_ARGS}) (local.get $args) (i32.const {spill_size(sig.params)}))
    {" ".join(writes)})
  (func (export "run") (param $slot i32) {locals_}
    {pushes}
    (call_indirect (type $sig) (local.get $slot))
    {pops}
    {" ".join(stores)}))
"""


@dataclass
class Linked:
    """A program's memory, table and globals with a driver instantiated against them."""

    store: wasmtime.Store
    engine: wasmtime.Engine
    memory: wasmtime.Memory | ImportableSharedMemory
    table: wasmtime.Table
    stack_pointer: wasmtime.Global
    driver: wasmtime.Instance
    backing_index: int
    called: bool = False

    def read(self, address: int, length: int) -> bytes:
        if isinstance(self.memory, wasmtime.SharedMemory):
            base = ctypes.addressof(self.memory.data_ptr().contents)
            return ctypes.string_at(base + address, length)
        return bytes(self.memory.read(self.store, address, address + length))

    def u32(self, address: int) -> int:
        return struct.unpack("<I", self.read(address, 4))[0]

    def prepare(
        self, name: str, signature: Signature, env: int, memory: MemoryImport, backend: str | None = None
    ) -> None:
        """What closure_prepare does: encode, compile, link, run __wasm_call_ctors."""
        module_bytes = wc.encode_closure_module(
            name,
            CLOSURE_SLOT,
            self.backing_index,
            env,
            signature,
            memory=memory,
            backend=backend,
        )
        module = wasmtime.Module(self.engine, module_bytes)
        got = wasmtime.Global(
            self.store, wasmtime.GlobalType(wasmtime.ValType.i32(), True), wasmtime.Val.i32(0)
        )
        instance = wasmtime.Instance(self.store, module, [self.memory, self.table, self.stack_pointer, got])
        exports = instance.exports(self.store)
        # The dynamic linker appends the exported trampoline and points GOT.func.<name> at it.
        index = self.table.grow(self.store, 1, exports[name])
        got.set_value(self.store, wasmtime.Val.i32(index))
        assert table_entry(self.store, self.table, CLOSURE_SLOT) is None or self.called
        exports["__wasm_call_ctors"](self.store)
        assert isinstance(table_entry(self.store, self.table, CLOSURE_SLOT), wasmtime.Func)

    def call_closure(self) -> None:
        self.driver.exports(self.store)["run"](self.store, CLOSURE_SLOT)
        self.called = True


def link(engine: wasmtime.Engine, driver: Driver, memory: MemoryImport) -> Linked:
    """``engine`` has wasm_threads and shared_memory on (the conftest fixture)."""
    store = wasmtime.Store(engine)
    if memory.shared:
        host_memory = ImportableSharedMemory(
            engine, wasmtime.MemoryType(wasmtime.Limits(1, SHARED_MAX_PAGES), shared=True)
        )
        driver_memory = MemoryImport(True, 1, SHARED_MAX_PAGES)
    else:
        host_memory = wasmtime.Memory(store, wasmtime.MemoryType(wasmtime.Limits(1, None)))
        driver_memory = MemoryImport.unshared()
    table = wasmtime.Table(
        store, wasmtime.TableType(wasmtime.ValType.funcref(), wasmtime.Limits(4, None)), None
    )
    sp = wasmtime.Global(store, wasmtime.GlobalType(wasmtime.ValType.i32(), True), wasmtime.Val.i32(SP_INIT))
    driver_module = wasmtime.Module(engine, wasmtime.wat2wasm(driver.wat(driver_memory)))
    instance = wasmtime.Instance(store, driver_module, [host_memory, table, sp])
    backing_index = table.grow(store, 1, instance.exports(store)["backing"])
    assert table_entry(store, table, CLOSURE_SLOT) is None
    return Linked(store, engine, host_memory, table, sp, instance, backing_index)


def check_call(linked: Linked, driver: Driver, env: int, calls: int) -> None:
    sig = driver.signature
    args_area, results_area = spill_size(sig.params), spill_size(sig.results)
    linked.call_closure()
    assert linked.u32(REC_CALLS) == calls
    # docs/spec.md, "The trampoline": sp -= results area, then args area; the backing function gets (args, results, env).
    args_ptr, results_ptr = linked.u32(REC_ARGS_PTR), linked.u32(REC_RESULTS_PTR)
    assert results_ptr == SP_INIT - results_area
    assert args_ptr == results_ptr - args_area == SP_INIT - results_area - args_area
    assert args_ptr % 16 == 0
    assert linked.u32(REC_SP) == args_ptr, "the stack pointer is lowered while the backing function runs"
    assert linked.u32(REC_ENV) == env
    # The arguments, packed (align 0) at their running offsets.
    packed_args = b"".join(driver.args)
    assert linked.read(REC_ARGS, len(packed_args)) == packed_args
    # The results the backing function wrote came back to the caller.
    packed_results = b"".join(driver.results)
    assert linked.read(REC_RESULTS, len(packed_results)) == packed_results
    assert linked.stack_pointer.value(linked.store) == SP_INIT, "the stack pointer is restored"


MIXED = [ValType.I32, ValType.I64, ValType.F32, ValType.F64, ValType.V128]
SIGNATURES = {
    "empty": Signature(),
    **{f"{t}-identity": Signature([t], [t]) for t in ValType},
    "i32-pair": Signature.parse("(i32, i32) -> i32"),
    "mixed": Signature(MIXED, list(reversed(MIXED))),
    "no-results": Signature.parse("(f64, v128, i32) -> ()"),
    "no-params": Signature.parse("() -> (i64, v128, f32)"),
    "many-params": Signature([MIXED[i % 5] for i in range(200)], [MIXED[i % 5] for i in range(3, 11)]),
}


@pytest.mark.parametrize("key", list(SIGNATURES))
def test_call_through_closure_slot(engine, key) -> None:
    signature = SIGNATURES[key]
    driver = Driver.for_signature(signature)
    linked = link(engine, driver, MemoryImport.unshared())
    env = 0xFFFF_FFF0  # above 2**31: encoded as a negative i32.const
    linked.prepare("__wasix_closure_7", signature, env, MemoryImport.unshared())
    check_call(linked, driver, env, calls=1)
    check_call(linked, driver, env, calls=2)


@pytest.mark.parametrize("key", ["mixed", "v128-identity", "empty"])
@pytest.mark.parametrize("backend", ["rust", "python"])
def test_call_with_shared_memory_and_reference_import(engine, key, backend) -> None:
    """The reference module as is (shared env.memory, 1..65536 pages) against a SharedMemory."""
    signature = SIGNATURES[key]
    driver = Driver.for_signature(signature, salt=3)
    linked = link(engine, driver, DEFAULT_MEMORY)
    linked.prepare("__wasix_closure_0", signature, 2**31, DEFAULT_MEMORY, backend=backend)
    check_call(linked, driver, 2**31, calls=1)


def test_prepare_again_redefines_the_slot(engine) -> None:
    """A second module for the same slot (new name, new env) replaces the first."""
    signature = SIGNATURES["mixed"]
    driver = Driver.for_signature(signature)
    linked = link(engine, driver, MemoryImport.unshared())
    linked.prepare("__wasix_closure_1", signature, 11, MemoryImport.unshared())
    check_call(linked, driver, 11, calls=1)
    linked.prepare("__wasix_closure_2", signature, 0, MemoryImport.unshared())
    check_call(linked, driver, 0, calls=2)
