//! `wasm_closures._native`: the native core of wasm-closures, in two parts.
//!
//! - The encoder of the WASIX closure module (`closure_module.rs`, no Python in it), wrapped
//!   here as `encode`, the Rust backend of `wasm_closures.encode_closure_module`. It has
//!   exactly the contract of the Python backend `wasm_closures._encoders.encode_py.encode`: the same
//!   arguments, the same checks in the same order, the same messages, the same bytes. Bad
//!   values raise `wasm_closures.errors.InvalidValueError`. The pool modules' encoder
//!   (`pool_module.rs`) is wrapped as `encode_pool_module`, the twin of
//!   `wasm_closures._encoders.pool_module.encode_pool_module` (the same bytes and size check).
//! - The runtime core that serves a `ClosureRuntime`: `capi.rs` (wasmtime's C API, bound from
//!   wasmtime-py's library; see docs/native.md), `runtime.rs` (a runtime's warm state and
//!   operations), `runtime_api.rs` (its Python face, `RuntimeCore`), `syscalls.rs` (the WASIX
//!   closure syscalls as native host functions), `call_dynamic.rs` (the `call_dynamic`
//!   syscall), `linker.rs` (their definitions in a linker), `host_function.rs` (the native
//!   callback of the Python runtime's host functions) and `interpreter_exit.rs` (no GIL
//!   while the interpreter exits).
//!
//! `facts.rs` holds what the core and the pure-Python runtime share (`FACTS`). This file
//! registers it all.

mod call_dynamic;
mod capi;
mod closure_module;
mod facts;
mod host_function;
mod interpreter_exit;
mod linker;
mod op_lock;
mod pool_module;
mod runtime;
mod runtime_api;
mod syscalls;

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyInt, PyString, PyType};
use std::borrow::Cow;
use std::cell::RefCell;

use closure_module::{
    check_name, ClosureModule, Encoder, MemoryImport, TypeCodes, TypeList, WASM32_MAX_PAGES,
};

/// `wasm_closures.errors.InvalidValueError`, imported on first use.
static INVALID_VALUE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

thread_local! {
    /// Each thread's encoder: its buffers are reused from one module to the next.
    static ENCODER: RefCell<Encoder> = const { RefCell::new(Encoder::new()) };
}

/// Buffers larger than this are given back after the module is encoded.
const KEEP_BUFFER_BYTES: usize = 64 * 1024;

/// An `InvalidValueError` (a `ValueError` if the Python package cannot be imported).
#[cold]
fn invalid(py: Python<'_>, message: String) -> PyErr {
    match INVALID_VALUE_ERROR.import(py, "wasm_closures.errors", "InvalidValueError") {
        Ok(class) => PyErr::from_type(class.clone(), message),
        Err(_) => PyValueError::new_err(message),
    }
}

/// `repr(value)`, as the Python backend's `{value!r}`.
#[cold]
fn repr(value: &Bound<'_, PyAny>) -> String {
    match value.repr() {
        Ok(text) => text.to_string_lossy().into_owned(),
        Err(_) => "<unrepresentable object>".to_owned(),
    }
}

/// `isinstance(value, int) and 0 <= value <= 2**32 - 1` (a bool counts, as in Python).
#[inline]
fn u32_arg(py: Python<'_>, what: &str, value: &Bound<'_, PyAny>) -> PyResult<u32> {
    if value.is_instance_of::<PyInt>() {
        if let Ok(v) = value.extract::<u32>() {
            return Ok(v);
        }
    }
    Err(invalid(
        py,
        format!(
            "{what} must be an integer in 0..=4294967295 (u32), got {}",
            repr(value)
        ),
    ))
}

/// A page count: an int (not a bool) in 0..=65536.
#[inline]
fn pages_arg(py: Python<'_>, what: &str, value: &Bound<'_, PyAny>) -> PyResult<u64> {
    if value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
        if let Ok(v) = value.extract::<u64>() {
            if v <= u64::from(WASM32_MAX_PAGES) {
                return Ok(v);
            }
        }
    }
    Err(invalid(
        py,
        format!(
            "MemoryImport.{what} must be a page count in 0..={WASM32_MAX_PAGES}, got {}",
            repr(value)
        ),
    ))
}

