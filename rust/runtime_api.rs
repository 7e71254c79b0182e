//! The bridge between a runtime's native core and Python: `Core` (the state of `runtime.rs`,
//! whose signature handles are here their Python objects, with what it needs from Python: its
//! cold path, the store's context, its locks) and its cold steps, the Python exceptions of a
//! refusal, and `RuntimeCore`, the core's Python face.
//!
//! `ClosureRuntime` makes one and, when the native runtime serves, its `allocate`, `prepare`
//! and `free` are this object's methods: a warm call goes straight into Rust. Arguments that
//! are not plain u32 ints, and cold work, go back to the Python runtime's methods.

use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyInt, PyString, PyType, PyWeakrefReference};

use crate::capi::{self, Api, Context, Func, Instance, StoreContext};
use crate::facts::messages;
use crate::op_lock::{OpGuard, OpLock, StateRef};
use crate::runtime::{
    refuse, Binding, Cold, Errno, Program, ProgramMemory, Refusal, SigArg, SigId, State, Stop,
    WasmtimeFailure, CHECKED_BACKING_CACHE_SIZE, KEY_SEPARATOR, SIGNATURE_CACHE_SIZE,
};

static SIGNATURE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

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

/// A core's warm state: a signature's handle is its Python object (the `Signature` the cold
/// path registered, or a text or `Signature` object a prepare named), which it keeps alive.
pub type CoreState = State<Py<PyAny>>;

/// A runtime's core, shared by its Python object and its syscalls' host functions.
pub struct Core {
    /// One thread's operation at a time, and the state it changes (see `OpLock`).
    pub(crate) ops: OpLock<CoreState>,
    /// The program, which the state reads too: bound and asked about without `ops`, and
    /// read without it by `call_dynamic` to write its results.
    pub(crate) program: Binding,
    /// Set (before wasmtime frees it) when the store is closed or collected. The store's
    /// close hook holds only this flag (a `StoreClosedFlag`), not the core.
    pub(crate) closed: Arc<AtomicBool>,
    /// The store's `wasmtime_context_t*`.
    pub context: usize,
    /// The id the store's handles carry: `bind` refuses another store's.
    pub(crate) store_id: u64,
    pub(crate) direct_backing_calls: bool,
    /// The `ClosureRuntime`'s cold path (`_runtime.cold_path.NativeColdPath`), held weakly: the
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

/// The state through the holder's guard, or the `ClosureError` of a state left borrowed (see
/// `OpLock::reset_in_child`).
pub fn borrow<'g>(
    py: Python<'_>,
    op: &'g OpGuard<'_, CoreState>,
) -> PyResult<StateRef<'g, CoreState>> {
    op.state()
        .ok_or_else(|| closure_error(py, Errno::Notsup, STATE_IN_USE.to_owned()))
}

