//! The native callback behind `wasm_closures._ffi.define_i32_func` (the pure-Python
//! runtime's syscalls and any other `(i32 x N) -> i32` Python host function).
//!
//! A ctypes callback that lets an exception escape returns an uninitialised pointer, which
//! wasmtime takes for a trap to free (an abort) or, when it happens to be 0, for success.
//! Python cannot fully guard its own callback: an asynchronous exception (a KeyboardInterrupt
//! from a signal handler) can strike as the function is entered, before any `try`, and a
//! RecursionError before it runs at all. So wasmtime calls this function, which calls the
//! Python dispatcher and answers NULL (the dispatcher wrote the result to slot 0) or an owned
//! trap: after an exception, which it leaves in `wasmtime._func.LAST_EXCEPTION` for the call
//! into wasm to re-raise (as wasmtime-py does for its own host functions), or while the
//! interpreter exits. Two exceptions are answered otherwise (issue 15): Python running out of
//! stack is wasmtime's own "call stack exhausted" trap, and a `PassedFailure` (a call's own
//! failure, see `FastCall.call_passing_failures`) is handed back to wasmtime as itself.

use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::{PyRecursionError, PyRuntimeError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

use crate::capi::{self, Api, Caller, FuncType, Trap, ValRaw};
use crate::interpreter_exit;

/// `wasm_closures._ffi.host_functions._host_call(key, caller_address, raw_address)`.
static DISPATCH: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
/// `_HOST_FUNCS.pop`: a C method, so forgetting a definition runs no Python code.
static FORGET: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
/// The `wasmtime._func` module, whose `LAST_EXCEPTION` wasmtime-py re-raises after a trap.
static WASMTIME_FUNC: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
/// `wasm_closures._ffi.calls.PassedFailure`: a call's failure to hand back to wasmtime as is.
static PASSED_FAILURE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
/// `ctypes.ArgumentError`, which wraps a RecursionError raised while ctypes converts arguments.
static ARGUMENT_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
/// The message of a trap that re-raises a Python exception (wasmtime-py's own).
const PYTHON_EXCEPTION: &str = "python exception";

/// What a definition owns: the key of its Python function in `_HOST_FUNCS`.
struct HostEnv {
    key: u64,
}

/// An owned trap for a host function to return after `error`, which is kept where
/// wasmtime-py looks for a host function's exception: the call into wasm re-raises it. No
/// Python code runs, so no asynchronous exception can strike here.
pub fn trap_keeping(py: Python<'_>, api: &Api, error: PyErr) -> *mut Trap {
    let value = error.into_value(py).into_bound(py);
    if let Ok(module) =
        WASMTIME_FUNC.get_or_try_init(py, || py.import("wasmtime._func").map(Bound::unbind))
    {
        // A module's generic setattr.
        let _ = module.bind(py).setattr("LAST_EXCEPTION", value);
    }
    api.new_trap(PYTHON_EXCEPTION)
}

/// Whether `error` says Python ran out of stack (a RecursionError, or ctypes' wrapper of one).
pub(crate) fn exhausts_the_stack(py: Python<'_>, error: &PyErr) -> bool {
    if error.is_instance_of::<PyRecursionError>(py) {
        return true;
    }
    ARGUMENT_ERROR.get(py).is_some_and(|class| {
        error.is_instance(py, class.bind(py))
            && error
                .value(py)
                .str()
                .is_ok_and(|text| text.to_string_lossy().contains("RecursionError"))
    })
}

/// The owned trap a host function returns after `error`: wasmtime's stack overflow trap when
/// Python ran out of stack, a passed failure itself, else a trap keeping the exception.
fn trap_for_error(py: Python<'_>, api: &Api, error: PyErr) -> *mut Trap {
    if exhausts_the_stack(py, &error) {
        return api.stack_overflow_trap();
    }
    let passed = PASSED_FAILURE
        .get(py)
        .is_some_and(|class| error.is_instance(py, class.bind(py)));
    if !passed {
        return trap_keeping(py, api, error);
    }
    // Python code runs here (wasmtime-py gives up the failure's pointer): an exception meanwhile
    // (an interrupt) is kept and trapped instead, and the failure's object frees its own.
    match error
        .value(py)
        .call_method0("trap_address")
        .and_then(|address| address.extract::<usize>())
    {
        Ok(0) => api.new_trap(PYTHON_EXCEPTION),
        Ok(address) => address as *mut Trap,
        Err(interrupted) => trap_keeping(py, api, interrupted),
    }
}

unsafe extern "C" fn callback(
    env: *mut c_void,
    caller: *mut Caller,
    args: *mut ValRaw,
    _n: usize,
) -> *mut Trap {
    let Some(api) = capi::api() else {
        // Unreachable: `define_host_function` defines nothing before the API is bound.
        return std::ptr::null_mut();
    };
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the definition owns `env` (a `HostEnv`) until its finalizer runs.
        let key = unsafe { &*(env as *const HostEnv) }.key;
        interpreter_exit::attach(|py| {
            let called = DISPATCH
                .get(py)
                .ok_or_else(|| PyRuntimeError::new_err("no host function dispatcher"))
                .and_then(|dispatch| {
                    dispatch
                        .bind(py)
                        .call1((key, caller as usize, args as usize))
                        .map(drop)
                });
            match called {
                Ok(()) => std::ptr::null_mut(),
                Err(error) => trap_for_error(py, api, error),
            }
        })
    }));
    match outcome {
        Ok(Some(trap)) => trap,
        Ok(None) => api.new_trap(interpreter_exit::EXITING_MESSAGE),
        Err(_) => api.new_trap("panic in a host function"),
    }
}

