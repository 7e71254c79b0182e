//! wasmtime's C API, resolved at run time from the library wasmtime-py loaded.
//!
//! Never a second copy of libwasmtime: each copy has its own store ids, and a C call that
//! mixes them aborts the process. `init` takes the `dlopen` handle of wasmtime-py's library,
//! resolves every function with `dlsym`, and checks that the structs mirrored here have the
//! sizes wasmtime-py's ctypes mirrors report. Until `init` succeeds, `api()` is `None`.
//!
//! Layouts are those of the wasmtime 50 headers on 64-bit targets (see docs/native.md).

use std::ffi::{c_char, c_void, CString};
use std::sync::OnceLock;

/// `wasmtime_func_t`: a function of one store.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Func {
    pub store_id: u64,
    pub private: usize,
}

impl Func {
    /// The handle from its 16 bytes as ctypes holds them.
    pub fn from_bytes(bytes: &[u8]) -> Option<Func> {
        let bytes: &[u8; 16] = bytes.try_into().ok()?;
        Some(Func {
            store_id: u64::from_ne_bytes(bytes[..8].try_into().ok()?),
            private: usize::from_ne_bytes(bytes[8..].try_into().ok()?),
        })
    }
}

/// `wasmtime_table_t`, `wasmtime_memory_t`, `wasmtime_global_t`: 24 bytes, store id first.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct Extern24 {
    pub store_id: u64,
    private: [u64; 2],
}

impl Extern24 {
    pub fn from_bytes(bytes: &[u8]) -> Option<Extern24> {
        if bytes.len() != 24 {
            return None;
        }
        let word = |i: usize| u64::from_ne_bytes(bytes[i * 8..i * 8 + 8].try_into().unwrap());
        Some(Extern24 {
            store_id: word(0),
            private: [word(1), word(2)],
        })
    }
}

pub type Table = Extern24;
pub type Memory = Extern24;
pub type Global = Extern24;

/// `wasmtime_instance_t`: an instance of one store.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instance {
    pub store_id: u64,
    private: usize,
}

impl Instance {
    /// The handle from its 16 bytes as ctypes holds them.
    pub fn from_bytes(bytes: &[u8]) -> Option<Instance> {
        let func = Func::from_bytes(bytes)?; // the same layout
        Some(Instance {
            store_id: func.store_id,
            private: func.private,
        })
    }
}

pub const EXTERN_FUNC: u8 = 0;
pub const EXTERN_GLOBAL: u8 = 1;

/// `wasmtime_extern_t`: a kind and a 24-byte union of handles.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Extern {
    pub kind: u8,
    of: [u64; 3],
}

impl Extern {
    pub fn empty() -> Extern {
        Extern {
            kind: 0xFF,
            of: [0; 3],
        }
    }

    pub fn as_func(&self) -> Option<Func> {
        (self.kind == EXTERN_FUNC).then(|| Func {
            store_id: self.of[0],
            private: self.of[1] as usize,
        })
    }

    pub fn as_global(&self) -> Option<Global> {
        (self.kind == EXTERN_GLOBAL).then(|| Extern24 {
            store_id: self.of[0],
            private: [self.of[1], self.of[2]],
        })
    }
}

pub const KIND_I32: u8 = 0;
pub const KIND_FUNCREF: u8 = 5;

/// `wasmtime_valunion_t` (24 bytes, 8-aligned).
#[repr(C)]
#[derive(Clone, Copy)]
pub union ValUnion {
    pub i32: i32,
    pub i64: i64,
    pub f32: u32,
    pub f64: u64,
    pub v128: [u8; 16],
    pub funcref: Func,
    size: [u64; 3],
}

/// `wasmtime_val_t`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct Val {
    pub kind: u8,
    pub of: ValUnion,
}

impl Val {
    /// A null funcref (kind funcref, store id 0).
    pub fn null_funcref() -> Val {
        Val {
            kind: KIND_FUNCREF,
            of: ValUnion { size: [0; 3] },
        }
    }

    pub fn funcref(func: Func) -> Val {
        let mut val = Val::null_funcref();
        val.of.funcref = func;
        val
    }

