"""The Rust extension (built by maturin): the Rust backend of
:func:`wasm_closures.encode_closure_module` and of the pool modules'
(``wasm_closures.encoder.encode_pool_module``), the native runtime core that serves
``ClosureRuntime`` (``init_capi``, ``RuntimeCore``, ``define_closure_syscalls``), and the
facts both runtimes share (``FACTS``).

``encode`` has exactly the contract of ``wasm_closures._encoders.encode_py.encode``: the same
arguments, checks, messages and bytes. Bad values raise
:class:`wasm_closures.errors.InvalidValueError`.
"""

from collections.abc import Callable
from typing import Protocol, TypedDict, final

from ._format.types import Signature

__all__ = [
    "FACTS",
    "RuntimeCore",
    "StoreClosedFlag",
    "__version__",
    "define_call_dynamic",
    "define_closure_syscalls",
    "define_host_function",
    "encode",
    "encode_pool_module",
    "init_capi",
    "interpreter_exiting",
    "use_errno_rule",
]

__version__: str

class _Facts(TypedDict):
    """The facts both runtimes share (``rust/facts.rs``; ``wasm_closures._runtime.facts`` is their copy)."""

    ERRNOS: dict[str, int]
    MESSAGES: dict[str, str]
    WASIX_MODULE: str
    TABLE_CHUNK: int
    MAX_SIGNATURE_TYPES: int
    SIGNATURE_CACHE_SIZE: int
    CHECKED_BACKING_CACHE_SIZE: int
    CALL_DYNAMIC_TYPE_CACHE_SIZE: int
    MAX_CALL_DEPTH: int
    DEFAULT_MAX_CLOSURES: int
    POOL_CONFIGURE_EXPORT: str
    POOL_TRAMPOLINE_EXPORT: str
    POOL_ENV_EXPORT: str
    POOL_BACKING_EXPORT: str
    POOL_BACKING_IMPORT: tuple[str, str]
    POOL_MAX_SIZE: int
    NOMEM_MARKERS: tuple[str, ...]

FACTS: _Facts

def encode(
    name: str,
    closure: int,
    backing_function: int,
    env: int,
    param_codes: bytes | bytearray,
    result_codes: bytes | bytearray,
    shared: bool,
    minimum: int,
    maximum: int | None,
) -> bytes:
    """Encode the WASIX closure module of docs/spec.md for one closure.

    ``name`` names the trampoline's export and its ``GOT.func`` import (non-empty, not
    ``"__wasm_call_ctors"``, encodable as UTF-8); ``closure``, ``backing_function`` and ``env``
    are u32; ``param_codes`` and ``result_codes`` hold one WASIX type code a byte (0 i32, 1 i64,
    2 f32, 3 f64, 4 v128); ``shared``, ``minimum`` and ``maximum`` (pages, at most 65536;
    ``None`` for no maximum, not allowed when shared) describe the imported ``env.memory``.
    """
    ...

def encode_pool_module(
    param_codes: bytes | bytearray,
    result_codes: bytes | bytearray,
    shared: bool,
    minimum: int,
    maximum: int | None,
    size: int,
    direct: bool,
    export_trampolines: bool,
) -> bytes:
    """Encode a pooled trampoline module: the bytes of
    ``wasm_closures._encoders.pool_module.encode_pool_module`` for the signature of those type
    codes and that memory import, for every input. ``size`` is the trampoline count (an int in
    ``1..=FACTS["POOL_MAX_SIZE"]``); ``direct`` picks the direct kind, ``export_trampolines``
    exports each trampoline's function and globals.
    """
    ...

def init_capi(handle: int, sizes: list[tuple[str, int]]) -> None:
    """Bind wasmtime's C API from wasmtime-py's library (``handle``: its ``dlopen`` handle).

    ``sizes`` are wasmtime-py's ctypes sizes of the structs the core mirrors; any difference,
    or a missing symbol, raises ``RuntimeError`` with the reason.
    """
    ...

@final
class StoreClosedFlag:
    """A core's closed flag: calling it (with no arguments) marks the store closed."""

    def __call__(self, *args: object, **kwargs: object) -> None: ...

