//! The native runtime core: a `ClosureRuntime`'s warm state and its warm operations.
//!
//! `State` holds what a warm allocate, prepare or free needs (slots, free list, pooled
//! trampolines, signatures, backing functions already checked, counters) and runs them with
//! wasmtime's C API, without Python. What it cannot do warm it reports as `Cold` work, which
//! the caller runs in Python (with the GIL, the state not borrowed) before trying again:
//! binding to a program, registering a new signature, type-checking a backing function seen
//! for the first time, instantiating a pool module.
//!
//! Python is not called here, nor known: `Core`, the cold steps and `RuntimeCore`, the Python
//! face, are in `runtime_api.rs`. `State<H>` keeps an opaque handle `H` per registered
//! signature and per cached signature object (`runtime_api.rs` makes it the Python object),
//! never looking inside it, so that what it stands for lives as long as the id it names.

use std::sync::{Arc, OnceLock};

use crate::capi::{self, Api, Func, Global, Instance, Memory, StoreContext, Table, Val};
use rustc_hash::FxHashMap;

use crate::facts::{fill, messages};
pub use crate::facts::{
    Errno, CHECKED_BACKING_CACHE_SIZE, MAX_SIGNATURE_TYPES, SIGNATURE_CACHE_SIZE, TABLE_CHUNK,
};

/// Separates the param codes from the result codes in a signature key (no type has it).
pub(crate) const KEY_SEPARATOR: u8 = 0xFF;

/// What failed inside wasmtime, for the Python caller's exception.
#[derive(Clone, Copy)]
pub enum WasmtimeFailure {
    Trap,
    Error,
}

/// An operation refused: the guest's errno and the Python caller's message (a `ClosureError`,
/// or the wasmtime exception of a trap or error in the runtime's own wasm).
pub struct Refusal {
    pub errno: Errno,
    pub message: String,
    pub wasmtime: Option<WasmtimeFailure>,
}

/// A refusal with a `ClosureError` for the Python caller.
pub fn refusal(errno: Errno, message: String) -> Stop {
    Stop::Refused(Refusal {
        errno,
        message,
        wasmtime: None,
    })
}

pub(crate) fn refuse<T>(errno: Errno, message: String) -> Result<T, Stop> {
    Err(refusal(errno, message))
}

/// Work a warm operation leaves to Python.
pub enum Cold {
    /// The runtime is not bound: bind it from the caller's exports (syscalls only).
    Bind,
    /// No pool exists for this signature key yet.
    Signature { key: Vec<u8> },
    /// The function in this backing slot has not been type-checked.
    CheckBacking(u32),
    /// The signature's table pool has no free trampoline.
    TablePool(SigId),
    /// The (signature, function) pair's direct pool is missing or has no free trampoline.
    DirectPool {
        signature: SigId,
        backing: u32,
        identity: Func,
    },
}

/// Why an operation stopped.
pub enum Stop {
    Refused(Refusal),
    Cold(Cold),
}

pub type SigId = usize;
type PoolId = usize;

/// A slot's entry in `State::slots`: free, allocated with no trampoline installed, or
/// `FIRST_TRAMPOLINE` plus the index in `State::trampolines` of the one installed.
const SLOT_FREE: u32 = 0;
const SLOT_ALLOCATED: u32 = 1;
const FIRST_TRAMPOLINE: u32 = 2;

/// An index in `State::trampolines`.
type TrampolineId = u32;

/// One trampoline of a pool instance: its function and globals, which the pool module
/// exports (the table kind's also holds the backing function's index).
#[derive(Clone, Copy)]
struct Trampoline {
    func: Func,
    env: Global,
    backing: Option<Global>,
    pool: PoolId,
}

/// The program's linear memory.
pub enum ProgramMemory {
    Plain(Memory),
    /// The core's own handle to the program's shared memory.
    Shared(capi::OwnedSharedMemory),
}

/// The program a runtime is bound to: set once (`bind`), then read by every operation.
pub(crate) type Binding = Arc<OnceLock<Program>>;

pub(crate) struct Program {
    pub(crate) table: Table,
    pub(crate) memory: ProgramMemory,
}

impl Program {
    /// (address, size) of the memory, read now.
    pub(crate) fn memory_span(&self, api: &Api, ctx: StoreContext) -> (*mut u8, u64) {
        // SAFETY: `ctx` is the live context of the store the memory belongs to (checked at
        // bind and by the caller); a shared memory handle is owned by the program.
        unsafe {
            match &self.memory {
                ProgramMemory::Plain(memory) => (
                    (api.memory_data)(ctx.0, memory),
                    (api.memory_data_size)(ctx.0, memory) as u64,
                ),
                ProgramMemory::Shared(memory) => (
                    (api.sharedmemory_data)(memory.as_ptr()),
                    (api.sharedmemory_data_size)(memory.as_ptr()) as u64,
                ),
            }
        }
    }
}

