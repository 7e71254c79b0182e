"""ctypes inside wasm: callbacks, qsort with a Python comparator, pythonapi, and an exception
raised inside a callback. Run it with python.wasm (see README, "Python's ctypes inside wasm"):

    wasm-closures run --dir DIR/lib::/lib --dir guests/cpython::/demo --env PYTHONHOME=/ \\
        DIR/python.wasm /demo/demo.py

Each ``CFUNCTYPE(...)(function)`` is a WASIX closure (``closure_allocate`` and
``closure_prepare``); each call through ctypes is ``call_dynamic``.
"""

import ctypes
import sys
from ctypes import CFUNCTYPE, POINTER, c_char_p, c_double, c_float, c_int, c_int64, py_object

# Callbacks of several signatures, called through ctypes (ffi_call -> call_dynamic -> closure).
add = CFUNCTYPE(c_int, c_int, c_int)(lambda a, b: a + b)
scale = CFUNCTYPE(c_double, c_double, c_float)(lambda x, k: x * k)
wide = CFUNCTYPE(c_int64, c_int64)(lambda v: v * 3)
seen = []
note = CFUNCTYPE(None, c_char_p)(lambda text: seen.append(text.decode()))
note(b"no result")
print(
    f"callbacks: add(2, 40) = {add(2, 40)}, scale(1.5, 4) = {scale(1.5, 4.0)}, "
    f"wide(2**40) = {wide(2**40)}, note -> {seen}"
)

# qsort from the C library, with a Python comparator.
libc = ctypes.CDLL(None)
calls = 0


@CFUNCTYPE(c_int, POINTER(c_int), POINTER(c_int))
def compare(a, b):
    global calls
    calls += 1
    return (a[0] > b[0]) - (a[0] < b[0])


values = (c_int * 8)(5, 3, 9, 1, 8, 2, 7, 4)
libc.qsort(values, len(values), ctypes.sizeof(c_int), compare)
print(f"qsort: {list(values)} ({'some' if calls else 'no'} comparator calls)")

# pythonapi: the interpreter's own C API, called through ctypes.
ctypes.pythonapi.PyLong_FromLong.restype = py_object
ctypes.pythonapi.PyLong_FromLong.argtypes = (ctypes.c_long,)
ctypes.pythonapi.Py_GetVersion.restype = c_char_p
version = ctypes.pythonapi.Py_GetVersion().decode().split()[0]
print(f"pythonapi: PyLong_FromLong(42) = {ctypes.pythonapi.PyLong_FromLong(42)}, Py_GetVersion() = {version}")

# An exception raised inside a callback: ctypes reports it as unraisable (here to a hook) and
# the C caller gets an unspecified result, as with native ctypes; the program goes on.
raised = []
sys.unraisablehook = lambda unraisable: raised.append(repr(unraisable.exc_value))


@CFUNCTYPE(c_int, c_int)
def fails(value):
    raise ValueError(f"bad value {value}")


fails(13)
print(f"exception in a callback: reported {raised}, and the program goes on")
