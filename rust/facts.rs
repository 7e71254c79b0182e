//! The facts the native core and the pure-Python runtime share, each defined once, here.
//!
//! `_native.FACTS` exports them (see `export`); `wasm_closures._runtime.facts` is the table the
//! pure-Python runtime reads, and `tests/test_facts.py` proves the two identical. Nothing else
//! in either language writes an errno value, a limit, a cache size, the import namespace or a
//! refusal message of its own.

use pyo3::prelude::*;
use pyo3::types::PyDict;

/// The import module of the closure syscalls.
pub const WASIX_MODULE: &str = "wasix_32v1";
/// Slots `allocate` adds to the table when no freed one is left (Wasmer's number).
pub const TABLE_CHUNK: u32 = 100;
/// Params, and results, a wasm function may have (wasmtime's limit).
pub const MAX_SIGNATURE_TYPES: u32 = 1000;
/// Entries of a signature cache (type codes or objects -> signature) before it is cleared.
pub const SIGNATURE_CACHE_SIZE: usize = 1024;
/// Backing functions remembered as type-checked before the memory is cleared: a guest can name
/// any slot of a table it grows itself, so an unbounded map would cost the host ~200 bytes
/// per slot.
pub const CHECKED_BACKING_CACHE_SIZE: usize = 4096;
/// Function types `call_dynamic` keeps before its cache is cleared.
pub const CALL_DYNAMIC_TYPE_CACHE_SIZE: usize = 1024;
/// `call_dynamic` calls one thread may have running at once.
pub const MAX_CALL_DEPTH: u32 = 256;
/// Live closures a runtime allows by default (`max_closures`).
pub const DEFAULT_MAX_CLOSURES: usize = 1 << 20;
/// The pool module's exports: `configure`, then per trampoline `i` the function
/// `trampoline<i>` and its globals `env<i>` and (the table kind) `backing<i>`.
pub const POOL_CONFIGURE_EXPORT: &str = "configure";
pub const POOL_TRAMPOLINE_EXPORT: &str = "trampoline";
pub const POOL_ENV_EXPORT: &str = "env";
pub const POOL_BACKING_EXPORT: &str = "backing";
/// Trampolines a pool module may hold: wasmtime takes at most 1,000,000 globals in a module
/// (wasmparser's limit) and the table kind has two per trampoline.
pub const POOL_MAX_SIZE: u32 = 500_000;
/// The (module, name) the direct pool module imports its backing function as.
pub const POOL_BACKING_IMPORT: (&str, &str) = ("env", "backing");
/// Words of a wasmtime error or trap that make it NOMEM (a store limit, memory exhausted);
/// any other wasmtime failure is FAULT.
pub const NOMEM_MARKERS: [&str; 2] = ["limit exceeded", "out of memory"];

/// The refusal messages both runtimes give, by name; `{word}` is a placeholder (see `fill`).
pub mod messages {
    pub const NOT_BOUND: &str =
        "this ClosureRuntime is not bound to a program: call bind(memory, table, stack_pointer) first";
    pub const RUNTIME_GONE: &str = "the ClosureRuntime is gone";
    pub const STORE_CLOSED: &str = "the wasmtime.Store of this ClosureRuntime was closed";
    pub const NOT_ALLOCATED: &str =
        "closure {closure} was not allocated by this runtime (or was freed)";
    pub const TABLE_GROWTH: &str = "cannot grow the function table by {chunk} slots: {reason}";
    pub const BACKING_OUTSIDE: &str =
        "backing_function {index} is outside the function table (size {size})";
    pub const BACKING_NULL: &str = "backing_function {index} is a null table slot";
    pub const GUEST_RANGE: &str = "guest range {pointer}+{length} is outside memory ({size} bytes)";
    pub const TOO_MANY_TYPES: &str = "{params} params, {results} results: at most {limit} each";
    pub const FUNCTION_OUTSIDE: &str =
        "function_id {index} is outside the function table (size {size})";
    pub const FUNCTION_NULL: &str = "function_id {index} is a null table slot";
    pub const FUNCTION_REFERENCE_TYPED: &str =
        "function_id {index} has a reference type in its signature";

    /// (name, template) of every message, for `_native.FACTS`.
    pub const ALL: [(&str, &str); 12] = [
        ("NOT_BOUND", NOT_BOUND),
        ("RUNTIME_GONE", RUNTIME_GONE),
        ("STORE_CLOSED", STORE_CLOSED),
        ("NOT_ALLOCATED", NOT_ALLOCATED),
        ("TABLE_GROWTH", TABLE_GROWTH),
        ("BACKING_OUTSIDE", BACKING_OUTSIDE),
        ("BACKING_NULL", BACKING_NULL),
        ("GUEST_RANGE", GUEST_RANGE),
        ("TOO_MANY_TYPES", TOO_MANY_TYPES),
        ("FUNCTION_OUTSIDE", FUNCTION_OUTSIDE),
        ("FUNCTION_NULL", FUNCTION_NULL),
        ("FUNCTION_REFERENCE_TYPED", FUNCTION_REFERENCE_TYPED),
    ];
}