/// How a prepare names its signature.
#[derive(Clone, Copy)]
pub enum SigArg<'a> {
    Id(SigId),
    /// param codes, `KEY_SEPARATOR`, result codes.
    Key(&'a [u8]),
}

/// A registered signature: its owner's handle and its table pool.
pub(crate) struct Signature<H> {
    pub(crate) handle: H,
    pub(crate) table_pool: PoolId,
}

/// The warm state of one runtime. `H` is the handle of whatever owns a signature outside
/// the core (kept alive, never used here).
pub struct State<H> {
    /// Shared with the core, which binds it and tells whether it is bound without the
    /// operation lock (`ClosureRuntime.bind` asks while holding the Python runtime's lock,
    /// which cold work, holding the operation lock, takes too).
    program: Binding,
    free_slots: Vec<u32>,
    /// First slots of the runs of `TABLE_CHUNK` slots allocate added, ascending.
    chunk_starts: Vec<u32>,
    /// Each slot of those runs, run after run: `SLOT_FREE`, `SLOT_ALLOCATED` or the trampoline
    /// installed in it. Four bytes a slot, so a guest that only allocates costs the host
    /// little beyond the table's own slot, and a prepare or free finds its slot by indexing.
    slots: Vec<u32>,
    /// Allocated slots now.
    live: usize,
    /// The cap on `live` (NOMEM past it).
    max_closures: usize,
    /// Every trampoline of every pool instance.
    trampolines: Vec<Trampoline>,
    allocations: u64,
    prepares: u64,
    frees: u64,
    /// Backing functions already type-checked: table index -> the function (bounded by
    /// `CHECKED_BACKING_CACHE_SIZE`).
    pub(crate) checked_backing: FxHashMap<u32, Func>,
    pub(crate) signatures: Vec<Signature<H>>,
    by_key: FxHashMap<Box<[u8]>, SigId>,
    /// Signature objects seen by the caller's API: address -> (the object's handle, which keeps
    /// it alive so the address is not reused while the entry lives; id).
    pub(crate) by_object: FxHashMap<usize, (H, SigId)>,
    /// Free trampolines, per pool.
    pools: Vec<Vec<TrampolineId>>,
    direct_pools: FxHashMap<(SigId, Func), PoolId>,
    /// The direct-pool budget is spent: closures call through the table.
    pub(crate) direct_exhausted: bool,
    /// A reused buffer for the signature key of a syscall.
    pub key: Vec<u8>,
    /// Function types `call_dynamic` looked up: function -> (param codes, result codes).
    pub dynamic_types: FxHashMap<Func, FuncTypeCodes>,
}

impl<H> State<H> {
    pub(crate) fn new(max_closures: usize, program: Binding) -> State<H> {
        State {
            program,
            free_slots: Vec::new(),
            chunk_starts: Vec::new(),
            slots: Vec::new(),
            live: 0,
            max_closures,
            trampolines: Vec::new(),
            allocations: 0,
            prepares: 0,
            frees: 0,
            checked_backing: FxHashMap::default(),
            signatures: Vec::new(),
            by_key: FxHashMap::default(),
            by_object: FxHashMap::default(),
            pools: Vec::new(),
            direct_pools: FxHashMap::default(),
            direct_exhausted: false,
            key: Vec::new(),
            dynamic_types: FxHashMap::default(),
        }
    }

    /// (allocations, prepares, frees, live closures).
    pub(crate) fn stats(&self) -> (u64, u64, u64, usize) {
        (self.allocations, self.prepares, self.frees, self.live)
    }

    pub fn is_bound(&self) -> bool {
        self.program.get().is_some()
    }

    fn program(&self) -> Result<&Program, Stop> {
        self.program
            .get()
            .map_or_else(|| refuse(Errno::Notsup, messages::NOT_BOUND.to_owned()), Ok)
    }

    /// (address, size) of the program's memory, read now.
    pub fn memory(&self, api: &Api, ctx: StoreContext) -> Result<(*mut u8, u64), Stop> {
        Ok(self.program()?.memory_span(api, ctx))
    }

