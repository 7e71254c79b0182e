//! `RuntimeCore`: the Python face of a runtime's native core (see `runtime.rs`).
//!
//! `ClosureRuntime` makes one and, when the native runtime serves, its `allocate`, `prepare`
//! and `free` are this object's methods: a warm call goes straight into Rust. Arguments that
//! are not plain u32 ints, and cold work, go back to the Python runtime's methods.

use std::ffi::c_void;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDict, PyInt, PyString, PyType, PyWeakrefReference};

use crate::capi;
use crate::runtime::{
    api_or_err, into_pyerr, Cold, ColdOutcome, Core, OpLock, Program, ProgramMemory, SigArg, SigId,
    State, Stop, KEY_SEPARATOR, SIGNATURE_CACHE_SIZE,
};

static SIGNATURE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

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
pub enum EnvArg<'py> {
    Plain(u32),
    Other(Bound<'py, PyAny>),
}

impl<'a, 'py> FromPyObject<'a, 'py> for EnvArg<'py> {
    type Error = PyErr;

    fn extract(object: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let object = object.to_owned();
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
        Ok(RuntimeCore {
            core: Arc::new(Core {
                state: Mutex::new(State::new(max_closures)),
                ops: OpLock::new(),
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
    fn bind(
        &self,
        py: Python<'_>,
        table: &[u8],
        memory: Option<&[u8]>,
        shared_memory: usize,
    ) -> PyResult<()> {
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
            .lock_with_gil(py)
            .bind(Program { table, memory })
            .map_err(PyRuntimeError::new_err)
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
        let _op = core.ops.enter_with_gil(py);
        let result = core
            .check_open()
            .and_then(|()| core.lock_with_gil(py).allocate(api, core.store_context()));
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
        env: EnvArg<'py>,
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
        let _op = self.core.ops.enter_with_gil(py);
        let kind = SignatureKind::of(py, signature)?;
        let args = PrepareArgs {
            closure,
            backing,
            env: env_value,
        };
        if let Some(done) = self.prepare_warm(py, api, args, signature, kind) {
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
        let _op = core.ops.enter_with_gil(py);
        let mut state = core.lock_with_gil(py);
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

    /// Called in a forked child (os.register_at_fork): free the operation lock another thread
    /// of the parent held, which would otherwise make every operation here wait forever.
    fn after_fork_in_child(&self) {
        self.core.ops.reset_in_child();
    }

    /// Whether `bind` attached a program (the commit of `ClosureRuntime.bind`).
    fn is_bound(&self, py: Python<'_>) -> bool {
        self.core.lock_with_gil(py).is_bound()
    }

    /// Whether `closure` is allocated and not freed.
    fn is_live(&self, py: Python<'_>, closure: u32) -> bool {
        self.core.lock_with_gil(py).is_live(closure)
    }

    /// (allocations, prepares, frees, live closures).
    fn stats(&self, py: Python<'_>) -> (u64, u64, u64, usize) {
        self.core.lock_with_gil(py).stats()
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
        let signature_class = SIGNATURE.import(py, "wasm_closures._types", "Signature")?;
        Ok(SignatureKind {
            is_text: signature.is_exact_instance_of::<PyString>(),
            is_signature: signature.get_type().is(signature_class),
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
        env: EnvArg<'py>,
    ) -> PyResult<()> {
        let env = match env {
            EnvArg::Plain(value) => value.into_pyobject(py)?.into_any(),
            EnvArg::Other(object) => object,
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
        api: &capi::Api,
        args: PrepareArgs,
        signature: &Bound<'_, PyAny>,
        kind: SignatureKind,
    ) -> Option<PyResult<()>> {
        if !(kind.is_text || kind.is_signature) {
            return None;
        }
        let core = &*self.core;
        let mut state = core.lock_with_gil(py);
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
        let mut sig: Option<SigId> = cached_text.or_else(|| {
            kind.is_signature
                .then(|| {
                    core.lock_with_gil(py)
                        .by_object
                        .get(&(signature.as_ptr() as usize))
                        .map(|(_, id)| *id)
                })
                .flatten()
        });
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
            let result = core.check_open().and_then(|()| {
                let sig_arg = match (sig, &resolved) {
                    (Some(id), _) => SigArg::Id(id),
                    (None, Some((_, key))) => SigArg::Key(key),
                    (None, None) => unreachable!("resolved when not cached"),
                };
                core.lock_with_gil(py).prepare(
                    api,
                    context,
                    args.closure,
                    args.backing,
                    sig_arg,
                    args.env,
                    direct_allowed,
                )
            });
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
                    sig = Some(
                        core.lock_with_gil(py)
                            .register_signature(&key, registered.unbind()),
                    );
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
            let mut state = self.core.lock_with_gil(py);
            if state.by_object.len() >= SIGNATURE_CACHE_SIZE {
                let old = std::mem::take(&mut state.by_object);
                drop(state); // the objects are released without the lock
                drop(old);
                state = self.core.lock_with_gil(py);
            }
            state.by_object.insert(
                signature.as_ptr() as usize,
                (signature.clone().unbind(), id),
            );
        }
        Ok(())
    }
}
