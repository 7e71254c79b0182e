"""The Rust backend of :func:`wasm_closures.encode_closure_module` (built by maturin).

``encode`` has exactly the contract of ``wasm_closures._encode_py.encode``: the same
arguments, checks, messages and bytes. Bad values raise
:class:`wasm_closures.errors.InvalidValueError`.
"""

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