    /// Reserve a table slot (growing the table by `TABLE_CHUNK` null slots if none is free).
    pub fn allocate(&mut self, api: &Api, ctx: StoreContext) -> Result<u32, Stop> {
        let table = self.program()?.table;
        if self.live >= self.max_closures {
            return refuse(
                Errno::Nomem,
                format!(
                    "this runtime already has {} live closures (max_closures)",
                    self.max_closures
                ),
            );
        }
        if self.free_slots.is_empty() {
            let null = Val::null_funcref();
            let mut previous = 0u64;
            // SAFETY: `table` belongs to the store of `ctx` (checked at bind); the value and
            // the out-parameter are live locals.
            let error = unsafe {
                (api.table_grow)(ctx.0, &table, TABLE_CHUNK.into(), &null, &mut previous)
            };
            if !error.is_null() {
                // SAFETY: a non-null error the C call returned, owned by us.
                let message = unsafe { api.take_error_message(error) };
                return refuse(
                    Errno::Nomem,
                    fill(
                        messages::TABLE_GROWTH,
                        &[("chunk", &TABLE_CHUNK), ("reason", &message)],
                    ),
                );
            }
            let Some(start) = u32::try_from(previous)
                .ok()
                .filter(|s| s.checked_add(TABLE_CHUNK).is_some())
            else {
                return refuse(
                    Errno::Nomem,
                    "the function table outgrew u32 indices".to_owned(),
                );
            };
            self.free_slots.extend((start..start + TABLE_CHUNK).rev());
            self.chunk_starts.push(start);
            self.slots
                .resize(self.slots.len() + TABLE_CHUNK as usize, SLOT_FREE);
        }
        let closure = self.free_slots.pop().expect("refilled above");
        let index = self
            .slot_index(closure)
            .expect("a slot of a run allocate added");
        self.slots[index] = SLOT_ALLOCATED;
        self.live += 1;
        self.allocations += 1;
        Ok(closure)
    }

    /// The program's table.
    pub fn table(&self) -> Result<Table, Stop> {
        Ok(self.program()?.table)
    }

    pub fn is_live(&self, closure: u32) -> bool {
        self.slot_index(closure)
            .is_some_and(|index| self.slots[index] != SLOT_FREE)
    }

    /// Where slot `closure` is in `slots`, if allocate added it to the table.
    fn slot_index(&self, closure: u32) -> Option<usize> {
        let run = self.chunk_starts.partition_point(|&start| start <= closure);
        let start = *self.chunk_starts.get(run.checked_sub(1)?)?;
        let offset = closure - start; // start <= closure
        (offset < TABLE_CHUNK).then(|| (run - 1) * TABLE_CHUNK as usize + offset as usize)
    }

    /// Give a slot back; an unknown or already freed one is ignored.
    pub fn free(&mut self, api: &Api, ctx: StoreContext, closure: u32) -> Result<(), Stop> {
        let Some(index) = self
            .slot_index(closure)
            .filter(|&i| self.slots[i] != SLOT_FREE)
        else {
            return Ok(());
        };
        let table = self.program()?.table;
        let null = Val::null_funcref();
        // SAFETY: as in `allocate`; `closure` is a slot allocate added, inside the table.
        let error = unsafe { (api.table_set)(ctx.0, &table, closure.into(), &null) };
        if !error.is_null() {
            // SAFETY: a non-null error the C call returned, owned by us.
            let message = unsafe { api.take_error_message(error) };
            return refuse(
                Errno::of_wasmtime(&message),
                format!("table set failed: {message}"),
            );
        }
        self.release(self.slots[index]);
        self.slots[index] = SLOT_FREE;
        self.live -= 1;
        self.free_slots.push(closure);
        self.frees += 1;
        Ok(())
    }

    /// Install in `closure` a trampoline calling `backing(args, results, env)`.
    #[allow(clippy::too_many_arguments)]
    pub fn prepare(
        &mut self,
        api: &Api,
        ctx: StoreContext,
        closure: u32,
        backing: u32,
        signature: SigArg<'_>,
        env: u32,
        direct_allowed: bool,
    ) -> Result<SigId, Stop> {
        let table = self.program()?.table;
        let Some(slot) = self
            .slot_index(closure)
            .filter(|&i| self.slots[i] != SLOT_FREE)
        else {
            return refuse(
                Errno::Inval,
                fill(messages::NOT_ALLOCATED, &[("closure", &closure)]),
            );
        };
        let identity = self.check_backing(api, ctx, &table, backing)?;
        let sig = match signature {
            SigArg::Id(id) => id,
            SigArg::Key(key) => match self.by_key.get(key) {
                Some(&id) => id,
                None => return Err(Stop::Cold(Cold::Signature { key: key.to_vec() })),
            },
        };
        let direct = direct_allowed && !self.is_closure_slot(backing);
        let trampoline = self.take_trampoline(sig, backing, direct.then_some(identity))?;
        let installed = install(
            api,
            ctx,
            &table,
            &self.trampolines[trampoline as usize],
            closure,
            env,
            backing,
        );
        if let Err(message) = installed {
            self.release(trampoline + FIRST_TRAMPOLINE); // it stays free
            return Err(Stop::Refused(Refusal {
                errno: Errno::of_wasmtime(&message),
                message,
                wasmtime: Some(WasmtimeFailure::Error),
            }));
        }
        let old = std::mem::replace(&mut self.slots[slot], trampoline + FIRST_TRAMPOLINE);
        self.release(old);
        self.prepares += 1;
        Ok(sig)
    }

