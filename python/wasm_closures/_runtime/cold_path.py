"""What the native core asks Python for: the cold work of a native ``ClosureRuntime``.

The core (``_native.RuntimeCore``) runs warm allocates, prepares and frees itself, from the
Python API and from the guest's syscalls alike. What it cannot do without Python it asks of
the ``ColdPath`` it was made with (``_native.pyi`` declares the protocol), with the GIL and
without its own lock, then tries again:

- ``bind_from_caller``: a guest's first syscall binds the runtime to the caller's exports;
- ``register_signature`` and ``as_signature``: a signature the core has not seen;
- ``check_backing``: the first type check of a backing function;
- ``grow_table_pool`` and ``grow_direct_pool``: a pool with no free trampoline left;
- ``prepare_checked`` and ``free_checked``: arguments that are not plain u32 ints, checked in
  the pure-Python runtime's order so that both runtimes raise the same exceptions.

``NativeColdPath`` is that object for a ``ClosureRuntime``. It holds the runtime weakly (the
runtime holds it, and the core holds it weakly in turn), so a collected runtime frees its core.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, cast

from ..errors import ClosureError, Errno
from .facts import MESSAGES

if TYPE_CHECKING:
    from .._format.types import Signature, SignatureLike
    from ..runtime import ClosureRuntime


class NativeColdPath:
    """The cold work of one ``ClosureRuntime``, for its native core (``_native.ColdPath``)."""

    __slots__ = ("__weakref__", "_runtime")

    def __init__(self, runtime: ClosureRuntime) -> None:
        self._runtime = weakref.ref(runtime)

    def runtime(self) -> ClosureRuntime:
        """The runtime, or NOTSUP once it was collected."""
        runtime = self._runtime()
        if runtime is None:
            raise ClosureError(MESSAGES["RUNTIME_GONE"], Errno.NOTSUP)
        return runtime

    def bind_from_caller(self, caller_address: int) -> None:
        self.runtime()._bind_from_caller(caller_address)

    def register_signature(self, signature: Signature | None, params: bytes, results: bytes) -> Signature:
        return self.runtime()._register_signature(signature, params, results)

    def as_signature(self, signature: object) -> Signature:
        return self.runtime()._as_signature(cast("SignatureLike", signature))  # checked there

    def check_backing(self, index: int) -> bytes:
        return self.runtime()._check_backing(index)

    def grow_table_pool(self, signature: Signature) -> tuple[bytes, int]:
        return self.runtime()._grow_table_pool(signature)

    def grow_direct_pool(
        self, signature: Signature, backing_function: int, identity: bytes
    ) -> tuple[bytes, int] | str | None:
        return self.runtime()._grow_direct_pool(signature, backing_function, identity)

    def prepare_checked(
        self, closure: object, backing_function: object, signature: object, env: object
    ) -> None:
        self.runtime()._prepare_checked(closure, backing_function, signature, env)

    def free_checked(self, closure: object) -> None:
        self.runtime()._free_checked(closure)
