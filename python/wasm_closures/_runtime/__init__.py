"""The runtime's layers below ``ClosureRuntime``: which runtime serves (``backend``), the
facts both runtimes share (``facts``), the strategies, the syscalls in Python (``wasix``,
``call_dynamic``) and the native core's cold path (``cold_path``)."""
