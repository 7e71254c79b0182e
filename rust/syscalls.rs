//! The WASIX closure syscalls as native host functions.
//!
//! `closure_allocate`, `closure_prepare` and `closure_free` are defined with
//! `wasmtime_linker_define_func_unchecked`: wasmtime calls them with raw i32 slots, and a warm
//! call neither takes the GIL nor enters Python. Cold work (binding to the caller's exports, a
//! new signature, a backing function seen for the first time, an empty pool) runs in Python
//! with the GIL, holding the runtime's operation lock but not borrowing its state (see
//! `op_lock.rs`); then the syscall starts again.
//!
//! `linker.rs` defines them in a linker. Every argument is an i32 taken as unsigned, and whatever the guest passes the answer is an
//! errno (exactly those of `wasm_closures.wasix`): nothing panics across `extern "C"`.

use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Weak};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;

use crate::capi::{self, Api, Caller, StoreContext, Trap, ValRaw};
use crate::facts::{fill, messages};
use crate::runtime::{refusal, Cold, Errno, SigArg, Stop, KEY_SEPARATOR, MAX_SIGNATURE_TYPES};
use crate::runtime_api::{ColdOutcome, Core, CoreState};

/// Cold steps one syscall may take before giving up (each makes progress; this bounds a race).
const MAX_COLD_STEPS: usize = 16;
/// The import module of the syscalls.
pub use crate::facts::WASIX_MODULE as MODULE;

/// What a syscall's definition owns: its runtime's core, weakly (the store keeps the runtime).
pub(crate) struct SyscallEnv {
    pub(crate) core: Weak<Core>,
}

/// `wasm_closures._runtime.guest_errno.errno_for_guest`, the errno rule, handed over by Python.
static ERRNO_FOR_GUEST: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// Take `rule(exception) -> errno | None` as the errno rule of a refused syscall's exception
/// (`_runtime.backend` hands over `_runtime.guest_errno.errno_for_guest` when the core loads; the first
/// rule stays).
#[pyfunction]
pub fn use_errno_rule(rule: &Bound<'_, PyAny>) {
    let _ = ERRNO_FOR_GUEST.set(rule.py(), rule.clone().unbind());
}

/// A syscall's answer: an errno, or a trap that re-raises a Python exception from the call
/// into wasm (as the Python syscalls do for anything but a refusal).
pub type Answer = Result<Errno, *mut Trap>;

/// The answer for a Python exception raised by cold work: the errno of a refusal, else a trap
/// that re-raises the exception from the call into wasm (also when it cannot be told apart,
/// e.g. under a second interrupt). Python out of stack is wasmtime's own "call stack
/// exhausted", as the Python runtime answers: never an errno, which would lose the exception.
fn answer_exception(py: Python<'_>, api: &Api, error: PyErr) -> Answer {
    if crate::host_function::exhausts_the_stack(py, &error) {
        return Err(api.stack_overflow_trap());
    }
    let errno = ERRNO_FOR_GUEST
        .get(py)
        .ok_or_else(|| PyRuntimeError::new_err("no errno rule was handed over"))
        .and_then(|f| f.call1(py, (error.value(py),)))
        .and_then(|e| e.extract::<Option<u32>>(py));
    match errno.map(|code| code.map(Errno::from_code)) {
        Ok(Some(Some(errno))) => Ok(errno),
        // Not a refusal, a value no errno has (a bug of the Python side), or no answer: a trap.
        Ok(_) | Err(_) => Err(crate::host_function::trap_keeping(py, api, error)),
    }
}

/// The runtime a syscall's caller may use: the C API, the core and the store's context.
pub struct Target {
    pub api: &'static Api,
    pub core: Arc<Core>,
    pub ctx: StoreContext,
}

/// The caller's runtime, or NOTSUP: no C API, the runtime gone, its store closed, or the
/// caller in another store.
///
/// # Safety
/// `env` is a `SyscallEnv` owned by the definition and `caller` the live caller wasmtime
/// passed to the host function.
pub unsafe fn target(env: *mut c_void, caller: *mut Caller) -> Result<Target, Errno> {
    let api = capi::api().ok_or(Errno::Notsup)?;
    // SAFETY: the definition owns `env` until its finalizer runs, after the last call.
    let env = unsafe { &*(env as *const SyscallEnv) };
    let core = env.core.upgrade().ok_or(Errno::Notsup)?;
    // SAFETY: `caller` is live for the duration of the host call.
    let ctx = unsafe { StoreContext::new((api.caller_context)(caller)) };
    // Another store's call, or a closed store whose context address a new store reuses:
    // the core's handles would make wasmtime abort.
    if core.closed() || ctx.0 as usize != core.context {
        return Err(Errno::Notsup);
    }
    Ok(Target { api, core, ctx })
}