/// Why an operation finds the state borrowed: only a fork while another thread changed it.
pub const STATE_IN_USE: &str = "the runtime's state was being changed by another thread when \
    the process forked: make a new ClosureRuntime in this process";

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

    /// Take the operation lock for a caller holding the GIL: it waits without the GIL, so
    /// the holder's cold work can take it, and keeps the lock while it takes the GIL back (a
    /// holder's next operation then waits for this one).
    pub fn enter_with_gil(&self, py: Python<'_>) -> OpGuard<'_, CoreState> {
        if let Some(guard) = self.ops.try_enter() {
            return guard;
        }
        let me = py.detach(|| self.ops.enter_for_adoption());
        // SAFETY: `detach` ran the closure on this thread; the token is adopted once, here.
        unsafe { self.ops.adopt(me) }
    }

    /// Run `f` on the state, for a caller holding the GIL (which may hold the operation lock).
    pub fn with_state<R>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut CoreState) -> R,
    ) -> PyResult<R> {
        let op = self.enter_with_gil(py);
        let mut state = borrow(py, &op)?;
        Ok(f(&mut state))
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
                self.with_state(py, |state| {
                    state.register_signature(&key, signature.unbind());
                })?;
            }
            Cold::CheckBacking(index) => {
                let identity = cold_path.call_method1("check_backing", (index,))?;
                let func = Func::from_bytes(identity.cast::<PyBytes>()?.as_bytes())
                    .ok_or_else(|| PyRuntimeError::new_err("a function identity is 16 bytes"))?;
                self.with_state(py, |state| {
                    if state.checked_backing.len() >= CHECKED_BACKING_CACHE_SIZE {
                        state.checked_backing.clear();
                    }
                    state.checked_backing.insert(index, func);
                })?;
            }
            Cold::TablePool(sig) => {
                let signature =
                    self.with_state(py, |state| state.signatures[sig].handle.clone_ref(py))?;
                let (instance, size): (Vec<u8>, u32) = cold_path
                    .call_method1("grow_table_pool", (signature,))?
                    .extract()?;
                let instance = instance_arg(&instance)?;
                let ctx = self.open_context(py)?;
                let api = api_or_err()?;
                self.with_state(py, |state| {
                    let pool = state.signatures[sig].table_pool;
                    state.add_trampolines(api, ctx, pool, instance, size, false)
                })?
                .map_err(PyRuntimeError::new_err)?;
            }
            Cold::DirectPool {
                signature: sig,
                backing,
                identity,
            } => {
                let signature =
                    self.with_state(py, |state| state.signatures[sig].handle.clone_ref(py))?;
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
                    self.with_state(py, |state| state.direct_exhausted = true)?; // the budget is spent
                    return Ok(ColdOutcome::NoDirect);
                }
                let (instance, size): (Vec<u8>, u32) = grown.extract()?;
                let instance = instance_arg(&instance)?;
                let ctx = self.open_context(py)?;
                let api = api_or_err()?;
                self.with_state(py, |state| {
                    let pool = state.direct_pool(sig, identity);
                    state.add_trampolines(api, ctx, pool, instance, size, true)
                })?
                .map_err(PyRuntimeError::new_err)?;
            }
        }
        Ok(ColdOutcome::Done)
    }
}

/// The Python face of a runtime's native core (see the module docstring).
#[pyclass(frozen, module = "wasm_closures._native")]
pub struct RuntimeCore {
    pub core: Arc<Core>,
}

/// A core's closed flag; calling it marks the store closed (see `store_closed_flag`).
#[pyclass(frozen, module = "wasm_closures._native")]
pub struct StoreClosedFlag(Arc<AtomicBool>);

#[pymethods]
impl StoreClosedFlag {
    fn __call__(&self) {
        self.0.store(true, Ordering::Release);
    }
}

/// `prepare`'s `env`: a plain u32 int, or any other object (None included), which the Python
/// checks refuse. Only an omitted `env` is 0.
/// Borrowed from the call's arguments: no reference count is taken on the warm path.
pub enum EnvArg<'a, 'py> {
    Plain(u32),
    Other(Borrowed<'a, 'py, PyAny>),
}

impl<'a, 'py> FromPyObject<'a, 'py> for EnvArg<'a, 'py> {
    type Error = PyErr;

    fn extract(object: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        Ok(plain_u32(&object).map_or(EnvArg::Other(object), EnvArg::Plain))
    }
}

/// `value` as a u32 if it is a plain `int` in range (anything else takes the Python path).
#[inline]
fn plain_u32(value: &Bound<'_, PyAny>) -> Option<u32> {
    if value.is_exact_instance_of::<PyInt>() {
        value.extract::<u32>().ok()
    } else {
        None
    }
}

/// A handle of the core's own to the live `wasmtime_sharedmemory_t` at `address`.
fn clone_shared(api: &capi::Api, address: usize) -> PyResult<capi::OwnedSharedMemory> {
    // SAFETY: `bind`'s caller passes the address of a live `wasmtime_sharedmemory_t`
    // (`_ffi.memory_handle` of an open `SharedMemory`).
    unsafe { capi::OwnedSharedMemory::clone_of(api, address as *const c_void) }
        .ok_or_else(|| PyRuntimeError::new_err("wasmtime_sharedmemory_clone failed"))
}

#[pymethods]
impl RuntimeCore {
    /// A core that asks `cold_path` (held weakly; a `_native.ColdPath`) for its cold work,
    /// whose store's context is at `context` and whose handles carry `store_id`.
    #[new]
    fn new(
        cold_path: &Bound<'_, PyAny>,
        context: usize,
        store_id: u64,
        direct_backing_calls: bool,
        max_closures: usize,
    ) -> PyResult<RuntimeCore> {
        api_or_err()?;
        let py = cold_path.py();
        let program = Binding::default();
        Ok(RuntimeCore {
            core: Arc::new(Core {
                ops: OpLock::new(State::new(max_closures, Arc::clone(&program))),
                program,
                closed: Arc::new(AtomicBool::new(false)),
                context,
                store_id,
                direct_backing_calls,
                cold_path: PyWeakrefReference::new(cold_path)?.unbind(),
                by_text: PyDict::new(py).unbind(),
            }),
        })
    }

