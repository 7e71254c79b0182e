"""The package's version. Its one source is Cargo.toml: maturin writes it into the
distribution's metadata and compiles it into the extension."""

from __future__ import annotations

DISTRIBUTION = "wasm-closures"
UNKNOWN = "0+unknown"
"""The version of a source checkout that is neither built nor installed."""


def package_version() -> str:
    """The extension's version if it is built, else the installed distribution's."""
    try:
        from ._native import __version__ as native_version
    except ImportError:  # a source checkout without the built extension
        pass
    else:
        return native_version
    import importlib.metadata  # only here: importing it costs about 20 ms of start-up

    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return UNKNOWN
