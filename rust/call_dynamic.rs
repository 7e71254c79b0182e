//! `wasix_32v1.call_dynamic` as a native host function (docs/spec.md, "call_dynamic").
//!
//! `call_dynamic(function_id, values, values_len, results, results_len, strict) -> errno` calls
//! the function in table slot `function_id` with its own signature: the arguments are read
//! packed (little endian, no alignment) from `values`, the results written the same way to
//! `results`, value by value as Wasmer's `call_dynamic.rs` does. v128 values cross natively
//! (16 bytes). A value that does not fit in what is left of its buffer is zero (an argument)
//! or dropped (a result) and the position stays. Strict: a `values_len` other than the
//! params' size is INVAL before the call, before any argument is read; a `results_len` other than the
//! results' size is INVAL after it, once the results that fit are written. Only bytes
//! actually read or written are bounds-checked (MEMVIOLATION). An index outside the table, a
//! null slot, or a function whose signature has a reference type is INVAL. A trap in the
//! called function stays a trap: it propagates to the guest, and so does any other failure
//! of the callee (a WASI `proc_exit`, a host function's exception), as itself.
//!
//! The runtime's operation lock is held only to look the function up and read the arguments:
//! not during the call (the callee may use the closure syscalls), nor to write the results,
//! which needs only the program's memory.
//! Calls nest at most `MAX_DEPTH` deep on a thread, then trap "call stack exhausted": a guest
//! can put `call_dynamic` itself (or another host function calling back) in its table, and
//! wasmtime checks its stack limit only in wasm code, so host-to-host recursion would
//! otherwise overflow the native stack.

use std::cell::Cell;
use std::collections::hash_map::Entry;
use std::ffi::c_void;

use crate::capi::{Api, Caller, Func, StoreContext, Trap, ValRaw};
use crate::runtime::{refusal, Errno, FuncTypeCodes, Stop};
use crate::runtime_api::CoreState;
use crate::syscalls::{memviolation, require_bound, run_for, target, Answer};

/// Bytes a value of each WASIX type code takes.
const SIZES: [usize; 5] = [4, 8, 4, 8, 16];
use crate::facts::{
    fill, messages, CALL_DYNAMIC_TYPE_CACHE_SIZE as TYPE_CACHE_SIZE, MAX_CALL_DEPTH as MAX_DEPTH,
};

/// This thread's `call_dynamic` bookkeeping, reached once a call (each thread-local access
/// of a shared library is a call of `__tls_get_addr`).
struct ThreadCalls {
    /// Calls running on this thread.
    depth: Cell<u32>,
    /// The buffers of this thread's last call, for its next one: a call then allocates
    /// nothing (a nested call, finding them taken, makes its own).
    spare: Cell<Buffers>,
}

thread_local! {
    static THREAD_CALLS: ThreadCalls = const {
        ThreadCalls {
            depth: Cell::new(0),
            spare: Cell::new(Buffers { raw: Vec::new(), results: Vec::new() }),
        }
    };
}

/// Buffers longer than this are not kept for the next call.
const SPARE_KEPT: usize = 64;

/// A call's values, and its result codes (copied: the call runs without the state).
#[derive(Default)]
struct Buffers {
    raw: Vec<ValRaw>,
    results: Vec<u8>,
}

/// Counts one running `call_dynamic` on this thread while it lives.
struct Nested<'t>(&'t Cell<u32>);

impl Nested<'_> {
    fn enter(depth: &Cell<u32>) -> Option<Nested<'_>> {
        (depth.get() < MAX_DEPTH).then(|| {
            depth.set(depth.get() + 1);
            Nested(depth)
        })
    }
}

impl Drop for Nested<'_> {
    fn drop(&mut self) {
        self.0.set(self.0.get() - 1);
    }
}

/// What the locked phase hands to the call; its buffers go back to the thread's spare ones.
struct Call<'t> {
    func: Func,
    buffers: Buffers,
    spare: &'t Cell<Buffers>,
}

impl Drop for Call<'_> {
    fn drop(&mut self) {
        let buffers = &mut self.buffers;
        if buffers.raw.capacity() <= SPARE_KEPT && buffers.results.capacity() <= SPARE_KEPT {
            self.spare.set(std::mem::take(buffers));
        }
    }
}