    pub fn i32(value: u32) -> Val {
        Val {
            kind: KIND_I32,
            of: ValUnion { i32: value as i32 },
        }
    }

    /// The function of a funcref value, `None` for null or another kind.
    pub fn as_func(&self) -> Option<Func> {
        if self.kind != KIND_FUNCREF {
            return None;
        }
        // SAFETY: kind FUNCREF means the union holds a `wasmtime_func_t`.
        let func = unsafe { self.of.funcref };
        (func.store_id != 0).then_some(func)
    }
}

/// `wasmtime_val_raw_t`: 16 bytes, little endian, an i32 in the first 4.
#[repr(C, align(8))]
#[derive(Clone, Copy, Default)]
pub struct ValRaw(pub [u8; 16]);

impl ValRaw {
    pub fn i32(value: u32) -> ValRaw {
        let mut raw = ValRaw::default();
        raw.0[..4].copy_from_slice(&value.to_le_bytes());
        raw
    }

    pub fn get_u32(&self) -> u32 {
        u32::from_le_bytes(self.0[..4].try_into().unwrap())
    }
}

/// `wasm_byte_vec_t` (also `wasm_message_t` and `wasm_name_t`).
#[repr(C)]
pub struct ByteVec {
    pub size: usize,
    pub data: *mut u8,
}

/// `wasm_valtype_vec_t`.
#[repr(C)]
pub struct ValTypeVec {
    pub size: usize,
    pub data: *const *const ValType,
}

/// Opaque C types.
#[repr(C)]
pub struct Context {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct Caller {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct Trap {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct Error {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct FuncType {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct ValType {
    _opaque: [u8; 0],
}

/// An owned error a call into wasm returned, as the owned trap a host callback returns to
/// pass that same error on (a WASI exit, a host function's exception) to its own caller.
///
/// # Safety
/// `error` is an owned, non-null `wasmtime_error_t*`. wasmtime 50's C API defines both
/// `wasmtime_error_t` and `wasm_trap_t` as `#[repr(C)] struct { error: wasmtime::Error }`,
/// boxed: the same layout and allocation, and wasmtime unboxes a callback's trap to that
/// error (the version is pinned and checked at import for this kind of fact).
pub unsafe fn error_into_trap(error: *mut Error) -> *mut Trap {
    error.cast()
}

/// A `wasmtime_context_t*` known to be live: made only through the unsafe `new`, whose
/// caller vouches for it, so functions taking one need no raw-pointer contract.
#[derive(Clone, Copy)]
pub struct StoreContext(pub *mut Context);

impl StoreContext {
    /// # Safety
    /// `context` must be the context of a live store for as long as the value is used.
    pub unsafe fn new(context: *mut Context) -> StoreContext {
        StoreContext(context)
    }
}

/// A `wasmtime_sharedmemory_t*` of our own (a `wasmtime_sharedmemory_clone`), deleted on drop:
/// the memory stays valid whatever happens to the Python `SharedMemory` it was cloned from.
pub struct OwnedSharedMemory(std::ptr::NonNull<c_void>);

// SAFETY: a wasmtime shared memory is made to be used from any thread (its handle is an
// `Arc` of a thread-safe memory); this type only reads its address and size and deletes it.
unsafe impl Send for OwnedSharedMemory {}
// SAFETY: as above; `&self` methods only read.
unsafe impl Sync for OwnedSharedMemory {}

impl OwnedSharedMemory {
    /// A clone of the shared memory at `memory`, or None if wasmtime returned null.
    ///
    /// # Safety
    /// `memory` is a live `wasmtime_sharedmemory_t*` for the duration of the call.
    pub unsafe fn clone_of(api: &Api, memory: *const c_void) -> Option<OwnedSharedMemory> {
        // SAFETY: the caller's contract; the clone is a new owned handle.
        std::ptr::NonNull::new(unsafe { (api.sharedmemory_clone)(memory) }).map(OwnedSharedMemory)
    }