/// The bytes of a `bytes` (or `bytearray`) of WASIX type codes.
#[inline]
fn codes_arg<'a>(
    py: Python<'_>,
    list: TypeList,
    value: &'a Bound<'_, PyAny>,
) -> PyResult<Cow<'a, [u8]>> {
    if let Ok(bytes) = value.cast::<PyBytes>() {
        return Ok(Cow::Borrowed(bytes.as_bytes()));
    }
    if let Ok(array) = value.cast::<PyByteArray>() {
        return Ok(Cow::Owned(array.to_vec()));
    }
    Err(invalid(
        py,
        format!(
            "{} must be bytes of WASIX type codes, got {}",
            list.as_str(),
            repr(value)
        ),
    ))
}

/// A signature's params or results, checked.
fn type_codes<'a>(py: Python<'_>, list: TypeList, codes: &'a [u8]) -> PyResult<TypeCodes<'a>> {
    TypeCodes::new(list, codes).map_err(|e| invalid(py, e.to_string()))
}

/// The memory import, checked like the Python `MemoryImport`.
fn memory_arg(
    py: Python<'_>,
    shared: &Bound<'_, PyAny>,
    minimum: &Bound<'_, PyAny>,
    maximum: &Bound<'_, PyAny>,
) -> PyResult<MemoryImport> {
    let Ok(shared) = shared.cast::<PyBool>() else {
        return Err(invalid(
            py,
            format!("MemoryImport.shared must be a bool, got {}", repr(shared)),
        ));
    };
    let minimum = pages_arg(py, "minimum", minimum)?;
    let maximum = if maximum.is_none() {
        None
    } else {
        Some(pages_arg(py, "maximum", maximum)?)
    };
    MemoryImport::new(shared.is_true(), minimum, maximum).map_err(|e| invalid(py, e.to_string()))
}

/// Encode the WASIX closure module of docs/spec.md; the contract of `_encoders.encode_py.encode`.
#[pyfunction]
#[pyo3(signature = (name, closure, backing_function, env, param_codes, result_codes, shared, minimum, maximum))]
#[allow(clippy::too_many_arguments)]
fn encode<'py>(
    py: Python<'py>,
    name: &Bound<'py, PyAny>,
    closure: &Bound<'py, PyAny>,
    backing_function: &Bound<'py, PyAny>,
    env: &Bound<'py, PyAny>,
    param_codes: &Bound<'py, PyAny>,
    result_codes: &Bound<'py, PyAny>,
    shared: &Bound<'py, PyAny>,
    minimum: &Bound<'py, PyAny>,
    maximum: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    // 1. The name: a non-empty str, not the constructor's export, encodable as UTF-8.
    let Ok(name_str) = name.cast::<PyString>() else {
        return Err(invalid(
            py,
            format!("name must be a non-empty str, got {}", repr(name)),
        ));
    };
    // The UTF-8 bytes of the name, borrowed from a bytes object (no copy into a String).
    let name_bytes = match name_str.encode_utf8() {
        Ok(bytes) => bytes,
        Err(_) => {
            return Err(invalid(
                py,
                format!(
                    "name {} is not valid UTF-8 (it holds a lone surrogate)",
                    repr(name)
                ),
            ))
        }
    };
    let Ok(name_utf8) = std::str::from_utf8(name_bytes.as_bytes()) else {
        return Err(invalid(
            py,
            format!("name {} is not valid UTF-8", repr(name)),
        ));
    };
    // Both messages are those of the Python backend: the name is '' or '__wasm_call_ctors',
    // whose repr is the quoted text.
    check_name(name_utf8).map_err(|e| invalid(py, e.to_string()))?;

    // 2. The three u32 constants.
    let closure = u32_arg(py, "closure", closure)?;
    let backing_function = u32_arg(py, "backing_function", backing_function)?;
    let env = u32_arg(py, "env", env)?;

    // 3. The type codes.
    let param_codes = codes_arg(py, TypeList::Params, param_codes)?;
    let params = type_codes(py, TypeList::Params, &param_codes)?;
    let result_codes = codes_arg(py, TypeList::Results, result_codes)?;
    let results = type_codes(py, TypeList::Results, &result_codes)?;

    // 4. The memory import.
    let memory = memory_arg(py, shared, minimum, maximum)?;

    let module = ClosureModule {
        name: name_utf8,
        closure,
        backing_function,
        env,
        params,
        results,
        memory,
    };
    let reused = ENCODER.try_with(|encoder| {
        let mut encoder = encoder.try_borrow_mut().ok()?;
        let bytes = PyBytes::new(py, encoder.encode(&module));
        encoder.trim(KEEP_BUFFER_BYTES);
        Some(bytes)
    });
    // The thread's encoder is always there and free (nothing re-enters it, and its thread is
    // running); were it not, use a fresh encoder rather than fail.
    Ok(match reused {
        Ok(Some(bytes)) => bytes,
        _ => PyBytes::new(py, &Encoder::new().into_bytes(&module)),
    })
}