/// Copy one value's `width` bytes: a constant length for each width a type has, which the
/// compiler inlines, where a variable one calls `memmove`.
///
/// # Safety
/// `width` bytes are readable at `from` and writable at `to`, and the ranges do not overlap.
#[inline(always)]
unsafe fn copy_value(from: *const u8, to: *mut u8, width: usize) {
    // SAFETY: the caller's contract, for each length.
    unsafe {
        match width {
            4 => std::ptr::copy_nonoverlapping(from, to, 4),
            8 => std::ptr::copy_nonoverlapping(from, to, 8),
            16 => std::ptr::copy_nonoverlapping(from, to, 16),
            _ => std::ptr::copy_nonoverlapping(from, to, width),
        }
    }
}

fn size_of(codes: &[u8]) -> u64 {
    codes.iter().map(|&c| SIZES[usize::from(c)] as u64).sum()
}

/// The function in slot `index` and its type codes, checked (locked phase).
fn callee<'s>(
    api: &Api,
    ctx: StoreContext,
    state: &'s mut CoreState,
    index: u32,
) -> Result<(Func, &'s FuncTypeCodes), Stop> {
    let table = state.table()?;
    let mut value = crate::capi::Val::null_funcref();
    // SAFETY: the table belongs to the store of `ctx` (checked at bind and by `run`); a
    // funcref table roots nothing. An index outside the table is not found: wasmtime checks
    // the bounds, so the table's size is read only to say why.
    let found = unsafe { (api.table_get)(ctx.0, &table, index.into(), &mut value) };
    if !found {
        // SAFETY: as above.
        let size = unsafe { (api.table_size)(ctx.0, &table) };
        if u64::from(index) >= size {
            return Err(refusal(
                Errno::Inval,
                fill(
                    messages::FUNCTION_OUTSIDE,
                    &[("index", &index), ("size", &size)],
                ),
            ));
        }
    }
    let Some(func) = value.as_func().filter(|_| found) else {
        return Err(refusal(
            Errno::Inval,
            fill(messages::FUNCTION_NULL, &[("index", &index)]),
        ));
    };
    // One lookup when the type is cached (the full cache is emptied before a new entry).
    let cache = &mut state.dynamic_types;
    if cache.len() >= TYPE_CACHE_SIZE && !cache.contains_key(&func) {
        cache.clear();
    }
    let codes = match cache.entry(func) {
        Entry::Occupied(cached) => cached.into_mut(),
        Entry::Vacant(slot) => slot.insert(type_codes(api, ctx, func, index)?),
    };
    Ok((func, codes))
}

/// The WASIX codes of `func`'s (params, results); INVAL if a type has no code.
fn type_codes(api: &Api, ctx: StoreContext, func: Func, index: u32) -> Result<FuncTypeCodes, Stop> {
    let mut params = Vec::new();
    let mut results = Vec::new();
    // SAFETY: `func` is a function of this store (read from its table); the type is owned
    // and deleted after its vectors are read.
    unsafe {
        let functype = (api.func_type)(ctx.0, &func);
        api.codes_of((api.functype_params)(functype), &mut params);
        api.codes_of((api.functype_results)(functype), &mut results);
        (api.functype_delete)(functype);
    }
    if params
        .iter()
        .chain(&results)
        .any(|&code| usize::from(code) >= SIZES.len())
    {
        return Err(refusal(
            Errno::Inval,
            fill(messages::FUNCTION_REFERENCE_TYPED, &[("index", &index)]),
        ));
    }
    Ok((params.into_boxed_slice(), results.into_boxed_slice()))
}

/// A guest buffer walked value by value as Wasmer does. Guest addresses are u64 here: a u32
/// pointer plus a u32 length does not overflow.
struct Walk {
    offset: u64,
    end: u64,
}

impl Walk {
    fn new(pointer: u32, length: u32) -> Walk {
        let offset = u64::from(pointer);
        Walk {
            offset,
            end: offset + u64::from(length),
        }
    }

    /// The guest address of the next `width` bytes, moving past them; `None` if they do not fit
    /// in what is left (the position stays, so a later, smaller value may still fit).
    fn take(&mut self, width: u64) -> Option<u64> {
        let at = self.offset;
        (at + width <= self.end).then(|| {
            self.offset += width;
            at
        })
    }

