"""The WebAssembly binary format: its constants, and a bounds-checked cursor to read it.

The reader (:mod:`._module_reader`), the writer (:mod:`._wasm`) and the loader take these
numbers from here.
"""

from __future__ import annotations

from ..errors import InvalidModuleError

MAGIC = b"\x00asm"
VERSION_1 = b"\x01\x00\x00\x00"
MAGIC_AND_VERSION = MAGIC + VERSION_1
PAGE_SIZE = 65536
WASM32_MAX_PAGES = 65536  # pages a 32-bit memory may have (4 GiB)
U32_MAX = 0xFFFF_FFFF

# Section ids.
SEC_CUSTOM, SEC_TYPE, SEC_IMPORT, SEC_FUNCTION, SEC_TABLE, SEC_MEMORY, SEC_GLOBAL = range(7)
SEC_EXPORT, SEC_START, SEC_ELEMENT, SEC_CODE, SEC_DATA, SEC_DATACOUNT, SEC_TAG = range(7, 14)

# External kinds, for imports and exports.
KIND_FUNC, KIND_TABLE, KIND_MEMORY, KIND_GLOBAL, KIND_TAG = range(5)

# Value types.
I32, I64, F32, F64, V128 = 0x7F, 0x7E, 0x7D, 0x7C, 0x7B
FUNCREF, EXTERNREF = 0x70, 0x6F
FUNC_TYPE = 0x60  # the form byte that starts a function type


class Reader:
    """A cursor over ``data[pos:end]`` whose every read is bounds-checked: malformed input raises
    :class:`InvalidModuleError` naming the offset and what was expected."""

    def __init__(self, data: bytes, pos: int = 0, end: int | None = None, what: str = "module") -> None:
        self.data = data
        self.pos = pos
        self.end = len(data) if end is None else end
        self.what = what

    def error(self, message: str, at: int | None = None) -> InvalidModuleError:
        return InvalidModuleError(
            f"malformed {self.what} at offset {self.pos if at is None else at}: {message}"
        )

    def at_end(self) -> bool:
        return self.pos >= self.end

    def u8(self) -> int:
        if self.pos >= self.end:
            raise self.error("unexpected end of data (expected a byte)")
        b = self.data[self.pos]
        self.pos += 1
        return b

    def take(self, n: int, what: str = "bytes") -> bytes:
        if n < 0 or self.pos + n > self.end:
            raise self.error(f"{what}: {n} bytes needed, {self.end - self.pos} left")
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return bytes(out)

    def uleb(self, bits: int = 32) -> int:
        return self._leb(bits, signed=False)

    def sleb(self, bits: int = 32) -> int:
        return self._leb(bits, signed=True)

    def _leb(self, bits: int, signed: bool) -> int:
        start = self.pos
        kind = f"{'s' if signed else 'u'}{bits}"
        result = shift = 0
        while True:
            if self.pos >= self.end:
                raise self.error("unexpected end of data inside a LEB128 integer", start)
            b = self.data[self.pos]
            self.pos += 1
            result |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                break
            if shift >= bits:
                raise self.error(f"LEB128 integer longer than {kind} allows", start)
        if signed and b & 0x40:
            result -= 1 << shift
        low, high = (-(1 << (bits - 1)), 1 << (bits - 1)) if signed else (0, 1 << bits)
        if not low <= result < high:
            raise self.error(f"LEB128 value {result} does not fit {kind}", start)
        return result

    def count(self, what: str, min_item_size: int = 1) -> int:
        """A vector length, checked against the bytes left so a huge count fails fast."""
        at = self.pos
        n = self.uleb()
        if n * min_item_size > self.end - self.pos:
            raise self.error(f"{what} count {n} exceeds the {self.end - self.pos} bytes left", at)
        return n

    def name(self) -> str:
        at = self.pos
        raw = self.take(self.uleb(), "name")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise self.error("name is not valid UTF-8", at) from None