    /// The owned `wasmtime_sharedmemory_t*`, valid while `self` lives.
    pub fn as_ptr(&self) -> *const c_void {
        self.0.as_ptr()
    }
}

impl Drop for OwnedSharedMemory {
    fn drop(&mut self) {
        if let Some(api) = api() {
            // SAFETY: the handle is ours (made by `clone_of`, deleted only here, once).
            unsafe { (api.sharedmemory_delete)(self.0.as_ptr()) };
        }
    }
}

/// `wasmtime_func_unchecked_callback_t`.
pub type UncheckedCallback =
    unsafe extern "C" fn(*mut c_void, *mut Caller, *mut ValRaw, usize) -> *mut Trap;
/// The finalizer of a host function's environment.
pub type Finalizer = unsafe extern "C" fn(*mut c_void);

/// The C functions used, and the prototype value types that identify a type without
/// `wasm_valtype_kind` (which aborts on v128).
pub struct Api {
    pub caller_context: unsafe extern "C" fn(*mut Caller) -> *mut Context,
    pub table_get: unsafe extern "C" fn(*mut Context, *const Table, u64, *mut Val) -> bool,
    pub table_set: unsafe extern "C" fn(*mut Context, *const Table, u64, *const Val) -> *mut Error,
    pub table_size: unsafe extern "C" fn(*mut Context, *const Table) -> u64,
    pub table_grow:
        unsafe extern "C" fn(*mut Context, *const Table, u64, *const Val, *mut u64) -> *mut Error,
    pub func_call_unchecked: unsafe extern "C" fn(
        *mut Context,
        *const Func,
        *mut ValRaw,
        usize,
        *mut *mut Trap,
    ) -> *mut Error,
    pub func_type: unsafe extern "C" fn(*mut Context, *const Func) -> *mut FuncType,
    pub global_set: unsafe extern "C" fn(*mut Context, *const Global, *const Val) -> *mut Error,
    pub instance_export_nth: unsafe extern "C" fn(
        *mut Context,
        *const Instance,
        usize,
        *mut *const c_char,
        *mut usize,
        *mut Extern,
    ) -> bool,
    pub functype_params: unsafe extern "C" fn(*const FuncType) -> *const ValTypeVec,
    pub functype_results: unsafe extern "C" fn(*const FuncType) -> *const ValTypeVec,
    pub functype_delete: unsafe extern "C" fn(*mut FuncType),
    pub valtype_equal: unsafe extern "C" fn(*const ValType, *const ValType) -> bool,
    pub memory_data: unsafe extern "C" fn(*mut Context, *const Memory) -> *mut u8,
    pub memory_data_size: unsafe extern "C" fn(*mut Context, *const Memory) -> usize,
    pub sharedmemory_data: unsafe extern "C" fn(*const c_void) -> *mut u8,
    pub sharedmemory_data_size: unsafe extern "C" fn(*const c_void) -> usize,
    pub sharedmemory_clone: unsafe extern "C" fn(*const c_void) -> *mut c_void,
    pub sharedmemory_delete: unsafe extern "C" fn(*mut c_void),
    pub linker_define_func_unchecked: unsafe extern "C" fn(
        *mut c_void,
        *const c_char,
        usize,
        *const c_char,
        usize,
        *const FuncType,
        UncheckedCallback,
        *mut c_void,
        Option<Finalizer>,
    ) -> *mut Error,
    pub trap_new_code: unsafe extern "C" fn(u8) -> *mut Trap,
    pub trap_delete: unsafe extern "C" fn(*mut Trap),
    pub trap_new: unsafe extern "C" fn(*const c_char, usize) -> *mut Trap,
    pub trap_message: unsafe extern "C" fn(*const Trap, *mut ByteVec),
    pub error_delete: unsafe extern "C" fn(*mut Error),
    pub error_message: unsafe extern "C" fn(*const Error, *mut ByteVec),
    pub byte_vec_delete: unsafe extern "C" fn(*mut ByteVec),
    /// (prototype, WASIX code) for i32, i64, f32, f64, v128; owned for the process' life.
    pub prototypes: [(usize, u8); 5],
}

// SAFETY: the function pointers are plain code addresses and the prototypes immutable C
// objects that are only read (compared); sharing them between threads is sound.
unsafe impl Sync for Api {}
// SAFETY: as above.
unsafe impl Send for Api {}

static API: OnceLock<Api> = OnceLock::new();

/// The bound API, once `init` succeeded.
#[inline]
pub fn api() -> Option<&'static Api> {
    API.get()
}

/// The structs mirrored here and their sizes, which must equal wasmtime-py's ctypes sizes.
pub const STRUCT_SIZES: [(&str, usize); 8] = [
    ("wasmtime_val_t", std::mem::size_of::<Val>()),
    ("wasmtime_func_t", std::mem::size_of::<Func>()),
    ("wasmtime_table_t", std::mem::size_of::<Table>()),
    ("wasmtime_memory_t", std::mem::size_of::<Memory>()),
    ("wasmtime_global_t", std::mem::size_of::<Global>()),
    ("wasmtime_instance_t", std::mem::size_of::<Instance>()),
    ("wasmtime_extern_t", std::mem::size_of::<Extern>()),
    ("wasmtime_val_raw_t", std::mem::size_of::<ValRaw>()),
];

fn symbol(handle: *mut c_void, name: &str) -> Result<*mut c_void, String> {
    let c_name = CString::new(name).map_err(|_| format!("bad symbol name {name}"))?;
    // SAFETY: `handle` is the live dlopen handle of wasmtime-py's library (the caller's
    // contract), `c_name` a NUL-terminated string.
    let address = unsafe { libc::dlsym(handle, c_name.as_ptr()) };
    if address.is_null() {
        Err(format!("the wasmtime library lacks {name}"))
    } else {
        Ok(address)
    }
}

/// `address` as the function pointer type `F`.
///
/// # Safety
/// `address` must be a function whose prototype is `F`.
unsafe fn function_pointer<F: Copy>(address: *mut c_void) -> F {
    assert_eq!(std::mem::size_of::<F>(), std::mem::size_of::<*mut c_void>());
    // SAFETY: `F` is a pointer-sized function pointer type (checked above) and the caller
    // guarantees the prototype.
    unsafe { std::mem::transmute_copy(&address) }
}

/// Bind the API from the `dlopen` handle of wasmtime-py's library.
///
/// `sizes` are wasmtime-py's ctypes sizes of the structs in `STRUCT_SIZES`. Idempotent: a
/// second successful call keeps the first binding.
///
/// # Safety
/// `handle` must be the live handle wasmtime-py's `ctypes.CDLL` holds, which stays loaded
/// for the process' life.
pub unsafe fn init(handle: usize, sizes: &[(String, usize)]) -> Result<(), String> {
    for (name, size) in STRUCT_SIZES {
        match sizes.iter().find(|(n, _)| n == name) {
            Some((_, theirs)) if *theirs == size => {}
            Some((_, theirs)) => {
                return Err(format!(
                    "{name} is {theirs} bytes in wasmtime-py and {size} in the native core"
                ))
            }
            None => return Err(format!("wasmtime-py did not report the size of {name}")),
        }
    }
    if API.get().is_some() {
        return Ok(());
    }
    let handle = handle as *mut c_void;
    macro_rules! bind {
        ($name:literal) => {
            // SAFETY: the symbol is the wasmtime 50 C function of that name, whose prototype
            // (wasmtime.h) is the field's type; wasmtime's version was checked by the caller.
            unsafe { function_pointer(symbol(handle, $name)?) }
        };
    }
    let valtype_new: unsafe extern "C" fn(u8) -> *mut ValType = bind!("wasm_valtype_new");
    let valtype_v128: unsafe extern "C" fn() -> *mut ValType = bind!("wasmtime_wasm_valtype_v128");
    // SAFETY: plain constructors of owned value types (wasm.h kinds 0-3), never freed.
    let prototypes = unsafe {
        [
            (valtype_new(0) as usize, 0),
            (valtype_new(1) as usize, 1),
            (valtype_new(2) as usize, 2),
            (valtype_new(3) as usize, 3),
            (valtype_v128() as usize, 4),
        ]
    };
    if prototypes.iter().any(|(p, _)| *p == 0) {
        return Err("could not build prototype value types".to_owned());
    }
    let api = Api {
        caller_context: bind!("wasmtime_caller_context"),
        table_get: bind!("wasmtime_table_get"),
        table_set: bind!("wasmtime_table_set"),
        table_size: bind!("wasmtime_table_size"),
        table_grow: bind!("wasmtime_table_grow"),
        func_call_unchecked: bind!("wasmtime_func_call_unchecked"),
        func_type: bind!("wasmtime_func_type"),
        global_set: bind!("wasmtime_global_set"),
        instance_export_nth: bind!("wasmtime_instance_export_nth"),
        functype_params: bind!("wasm_functype_params"),
        functype_results: bind!("wasm_functype_results"),
        functype_delete: bind!("wasm_functype_delete"),
        valtype_equal: bind!("wasmtime_wasm_valtype_equal"),
        memory_data: bind!("wasmtime_memory_data"),
        memory_data_size: bind!("wasmtime_memory_data_size"),
        sharedmemory_data: bind!("wasmtime_sharedmemory_data"),
        sharedmemory_data_size: bind!("wasmtime_sharedmemory_data_size"),
        sharedmemory_clone: bind!("wasmtime_sharedmemory_clone"),
        sharedmemory_delete: bind!("wasmtime_sharedmemory_delete"),
        linker_define_func_unchecked: bind!("wasmtime_linker_define_func_unchecked"),
        trap_new_code: bind!("wasmtime_trap_new_code"),
        trap_delete: bind!("wasm_trap_delete"),
        trap_new: bind!("wasmtime_trap_new"),
        trap_message: bind!("wasm_trap_message"),
        error_delete: bind!("wasmtime_error_delete"),
        error_message: bind!("wasmtime_error_message"),
        byte_vec_delete: bind!("wasm_byte_vec_delete"),
        prototypes,
    };
    let _ = API.set(api);
    Ok(())
}

impl Api {
    /// A new owned trap with `message`, for a host function to return.
    pub fn new_trap(&self, message: &str) -> *mut Trap {
        // SAFETY: the message is passed with its length; wasmtime copies it.
        unsafe { (self.trap_new)(message.as_ptr().cast(), message.len()) }
    }