    /// Give the trampoline a slot's entry names back to its pool, if it names one.
    fn release(&mut self, entry: u32) {
        if let Some(id) = entry.checked_sub(FIRST_TRAMPOLINE) {
            let pool = self.trampolines[id as usize].pool;
            self.pools[pool].push(id);
        }
    }

    /// Check slot `index` holds a function already known to be `(i32, i32, i32) -> ()`.
    fn check_backing(
        &mut self,
        api: &Api,
        ctx: StoreContext,
        table: &Table,
        index: u32,
    ) -> Result<Func, Stop> {
        let mut value = Val::null_funcref();
        // SAFETY: `table` belongs to the store of `ctx`; `value` is a live local. A funcref
        // table (checked at bind) holds no GC-rooted value, so nothing needs unrooting.
        // wasmtime checks the bounds: the size is read only to say why a slot is not found.
        let found = unsafe { (api.table_get)(ctx.0, table, index.into(), &mut value) };
        if !found {
            // SAFETY: as above.
            let size = unsafe { (api.table_size)(ctx.0, table) };
            if u64::from(index) >= size {
                return refuse(
                    Errno::Inval,
                    fill(
                        messages::BACKING_OUTSIDE,
                        &[("index", &index), ("size", &size)],
                    ),
                );
            }
        }
        let Some(func) = value.as_func().filter(|_| found) else {
            return refuse(
                Errno::Inval,
                fill(messages::BACKING_NULL, &[("index", &index)]),
            );
        };
        if self.checked_backing.get(&index) == Some(&func) {
            Ok(func)
        } else {
            Err(Stop::Cold(Cold::CheckBacking(index)))
        }
    }

    /// Whether slot `index` is one `allocate` hands out (its function changes).
    fn is_closure_slot(&self, index: u32) -> bool {
        self.slot_index(index).is_some()
    }

    /// A free trampoline: of the direct kind if allowed and within budget, else of the table kind.
    fn take_trampoline(
        &mut self,
        sig: SigId,
        backing: u32,
        direct: Option<Func>,
    ) -> Result<TrampolineId, Stop> {
        if let Some(identity) = direct {
            let pool = self.direct_pools.get(&(sig, identity)).copied();
            if let Some(trampoline) = pool.and_then(|p| self.pools[p].pop()) {
                return Ok(trampoline);
            }
            if !self.direct_exhausted {
                return Err(Stop::Cold(Cold::DirectPool {
                    signature: sig,
                    backing,
                    identity,
                }));
            }
        }
        let pool = self.signatures[sig].table_pool;
        self.pools[pool]
            .pop()
            .ok_or(Stop::Cold(Cold::TablePool(sig)))
    }

    /// Register the signature of `key` (its pool module exists now) with its owner's `handle`;
    /// return its id. A key registered before keeps its id and its first handle.
    pub(crate) fn register_signature(&mut self, key: &[u8], handle: H) -> SigId {
        if let Some(&id) = self.by_key.get(key) {
            return id;
        }
        self.pools.push(Vec::new());
        let id = self.signatures.len();
        self.signatures.push(Signature {
            handle,
            table_pool: self.pools.len() - 1,
        });
        self.by_key.insert(key.into(), id);
        id
    }

    /// The pool of (signature, backing function), made empty the first time.
    pub(crate) fn direct_pool(&mut self, sig: SigId, identity: Func) -> PoolId {
        let next = self.pools.len();
        let pool = *self.direct_pools.entry((sig, identity)).or_insert(next);
        if pool == next {
            self.pools.push(Vec::new());
        }
        pool
    }

