//! The native runtime core: a `ClosureRuntime`'s warm state and its warm operations.
//!
//! `State` holds what a warm allocate, prepare or free needs (slots, free list, pooled
//! trampolines, signatures, backing functions already checked, counters) and runs them with
//! wasmtime's C API, without Python. What it cannot do warm it reports as `Cold` work, which
//! the caller runs in Python (with the GIL, without the state's lock) before trying again:
//! binding to a program, registering a new signature, type-checking a backing function seen
//! for the first time, instantiating a pool module.
//!
//! `RuntimeCore` (`runtime_api.rs`) is its Python face.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, TryLockError};
use std::time::Duration;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyString, PyType, PyWeakrefReference};

use crate::capi::{self, Api, Context, Func, Global, Instance, Memory, StoreContext, Table, Val};

use crate::facts::{fill, messages};
pub use crate::facts::{
    Errno, CHECKED_BACKING_CACHE_SIZE, MAX_SIGNATURE_TYPES, SIGNATURE_CACHE_SIZE, TABLE_CHUNK,
};

/// Separates the param codes from the result codes in a signature key (no type has it).
pub(crate) const KEY_SEPARATOR: u8 = 0xFF;

/// FxHash, rustc's hasher: a few cycles for the small keys here, where SipHash was a tenth
/// of a warm prepare. The maps are bounded (slots the runtime handed out, registered
/// signatures and pools), so a guest cannot flood them.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    #[inline]
    fn write_u32(&mut self, value: u32) {
        self.add(value.into());
    }

    #[inline]
    fn write_u64(&mut self, value: u64) {
        self.add(value);
    }

    #[inline]
    fn write_usize(&mut self, value: usize) {
        self.add(value as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

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

fn refuse<T>(errno: Errno, message: String) -> Result<T, Stop> {
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

pub(crate) struct Program {
    pub(crate) table: Table,
    pub(crate) memory: ProgramMemory,
}

/// How a prepare names its signature.
#[derive(Clone, Copy)]
pub enum SigArg<'a> {
    Id(SigId),
    /// param codes, `KEY_SEPARATOR`, result codes.
    Key(&'a [u8]),
}

struct Signature {
    python: Py<PyAny>,
    table_pool: PoolId,
}

/// The warm state of one runtime.
pub struct State {
    program: Option<Program>,
    free_slots: Vec<u32>,
    /// First slots of the runs of `TABLE_CHUNK` slots allocate added, ascending.
    chunk_starts: Vec<u32>,
    /// Whether each slot of those runs is allocated, run after run: one byte per slot, so a
    /// guest that only allocates costs the host little beyond the table's own slot.
    allocated: Vec<bool>,
    /// Allocated slots now.
    live: usize,
    /// The cap on `live` (NOMEM past it).
    max_closures: usize,
    /// The trampoline installed in each prepared closure (bounded by the pools).
    prepared: FastMap<u32, Trampoline>,
    allocations: u64,
    prepares: u64,
    frees: u64,
    /// Backing functions already type-checked: table index -> the function (bounded by
    /// `CHECKED_BACKING_CACHE_SIZE`).
    checked_backing: FastMap<u32, Func>,
    signatures: Vec<Signature>,
    by_key: FastMap<Box<[u8]>, SigId>,
    /// `Signature` and text objects seen by the Python API: address -> (the object, kept alive,
    /// so the address is not reused while the entry lives; id).
    pub(crate) by_object: FastMap<usize, (Py<PyAny>, SigId)>,
    /// Free trampolines, per pool.
    pools: Vec<Vec<Trampoline>>,
    direct_pools: FastMap<(SigId, Func), PoolId>,
    /// The direct-pool budget is spent: closures call through the table.
    direct_exhausted: bool,
    /// A reused buffer for the signature key of a syscall.
    pub key: Vec<u8>,
    /// Function types `call_dynamic` looked up: function -> (param codes, result codes).
    pub dynamic_types: FastMap<Func, FuncTypeCodes>,
}

impl State {
    pub(crate) fn new(max_closures: usize) -> State {
        State {
            program: None,
            free_slots: Vec::new(),
            chunk_starts: Vec::new(),
            allocated: Vec::new(),
            live: 0,
            max_closures,
            prepared: FastMap::default(),
            allocations: 0,
            prepares: 0,
            frees: 0,
            checked_backing: FastMap::default(),
            signatures: Vec::new(),
            by_key: FastMap::default(),
            by_object: FastMap::default(),
            pools: Vec::new(),
            direct_pools: FastMap::default(),
            direct_exhausted: false,
            key: Vec::new(),
            dynamic_types: FastMap::default(),
        }
    }

    /// Attach the program (once).
    pub(crate) fn bind(&mut self, program: Program) -> Result<(), String> {
        if self.program.is_some() {
            return Err("the core is already bound".to_owned());
        }
        self.program = Some(program);
        Ok(())
    }

    /// (allocations, prepares, frees, live closures).
    pub(crate) fn stats(&self) -> (u64, u64, u64, usize) {
        (self.allocations, self.prepares, self.frees, self.live)
    }

    pub fn is_bound(&self) -> bool {
        self.program.is_some()
    }

    fn program(&self) -> Result<&Program, Stop> {
        self.program
            .as_ref()
            .map_or_else(|| refuse(Errno::Notsup, messages::NOT_BOUND.to_owned()), Ok)
    }

    /// (address, size) of the program's memory, read now.
    pub fn memory(&self, api: &Api, ctx: StoreContext) -> Result<(*mut u8, u64), Stop> {
        let program = self.program()?;
        // SAFETY: `ctx` is the live context of the store the memory belongs to (checked at
        // bind and by the caller); a shared memory handle is owned by the program.
        Ok(unsafe {
            match &program.memory {
                ProgramMemory::Plain(memory) => (
                    (api.memory_data)(ctx.0, memory),
                    (api.memory_data_size)(ctx.0, memory) as u64,
                ),
                ProgramMemory::Shared(memory) => (
                    (api.sharedmemory_data)(memory.as_ptr()),
                    (api.sharedmemory_data_size)(memory.as_ptr()) as u64,
                ),
            }
        })
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
            self.allocated
                .resize(self.allocated.len() + TABLE_CHUNK as usize, false);
        }
        let closure = self.free_slots.pop().expect("refilled above");
        let index = self
            .slot_index(closure)
            .expect("a slot of a run allocate added");
        self.allocated[index] = true;
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
            .is_some_and(|index| self.allocated[index])
    }

    /// Where slot `closure` is in `allocated`, if allocate added it to the table.
    fn slot_index(&self, closure: u32) -> Option<usize> {
        let run = self.chunk_starts.partition_point(|&start| start <= closure);
        let start = *self.chunk_starts.get(run.checked_sub(1)?)?;
        let offset = closure - start; // start <= closure
        (offset < TABLE_CHUNK).then(|| (run - 1) * TABLE_CHUNK as usize + offset as usize)
    }

    /// Give a slot back; an unknown or already freed one is ignored.
    pub fn free(&mut self, api: &Api, ctx: StoreContext, closure: u32) -> Result<(), Stop> {
        let Some(index) = self.slot_index(closure).filter(|&i| self.allocated[i]) else {
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
        if let Some(old) = self.prepared.remove(&closure) {
            self.pools[old.pool].push(old);
        }
        self.allocated[index] = false;
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
        if !self.is_live(closure) {
            return refuse(
                Errno::Inval,
                fill(messages::NOT_ALLOCATED, &[("closure", &closure)]),
            );
        }
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
        if let Err(message) = install(api, ctx, &table, &trampoline, closure, env, backing) {
            self.pools[trampoline.pool].push(trampoline); // it stays free
            return Err(Stop::Refused(Refusal {
                errno: Errno::of_wasmtime(&message),
                message,
                wasmtime: Some(WasmtimeFailure::Error),
            }));
        }
        if let Some(old) = self.prepared.insert(closure, trampoline) {
            self.pools[old.pool].push(old);
        }
        self.prepares += 1;
        Ok(sig)
    }

    /// Check slot `index` holds a function already known to be `(i32, i32, i32) -> ()`.
    fn check_backing(
        &mut self,
        api: &Api,
        ctx: StoreContext,
        table: &Table,
        index: u32,
    ) -> Result<Func, Stop> {
        // SAFETY: `table` belongs to the store of `ctx`.
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
        let mut value = Val::null_funcref();
        // SAFETY: as above; `index` is inside the table; `value` is a live local. A funcref
        // table (checked at bind) holds no GC-rooted value, so nothing needs unrooting.
        let found = unsafe { (api.table_get)(ctx.0, table, index.into(), &mut value) };
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
    ) -> Result<Trampoline, Stop> {
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

    /// Register the signature of `key`, whose Python pool exists now; return its id.
    pub(crate) fn register_signature(&mut self, key: &[u8], python: Py<PyAny>) -> SigId {
        if let Some(&id) = self.by_key.get(key) {
            return id;
        }
        self.pools.push(Vec::new());
        let id = self.signatures.len();
        self.signatures.push(Signature {
            python,
            table_pool: self.pools.len() - 1,
        });
        self.by_key.insert(key.into(), id);
        id
    }

    /// Add the `size` trampolines of a new pool instance to pool `pool`, read from the
    /// instance's exports (`_pool_module.trampoline_exports`: `configure`, then per trampoline
    /// its function, `env` global and, for the table kind, `backing` global).
    fn add_trampolines(
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
        // Trampoline 0 is handed out first.
        self.pools[pool].extend(trampolines.into_iter().rev());
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

static TRAP: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static WASMTIME_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

pub(crate) fn into_pyerr(py: Python<'_>, refusal: Refusal) -> PyErr {
    let class = match refusal.wasmtime {
        None => return closure_error(py, refusal.errno, refusal.message),
        Some(WasmtimeFailure::Trap) => TRAP.import(py, "wasmtime", "Trap"),
        Some(WasmtimeFailure::Error) => WASMTIME_ERROR.import(py, "wasmtime", "WasmtimeError"),
    };
    match class.and_then(|class| class.call1((refusal.message.as_str(),))) {
        Ok(error) => PyErr::from_value(error),
        Err(error) => error,
    }
}

pub(crate) fn api_or_err() -> PyResult<&'static Api> {
    capi::api().ok_or_else(|| PyRuntimeError::new_err("the native core's C API is not initialised"))
}

/// The WASIX codes of a function's (params, results), shared: a `call_dynamic` keeps them
/// across its unlocked call without copying them.
pub type FuncTypeCodes = Arc<(Box<[u8]>, Box<[u8]>)>;

thread_local! {
    /// Its address identifies the thread to `OpLock`.
    static THREAD_TOKEN: u8 = const { 0 };
}

fn thread_token() -> usize {
    THREAD_TOKEN.with(|token| token as *const u8 as usize)
}

/// Serialises a runtime's operations, cold work included, between threads: one thread at a
/// time runs them, and may enter again while it does (a syscall reached from a backing
/// function, a cold step calling back into the core). Cold work runs in Python without the
/// state's lock, so without this another thread's warm `table_set` or `global_set` could run
/// on the store while it instantiates a pool module.
pub struct OpLock {
    /// The holder's `thread_token`, or 0.
    owner: AtomicUsize,
    /// How many times the holder entered (only the holder touches it).
    depth: AtomicUsize,
    waiters: AtomicUsize,
    parked: Mutex<()>,
    wake: Condvar,
}

/// The lock held by this thread until dropped.
pub struct OpGuard<'a>(&'a OpLock);

impl OpLock {
    pub(crate) fn new() -> OpLock {
        OpLock {
            owner: AtomicUsize::new(0),
            depth: AtomicUsize::new(0),
            waiters: AtomicUsize::new(0),
            parked: Mutex::new(()),
            wake: Condvar::new(),
        }
    }

    /// Take the lock without waiting: held by this thread already, or free.
    fn try_enter(&self, me: usize) -> Option<OpGuard<'_>> {
        if self.owner.load(Ordering::Acquire) == me {
            self.depth.fetch_add(1, Ordering::Relaxed);
            return Some(OpGuard(self));
        }
        self.owner
            .compare_exchange(0, me, Ordering::Acquire, Ordering::Relaxed)
            .ok()
            .map(|_| {
                self.depth.store(1, Ordering::Relaxed);
                OpGuard(self)
            })
    }

    /// Take the lock, waiting for another thread's operation (the caller holds no GIL).
    pub fn enter(&self) -> OpGuard<'_> {
        let me = thread_token();
        loop {
            if let Some(guard) = self.try_enter(me) {
                return guard;
            }
            self.waiters.fetch_add(1, Ordering::SeqCst);
            let parked = self.parked.lock().unwrap_or_else(|p| p.into_inner());
            if self.owner.load(Ordering::SeqCst) != 0 {
                // The timeout only bounds a missed wake-up; `exit` notifies.
                let _ = self.wake.wait_timeout(parked, Duration::from_millis(1));
            }
            self.waiters.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// In a forked child, where only the forking thread exists: a holder that was another
    /// thread never leaves, so the lock is freed (that thread's operation stops between two
    /// of its steps, each of which holds the state's lock while it changes the state).
    pub(crate) fn reset_in_child(&self) {
        if self.owner.load(Ordering::SeqCst) != thread_token() {
            self.owner.store(0, Ordering::SeqCst);
            self.depth.store(0, Ordering::Relaxed);
        }
        self.waiters.store(0, Ordering::SeqCst);
    }

    /// Take the lock for a caller holding the GIL: it waits without the GIL, so the holder's
    /// cold work can take it.
    pub fn enter_with_gil(&self, py: Python<'_>) -> OpGuard<'_> {
        match self.try_enter(thread_token()) {
            Some(guard) => guard,
            None => py.detach(|| self.enter()),
        }
    }
}

impl Drop for OpGuard<'_> {
    fn drop(&mut self) {
        let lock = self.0;
        if lock.depth.fetch_sub(1, Ordering::Relaxed) == 1 {
            lock.owner.store(0, Ordering::SeqCst);
            if lock.waiters.load(Ordering::SeqCst) != 0 {
                let _parked = lock.parked.lock().unwrap_or_else(|p| p.into_inner());
                lock.wake.notify_one();
            }
        }
    }
}

/// A runtime's core, shared by its Python object and its syscalls' host functions.
pub struct Core {
    pub(crate) state: Mutex<State>,
    /// One thread's operation at a time (see `OpLock`).
    pub(crate) ops: OpLock,
    /// Set (before wasmtime frees it) when the store is closed or collected. The store's
    /// close hook holds only this flag (a `StoreClosedFlag`), not the core.
    pub(crate) closed: Arc<AtomicBool>,
    /// The store's `wasmtime_context_t*`.
    pub context: usize,
    /// The id the store's handles carry: `bind` refuses another store's.
    pub(crate) store_id: u64,
    pub(crate) direct_backing_calls: bool,
    /// The `ClosureRuntime`'s cold path (`_cold_path.NativeColdPath`), held weakly: the
    /// runtime holds it and this core.
    pub(crate) cold_path: Py<PyWeakrefReference>,
    /// Text -> signature id, for the Python API (read and written with the GIL).
    pub(crate) by_text: Py<PyDict>,
}

static CLOSURE_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static ERRNO: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// A `ClosureError` with `errno`.
pub fn closure_error(py: Python<'_>, errno: Errno, message: String) -> PyErr {
    let make = || -> PyResult<PyErr> {
        let errno = ERRNO
            .import(py, "wasm_closures.errors", "Errno")?
            .call1((errno as u32,))?;
        let error = CLOSURE_ERROR
            .import(py, "wasm_closures.errors", "ClosureError")?
            .call1((message.as_str(), errno))?;
        Ok(PyErr::from_value(error))
    };
    make().unwrap_or_else(|e| e)
}

/// An instance handle from its bytes.
fn instance_arg(bytes: &[u8]) -> PyResult<Instance> {
    Instance::from_bytes(bytes)
        .ok_or_else(|| PyRuntimeError::new_err("an instance handle is 16 bytes"))
}

/// How a cold step ended.
pub enum ColdOutcome {
    Done,
    /// The direct pool could not grow: take a table trampoline.
    NoDirect,
}

impl Core {
    /// The store's context, for operations that checked the store is open first.
    pub(crate) fn store_context(&self) -> StoreContext {
        // SAFETY: the Python API checks `closed` before any C call with this context, and the
        // store-close hook sets `closed` before wasmtime frees the store.
        unsafe { StoreContext::new(self.context as *mut Context) }
    }

    /// The store's context, or the `ClosureError` of a closed store.
    fn open_context(&self, py: Python<'_>) -> PyResult<StoreContext> {
        match self.check_open() {
            Ok(()) => Ok(self.store_context()),
            Err(Stop::Refused(refusal)) => Err(into_pyerr(py, refusal)),
            Err(Stop::Cold(_)) => Err(PyRuntimeError::new_err("no cold work here")),
        }
    }

    pub fn closed(&self) -> bool {
        self.closed.load(Ordering::Acquire)
    }

    /// The state, for a caller that holds the GIL: it waits for the lock without the GIL.
    pub fn lock_with_gil(&self, py: Python<'_>) -> MutexGuard<'_, State> {
        loop {
            match self.state.try_lock() {
                Ok(guard) => return guard,
                Err(TryLockError::Poisoned(poisoned)) => return poisoned.into_inner(),
                Err(TryLockError::WouldBlock) => py.detach(|| drop(self.state.lock())),
            }
        }
    }

    /// The state, for a caller without the GIL (a syscall): no lock holder waits for the GIL.
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The runtime's cold path (`_native.ColdPath`), or NOTSUP if the runtime is gone.
    pub fn cold_path<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        use pyo3::types::PyWeakrefMethods;
        self.cold_path
            .bind(py)
            .upgrade()
            .ok_or_else(|| closure_error(py, Errno::Notsup, messages::RUNTIME_GONE.to_owned()))
    }

    /// The `ClosureError` for a closed store, or the error of an unusable runtime.
    pub(crate) fn check_open(&self) -> Result<(), Stop> {
        if self.closed() {
            return refuse(Errno::Notsup, messages::STORE_CLOSED.to_owned());
        }
        Ok(())
    }

    /// Run a cold step in Python. `caller` is the guest's `wasmtime_caller_t*` for `Bind`.
    pub fn run_cold(&self, py: Python<'_>, cold: Cold, caller: usize) -> PyResult<ColdOutcome> {
        let cold_path = self.cold_path(py)?;
        match cold {
            Cold::Bind => {
                cold_path.call_method1("bind_from_caller", (caller,))?;
            }
            Cold::Signature { key } => {
                let split = key
                    .iter()
                    .position(|&b| b == KEY_SEPARATOR)
                    .unwrap_or(key.len());
                let params = PyBytes::new(py, &key[..split]);
                let results = PyBytes::new(py, key.get(split + 1..).unwrap_or(&[]));
                let signature =
                    cold_path.call_method1("register_signature", (py.None(), params, results))?;
                self.lock_with_gil(py)
                    .register_signature(&key, signature.unbind());
            }
            Cold::CheckBacking(index) => {
                let identity = cold_path.call_method1("check_backing", (index,))?;
                let func = Func::from_bytes(identity.cast::<PyBytes>()?.as_bytes())
                    .ok_or_else(|| PyRuntimeError::new_err("a function identity is 16 bytes"))?;
                let mut state = self.lock_with_gil(py);
                if state.checked_backing.len() >= CHECKED_BACKING_CACHE_SIZE {
                    state.checked_backing.clear();
                }
                state.checked_backing.insert(index, func);
            }
            Cold::TablePool(sig) => {
                let signature = self.lock_with_gil(py).signatures[sig].python.clone_ref(py);
                let (instance, size): (Vec<u8>, u32) = cold_path
                    .call_method1("grow_table_pool", (signature,))?
                    .extract()?;
                let instance = instance_arg(&instance)?;
                let ctx = self.open_context(py)?;
                let mut state = self.lock_with_gil(py);
                let pool = state.signatures[sig].table_pool;
                state
                    .add_trampolines(api_or_err()?, ctx, pool, instance, size, false)
                    .map_err(PyRuntimeError::new_err)?;
            }
            Cold::DirectPool {
                signature: sig,
                backing,
                identity,
            } => {
                let signature = self.lock_with_gil(py).signatures[sig].python.clone_ref(py);
                let identity_bytes = [
                    identity.store_id.to_ne_bytes(),
                    (identity.private as u64).to_ne_bytes(),
                ]
                .concat();
                let grown = cold_path.call_method1(
                    "grow_direct_pool",
                    (signature, backing, PyBytes::new(py, &identity_bytes)),
                )?;
                if grown.is_none() {
                    return Ok(ColdOutcome::NoDirect);
                }
                if grown.is_instance_of::<PyString>() {
                    self.lock_with_gil(py).direct_exhausted = true; // the budget is spent
                    return Ok(ColdOutcome::NoDirect);
                }
                let (instance, size): (Vec<u8>, u32) = grown.extract()?;
                let instance = instance_arg(&instance)?;
                let ctx = self.open_context(py)?;
                let mut state = self.lock_with_gil(py);
                let next = state.pools.len();
                let pool = *state.direct_pools.entry((sig, identity)).or_insert(next);
                if pool == next {
                    state.pools.push(Vec::new());
                }
                state
                    .add_trampolines(api_or_err()?, ctx, pool, instance, size, true)
                    .map_err(PyRuntimeError::new_err)?;
            }
        }
        Ok(ColdOutcome::Done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::DEFAULT_MAX_CLOSURES;
    use std::hash::BuildHasher;

    #[test]
    fn closure_slots_are_the_chunks_allocate_added() {
        let mut state = State::new(DEFAULT_MAX_CLOSURES);
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

    #[test]
    fn fx_hashes_tell_keys_apart() {
        let build = BuildHasherDefault::<FxHasher>::default();
        let hashes: std::collections::HashSet<u64> =
            (0u32..1000).map(|k| build.hash_one(k)).collect();
        assert_eq!(hashes.len(), 1000);
        assert_ne!(
            build.hash_one(&b"\x00\x00\xff\x00"[..]),
            build.hash_one(&b"\x00\xff\x00\x00"[..])
        );
    }
}