    /// Attach the program: its table handle, and its memory's handle or the address of a live
    /// `wasmtime_sharedmemory_t`, of which the core keeps a clone of its own.
    ///
    /// Handles of another store than the core's are refused (wasmtime would abort).
    fn bind(&self, table: &[u8], memory: Option<&[u8]>, shared_memory: usize) -> PyResult<()> {
        let api = api_or_err()?;
        let of_this_store = |bytes: &[u8], what: &str| {
            let handle = capi::Extern24::from_bytes(bytes)
                .ok_or_else(|| PyRuntimeError::new_err(format!("a {what} handle is 24 bytes")))?;
            if handle.store_id != self.core.store_id {
                return Err(PyRuntimeError::new_err(format!(
                    "the {what} belongs to another store (store id {}, the core's is {})",
                    handle.store_id, self.core.store_id
                )));
            }
            Ok(handle)
        };
        let table = of_this_store(table, "table")?;
        let memory = match memory {
            Some(bytes) => ProgramMemory::Plain(of_this_store(bytes, "memory")?),
            None if shared_memory != 0 => ProgramMemory::Shared(clone_shared(api, shared_memory)?),
            None => return Err(PyRuntimeError::new_err("no memory given")),
        };
        self.core
            .program
            .set(Program { table, memory })
            .map_err(|_| PyRuntimeError::new_err("the core is already bound"))
    }

    /// The callable that marks the store closed (from then on every operation that needs it
    /// refuses), for the store's close hook: it holds the flag only, not the core.
    fn store_closed_flag(&self) -> StoreClosedFlag {
        StoreClosedFlag(Arc::clone(&self.core.closed))
    }

    /// Reserve a table slot and return its index.
    fn allocate(&self, py: Python<'_>) -> PyResult<u32> {
        let api = api_or_err()?;
        let core = &*self.core;
        let result = core.with_state(py, |state| {
            core.check_open()
                .and_then(|()| state.allocate(api, core.store_context()))
        })?;
        match result {
            Ok(closure) => Ok(closure),
            Err(Stop::Refused(refusal)) => Err(into_pyerr(py, refusal)),
            Err(Stop::Cold(_)) => Err(PyRuntimeError::new_err("allocate has no cold work")),
        }
    }

    /// Make slot `closure` call `backing_function(args, results, env)` with `signature`:
    /// the argument checks, then the warm path, then the cold loop.
    #[pyo3(signature = (closure, backing_function, signature, env = EnvArg::Plain(0)))]
    fn prepare<'py>(
        &self,
        py: Python<'py>,
        closure: &Bound<'py, PyAny>,
        backing_function: &Bound<'py, PyAny>,
        signature: &Bound<'py, PyAny>,
        env: EnvArg<'_, 'py>,
    ) -> PyResult<()> {
        let env_value = match &env {
            EnvArg::Plain(value) => Some(*value),
            EnvArg::Other(_) => None,
        };
        let (Some(closure), Some(backing), Some(env_value)) =
            (plain_u32(closure), plain_u32(backing_function), env_value)
        else {
            return self.prepare_checked(py, closure, backing_function, signature, env);
        };
        let api = api_or_err()?;
        let op = self.core.enter_with_gil(py);
        let kind = SignatureKind::of(py, signature)?;
        let args = PrepareArgs {
            closure,
            backing,
            env: env_value,
        };
        if let Some(done) = self.prepare_warm(py, &op, api, args, signature, kind) {
            return done;
        }
        self.prepare_cold(py, api, args, signature, kind)
    }

    /// Give slot `closure` back; an unknown or freed slot is ignored.
    fn free(&self, py: Python<'_>, closure: &Bound<'_, PyAny>) -> PyResult<()> {
        let Some(closure) = plain_u32(closure) else {
            self.core
                .cold_path(py)?
                .call_method1("free_checked", (closure,))?;
            return Ok(());
        };
        let api = api_or_err()?;
        let core = &*self.core;
        let op = core.enter_with_gil(py);
        let mut state = borrow(py, &op)?;
        if !state.is_live(closure) {
            return Ok(());
        }
        match core
            .check_open()
            .and_then(|()| state.free(api, core.store_context(), closure))
        {
            Ok(()) => Ok(()),
            Err(Stop::Refused(refusal)) => {
                drop(state);
                Err(into_pyerr(py, refusal))
            }
            Err(Stop::Cold(_)) => Err(PyRuntimeError::new_err("free has no cold work")),
        }
    }

    /// Call `function()` holding the operation lock: no other thread's operation, cold work
    /// included, uses the store meanwhile (`ClosureRuntime.bind`'s checks and probes do).
    fn exclusively(&self, function: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let _op = self.core.enter_with_gil(function.py());
        function.call0().map(Bound::unbind)
    }

    /// Called in a forked child (os.register_at_fork): free the operation lock another thread
    /// of the parent held, which would otherwise make every operation here wait forever.
    fn after_fork_in_child(&self) {
        self.core.ops.reset_in_child();
    }

    /// Whether `bind` attached a program (the commit of `ClosureRuntime.bind`).
    fn is_bound(&self) -> bool {
        self.core.program.get().is_some()
    }

    /// Whether `closure` is allocated and not freed.
    fn is_live(&self, py: Python<'_>, closure: u32) -> PyResult<bool> {
        self.core.with_state(py, |state| state.is_live(closure))
    }

    /// (allocations, prepares, frees, live closures).
    fn stats(&self, py: Python<'_>) -> PyResult<(u64, u64, u64, usize)> {
        self.core.with_state(py, |state| state.stats())
    }
}

