"""Compiled trampoline modules, cached per engine and optionally on disk.

Compiling a trampoline module with Cranelift costs about a millisecond; a process prepares
closures of a handful of signatures, so each pooled module is compiled once per engine. The
optional disk cache keeps ``Module.serialize()`` output so a new process skips even that.
"""

from __future__ import annotations

import hashlib
import os
import platform
import tempfile
import threading
import weakref
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import wasmtime

from . import _ffi
from .errors import InvalidValueError

# Bump when the layout of the modules we cache changes, so old entries are never loaded.
CACHE_FORMAT = 1
# Compiled modules an engine's cache keeps; the least recently used beyond that are dropped
# (instances already made from them keep their code).
MAX_CACHED_MODULES = 1024


def default_cache_dir() -> Path:
    """``$WASM_CLOSURES_CACHE_DIR``, else ``$XDG_CACHE_HOME/wasm-closures``, else ``~/.cache/wasm-closures``."""
    explicit = os.environ.get("WASM_CLOSURES_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wasm-closures"


@dataclass
class CacheStats:
    """What a cache did: each count says how a requested module was obtained."""

    compiles: int = 0
    disk_loads: int = 0
    memory_hits: int = 0


class DiskCache:
    """A directory of serialized modules.

    An entry's file name hashes the module bytes together with the wasmtime version, the
    machine and this package's cache format, so a different wasmtime, platform or module
    layout can never load a stale entry; wasmtime itself also refuses artifacts compiled
    with incompatible engine settings, and such an entry is recompiled and replaced.
    Only point it at a directory you own: deserializing is only safe for trusted files.
    """

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        if directory is not None:
            text = os.fspath(directory)
            if not isinstance(text, str) or not text or "\0" in text:
                # Path("") is the current directory; a NUL byte fails every later file operation.
                raise InvalidValueError(
                    f"disk_cache must be a non-empty directory path without NUL bytes, got {directory!r}"
                )
        self.directory = Path(directory) if directory is not None else default_cache_dir()

    def path_for(self, wasm: bytes) -> Path:
        digest = hashlib.sha256()
        for part in (
            f"format={CACHE_FORMAT}",
            f"wasmtime={_ffi.WASMTIME_VERSION}",
            f"machine={platform.machine()}",
        ):
            digest.update(part.encode() + b"\0")
        digest.update(wasm)
        return self.directory / f"{digest.hexdigest()}.cwasm"

    def load(self, engine: wasmtime.Engine, wasm: bytes) -> wasmtime.Module | None:
        path = self.path_for(wasm)
        try:
            return wasmtime.Module.deserialize_file(engine, str(path))
        except (OSError, wasmtime.WasmtimeError):
            return None  # missing, unreadable or incompatible: compile instead

    def store(self, module: wasmtime.Module, wasm: bytes) -> None:
        path = self.path_for(wasm)
        tmp = None
        try:
            serialized = module.serialize()
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(fd, "wb") as out:
                out.write(serialized)
            os.replace(tmp, path)  # atomic: readers never see a half-written entry
        except (OSError, wasmtime.WasmtimeError):
            # A cache that cannot be written only costs a later compile.
            if tmp is not None and os.path.exists(tmp):
                os.unlink(tmp)


class ModuleCache:
    """Compiled modules of one engine, by key. Safe to share between threads and stores.

    It holds its engine weakly, so that the engine (and every module) goes away with the last
    store that uses it, and keeps at most ``MAX_CACHED_MODULES`` modules.
    """

    def __init__(self, engine: wasmtime.Engine) -> None:
        self._engine = weakref.ref(engine)
        self.stats = CacheStats()
        self._modules: OrderedDict[Hashable, wasmtime.Module] = OrderedDict()
        self._lock = threading.RLock()

    def get(
        self, key: Hashable, encode: Callable[[], bytes], disk: DiskCache | None = None
    ) -> wasmtime.Module:
        """The module for ``key``, compiling ``encode()`` (or loading it from ``disk``) the first time."""
        with self._lock:
            module = self._modules.get(key)
            if module is not None:
                self._modules.move_to_end(key)
                self.stats.memory_hits += 1
                return module
            module = self.load_or_compile(encode(), disk)
            self._modules[key] = module
            if len(self._modules) > MAX_CACHED_MODULES:
                self._modules.popitem(last=False)
            return module

    def load_or_compile(self, wasm: bytes, disk: DiskCache | None = None) -> wasmtime.Module:
        """Compile ``wasm`` (or load it from ``disk``) without remembering it in memory."""
        engine = self._engine()
        if engine is None:
            raise ReferenceError("the engine of this module cache is gone")
        if disk is not None:
            module = disk.load(engine, wasm)
            if module is not None:
                with self._lock:
                    self.stats.disk_loads += 1
                return module
        module = wasmtime.Module(engine, wasm)
        with self._lock:
            self.stats.compiles += 1
        if disk is not None:
            disk.store(module, wasm)
        return module


_caches: weakref.WeakKeyDictionary[wasmtime.Engine, ModuleCache] = weakref.WeakKeyDictionary()
_caches_lock = threading.Lock()


def module_cache_for(engine: wasmtime.Engine) -> ModuleCache:
    """The one ModuleCache of ``engine``, shared by every runtime that uses it."""
    with _caches_lock:
        cache = _caches.get(engine)
        if cache is None:
            cache = _caches[engine] = ModuleCache(engine)
        return cache