/// `template` with each `{word}` replaced by its value (Python's `str.format` with plain
/// placeholders, which is how the Python runtime fills the same templates).
pub fn fill(template: &str, values: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut text = template.to_owned();
    for (word, value) in values {
        text = text.replace(&format!("{{{word}}}"), &value.to_string());
    }
    text
}

/// The WASIX errnos the closure syscalls return.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Errno {
    Success = 0,
    Fault = 21,
    Inval = 28,
    Nomem = 48,
    Notsup = 58,
    Memviolation = 78,
}

impl Errno {
    /// Every errno with its Python name (`wasm_closures.errors.Errno`).
    pub const ALL: [(&'static str, Errno); 6] = [
        ("SUCCESS", Errno::Success),
        ("FAULT", Errno::Fault),
        ("INVAL", Errno::Inval),
        ("NOMEM", Errno::Nomem),
        ("NOTSUP", Errno::Notsup),
        ("MEMVIOLATION", Errno::Memviolation),
    ];

    /// The errno of a value, None for a value none has.
    pub fn from_code(code: u32) -> Option<Errno> {
        Self::ALL
            .iter()
            .find(|(_, errno)| *errno as u32 == code)
            .map(|&(_, errno)| errno)
    }

    /// The errno of a wasmtime error or trap (see `NOMEM_MARKERS`).
    pub fn of_wasmtime(message: &str) -> Errno {
        if NOMEM_MARKERS.iter().any(|marker| message.contains(marker)) {
            Errno::Nomem
        } else {
            Errno::Fault
        }
    }
}

/// The facts as `_native.FACTS`: a dict of the names above (errnos under `ERRNOS`, messages
/// under `MESSAGES`, `NOMEM_MARKERS` as a tuple).
pub fn export(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let facts = PyDict::new(py);
    let errnos = PyDict::new(py);
    for (name, errno) in Errno::ALL {
        errnos.set_item(name, errno as u32)?;
    }
    let messages = PyDict::new(py);
    for (name, template) in messages::ALL {
        messages.set_item(name, template)?;
    }
    facts.set_item("ERRNOS", errnos)?;
    facts.set_item("MESSAGES", messages)?;
    facts.set_item("WASIX_MODULE", WASIX_MODULE)?;
    facts.set_item("TABLE_CHUNK", TABLE_CHUNK)?;
    facts.set_item("MAX_SIGNATURE_TYPES", MAX_SIGNATURE_TYPES)?;
    facts.set_item("SIGNATURE_CACHE_SIZE", SIGNATURE_CACHE_SIZE)?;
    facts.set_item("CHECKED_BACKING_CACHE_SIZE", CHECKED_BACKING_CACHE_SIZE)?;
    facts.set_item("CALL_DYNAMIC_TYPE_CACHE_SIZE", CALL_DYNAMIC_TYPE_CACHE_SIZE)?;
    facts.set_item("MAX_CALL_DEPTH", MAX_CALL_DEPTH)?;
    facts.set_item("DEFAULT_MAX_CLOSURES", DEFAULT_MAX_CLOSURES)?;
    facts.set_item("POOL_CONFIGURE_EXPORT", POOL_CONFIGURE_EXPORT)?;
    facts.set_item("POOL_TRAMPOLINE_EXPORT", POOL_TRAMPOLINE_EXPORT)?;
    facts.set_item("POOL_ENV_EXPORT", POOL_ENV_EXPORT)?;
    facts.set_item("POOL_BACKING_EXPORT", POOL_BACKING_EXPORT)?;
    facts.set_item("POOL_BACKING_IMPORT", POOL_BACKING_IMPORT)?;
    facts.set_item("POOL_MAX_SIZE", POOL_MAX_SIZE)?;
    facts.set_item(
        "NOMEM_MARKERS",
        pyo3::types::PyTuple::new(py, NOMEM_MARKERS)?,
    )?;
    Ok(facts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_errno_is_found_by_its_value_and_no_other_value_is() {
        for (_, errno) in Errno::ALL {
            assert_eq!(Errno::from_code(errno as u32), Some(errno));
        }
        assert_eq!(Errno::from_code(1), None);
        assert_eq!(Errno::from_code(29), None);
    }

    #[test]
    fn wasmtime_failures_map_to_nomem_or_fault() {
        assert_eq!(
            Errno::of_wasmtime("resource limit exceeded: instance count too high"),
            Errno::Nomem
        );
        assert_eq!(Errno::of_wasmtime("out of memory"), Errno::Nomem);
        assert_eq!(
            Errno::of_wasmtime("wasm trap: call stack exhausted"),
            Errno::Fault
        );
    }

    #[test]
    fn fill_replaces_each_placeholder() {
        assert_eq!(
            fill(messages::BACKING_NULL, &[("index", &7)]),
            "backing_function 7 is a null table slot"
        );
        assert_eq!(
            fill(
                messages::GUEST_RANGE,
                &[("pointer", &"0x10"), ("length", &4), ("size", &65536)]
            ),
            "guest range 0x10+4 is outside memory (65536 bytes)"
        );
    }
}
