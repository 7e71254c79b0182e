//! `wasix_32v1.call_dynamic` as a native host function (SPEC.md, "call_dynamic").
//!
//! `call_dynamic(function_id, values, values_len, results, results_len, strict) -> errno` calls
//! the function in table slot `function_id` with its own signature: the arguments are read
//! packed (little endian, no alignment) from `values`, the results written the same way to
//! `results`. v128 values cross natively (16 bytes). Strict: a buffer length other than the
//! signature's is INVAL, before the call. Not strict: missing argument bytes read as zero and
//! results that do not fit are dropped. A buffer outside memory is MEMVIOLATION; an index
//! outside the table, a null slot, or a function whose signature has a reference type is
//! INVAL. A trap in the called function stays a trap: it propagates to the guest.
//!
//! The state's lock is not held during the call: the callee may use the closure syscalls.

use std::ffi::c_void;

use crate::capi::{Api, Caller, Func, StoreContext, Trap, ValRaw};
use crate::runtime::{refusal, Errno, State, Stop};
use crate::syscalls::{require_bound, run, Answer};

/// Bytes a value of each WASIX type code takes.
const SIZES: [usize; 5] = [4, 8, 4, 8, 16];
/// Function types cached before the cache is cleared.
const TYPE_CACHE_SIZE: usize = 1024;

/// WASIX type codes of a function's params or results.
type Codes = Box<[u8]>;

/// What the locked phase hands to the call.
struct Call {
    func: Func,
    results: Box<[u8]>,
    raw: Vec<ValRaw>,
}

fn size_of(codes: &[u8]) -> u64 {
    codes.iter().map(|&c| SIZES[usize::from(c)] as u64).sum()
}

/// The function in slot `index` and its type, checked (locked phase).
fn target(
    api: &Api,
    ctx: StoreContext,
    state: &mut State,
    index: u32,
) -> Result<(Func, Codes, Codes), Stop> {
    let table = state.table()?;
    // SAFETY: the table belongs to the store of `ctx` (checked at bind and by `run`).
    let size = unsafe { (api.table_size)(ctx.0, &table) };
    if u64::from(index) >= size {
        return Err(refusal(
            Errno::Inval,
            format!("function_id {index} is outside the function table (size {size})"),
        ));
    }
    let mut value = crate::capi::Val::null_funcref();
    // SAFETY: as above; `index` is inside the table; a funcref table roots nothing.
    let found = unsafe { (api.table_get)(ctx.0, &table, index.into(), &mut value) };
    let Some(func) = value.as_func().filter(|_| found) else {
        return Err(refusal(
            Errno::Inval,
            format!("function_id {index} is a null table slot"),
        ));
    };
    if let Some((params, results)) = state.dynamic_types.get(&func) {
        return Ok((func, params.clone(), results.clone()));
    }
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
            format!("function_id {index} has a reference type in its signature"),
        ));
    }
    if state.dynamic_types.len() >= TYPE_CACHE_SIZE {
        state.dynamic_types.clear();
    }
    let types = (params.into_boxed_slice(), results.into_boxed_slice());
    state.dynamic_types.insert(func, types.clone());
    Ok((func, types.0, types.1))
}

/// Check the buffers and read the arguments (locked phase).
fn prepare_call(
    api: &Api,
    ctx: StoreContext,
    state: &mut State,
    args: [u32; 6],
) -> Result<Call, Stop> {
    let [function_id, values_ptr, values_len, results_ptr, results_len, strict] = args;
    require_bound(state)?;
    let (func, params, results) = target(api, ctx, state, function_id)?;
    let (base, size) = state.memory(api, ctx)?;
    for (pointer, length) in [(values_ptr, values_len), (results_ptr, results_len)] {
        if u64::from(pointer) + u64::from(length) > size {
            return Err(refusal(
                Errno::Memviolation,
                format!("guest range {pointer:#x}+{length} is outside memory ({size} bytes)"),
            ));
        }
    }
    let (needed, produced) = (size_of(&params), size_of(&results));
    if strict != 0 && (u64::from(values_len) != needed || u64::from(results_len) != produced) {
        return Err(refusal(
            Errno::Inval,
            format!("strict call_dynamic: buffers of {values_len} and {results_len} bytes, the signature needs {needed} and {produced}"),
        ));
    }
    // SAFETY: `values_len` bytes at `values_ptr` lie inside the live memory (checked above).
    let values =
        unsafe { std::slice::from_raw_parts(base.add(values_ptr as usize), values_len as usize) };
    let mut raw = vec![ValRaw::default(); params.len().max(results.len())];
    let mut offset = 0usize;
    for (slot, &code) in raw.iter_mut().zip(params.iter()) {
        let width = SIZES[usize::from(code)];
        let available = values.len().saturating_sub(offset).min(width); // missing bytes read as zero
        slot.0[..available].copy_from_slice(&values[offset..offset + available]);
        offset += width;
    }
    Ok(Call { func, results, raw })
}

/// The syscall: check and read (locked), call (unlocked), write the results (locked).
///
/// # Safety
/// As `syscalls::run`.
unsafe fn call_dynamic(env: *mut c_void, caller: *mut Caller, args: [u32; 6]) -> Answer {
    let mut call: Option<Call> = None;
    // SAFETY: the caller's contract.
    let checked = unsafe {
        run(env, caller, |api, ctx, state, _| {
            call = Some(prepare_call(api, ctx, state, args)?);
            Ok(())
        })
    };
    let (Ok(Errno::Success), Some(mut call)) = (checked, call) else {
        return checked;
    };
    let Some(api) = crate::capi::api() else {
        return Ok(Errno::Notsup);
    };
    // SAFETY: `caller` is live during the host call.
    let ctx = unsafe { StoreContext::new((api.caller_context)(caller)) };
    let mut trap: *mut Trap = std::ptr::null_mut();
    // SAFETY: `func` belongs to this store; `raw` has max(params, results) slots holding
    // arguments of exactly the function's parameter types, read from its own type.
    let error = unsafe {
        (api.func_call_unchecked)(
            ctx.0,
            &call.func,
            call.raw.as_mut_ptr(),
            call.raw.len(),
            &mut trap,
        )
    };
    if !trap.is_null() {
        return Err(trap); // the callee trapped: the guest's own trap
    }
    if !error.is_null() {
        // SAFETY: a non-null error the C call returned, owned by us.
        return Ok(Errno::of_wasmtime(&unsafe {
            api.take_error_message(error)
        }));
    }
    // SAFETY: the caller's contract; the memory may have grown (and moved) during the call,
    // so it is read again inside.
    unsafe {
        run(env, caller, |api, ctx, state, _| {
            let (base, size) = state.memory(api, ctx)?;
            let [_, _, _, results_ptr, results_len, _] = args;
            let end = (u64::from(results_ptr) + u64::from(results_len)).min(size);
            let mut offset = u64::from(results_ptr);
            for (slot, &code) in call.raw.iter().zip(call.results.iter()) {
                let width = SIZES[usize::from(code)] as u64;
                if offset + width > end {
                    break; // results that do not fit are dropped
                }
                // SAFETY: `offset + width <= end <= size` bytes of the live memory.
                std::ptr::copy_nonoverlapping(
                    slot.0.as_ptr(),
                    base.add(offset as usize),
                    width as usize,
                );
                offset += width;
            }
            Ok(())
        })
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
    unsafe { crate::syscalls::answer::<6>(args, |values| call_dynamic(env, caller, values)) }
}
