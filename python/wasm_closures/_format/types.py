"""Value types, signatures and the memory a trampoline imports."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .._runtime.facts import MAX_SIGNATURE_TYPES
from ..errors import InvalidValueError
from .binary import F32, F64, I32, I64, U32_MAX, V128, WASM32_MAX_PAGES

CTORS_EXPORT = "__wasm_call_ctors"  # the closure module's own export: no closure may take its name


class ValType(enum.IntEnum):
    """A WebAssembly value type, numbered by its WASIX code."""

    I32 = 0
    I64 = 1
    F32 = 2
    F64 = 3
    V128 = 4

    @property
    def size(self) -> int:
        """Bytes the value takes when spilled to linear memory."""
        return _SIZES[self]

    @property
    def wasm_code(self) -> int:
        """The byte that encodes this type in a wasm binary."""
        return _WASM_CODES[self]

    @classmethod
    def from_code(cls, code: int) -> ValType:
        """The type with WASIX code ``code`` (0 to 4)."""
        try:
            return cls(code)
        except ValueError:
            raise InvalidValueError(
                f"unknown value type code {code!r}: expected 0 (i32), 1 (i64), 2 (f32), 3 (f64) or 4 (v128)"
            ) from None

    @classmethod
    def parse(cls, text: str) -> ValType:
        """The type named ``text`` (``"i32"``, ``"I64"``, ...)."""
        try:
            return cls[text.strip().upper()]
        except (KeyError, AttributeError):
            raise InvalidValueError(
                f"unknown value type {text!r}: expected one of i32, i64, f32, f64, v128 "
                f"(reference types cannot cross a closure)"
            ) from None

    def __str__(self) -> str:
        return self.name.lower()


_SIZES = {ValType.I32: 4, ValType.I64: 8, ValType.F32: 4, ValType.F64: 8, ValType.V128: 16}
_WASM_CODES = {ValType.I32: I32, ValType.I64: I64, ValType.F32: F32, ValType.F64: F64, ValType.V128: V128}

TypeLike = ValType | int | str


def _to_valtype(value: TypeLike) -> ValType:
    if isinstance(value, ValType):
        return value
    if isinstance(value, str):
        return ValType.parse(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return ValType.from_code(value)
    raise InvalidValueError(f"not a value type: {value!r}")


def _types_of(what: str, types: Iterable[TypeLike]) -> tuple[ValType, ...]:
    if isinstance(types, (str, bytes)) or not isinstance(types, Iterable):
        raise InvalidValueError(
            f"Signature {what} must be a sequence of types, got {types!r}; use Signature.parse(text) "
            f"for text and Signature.from_codes(params, results) for WASIX code bytes"
        )
    valtypes = tuple(_to_valtype(t) for t in types)
    if len(valtypes) > MAX_SIGNATURE_TYPES:
        raise InvalidValueError(f"a signature has at most {MAX_SIGNATURE_TYPES} {what}, got {len(valtypes)}")
    return valtypes


_SIGNATURE_RE = re.compile(
    r"^\s*\((?P<params>[^()]*)\)\s*->\s*(?:\((?P<results>[^()]*)\)|(?P<single>[^()\s,]+))\s*$"
)


def _split_types(text: str) -> tuple[ValType, ...]:
    text = text.strip()
    if not text:
        return ()
    return tuple(ValType.parse(part) for part in text.split(","))


@dataclass(frozen=True)
class Signature:
    """The parameter and result types of a closure. Immutable and hashable.

    ``Signature([ValType.I32], [ValType.F64])``, ``Signature(["i32"], ["f64"])`` and
    ``Signature.parse("(i32) -> f64")`` are the same signature.
    """

    params: tuple[ValType, ...]
    results: tuple[ValType, ...]
    # The WASIX codes, one byte a type: what the encoders consume.
    param_codes: bytes = field(init=False, repr=False, compare=False)
    result_codes: bytes = field(init=False, repr=False, compare=False)

    def __init__(self, params: Iterable[TypeLike] = (), results: Iterable[TypeLike] = ()) -> None:
        p = _types_of("params", params)
        r = _types_of("results", results)
        object.__setattr__(self, "params", p)
        object.__setattr__(self, "results", r)
        object.__setattr__(self, "param_codes", bytes(p))
        object.__setattr__(self, "result_codes", bytes(r))

    @classmethod
    def parse(cls, text: str) -> Signature:
        """Parse ``"(i32, i64) -> f64"``, ``"() -> ()"`` or ``"(f32) -> (i32, i64)"``."""
        match = _SIGNATURE_RE.match(text) if isinstance(text, str) else None
        if match is None:
            raise InvalidValueError(
                f"cannot parse signature {text!r}: expected the form '(i32, i64) -> f64', "
                f"'() -> ()' or '(f32) -> (i32, i64)'"
            )
        results = match["results"] if match["single"] is None else match["single"]
        return cls(_split_types(match["params"]), _split_types(results))

    @classmethod
    def from_codes(cls, params: bytes, results: bytes) -> Signature:
        """Build from WASIX type code bytes, as a guest passes them to ``closure_prepare``."""
        return cls(
            tuple(ValType.from_code(c) for c in params),
            tuple(ValType.from_code(c) for c in results),
        )

    @property
    def uses_v128(self) -> bool:
        """True when a v128 crosses this signature (wasmtime-py's Python API cannot hold one)."""
        return ValType.V128 in self.params or ValType.V128 in self.results

    def __str__(self) -> str:
        params = ", ".join(map(str, self.params))
        if len(self.results) == 1:
            return f"({params}) -> {self.results[0]}"
        return f"({params}) -> ({', '.join(map(str, self.results))})"


SignatureLike = Signature | str


def as_signature(value: SignatureLike) -> Signature:
    """Accept a :class:`Signature` or its text form."""
    if isinstance(value, Signature):
        return value
    if isinstance(value, str):
        return Signature.parse(value)
    raise InvalidValueError(f"not a signature: {value!r} (pass a Signature or text like '(i32) -> i32')")


@dataclass(frozen=True)
class MemoryImport:
    """The linear memory a trampoline module imports as ``env.memory``.

    It must match the program's memory: wasmtime refuses to link a shared import to an
    unshared memory and the other way round. The default is the reference's
    (shared, minimum 1 page, maximum 65536 pages).
    """

    shared: bool = True
    minimum: int = 1
    maximum: int | None = WASM32_MAX_PAGES

    def __post_init__(self) -> None:
        if not isinstance(self.shared, bool):
            raise InvalidValueError(f"MemoryImport.shared must be a bool, got {self.shared!r}")
        _check_pages("minimum", self.minimum)
        if self.maximum is not None:
            _check_pages("maximum", self.maximum)
            if self.maximum < self.minimum:
                raise InvalidValueError(
                    f"MemoryImport.maximum {self.maximum} is below minimum {self.minimum}"
                )
        elif self.shared:
            raise InvalidValueError("a shared MemoryImport needs a maximum (got maximum=None)")

    @classmethod
    def unshared(cls, minimum: int = 1, maximum: int | None = None) -> MemoryImport:
        """An ordinary (not shared) memory import, as most programs have."""
        return cls(shared=False, minimum=minimum, maximum=maximum)


def _check_pages(what: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= WASM32_MAX_PAGES:
        raise InvalidValueError(
            f"MemoryImport.{what} must be a page count in 0..={WASM32_MAX_PAGES}, got {value!r}"
        )


DEFAULT_MEMORY = MemoryImport()


def check_u32(what: str, value: object) -> int:
    """``value`` as an int in 0..=2**32-1, or an InvalidValueError naming it."""
    if isinstance(value, int) and 0 <= value <= U32_MAX:
        return int(value)
    raise InvalidValueError(f"{what} must be an integer in 0..=4294967295 (u32), got {value!r}")


def check_export_name(value: object) -> str:
    """``value`` if it can name the trampoline's export and GOT.func import."""
    if not isinstance(value, str) or not value:
        raise InvalidValueError(f"name must be a non-empty str, got {value!r}")
    if value == CTORS_EXPORT:
        raise InvalidValueError(f"name {value!r} collides with the module's own export {CTORS_EXPORT!r}")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidValueError(f"name {value!r} is not valid UTF-8 (it holds a lone surrogate)") from None
    return value


def decode_types(what: str, codes: bytes) -> list[ValType]:
    """The value types of WASIX type ``codes`` (``what`` names them in the error)."""
    if not isinstance(codes, (bytes, bytearray)):
        raise InvalidValueError(f"{what} must be bytes of WASIX type codes, got {codes!r}")
    try:
        return [ValType(c) for c in codes]
    except ValueError:
        bad = next(c for c in codes if c > ValType.V128)
        raise InvalidValueError(
            f"unknown value type code {bad} in {what}: expected 0 (i32), 1 (i64), 2 (f32), "
            f"3 (f64) or 4 (v128)"
        ) from None