    /// The message of an owned error, which this deletes.
    ///
    /// # Safety
    /// `error` is an owned, non-null `wasmtime_error_t*` a C call returned.
    pub unsafe fn take_error_message(&self, error: *mut Error) -> String {
        let mut message = ByteVec {
            size: 0,
            data: std::ptr::null_mut(),
        };
        // SAFETY: `error` is an owned, non-null `wasmtime_error_t*` a C call returned; the
        // message vector is owned by us and deleted after the copy.
        unsafe {
            (self.error_message)(error, &mut message);
            let text = byte_vec_text(&message);
            (self.byte_vec_delete)(&mut message);
            (self.error_delete)(error);
            text
        }
    }

    /// A new owned trap "call stack exhausted", as wasmtime's own (`WASMTIME_TRAP_CODE_STACK_OVERFLOW`).
    pub fn stack_overflow_trap(&self) -> *mut Trap {
        // SAFETY: 0 is a valid `wasmtime_trap_code_t` (STACK_OVERFLOW).
        unsafe { (self.trap_new_code)(0) }
    }

    /// The message of an owned trap, which this deletes.
    ///
    /// # Safety
    /// `trap` is an owned, non-null `wasm_trap_t*`.
    pub unsafe fn take_trap_message(&self, trap: *mut Trap) -> String {
        let mut message = ByteVec {
            size: 0,
            data: std::ptr::null_mut(),
        };
        // SAFETY: as `take_error_message`, for a `wasm_trap_t*`.
        unsafe {
            (self.trap_message)(trap, &mut message);
            let text = byte_vec_text(&message);
            (self.byte_vec_delete)(&mut message);
            (self.trap_delete)(trap);
            text
        }
    }

