//! Defining the native syscalls in a linker: the closure syscalls (`syscalls.rs`) and
//! `call_dynamic` (`call_dynamic.rs`), each a host function of wasmtime's unchecked kind whose
//! environment holds the runtime's core weakly.

use std::ffi::c_void;
use std::panic::catch_unwind;
use std::sync::Arc;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

use crate::capi::{self, Api, FuncType};
use crate::runtime_api::Core;
use crate::runtime_api::RuntimeCore;
use crate::syscalls::{closure_allocate, closure_free, closure_prepare, SyscallEnv, MODULE};

/// The finalizer of a definition: drop its environment.
unsafe extern "C" fn drop_env(env: *mut c_void) {
    let _ = catch_unwind(|| {
        // SAFETY: `env` came from `Box::into_raw` in `define`; wasmtime calls the
        // finalizer once.
        drop(unsafe { Box::from_raw(env as *mut SyscallEnv) });
    });
}

/// Define `name` in `linker` as a host function of type `functype` calling `callback` with
/// a new environment holding `core` weakly.
///
/// # Safety
/// `linker` and `functype` are live `wasmtime_linker_t*` / `wasm_functype_t*`.
unsafe fn define(
    api: &Api,
    linker: usize,
    name: &str,
    functype: usize,
    callback: capi::UncheckedCallback,
    core: &Arc<Core>,
) -> Result<(), String> {
    let env = Box::into_raw(Box::new(SyscallEnv {
        core: Arc::downgrade(core),
    }));
    // SAFETY: per the contract; the strings are passed with their lengths; wasmtime owns
    // `env` from here on and runs `drop_env` on it (also when the definition fails).
    let error = unsafe {
        (api.linker_define_func_unchecked)(
            linker as *mut c_void,
            MODULE.as_ptr().cast(),
            MODULE.len(),
            name.as_ptr().cast(),
            name.len(),
            functype as *const FuncType,
            callback,
            env.cast(),
            Some(drop_env),
        )
    };
    if error.is_null() {
        Ok(())
    } else {
        // SAFETY: a non-null error the C call returned, owned by us.
        Err(unsafe { api.take_error_message(error) })
    }
}

/// Define the closure syscalls of `core` in a linker: `closure_allocate`, `closure_prepare`,
/// `closure_free` and, with `six` (not 0), `call_dynamic`.
///
/// `linker` is the `wasmtime_linker_t*`, `unary`, `seven` and `six` the `wasm_functype_t*`
/// of `(i32) -> i32`, `(i32 x 7) -> i32` and `(i32 x 6) -> i32`; the caller keeps them alive
/// during the call.
#[pyfunction]
#[pyo3(signature = (core, linker, unary, seven, six = 0))]
pub fn define_closure_syscalls(
    core: &Bound<'_, RuntimeCore>,
    linker: usize,
    unary: usize,
    seven: usize,
    six: usize,
) -> PyResult<()> {
    let api =
        capi::api().ok_or_else(|| PyRuntimeError::new_err("the native core is not initialised"))?;
    let core: &Arc<Core> = &core.get().core;
    let mut syscalls: Vec<(&str, capi::UncheckedCallback, usize)> = vec![
        ("closure_allocate", closure_allocate, unary),
        ("closure_prepare", closure_prepare, seven),
        ("closure_free", closure_free, unary),
    ];
    if six != 0 {
        syscalls.push(("call_dynamic", crate::call_dynamic::callback, six));
    }
    for (name, callback, functype) in syscalls {
        // SAFETY: the Python caller's contract: live linker and function types.
        unsafe { define(api, linker, name, functype, callback, core) }.map_err(|message| {
            PyRuntimeError::new_err(format!("cannot define {MODULE}.{name}: {message}"))
        })?;
    }
    Ok(())
}

/// Define only `call_dynamic` of `core` in a linker, for a runtime whose closure syscalls
/// run in Python (the module strategy): the core serves `call_dynamic` alone.
///
/// `linker` is the `wasmtime_linker_t*` and `six` the `wasm_functype_t*` of
/// `(i32 x 6) -> i32`; the caller keeps them alive during the call.
#[pyfunction]
pub fn define_call_dynamic(
    core: &Bound<'_, RuntimeCore>,
    linker: usize,
    six: usize,
) -> PyResult<()> {
    let api =
        capi::api().ok_or_else(|| PyRuntimeError::new_err("the native core is not initialised"))?;
    let name = "call_dynamic";
    // SAFETY: the Python caller's contract: live linker and function type.
    unsafe {
        define(
            api,
            linker,
            name,
            six,
            crate::call_dynamic::callback,
            &core.get().core,
        )
    }
    .map_err(|message| PyRuntimeError::new_err(format!("cannot define {MODULE}.{name}: {message}")))
}