    /// Add the `size` trampolines of a new pool instance to pool `pool`, read from the
    /// instance's exports (`_encoders.pool_module.trampoline_exports`: `configure`, then per trampoline
    /// its function, `env` global and, for the table kind, `backing` global).
    pub(crate) fn add_trampolines(
        &mut self,
        api: &Api,
        ctx: StoreContext,
        pool: PoolId,
        instance: Instance,
        size: u32,
        direct: bool,
    ) -> Result<(), String> {
        let store_id = self
            .program()
            .map_err(|_| "the runtime is not bound".to_owned())?
            .table
            .store_id;
        if instance.store_id != store_id {
            return Err("a pool instance belongs to another store".to_owned());
        }
        let per_trampoline = if direct { 2 } else { 3 };
        let export = |index: usize, expected: &str| -> Result<capi::Extern, String> {
            let mut name: *const std::ffi::c_char = std::ptr::null();
            let mut length = 0usize;
            let mut item = capi::Extern::empty();
            // SAFETY: `instance` belongs to the store of `ctx` (checked above); the out
            // parameters are live locals; the name stays valid while the instance lives.
            let found = unsafe {
                (api.instance_export_nth)(
                    ctx.0,
                    &instance,
                    index,
                    &mut name,
                    &mut length,
                    &mut item,
                )
            };
            // SAFETY: wasmtime returned `length` bytes at `name` for a found export.
            let actual =
                found.then(|| unsafe { std::slice::from_raw_parts(name.cast::<u8>(), length) });
            if actual != Some(expected.as_bytes()) {
                return Err(format!("pool module export {index} is not {expected}"));
            }
            Ok(item)
        };
        let first_id = self.trampolines.len();
        let mut trampolines = Vec::with_capacity(size as usize);
        for i in 0..size as usize {
            let first = 1 + i * per_trampoline;
            let wrong_kind =
                |what: &str| format!("pool module export {what}{i} has the wrong kind");
            let func = export(first, &format!("trampoline{i}"))?
                .as_func()
                .ok_or_else(|| wrong_kind("trampoline"))?;
            let env = export(first + 1, &format!("env{i}"))?
                .as_global()
                .ok_or_else(|| wrong_kind("env"))?;
            let backing = if direct {
                None
            } else {
                let global = export(first + 2, &format!("backing{i}"))?.as_global();
                Some(global.ok_or_else(|| wrong_kind("backing"))?)
            };
            trampolines.push(Trampoline {
                func,
                env,
                backing,
                pool,
            });
        }
        let ids = u32::try_from(first_id + trampolines.len())
            .ok()
            .filter(|&end| end <= u32::MAX - FIRST_TRAMPOLINE)
            .map(|end| first_id as u32..end)
            .ok_or_else(|| "too many trampolines for u32 ids".to_owned())?;
        self.trampolines.extend(trampolines);
        // Trampoline 0 is handed out first.
        self.pools[pool].extend(ids.rev());
        Ok(())
    }
}

/// Put `trampoline` in slot `closure` with its environment (and backing function): set its
/// globals, then the table slot.
fn install(
    api: &Api,
    ctx: StoreContext,
    table: &Table,
    trampoline: &Trampoline,
    closure: u32,
    env: u32,
    backing: u32,
) -> Result<(), String> {
    let take = |error: *mut capi::Error| {
        // SAFETY: a non-null error a C call returned, owned by us.
        Err(unsafe { api.take_error_message(error) })
    };
    // SAFETY: the globals and the function are exports of a pool instance of this store
    // (checked when the pool was added), the table is the program's; mutable i32 globals
    // take an i32 value and the funcref table the trampoline.
    unsafe {
        let error = (api.global_set)(ctx.0, &trampoline.env, &Val::i32(env));
        if !error.is_null() {
            return take(error);
        }
        if let Some(global) = &trampoline.backing {
            let error = (api.global_set)(ctx.0, global, &Val::i32(backing));
            if !error.is_null() {
                return take(error);
            }
        }
        let error = (api.table_set)(ctx.0, table, closure.into(), &Val::funcref(trampoline.func));
        if !error.is_null() {
            return take(error);
        }
    }
    Ok(())
}

/// The WASIX codes of a function's (params, results).
pub type FuncTypeCodes = (Box<[u8]>, Box<[u8]>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::DEFAULT_MAX_CLOSURES;

    #[test]
    fn closure_slots_are_the_chunks_allocate_added() {
        let mut state = State::<()>::new(DEFAULT_MAX_CLOSURES, Binding::default());
        state.chunk_starts = vec![5, 300];
        for (index, expected) in [
            (4, false),
            (5, true),
            (104, true),
            (105, false),
            (299, false),
            (300, true),
            (399, true),
            (400, false),
        ] {
            assert_eq!(state.is_closure_slot(index), expected, "slot {index}");
        }
    }
}
