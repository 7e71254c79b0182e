"""The Rust extension (built by maturin): the backend of
:func:`wasm_closures.encode_closure_module`, and the native runtime core that serves
``ClosureRuntime`` (``init_capi``, ``RuntimeCore``, ``define_closure_syscalls``).

``encode`` has exactly the contract of ``wasm_closures._encode_py.encode``: the same
arguments, checks, messages and bytes. Bad values raise
:class:`wasm_closures.errors.InvalidValueError`.
"""

from collections.abc import Callable

__version__: str

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

def init_capi(handle: int, sizes: list[tuple[str, int]]) -> None:
    """Bind wasmtime's C API from wasmtime-py's library (``handle``: its ``dlopen`` handle).

    ``sizes`` are wasmtime-py's ctypes sizes of the structs the core mirrors; any difference,
    or a missing symbol, raises ``RuntimeError`` with the reason.
    """
    ...

class StoreClosedFlag:
    """A core's closed flag: calling it marks the store closed."""

    def __call__(self) -> None: ...

class RuntimeCore:
    """A ``ClosureRuntime``'s native core: its warm state and operations (see runtime.rs)."""

    def __init__(
        self, runtime: object, context: int, store_id: int, direct_backing_calls: bool, max_closures: int
    ) -> None: ...
    def bind(self, table: bytes, memory: bytes | None, shared_memory: int) -> None:
        """Attach the program; handles of another store are refused, a shared memory is cloned."""
        ...
    def store_closed_flag(self) -> StoreClosedFlag:
        """The callable the store's close hook runs: it holds the core's closed flag only."""
        ...
    def allocate(self) -> int: ...
    def prepare(self, closure: int, backing_function: int, signature: object, env: int = 0) -> None: ...
    def free(self, closure: int) -> None: ...
    def after_fork_in_child(self) -> None: ...
    def is_bound(self) -> bool: ...
    def is_live(self, closure: int) -> bool: ...
    def stats(self) -> tuple[int, int, int, int]: ...

def define_closure_syscalls(core: RuntimeCore, linker: int, unary: int, seven: int) -> None:
    """Define the three closure syscalls of ``core`` as native host functions in a linker.

    ``linker`` is the ``wasmtime_linker_t*``, ``unary`` and ``seven`` the ``wasm_functype_t*``
    of ``(i32) -> i32`` and ``(i32 x 7) -> i32``.
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
