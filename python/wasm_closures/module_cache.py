"""Compiled modules, cached per engine and optionally on disk.

Compiling a trampoline module with Cranelift costs about a millisecond; a process prepares
closures of a handful of signatures, so each pooled module is compiled once per engine. The
optional disk cache keeps ``Module.serialize()`` output so a new process skips even that. The
same :class:`DiskCache`, in its own directory (:func:`default_program_cache_dir`), keeps
compiled programs for ``load_program(..., cache=...)`` and ``wasm-closures run``.
"""

from __future__ import annotations

import contextlib
import os
import platform
import stat
import threading
import time
import warnings
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from types import SimpleNamespace

import wasmtime

from . import _ffi
from ._ffi.modules import deserialize_module  # now, not in a first prepare (about 0.1 ms)
from .errors import ClosureError, Errno, InvalidValueError

# Bump when the layout of the modules we cache or of an entry changes, so old entries are
# never loaded.
CACHE_FORMAT = 2
# Compiled modules an engine's cache keeps; the least recently used beyond that are dropped
# (instances already made from them keep their code).
MAX_CACHED_MODULES = 1024
DEFAULT_DISK_CACHE_BYTES = 256 * 1024 * 1024
"""The default size cap of a :class:`DiskCache` directory (a pool module is 10 KB to a few MB)."""
DEFAULT_PROGRAM_CACHE_BYTES = 1024 * 1024 * 1024
"""The default size cap of the program cache (a 7 MB python.wasm compiles to a 14 MB entry)."""
PROGRAM_CACHE_SUBDIRECTORY = "programs"
# An entry is ENTRY_MAGIC, the SHA-256 of the serialized module, then the serialized module.
ENTRY_MAGIC = b"wasm-closures-cwasm\0"
_DIGEST_SIZE = 32  # SHA-256's
_ENTRY_SUFFIX = ".cwasm"
_TMP_SUFFIX = ".tmp"
# A temporary file this old was left by a writer killed before its rename (a live writer
# renames within milliseconds); younger ones may still be being written.
STALE_TMP_SECONDS = 10 * 60
# Never follow a symlink, never block on a FIFO (O_NONBLOCK), never leak the fd to a child.
_OPEN_ENTRY = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