class ColdPath(Protocol):
    """What a ``RuntimeCore`` asks Python for, with the GIL and without its lock (see
    ``wasm_closures._runtime.cold_path``, whose ``NativeColdPath`` implements it). The core holds it
    weakly: once it is gone, the core's operations raise ``ClosureError`` (NOTSUP)."""

    def bind_from_caller(self, caller_address: int) -> None:
        """Bind to the exports of the guest whose host call received this ``wasmtime_caller_t*``."""
        ...
    def register_signature(self, signature: Signature | None, params: bytes, results: bytes) -> Signature:
        """Make the table pool of a signature (given, or from its codes); return it."""
        ...
    def as_signature(self, signature: object) -> Signature:
        """The ``Signature`` of a prepare's ``signature`` argument (InvalidValueError if none)."""
        ...
    def check_backing(self, index: int) -> bytes:
        """Type-check the function in table slot ``index``; return its 16-byte identity."""
        ...
    def grow_table_pool(self, signature: Signature) -> tuple[bytes, int]:
        """Instantiate the signature's table pool once more: (the instance's handle, size)."""
        ...
    def grow_direct_pool(
        self, signature: Signature, backing_function: int, identity: bytes
    ) -> tuple[bytes, int] | str | None:
        """The same for a direct pool; ``"budget"`` once the budget is spent, None on failure."""
        ...
    def prepare_checked(
        self, closure: object, backing_function: object, signature: object, env: object
    ) -> None:
        """``prepare`` for arguments that are not plain u32 ints: check them, then prepare."""
        ...
    def free_checked(self, closure: object) -> None:
        """``free`` for a ``closure`` that is not a plain u32 int: check it, then free."""
        ...

@final
class RuntimeCore:
    """A ``ClosureRuntime``'s native core: its warm state and operations (see runtime.rs)."""

    def __new__(
        cls, cold_path: ColdPath, context: int, store_id: int, direct_backing_calls: bool, max_closures: int
    ) -> RuntimeCore: ...
    def bind(self, table: bytes, memory: bytes | None, shared_memory: int) -> None:
        """Attach the program; handles of another store are refused, a shared memory is cloned."""
        ...
    def store_closed_flag(self) -> StoreClosedFlag:
        """The callable the store's close hook runs: it holds the core's closed flag only."""
        ...
    def allocate(self) -> int: ...
    def prepare(self, closure: int, backing_function: int, signature: object, env: int = ...) -> None:
        """``env`` is 0 when not given."""
        ...
    def free(self, closure: int) -> None: ...
    def exclusively(self, function: Callable[[], object]) -> object:
        """Call ``function()`` holding the core's operation lock (no other thread's operation
        meanwhile, cold work included)."""
        ...
    def after_fork_in_child(self) -> None: ...
    def is_bound(self) -> bool: ...
    def is_live(self, closure: int) -> bool: ...
    def stats(self) -> tuple[int, int, int, int]: ...

def define_closure_syscalls(core: RuntimeCore, linker: int, unary: int, seven: int, six: int = 0) -> None:
    """Define the closure syscalls of ``core`` as native host functions in a linker:
    ``closure_allocate``, ``closure_prepare``, ``closure_free`` and, with ``six`` (not 0),
    ``call_dynamic``.

    ``linker`` is the ``wasmtime_linker_t*``; ``unary``, ``seven`` and ``six`` the
    ``wasm_functype_t*`` of ``(i32) -> i32``, ``(i32 x 7) -> i32`` and ``(i32 x 6) -> i32``.
    Wasmtime refusing a definition raises ``RuntimeError``.
    """
    ...

def define_call_dynamic(core: RuntimeCore, linker: int, six: int) -> None:
    """Define only ``call_dynamic`` of ``core`` as a native host function in a linker (for the
    module strategy, whose closure syscalls run in Python).

    ``linker`` is the ``wasmtime_linker_t*``, ``six`` the ``wasm_functype_t*`` of
    ``(i32 x 6) -> i32``.
    """
    ...

def define_host_function(
    linker: int,
    module: str,
    name: str,
    functype: int,
    key: int,
    dispatch: Callable[[int, int, int], None],
    forget: Callable[[int, None], object],
) -> None: ...
def interpreter_exiting() -> None: ...
def use_errno_rule(rule: Callable[[BaseException], int | None]) -> None:
    """Take ``rule`` (``_runtime.guest_errno.errno_for_guest``) as the errno of an exception a native
    syscall's cold step raised: an errno, or None to trap; the first rule handed over stays."""
    ...
