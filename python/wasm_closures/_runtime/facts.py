"""The facts the Rust core and the pure-Python runtime share: one table, read by both runtimes.

``rust/facts.rs`` defines each fact and the extension exports them as ``_native.FACTS``; this
is the copy the pure-Python runtime reads (it must work without the extension), and
``tests/test_facts.py`` proves it identical to ``_native.FACTS``. No other module writes an
errno value, one of these limits or cache sizes, the import namespace or a refusal message.
Messages are ``str.format`` templates with plain ``{word}`` placeholders (Rust fills them the
same way, ``facts::fill``).
"""

from __future__ import annotations

from typing import Final

ERRNOS: Final = {
    "SUCCESS": 0,
    "FAULT": 21,
    "INVAL": 28,
    "NOMEM": 48,
    "NOTSUP": 58,
    "MEMVIOLATION": 78,
}
WASIX_MODULE: Final = "wasix_32v1"
TABLE_CHUNK: Final = 100  # slots the table grows by when no freed slot is left (Wasmer's number)
MAX_SIGNATURE_TYPES: Final = 1000  # params, and results, a wasm function may have (wasmtime's limit)
SIGNATURE_CACHE_SIZE: Final = 1024  # entries of a signature cache before it is cleared
# Backing functions remembered as type-checked before all are forgotten: a guest can name any
# slot of a table it grows itself.
CHECKED_BACKING_CACHE_SIZE: Final = 4096
CALL_DYNAMIC_TYPE_CACHE_SIZE: Final = 1024  # function types call_dynamic keeps before clearing
MAX_CALL_DEPTH: Final = 256  # call_dynamic calls one thread may have running at once
DEFAULT_MAX_CLOSURES: Final = 1 << 20  # live closures a runtime allows by default
# The pool module's exports: configure, then per trampoline i the function trampoline<i> and its
# globals env<i> and (the table kind) backing<i>; the direct kind imports its backing function.
POOL_CONFIGURE_EXPORT: Final = "configure"
POOL_TRAMPOLINE_EXPORT: Final = "trampoline"
POOL_ENV_EXPORT: Final = "env"
POOL_BACKING_EXPORT: Final = "backing"
POOL_BACKING_IMPORT: Final = ("env", "backing")
# Trampolines a pool module may hold: wasmtime takes at most 1,000,000 globals in a module
# (wasmparser's limit) and the table kind has two per trampoline.
POOL_MAX_SIZE: Final = 500_000
# Words of a wasmtime error or trap that make it NOMEM; any other wasmtime failure is FAULT.
NOMEM_MARKERS: Final = ("limit exceeded", "out of memory")

MESSAGES: Final = {
    "NOT_BOUND": "this ClosureRuntime is not bound to a program: call bind(memory, table, stack_pointer) first",
    "RUNTIME_GONE": "the ClosureRuntime is gone",
    "STORE_CLOSED": "the wasmtime.Store of this ClosureRuntime was closed",
    "NOT_ALLOCATED": "closure {closure} was not allocated by this runtime (or was freed)",
    "TABLE_GROWTH": "cannot grow the function table by {chunk} slots: {reason}",
    "BACKING_OUTSIDE": "backing_function {index} is outside the function table (size {size})",
    "BACKING_NULL": "backing_function {index} is a null table slot",
    "GUEST_RANGE": "guest range {pointer}+{length} is outside memory ({size} bytes)",
    "TOO_MANY_TYPES": "{params} params, {results} results: at most {limit} each",
    "FUNCTION_OUTSIDE": "function_id {index} is outside the function table (size {size})",
    "FUNCTION_NULL": "function_id {index} is a null table slot",
    "FUNCTION_REFERENCE_TYPED": "function_id {index} has a reference type in its signature",
}


def nomem_failure(message: str) -> bool:
    """Whether a wasmtime error or trap with ``message`` is NOMEM (else it is FAULT)."""
    return any(marker in message for marker in NOMEM_MARKERS)


def as_dict() -> dict[str, object]:
    """The table in the shape of ``_native.FACTS``."""
    return {
        "ERRNOS": dict(ERRNOS),
        "MESSAGES": dict(MESSAGES),
        "WASIX_MODULE": WASIX_MODULE,
        "TABLE_CHUNK": TABLE_CHUNK,
        "MAX_SIGNATURE_TYPES": MAX_SIGNATURE_TYPES,
        "SIGNATURE_CACHE_SIZE": SIGNATURE_CACHE_SIZE,
        "CHECKED_BACKING_CACHE_SIZE": CHECKED_BACKING_CACHE_SIZE,
        "CALL_DYNAMIC_TYPE_CACHE_SIZE": CALL_DYNAMIC_TYPE_CACHE_SIZE,
        "MAX_CALL_DEPTH": MAX_CALL_DEPTH,
        "DEFAULT_MAX_CLOSURES": DEFAULT_MAX_CLOSURES,
        "POOL_CONFIGURE_EXPORT": POOL_CONFIGURE_EXPORT,
        "POOL_TRAMPOLINE_EXPORT": POOL_TRAMPOLINE_EXPORT,
        "POOL_ENV_EXPORT": POOL_ENV_EXPORT,
        "POOL_BACKING_EXPORT": POOL_BACKING_EXPORT,
        "POOL_BACKING_IMPORT": POOL_BACKING_IMPORT,
        "POOL_MAX_SIZE": POOL_MAX_SIZE,
        "NOMEM_MARKERS": NOMEM_MARKERS,
    }