def default_cache_dir() -> Path:
    """``$WASM_CLOSURES_CACHE_DIR``, else ``$XDG_CACHE_HOME/wasm-closures``, else ``~/.cache/wasm-closures``."""
    explicit = os.environ.get("WASM_CLOSURES_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wasm-closures"


def default_program_cache_dir() -> Path:
    """Where compiled programs are kept: the ``programs`` directory in :func:`default_cache_dir`."""
    return default_cache_dir() / PROGRAM_CACHE_SUBDIRECTORY


def program_cache(directory: str | os.PathLike[str] | None = None) -> DiskCache:
    """A :class:`DiskCache` of compiled programs in ``directory`` (default
    :func:`default_program_cache_dir`), capped at ``DEFAULT_PROGRAM_CACHE_BYTES``."""
    return DiskCache(
        default_program_cache_dir() if directory is None else directory,
        max_bytes=DEFAULT_PROGRAM_CACHE_BYTES,
    )


# Engines whose configuration is known, with a text naming it (see ``register_engine_config``).
_engine_configs: weakref.WeakKeyDictionary[wasmtime.Engine, str] = weakref.WeakKeyDictionary()


def register_engine_config(engine: wasmtime.Engine, config: str) -> None:
    """Record that ``engine`` was made with the configuration ``config`` names.

    wasmtime-py cannot read a ``Config`` back, so an engine's configuration is known only to
    the code that made it (``loader.default_engine``); disk cache entries compiled by such an
    engine are named with ``config`` too, so engines of different configurations (fuel, epoch
    interruption, threads) keep separate entries instead of replacing each other's.
    """
    _engine_configs[engine] = config


def engine_config(engine: wasmtime.Engine) -> str | None:
    """The configuration ``engine`` was registered with, or None for an engine made elsewhere."""
    return _engine_configs.get(engine)


class CacheStats(SimpleNamespace):
    """What a cache did: each count says how a requested module was obtained. Equal to another
    with the same counts."""

    compiles: int
    disk_loads: int
    memory_hits: int

    def __init__(self, compiles: int = 0, disk_loads: int = 0, memory_hits: int = 0) -> None:
        super().__init__(compiles=compiles, disk_loads=disk_loads, memory_hits=memory_hits)


class DiskCacheWarning(UserWarning):
    """A disk cache directory is not safe to load code from, so the cache is not used."""


class DiskCache:
    """A directory of serialized modules, trusted only as far as it can be checked.

    Deserializing a module runs its machine code, so nothing is loaded that this process did
    not write, and every failed check just means compiling again:

    - The directory must be owned by the current user and writable by nobody else (not by its
      group, not by others). Otherwise the disk cache is not used: a :class:`DiskCacheWarning`
      is issued once (at construction when the directory exists, else at its first use) and
      every module is compiled. It is created with mode 0700. A directory that cannot be
      created or reached (e.g. under another user's private directory) is not used either,
      without a warning.
    - An entry is opened without following a symlink and without blocking (a FIFO is
      refused), and used only if it is a regular file owned by the current user, writable by
      nobody else, no larger than ``max_bytes``, and its content matches the SHA-256 digest
      written with it (so a corrupted entry is recompiled, never run).
    - Entries are written atomically (a temporary file with mode 0600, then a rename).
    - The directory holds at most ``max_bytes`` of entries (default 256 MiB): after each
      write the least recently used (by modification time, which a load renews) are deleted.

    An entry's file name hashes the module bytes together with the wasmtime version, the
    machine, this package's cache format and the engine's configuration when it is known
    (``register_engine_config``), so a different wasmtime, platform, module layout or engine
    configuration never loads a stale entry; wasmtime itself also refuses artifacts compiled
    with incompatible engine settings, and such an entry is recompiled and replaced.
    POSIX only (it relies on ``O_NOFOLLOW``, ``dir_fd`` and file ownership).
    """

    def __init__(
        self, directory: str | os.PathLike[str] | None = None, *, max_bytes: int = DEFAULT_DISK_CACHE_BYTES
    ) -> None:
        if directory is not None:
            text = os.fspath(directory)
            if not isinstance(text, str) or not text or "\0" in text:
                # Path("") is the current directory; a NUL byte fails every later file operation.
                raise InvalidValueError(
                    f"disk_cache must be a non-empty directory path without NUL bytes, got {directory!r}"
                )
        if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes < 1:
            raise InvalidValueError(f"max_bytes must be a positive int, got {max_bytes!r}")
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        self.max_bytes = max_bytes
        self._warned = False
        # hashlib and hmac load with the cache (OpenSSL's binding takes 2 to 3 ms to import),
        # not in the first prepare that reads an entry; a process without a disk cache (the
        # CLI's --no-cache) never imports them.
        import hashlib
        import hmac

        self._sha256 = hashlib.sha256
        self._same_digest = hmac.compare_digest
        # Warns now if the directory exists and is unsafe. No exists() probe first: it raises
        # when the path cannot be reached (EACCES), and an unreachable cache is just unused.
        fd = self._open_directory(create=False)
        if fd is not None:
            os.close(fd)

    def path_for(self, wasm: bytes, config: str | None = None) -> Path:
        """The entry of ``wasm`` compiled by an engine of configuration ``config`` (see
        ``register_engine_config``; None: not known)."""
        return self.directory / self._entry_name(wasm, config)

    def _entry_name(self, wasm: bytes, config: str | None) -> str:
        digest = self._sha256()
        parts = [
            f"format={CACHE_FORMAT}",
            f"wasmtime={_ffi.WASMTIME_VERSION}",
            f"machine={platform.machine()}",
        ]
        if config is not None:
            parts.append(f"engine={config}")
        for part in parts:
            digest.update(part.encode() + b"\0")
        digest.update(wasm)
        return digest.hexdigest() + _ENTRY_SUFFIX

    def load(self, engine: wasmtime.Engine, wasm: bytes) -> wasmtime.Module | None:
        """The module of ``wasm`` from its entry, or None (missing, refused or incompatible)."""
        directory = self._open_directory(create=False)
        if directory is None:
            return None
        try:
            serialized = self._read_entry(directory, self._entry_name(wasm, engine_config(engine)))
        finally:
            os.close(directory)
        if serialized is None:
            return None
        try:
            return deserialize_module(engine, serialized)
        except wasmtime.WasmtimeError:
            return None  # compiled by an incompatible engine: compile instead (store replaces it)

    def store(self, module: wasmtime.Module, wasm: bytes, engine: wasmtime.Engine | None = None) -> None:
        """Write ``module``'s entry (atomically), then evict entries past ``max_bytes``.

        ``engine`` is the one that compiled ``module``: the entry is named with its
        registered configuration (``register_engine_config``), if any.
        """
        try:
            serialized = module.serialize()
        except wasmtime.WasmtimeError:
            return
        import secrets  # only a write needs it

        entry = ENTRY_MAGIC + self._sha256(serialized).digest() + serialized
        if len(entry) > self.max_bytes:
            return
        directory = self._open_directory(create=True)
        if directory is None:
            return
        tmp = f".{secrets.token_hex(8)}{_TMP_SUFFIX}"
        try:
            fd = os.open(
                tmp,
                os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                0o600,
                dir_fd=directory,
            )
            with os.fdopen(fd, "wb") as out:
                out.write(entry)
            # Atomic: readers never see a half-written entry; replaces a refused one too.
            name = self._entry_name(wasm, None if engine is None else engine_config(engine))
            os.replace(tmp, name, src_dir_fd=directory, dst_dir_fd=directory)
            self._evict(directory)
        except OSError:
            # A cache that cannot be written only costs a later compile.
            with contextlib.suppress(OSError):
                os.unlink(tmp, dir_fd=directory)
        finally:
            os.close(directory)

    def _open_directory(self, create: bool) -> int | None:
        """A descriptor of the cache directory if it is safe to use, else None."""
        try:
            if create:
                self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd = os.open(self.directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError:
            return None  # missing or unusable: compile instead
        status = os.fstat(fd)
        problem = None
        if status.st_uid != os.geteuid():
            problem = f"it is owned by user id {status.st_uid}, not by this user ({os.geteuid()})"
        elif status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            problem = f"its group or other users may write to it (mode {stat.filemode(status.st_mode)})"
        if problem is None:
            return fd
        os.close(fd)
        if not self._warned:
            self._warned = True
            warnings.warn(
                f"not using the disk cache {str(self.directory)!r}: {problem}; modules are compiled instead",
                DiskCacheWarning,
                stacklevel=3,
            )
        return None

    def _read_entry(self, directory: int, name: str) -> bytes | None:
        """The serialized module in entry ``name`` if every check passes (see the class docstring)."""
        try:
            fd = os.open(name, _OPEN_ENTRY, dir_fd=directory)
        except OSError:
            return None  # missing, or a symlink (ELOOP)
        try:
            status = os.fstat(fd)
            if (
                not stat.S_ISREG(status.st_mode)
                or status.st_uid != os.geteuid()
                or status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
                or status.st_size > self.max_bytes
            ):
                return None
            entry = _read_at_most(fd, status.st_size + 1)
            # Recently used: evicted last. Best effort: a read-only filesystem or an immutable
            # file refuses the touch, and the entry is no less valid for it.
            with contextlib.suppress(OSError):
                os.utime(fd)
        except OSError:
            return None
        finally:
            os.close(fd)
        header = len(ENTRY_MAGIC) + _DIGEST_SIZE
        serialized = entry[header:]
        if entry[: len(ENTRY_MAGIC)] != ENTRY_MAGIC or not self._same_digest(
            entry[len(ENTRY_MAGIC) : header], self._sha256(serialized).digest()
        ):
            return None  # truncated, corrupted or not ours
        return serialized

    def _evict(self, directory: int) -> None:
        """Delete stale temporary files, then the oldest entries until the rest fit in ``max_bytes``."""
        entries = []
        stale_before = time.time_ns() - STALE_TMP_SECONDS * 1_000_000_000
        with os.scandir(directory) as listing:
            for item in listing:
                if not item.is_file(follow_symlinks=False):
                    continue
                status = item.stat(follow_symlinks=False)
                if item.name.endswith(_ENTRY_SUFFIX):
                    entries.append((status.st_mtime_ns, status.st_size, item.name))
                elif (
                    item.name.startswith(".")
                    and item.name.endswith(_TMP_SUFFIX)
                    and status.st_mtime_ns < stale_before
                ):
                    with contextlib.suppress(OSError):
                        os.unlink(item.name, dir_fd=directory)
        total = sum(size for _, size, _ in entries)
        for _, size, name in sorted(entries):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):
                os.unlink(name, dir_fd=directory)
            total -= size


def _read_at_most(fd: int, size: int) -> bytes:
    """Up to ``size`` bytes from ``fd``, fewer only at its end (os.read without a file object:
    this is on the path of a fresh process's first prepare)."""
    chunks = []
    while size > 0:
        chunk = os.read(fd, size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)  # the one chunk itself, without a copy, when it came whole


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
        module = compile_module(engine, wasm)
        with self._lock:
            self.stats.compiles += 1
        if disk is not None:
            disk.store(module, wasm, engine)
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


# --- fork --------------------------------------------------------------------------------------
#
# wasmtime compiles a module's functions on a pool of threads (Config.parallel_compilation, on
# by default), which a forked child does not have: its first compile waits forever. So after a
# fork this package compiles on an engine of its own with parallel compilation off, and moves
# the compiled code to the embedder's engine with serialize/deserialize. wasmtime checks that
# the two engines' settings are compatible; the serial engine tries the settings that change
# compiled code (signals-based traps, fuel, epochs) until one fits, and an engine configured
# otherwise gets a ClosureError saying what to do.

_forked = False
_serial_engines: weakref.WeakKeyDictionary[wasmtime.Engine, wasmtime.Engine] = weakref.WeakKeyDictionary()
_SERIAL_SETTINGS = [
    {"signals_based_traps": traps, "consume_fuel": fuel, "epoch_interruption": epochs}
    for traps in (True, False)
    for fuel in (False, True)
    for epochs in (False, True)
]


def compile_module(engine: wasmtime.Engine, wasm: bytes | str) -> wasmtime.Module:
    """``wasmtime.Module(engine, wasm)``, also in a process forked after wasmtime compiled.

    A refused module raises ``wasmtime.WasmtimeError`` as ``wasmtime.Module`` does.
    """
    if not _forked:
        return wasmtime.Module(engine, wasm)
    serial = _serial_engines.get(engine)
    candidates = [serial] if serial is not None else [_serial_engine(s) for s in _SERIAL_SETTINGS]
    for candidate in candidates:
        compiled = wasmtime.Module(candidate, wasm)
        try:
            module = wasmtime.Module.deserialize(engine, compiled.serialize())
        except wasmtime.WasmtimeError:
            continue  # compiled with other settings than the engine's
        _serial_engines[engine] = candidate
        return module
    raise ClosureError(
        "cannot compile in this forked process: wasmtime's parallel compilation does not survive "
        "fork, and no serial engine matches this engine's settings; make the engine with "
        "Config.parallel_compilation = False before forking, or compile (prepare each signature "
        "once, or warm a disk cache) before forking",
        Errno.NOTSUP,
    )


def _serial_engine(settings: dict[str, bool]) -> wasmtime.Engine:
    config = wasmtime.Config()
    config.parallel_compilation = False
    config.wasm_threads = True
    config.shared_memory = True
    for name, value in settings.items():
        setattr(config, name, value)
    return wasmtime.Engine(config)


def _after_fork_in_child() -> None:
    """The child of a fork: compile serially, and free the locks that threads of the parent
    held (a thread compiling held its engine cache's lock, and does not exist here)."""
    global _forked, _caches_lock
    _forked = True
    _caches_lock = threading.Lock()
    for cache in list(_caches.values()):
        cache._lock = threading.RLock()


os.register_at_fork(after_in_child=_after_fork_in_child)