    /// WASIX codes of a value type vector (0xFF for a type no closure can take).
    ///
    /// # Safety
    /// `vec` must point to a live `wasm_valtype_vec_t`.
    pub unsafe fn codes_of(&self, vec: *const ValTypeVec, out: &mut Vec<u8>) {
        out.clear();
        // SAFETY: per the contract, `vec` and its `size` elements are live.
        let vec = unsafe { &*vec };
        for i in 0..vec.size {
            // SAFETY: `i < size`.
            let valtype = unsafe { *vec.data.add(i) };
            let code = self
                .prototypes
                .iter()
                // SAFETY: both are live value types; equality is safe on every type.
                .find(|(prototype, _)| unsafe {
                    (self.valtype_equal)(valtype, *prototype as *const ValType)
                })
                .map_or(0xFF, |(_, code)| *code);
            out.push(code);
        }
    }
}

/// The text of a message vector (lossy UTF-8, without a trailing NUL).
///
/// # Safety
/// `message` must be a live byte vector.
unsafe fn byte_vec_text(message: &ByteVec) -> String {
    if message.data.is_null() || message.size == 0 {
        return String::new();
    }
    // SAFETY: a live vector of `size` bytes.
    let bytes = unsafe { std::slice::from_raw_parts(message.data, message.size) };
    let bytes = bytes.strip_suffix(&[0]).unwrap_or(bytes);
    String::from_utf8_lossy(bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mirrored_structs_have_the_wasmtime_50_sizes() {
        let sizes: Vec<(&str, usize)> = STRUCT_SIZES.to_vec();
        assert_eq!(
            sizes,
            [
                ("wasmtime_val_t", 32),
                ("wasmtime_func_t", 16),
                ("wasmtime_table_t", 24),
                ("wasmtime_memory_t", 24),
                ("wasmtime_global_t", 24),
                ("wasmtime_instance_t", 16),
                ("wasmtime_extern_t", 32),
                ("wasmtime_val_raw_t", 16),
            ]
        );
    }

    #[test]
    fn a_size_mismatch_is_refused_before_the_library_is_touched() {
        let mut sizes: Vec<(String, usize)> = STRUCT_SIZES
            .iter()
            .map(|(n, s)| (n.to_string(), *s))
            .collect();
        sizes[0].1 = 40;
        // SAFETY: the size check fails first, so the (null) handle is never used.
        let error = unsafe { init(0, &sizes) }.unwrap_err();
        assert_eq!(
            error,
            "wasmtime_val_t is 40 bytes in wasmtime-py and 32 in the native core"
        );
        sizes.remove(0);
        // SAFETY: as above.
        let error = unsafe { init(0, &sizes) }.unwrap_err();
        assert_eq!(
            error,
            "wasmtime-py did not report the size of wasmtime_val_t"
        );
    }

    #[test]
    fn handles_are_read_from_their_bytes() {
        let mut bytes = 7u64.to_ne_bytes().to_vec();
        bytes.extend(0x1234usize.to_ne_bytes());
        assert_eq!(
            Func::from_bytes(&bytes),
            Some(Func {
                store_id: 7,
                private: 0x1234
            })
        );
        assert_eq!(Func::from_bytes(&bytes[..15]), None);
        bytes.extend(9u64.to_ne_bytes());
        assert_eq!(Extern24::from_bytes(&bytes).map(|e| e.store_id), Some(7));
        assert!(Extern24::from_bytes(&bytes[..16]).is_none());
    }

    #[test]
    fn a_null_funcref_is_no_function_and_raw_i32s_are_little_endian() {
        assert_eq!(Val::null_funcref().as_func(), None);
        let func = Func {
            store_id: 3,
            private: 5,
        };
        assert_eq!(Val::funcref(func).as_func(), Some(func));
        let raw = ValRaw::i32(0xFFFF_FFFE);
        assert_eq!(raw.0[..4], [0xFE, 0xFF, 0xFF, 0xFF]);
        assert_eq!(raw.get_u32(), 0xFFFF_FFFE);
    }
}