/// A pool's trampoline count: an int (not a bool) in 1..=POOL_MAX_SIZE; the Python encoder's
/// check and message.
fn pool_size_arg(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<u32> {
    if value.is_instance_of::<PyInt>() && !value.is_instance_of::<PyBool>() {
        if let Ok(size) = value.extract::<u32>() {
            if (1..=facts::POOL_MAX_SIZE).contains(&size) {
                return Ok(size);
            }
        }
    }
    Err(invalid(
        py,
        format!(
            "size must be an integer in 1..={}, got {}",
            facts::POOL_MAX_SIZE,
            repr(value)
        ),
    ))
}

/// Encode a pooled trampoline module; the contract of
/// `_encoders.pool_module.encode_pool_module`, with the signature and the memory import as
/// their parts (the same bytes for every input).
#[pyfunction]
#[pyo3(signature = (param_codes, result_codes, shared, minimum, maximum, size, direct, export_trampolines))]
#[allow(clippy::too_many_arguments)]
fn encode_pool_module<'py>(
    py: Python<'py>,
    param_codes: &Bound<'py, PyAny>,
    result_codes: &Bound<'py, PyAny>,
    shared: &Bound<'py, PyAny>,
    minimum: &Bound<'py, PyAny>,
    maximum: &Bound<'py, PyAny>,
    size: &Bound<'py, PyAny>,
    direct: &Bound<'py, PyAny>,
    export_trampolines: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let param_codes = codes_arg(py, TypeList::Params, param_codes)?;
    let params = type_codes(py, TypeList::Params, &param_codes)?;
    let result_codes = codes_arg(py, TypeList::Results, result_codes)?;
    let results = type_codes(py, TypeList::Results, &result_codes)?;
    let memory = memory_arg(py, shared, minimum, maximum)?;
    let module = pool_module::PoolModule {
        params,
        results,
        memory,
        size: pool_size_arg(py, size)?,
        // Truth values, as the Python encoder's `if direct:`.
        direct: direct.is_truthy()?,
        export_trampolines: export_trampolines.is_truthy()?,
    };
    Ok(PyBytes::new(py, &module.encode()))
}

/// Bind wasmtime's C API from wasmtime-py's library: `handle` is its `dlopen` handle,
/// `sizes` wasmtime-py's ctypes struct sizes. Raises `RuntimeError` with the reason.
#[pyfunction]
fn init_capi(handle: usize, sizes: Vec<(String, usize)>) -> PyResult<()> {
    if handle == 0 {
        return Err(PyRuntimeError::new_err(
            "wasmtime-py's library handle is NULL",
        ));
    }
    // SAFETY: the Python caller passes `wasmtime._ffi.dll._handle`, the handle of the library
    // wasmtime-py loaded, which stays loaded for the process' life.
    unsafe { capi::init(handle, &sizes) }.map_err(PyRuntimeError::new_err)
}

/// The native core of wasm-closures.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(encode, m)?)?;
    m.add_function(wrap_pyfunction!(encode_pool_module, m)?)?;
    m.add_function(wrap_pyfunction!(init_capi, m)?)?;
    m.add_function(wrap_pyfunction!(linker::define_closure_syscalls, m)?)?;
    m.add_function(wrap_pyfunction!(linker::define_call_dynamic, m)?)?;
    m.add_function(wrap_pyfunction!(syscalls::use_errno_rule, m)?)?;
    m.add_function(wrap_pyfunction!(host_function::define_host_function, m)?)?;
    m.add_function(wrap_pyfunction!(interpreter_exit::interpreter_exiting, m)?)?;
    m.add_class::<runtime_api::RuntimeCore>()?;
    m.add_class::<runtime_api::StoreClosedFlag>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("FACTS", facts::export(m.py())?)?;
    Ok(())
}