    /// Whether every byte of the buffer was taken.
    #[cfg(test)]
    fn is_done(&self) -> bool {
        self.offset == self.end
    }
}

/// The arguments read into `raw`, one by one from `values_ptr` (locked phase). Strict, a
/// `values_len` other than the params' size is INVAL before anything is read. Only bytes
/// actually read are bounds-checked. An argument that does not fit in what is left of
/// `values_len` (not strict) is zero: `raw` starts zeroed.
fn read_arguments(
    (base, size): (*mut u8, u64),
    params: &[u8],
    raw: &mut [ValRaw],
    [values_ptr, values_len]: [u32; 2],
    strict: bool,
) -> Result<(), Stop> {
    let needed = size_of(params);
    if strict && u64::from(values_len) != needed {
        return Err(refusal(
            Errno::Inval,
            format!("strict call_dynamic: {values_len} bytes of values, the params take {needed}"),
        ));
    }
    let mut values = Walk::new(values_ptr, values_len);
    for (slot, &code) in raw.iter_mut().zip(params) {
        let width = SIZES[usize::from(code)];
        let Some(at) = values.take(width as u64) else {
            continue; // not strict (checked above): the argument is zero
        };
        if at + width as u64 > size {
            return Err(memviolation(at, width as u64, size));
        }
        // SAFETY: `at + width <= size` bytes of the live memory at `base`; `width <= 16`, the
        // slot's size; unaligned bytes copied, no reference made into the memory.
        unsafe { copy_value(base.add(at as usize), slot.0.as_mut_ptr(), width) };
    }
    Ok(())
}

/// The results in `raw` written one by one from `results_ptr` (after the call, without the lock).
/// Only bytes actually written are bounds-checked (those before a MEMVIOLATION stay written).
/// A result that does not fit in what is left of `results_len` is dropped; with `strict`, a
/// `results_len` other than the results' size is INVAL once the results that fit are written.
fn write_results(
    (base, size): (*mut u8, u64),
    results: &[u8],
    raw: &[ValRaw],
    [results_ptr, results_len]: [u32; 2],
    strict: bool,
) -> Result<(), Stop> {
    let mut buffer = Walk::new(results_ptr, results_len);
    for (slot, &code) in raw.iter().zip(results) {
        let width = SIZES[usize::from(code)];
        let Some(at) = buffer.take(width as u64) else {
            continue;
        };
        if at + width as u64 > size {
            return Err(memviolation(at, width as u64, size));
        }
        // SAFETY: `at + width <= size` bytes of the live memory at `base`; `width <= 16`, the
        // slot's size; unaligned bytes copied, no reference made into the memory.
        unsafe { copy_value(slot.0.as_ptr(), base.add(at as usize), width) };
    }
    // docs/spec.md's rule, stricter than Wasmer's `offset != max`: that answers SUCCESS when the
    // results that fit happen to fill `results_len` (0 bytes, or a later result alone).
    let needed = size_of(results);
    if strict && u64::from(results_len) != needed {
        return Err(refusal(
            Errno::Inval,
            format!(
                "strict call_dynamic: {results_len} bytes of results, the results take {needed}"
            ),
        ));
    }
    Ok(())
}

/// Look the function up and read its arguments (locked phase).
fn prepare_call<'t>(
    api: &Api,
    ctx: StoreContext,
    state: &mut CoreState,
    args: [u32; 6],
    spare: &'t Cell<Buffers>,
) -> Result<Call<'t>, Stop> {
    let [function_id, values_ptr, values_len, _, _, strict] = args;
    require_bound(state)?;
    let memory = state.memory(api, ctx)?;
    let (func, (params, results)) = callee(api, ctx, state, function_id)?;
    let mut call = Call {
        func,
        buffers: spare.take(),
        spare,
    };
    let Buffers {
        raw,
        results: result_codes,
    } = &mut call.buffers;
    raw.clear();
    raw.resize(params.len().max(results.len()), ValRaw::default());
    result_codes.clear();
    result_codes.extend_from_slice(results);
    read_arguments(memory, params, raw, [values_ptr, values_len], strict != 0)?;
    Ok(call)
}