/// A prepare's plain u32 arguments.
#[derive(Clone, Copy)]
struct PrepareArgs {
    closure: u32,
    backing: u32,
    env: u32,
}

/// What a prepare's `signature` argument is: text, a `Signature`, or anything else.
#[derive(Clone, Copy)]
struct SignatureKind {
    is_text: bool,
    is_signature: bool,
}

impl SignatureKind {
    fn of(py: Python<'_>, signature: &Bound<'_, PyAny>) -> PyResult<SignatureKind> {
        let signature_class = SIGNATURE.import(py, "wasm_closures._format.types", "Signature")?;
        Ok(SignatureKind {
            is_text: signature.is_exact_instance_of::<PyString>(),
            // By pointer: `get_type` would take and drop a reference, two C calls here.
            is_signature: signature.get_type_ptr() == signature_class.as_type_ptr(),
        })
    }
}

impl RuntimeCore {
    /// `prepare` for arguments that are not plain u32 ints: the cold path checks them in the
    /// Python runtime's order, then prepares.
    fn prepare_checked<'py>(
        &self,
        py: Python<'py>,
        closure: &Bound<'py, PyAny>,
        backing_function: &Bound<'py, PyAny>,
        signature: &Bound<'py, PyAny>,
        env: EnvArg<'_, 'py>,
    ) -> PyResult<()> {
        let env = match env {
            EnvArg::Plain(value) => value.into_pyobject(py)?.into_any(),
            EnvArg::Other(object) => object.to_owned(),
        };
        self.core.cold_path(py)?.call_method1(
            "prepare_checked",
            (closure, backing_function, signature, env),
        )?;
        Ok(())
    }

    /// The warm path: a text or Signature object seen before (the same object: a string
    /// literal is one object at every call) and nothing cold to do, in one lock. None when
    /// the cold loop must do it.
    #[inline]
    fn prepare_warm(
        &self,
        py: Python<'_>,
        op: &OpGuard<'_, CoreState>,
        api: &capi::Api,
        args: PrepareArgs,
        signature: &Bound<'_, PyAny>,
        kind: SignatureKind,
    ) -> Option<PyResult<()>> {
        if !(kind.is_text || kind.is_signature) {
            return None;
        }
        let core = &*self.core;
        let mut state = op.state()?; // borrowed: the cold loop says why
        let id = state
            .by_object
            .get(&(signature.as_ptr() as usize))
            .map(|(_, id)| *id)?;
        if core.closed() {
            return None;
        }
        match state.prepare(
            api,
            core.store_context(),
            args.closure,
            args.backing,
            SigArg::Id(id),
            args.env,
            core.direct_backing_calls,
        ) {
            Ok(_) => Some(Ok(())),
            Err(Stop::Refused(refusal)) => {
                drop(state);
                Some(Err(into_pyerr(py, refusal)))
            }
            Err(Stop::Cold(_)) => None, // the cold loop does the cold work
        }
    }

    /// The cold loop: find the signature (cached, or through the cold path), then try the
    /// prepare, doing the cold work it reports in Python, until it is done or refused.
    fn prepare_cold(
        &self,
        py: Python<'_>,
        api: &capi::Api,
        args: PrepareArgs,
        signature: &Bound<'_, PyAny>,
        kind: SignatureKind,
    ) -> PyResult<()> {
        let core = &*self.core;
        let context = core.store_context();
        // The signature's id if it was seen before (text: as another object with the same
        // characters), else its Python Signature and key.
        let cached_text: Option<SigId> = if kind.is_text {
            match core.by_text.bind(py).get_item(signature)? {
                Some(id) => Some(id.extract()?),
                None => None,
            }
        } else {
            None
        };
        let mut sig: Option<SigId> = match cached_text {
            Some(id) => Some(id),
            None if kind.is_signature => core.with_state(py, |state| {
                state
                    .by_object
                    .get(&(signature.as_ptr() as usize))
                    .map(|(_, id)| *id)
            })?,
            None => None,
        };
        let from_cache = sig.is_some();
        let mut resolved: Option<(Bound<'_, PyAny>, Vec<u8>)> = None;
        if !from_cache {
            let cold_path = core.cold_path(py)?;
            let python = cold_path.call_method1("as_signature", (signature,))?;
            let params = python.getattr("param_codes")?;
            let results = python.getattr("result_codes")?;
            let mut key = params.cast::<PyBytes>()?.as_bytes().to_vec();
            key.push(KEY_SEPARATOR);
            key.extend_from_slice(results.cast::<PyBytes>()?.as_bytes());
            resolved = Some((python, key));
        }
        let mut direct_allowed = core.direct_backing_calls;
        loop {
            let result = core.with_state(py, |state| {
                core.check_open()?;
                let sig_arg = match (sig, &resolved) {
                    (Some(id), _) => SigArg::Id(id),
                    (None, Some((_, key))) => SigArg::Key(key),
                    (None, None) => unreachable!("resolved when not cached"),
                };
                state.prepare(
                    api,
                    context,
                    args.closure,
                    args.backing,
                    sig_arg,
                    args.env,
                    direct_allowed,
                )
            })?;
            let cold = match result {
                Ok(id) => {
                    if !from_cache || cached_text.is_some() {
                        self.remember_signature(
                            py,
                            signature,
                            kind.is_text,
                            kind.is_signature,
                            id,
                        )?;
                    }
                    return Ok(());
                }
                Err(Stop::Refused(refusal)) => return Err(into_pyerr(py, refusal)),
                Err(Stop::Cold(cold)) => cold,
            };
            match cold {
                Cold::Signature { key } => {
                    let (python, _) = resolved
                        .as_ref()
                        .expect("a key comes from a resolved signature");
                    let cold_path = core.cold_path(py)?;
                    let registered = cold_path.call_method1(
                        "register_signature",
                        (python, PyBytes::new(py, &[]), PyBytes::new(py, &[])),
                    )?;
                    sig = Some(core.with_state(py, |state| {
                        state.register_signature(&key, registered.unbind())
                    })?);
                }
                other => {
                    if let ColdOutcome::NoDirect = core.run_cold(py, other, 0)? {
                        direct_allowed = false;
                    }
                }
            }
        }
    }

    /// Cache a text or `Signature` object's id, so the next prepare with it skips Python:
    /// by the object's identity (the warm path), and text also by its characters.
    fn remember_signature(
        &self,
        py: Python<'_>,
        signature: &Bound<'_, PyAny>,
        is_text: bool,
        is_signature: bool,
        id: SigId,
    ) -> PyResult<()> {
        if is_text {
            let cache = self.core.by_text.bind(py);
            if cache.len() >= SIGNATURE_CACHE_SIZE {
                cache.clear();
            }
            cache.set_item(signature, id)?;
        }
        if is_text || is_signature {
            let old = self.core.with_state(py, |state| {
                let full = state.by_object.len() >= SIGNATURE_CACHE_SIZE;
                let old = full.then(|| std::mem::take(&mut state.by_object));
                state.by_object.insert(
                    signature.as_ptr() as usize,
                    (signature.clone().unbind(), id),
                );
                old
            })?;
            drop(old); // the objects are released without the state borrowed
        }
        Ok(())
    }
}
