//! Interpreter exit: native callbacks never ask for the GIL once Python begins to finalise.
//!
//! While CPython finalises, a thread that asks for the GIL is ended with `pthread_exit`, which
//! cannot unwind through the Rust and wasmtime frames of a host call: the process aborts. An
//! `atexit` hook (`wasm_closures._runtime.backend`) calls `interpreter_exiting` before
//! finalisation begins (atexit hooks run first, while daemon threads still run normally):
//! from then on `attach` answers None instead of taking the GIL, and the hook waits, without
//! the GIL and for a bounded time, for the callbacks already inside Python to leave it.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use pyo3::ffi;
use pyo3::prelude::*;

static EXITING: AtomicBool = AtomicBool::new(false);
/// Callbacks between their check of `EXITING` and their return from Python.
static IN_PYTHON: AtomicUsize = AtomicUsize::new(0);
/// How long the exit hook waits for callbacks inside Python (cold work takes milliseconds).
const EXIT_WAIT: Duration = Duration::from_secs(5);

/// What a native callback says when the interpreter is exiting.
pub const EXITING_MESSAGE: &str = "the Python interpreter is exiting";

struct Leave;

impl Drop for Leave {
    fn drop(&mut self) {
        IN_PYTHON.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Gives the GIL back (`PyGILState_Release`) when dropped.
struct Release(ffi::PyGILState_STATE);

impl Drop for Release {
    fn drop(&mut self) {
        // SAFETY: the state `PyGILState_Ensure` returned on this thread, released once.
        unsafe { ffi::PyGILState_Release(self.0) };
    }
}

/// Run `f` holding the GIL, or answer None once the interpreter is exiting.
///
/// The GIL is taken with `PyGILState_Ensure` first: `Python::attach` alone takes a thread
/// that entered it further up its stack for one that holds the GIL, but a host call may come
/// from wasm that Python called through ctypes, which released the GIL in between
/// (re-entrant host calls). `Python::attach` inside then only counts the thread as attached,
/// so that PyO3 drops objects at once instead of deferring them.
pub fn attach<R>(f: impl for<'py> FnOnce(Python<'py>) -> R) -> Option<R> {
    // Counted before the check (both SeqCst): the exit hook either sees this callback counted
    // or this callback sees the flag.
    IN_PYTHON.fetch_add(1, Ordering::SeqCst);
    let _leave = Leave;
    if EXITING.load(Ordering::SeqCst) {
        return None;
    }
    // SAFETY: the interpreter is initialised (this extension is loaded) and not finalising
    // (the exit hook sets EXITING before finalisation begins); released after `f` returns.
    let _release = Release(unsafe { ffi::PyGILState_Ensure() });
    Some(Python::attach(f))
}

/// The `atexit` hook: no native callback takes the GIL from now on.
#[pyfunction]
pub fn interpreter_exiting(py: Python<'_>) {
    EXITING.store(true, Ordering::SeqCst);
    let deadline = Instant::now() + EXIT_WAIT;
    py.detach(|| {
        while IN_PYTHON.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(1));
        }
    });
}