/// The syscall: look up and read (locked), call, write the results.
///
/// # Safety
/// As `syscalls::run`.
unsafe fn call_dynamic(
    env: *mut c_void,
    caller: *mut Caller,
    args: [u32; 6],
    thread: &ThreadCalls,
) -> Answer {
    // SAFETY: the caller's contract. The runtime found is kept for both phases.
    let runtime = match unsafe { target(env, caller) } {
        Ok(runtime) => runtime,
        Err(errno) => return Ok(errno),
    };
    let prepared = run_for(&runtime, caller, |api, ctx, state, _| {
        prepare_call(api, ctx, state, args, &thread.spare)
    });
    let mut call = match prepared {
        Ok(call) => call,
        Err(answer) => return answer,
    };
    let (api, ctx) = (runtime.api, runtime.ctx);
    let Some(_nested) = Nested::enter(&thread.depth) else {
        return Err(api.stack_overflow_trap()); // wasmtime's own trap, as for wasm recursion
    };
    let mut trap: *mut Trap = std::ptr::null_mut();
    // SAFETY: `func` belongs to this store; `raw` has max(params, results) slots holding
    // arguments of exactly the function's parameter types, read from its own type.
    let error = unsafe {
        (api.func_call_unchecked)(
            ctx.0,
            &call.func,
            call.buffers.raw.as_mut_ptr(),
            call.buffers.raw.len(),
            &mut trap,
        )
    };
    if !trap.is_null() {
        return Err(trap); // the callee trapped: the guest's own trap
    }
    if !error.is_null() {
        // Not a wasm trap: an exit, a host function's exception. The guest's caller gets it.
        // SAFETY: a non-null error the C call returned, owned by us, handed to wasmtime.
        return Err(unsafe { crate::capi::error_into_trap(error) });
    }
    let [_, _, _, results_ptr, results_len, strict] = args;
    // Without the operation lock or the state: writing the results needs only the program,
    // bound for good, and wasm runs in this store, so no other thread may use the runtime.
    let Some(program) = runtime
        .core
        .program
        .get()
        .filter(|_| !runtime.core.closed())
    else {
        return Ok(Errno::Notsup); // the callee closed the store
    };
    // The memory may have grown (and moved) during the call: its base and size are read again.
    let memory = program.memory_span(api, ctx);
    let written = write_results(
        memory,
        &call.buffers.results,
        &call.buffers.raw,
        [results_ptr, results_len],
        strict != 0,
    );
    match written {
        Ok(()) => Ok(Errno::Success),
        Err(Stop::Refused(refusal)) => Ok(refusal.errno),
        Err(Stop::Cold(_)) => Ok(Errno::Fault), // writing results has no cold work
    }
}

/// The `wasmtime_func_unchecked_callback_t` of `call_dynamic`, type (i32 x 6) -> i32.
///
/// # Safety
/// Called by wasmtime only, with the definition's `env` and 6 raw slots.
pub unsafe extern "C" fn callback(
    env: *mut c_void,
    caller: *mut Caller,
    args: *mut ValRaw,
    _n: usize,
) -> *mut Trap {
    // SAFETY: wasmtime's contract for an unchecked callback of type (i32 x 6) -> i32.
    unsafe {
        crate::syscalls::answer::<6>(args, |values| {
            // Not reachable once the thread's locals are destroyed (its last moments): FAULT.
            THREAD_CALLS
                .try_with(|thread| call_dynamic(env, caller, values, thread))
                .unwrap_or(Ok(Errno::Fault))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_that_does_not_fit_keeps_the_position() {
        let mut buffer = Walk::new(100, 12);
        assert_eq!(buffer.take(16), None);
        assert_eq!(buffer.take(8), Some(100));
        assert_eq!(buffer.take(8), None);
        assert_eq!(buffer.take(4), Some(108));
        assert!(buffer.is_done());
    }

    #[test]
    fn the_top_of_the_address_space_does_not_wrap() {
        let mut buffer = Walk::new(u32::MAX, u32::MAX);
        assert_eq!(buffer.take(16), Some(u64::from(u32::MAX)));
        assert_eq!(buffer.take(u64::from(u32::MAX)), None);
        let mut empty = Walk::new(u32::MAX, 0);
        assert_eq!(empty.take(4), None);
        assert!(empty.is_done());
    }
}