/// Run `op` on the caller's runtime: its checks, then cold steps in Python until it is done.
///
/// # Safety
/// As `target`.
pub unsafe fn run(
    env: *mut c_void,
    caller: *mut Caller,
    op: impl FnMut(&Api, StoreContext, &mut CoreState, bool) -> Result<(), Stop>,
) -> Answer {
    // SAFETY: the caller's contract.
    match unsafe { target(env, caller) } {
        Ok(target) => run_on(&target, caller, op),
        Err(errno) => Ok(errno),
    }
}

/// `run` on a runtime `target` found for `caller`, the live caller of this host call.
pub fn run_on(
    target: &Target,
    caller: *mut Caller,
    op: impl FnMut(&Api, StoreContext, &mut CoreState, bool) -> Result<(), Stop>,
) -> Answer {
    match run_for(target, caller, op) {
        Ok(()) => Ok(Errno::Success),
        Err(answer) => answer,
    }
}

/// `run_on` for an `op` that makes something: what it made, or the syscall's answer.
pub fn run_for<R>(
    target: &Target,
    caller: *mut Caller,
    mut op: impl FnMut(&Api, StoreContext, &mut CoreState, bool) -> Result<R, Stop>,
) -> Result<R, Answer> {
    let Target { api, core, ctx } = target;
    let (api, ctx) = (*api, *ctx); // `target` found the store open
    let op_guard = core.ops.enter(); // cold steps included: no other thread's operation meanwhile
    let mut direct_allowed = true;
    for _ in 0..MAX_COLD_STEPS {
        let stop = {
            let Some(mut state) = op_guard.state() else {
                return Err(Ok(Errno::Notsup)); // left borrowed by a fork (`OpLock::reset_in_child`)
            };
            match op(api, ctx, &mut state, direct_allowed) {
                Ok(made) => return Ok(made),
                Err(stop) => stop,
            }
        };
        let cold = match stop {
            Stop::Refused(refusal) => return Err(Ok(refusal.errno)),
            Stop::Cold(cold) => cold,
        };
        // Never ask for the GIL while the interpreter exits: the guest gets a trap instead.
        let Some(outcome) = crate::interpreter_exit::attach(|py| {
            core.run_cold(py, cold, caller as usize)
                .map_err(|e| answer_exception(py, api, e))
        }) else {
            return Err(Err(api.new_trap(crate::interpreter_exit::EXITING_MESSAGE)));
        };
        match outcome {
            Ok(ColdOutcome::Done) => {}
            Ok(ColdOutcome::NoDirect) => direct_allowed = false,
            Err(answer) => return Err(answer),
        }
        if core.closed() {
            return Err(Ok(Errno::Notsup));
        }
    }
    Err(Ok(Errno::Fault))
}

/// Bind from the caller's exports (cold) if the runtime is not bound yet.
pub fn require_bound(state: &CoreState) -> Result<(), Stop> {
    if state.is_bound() {
        Ok(())
    } else {
        Err(Stop::Cold(Cold::Bind))
    }
}

/// MEMVIOLATION for `length` bytes at guest address `pointer` in a memory of `size` bytes.
pub fn memviolation(pointer: u64, length: u64, size: u64) -> Stop {
    refusal(
        Errno::Memviolation,
        fill(
            messages::GUEST_RANGE,
            &[
                ("pointer", &format!("{pointer:#x}")),
                ("length", &length),
                ("size", &size),
            ],
        ),
    )
}

fn allocate(api: &Api, ctx: StoreContext, state: &mut CoreState, out_ptr: u32) -> Result<(), Stop> {
    require_bound(state)?;
    let (base, size) = state.memory(api, ctx)?;
    if u64::from(out_ptr) + 4 > size {
        return Err(memviolation(out_ptr.into(), 4, size)); // before allocating: no slot leaks
    }
    let closure = state.allocate(api, ctx)?; // grows the table only: the memory stays put
                                             // SAFETY: `out_ptr + 4 <= size` bytes of the live memory at `base`; unaligned write.
    unsafe {
        std::ptr::copy_nonoverlapping(
            closure.to_le_bytes().as_ptr(),
            base.add(out_ptr as usize),
            4,
        )
    };
    Ok(())
}