/// The finalizer of a definition: forget its Python function, then its environment.
unsafe extern "C" fn finalize(env: *mut c_void) {
    let _ = catch_unwind(|| {
        // SAFETY: `env` came from `Box::into_raw` in `define_host_function`; wasmtime calls
        // the finalizer once.
        let env = unsafe { Box::from_raw(env as *mut HostEnv) };
        // While the interpreter exits the entry stays: the registry dies with the process.
        interpreter_exit::attach(|py| {
            if let Some(forget) = FORGET.get(py) {
                let _ = forget.bind(py).call1((env.key, py.None())).map(drop);
            }
        });
    });
}

/// Define `module.name` in the linker at `linker`, of the function type at `functype`, run by
/// the Python function registered under `key` (see `_ffi.host_functions`). `dispatch` and
/// `forget` are the registry's call and removal functions.
///
/// The caller keeps the linker and the function type alive during the call.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
pub fn define_host_function(
    py: Python<'_>,
    linker: usize,
    module: &str,
    name: &str,
    functype: usize,
    key: u64,
    dispatch: Py<PyAny>,
    forget: Py<PyAny>,
) -> PyResult<()> {
    let api =
        capi::api().ok_or_else(|| PyRuntimeError::new_err("the native core is not initialised"))?;
    let _ = DISPATCH.set(py, dispatch);
    let _ = FORGET.set(py, forget);
    // Imported now, so that answering an exception later imports nothing.
    PASSED_FAILURE.import(py, "wasm_closures._ffi.calls", "PassedFailure")?;
    ARGUMENT_ERROR.import(py, "ctypes", "ArgumentError")?;
    let env = Box::into_raw(Box::new(HostEnv { key }));
    // SAFETY: per the contract; the strings are passed with their lengths; wasmtime owns
    // `env` from here on and runs `finalize` on it (also when the definition fails).
    let error = unsafe {
        (api.linker_define_func_unchecked)(
            linker as *mut c_void,
            module.as_ptr().cast(),
            module.len(),
            name.as_ptr().cast(),
            name.len(),
            functype as *const FuncType,
            callback,
            env.cast(),
            Some(finalize),
        )
    };
    if error.is_null() {
        Ok(())
    } else {
        // SAFETY: a non-null error the C call returned, owned by us.
        Err(PyRuntimeError::new_err(unsafe {
            api.take_error_message(error)
        }))
    }
}