fn prepare(
    api: &Api,
    ctx: StoreContext,
    state: &mut CoreState,
    args: [u32; 7],
    direct_allowed: bool,
) -> Result<(), Stop> {
    let [backing, closure, args_ptr, args_len, results_ptr, results_len, env] = args;
    require_bound(state)?;
    let (base, size) = state.memory(api, ctx)?;
    if u64::from(args_ptr) + u64::from(args_len) > size {
        return Err(memviolation(args_ptr.into(), args_len.into(), size));
    }
    if u64::from(results_ptr) + u64::from(results_len) > size {
        return Err(memviolation(results_ptr.into(), results_len.into(), size));
    }
    if args_len > MAX_SIGNATURE_TYPES || results_len > MAX_SIGNATURE_TYPES {
        return Err(refusal(
            Errno::Inval,
            fill(
                messages::TOO_MANY_TYPES,
                &[
                    ("params", &args_len),
                    ("results", &results_len),
                    ("limit", &MAX_SIGNATURE_TYPES),
                ],
            ),
        ));
    }
    let mut key = std::mem::take(&mut state.key);
    key.clear();
    // SAFETY: both ranges lie inside the live memory at `base` (checked above).
    unsafe {
        key.extend_from_slice(std::slice::from_raw_parts(
            base.add(args_ptr as usize),
            args_len as usize,
        ));
        key.push(KEY_SEPARATOR);
        key.extend_from_slice(std::slice::from_raw_parts(
            base.add(results_ptr as usize),
            results_len as usize,
        ));
    }
    let known_codes = key
        .iter()
        .enumerate()
        .all(|(i, &code)| code <= 4 || (code == KEY_SEPARATOR && i == args_len as usize));
    let result = if known_codes {
        state
            .prepare(
                api,
                ctx,
                closure,
                backing,
                SigArg::Key(&key),
                env,
                direct_allowed,
            )
            .map(drop)
    } else {
        Err(refusal(Errno::Inval, "unknown value type code".to_owned()))
    };
    state.key = key;
    result
}

/// Read the i32 arguments, run the syscall, write the errno to slot 0 (or return the trap);
/// never unwind.
///
/// # Safety
/// `args` holds `N` (>= 1) raw slots, as wasmtime passes them.
pub unsafe fn answer<const N: usize>(
    args: *mut ValRaw,
    syscall: impl FnOnce([u32; N]) -> Answer,
) -> *mut Trap {
    let answer = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: the function type has N params, so wasmtime passes N slots.
        let values: [u32; N] = std::array::from_fn(|i| unsafe { (*args.add(i)).get_u32() });
        syscall(values)
    }))
    .unwrap_or(Ok(Errno::Fault));
    match answer {
        Ok(errno) => {
            // SAFETY: slot 0 exists (N >= 1) and holds the i32 result.
            unsafe { *args = ValRaw::i32(errno as u32) };
            std::ptr::null_mut()
        }
        Err(trap) => trap, // owned: wasmtime takes it
    }
}

pub(crate) unsafe extern "C" fn closure_allocate(
    env: *mut c_void,
    caller: *mut Caller,
    args: *mut ValRaw,
    _n: usize,
) -> *mut Trap {
    // SAFETY: wasmtime's contract for an unchecked callback of type (i32) -> i32.
    unsafe {
        answer::<1>(args, |[out_ptr]| {
            run(env, caller, |api, ctx, state, _| {
                allocate(api, ctx, state, out_ptr)
            })
        })
    }
}

pub(crate) unsafe extern "C" fn closure_prepare(
    env: *mut c_void,
    caller: *mut Caller,
    args: *mut ValRaw,
    _n: usize,
) -> *mut Trap {
    // SAFETY: wasmtime's contract for an unchecked callback of type (i32 x 7) -> i32.
    unsafe {
        answer::<7>(args, |values| {
            run(env, caller, |api, ctx, state, direct| {
                prepare(api, ctx, state, values, direct)
            })
        })
    }
}

pub(crate) unsafe extern "C" fn closure_free(
    env: *mut c_void,
    caller: *mut Caller,
    args: *mut ValRaw,
    _n: usize,
) -> *mut Trap {
    // SAFETY: wasmtime's contract for an unchecked callback of type (i32) -> i32.
    unsafe {
        answer::<1>(args, |[closure]| {
            run(env, caller, |api, ctx, state, _| {
                require_bound(state)?;
                state.free(api, ctx, closure)
            })
        })
    }
}
