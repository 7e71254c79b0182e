//! The WASIX closure module: a tiny side module whose one function (the trampoline) has the
//! closure's signature, spills its arguments to the shadow stack, calls the generic backing
//! function `backing(args_ptr, results_ptr, env)` through the table and loads the results back.
//!
//! The layout is the one of `build_closure_wasm_bytes` in the Wasmer reference
//! (`closure_prepare.rs`, see docs/spec.md); with the default [`MemoryImport`] the bytes are equal to
//! the reference's. This module has no Python in it: `lib.rs` wraps it for Python.

use std::borrow::Cow;
use std::fmt;

use wasm_encoder::{
    CustomSection, Encode, EntityType, ExportKind, GlobalType, InstructionSink, MemArg,
    MemArgTarget, MemoryType, Module, RawSection, RefType, Section, SectionId, TableType, ValType,
};

/// The export the module's constructor has; the trampoline's name cannot be this one.
pub const CTORS_EXPORT: &str = "__wasm_call_ctors";

/// The largest page count of a 32-bit memory.
pub const WASM32_MAX_PAGES: u32 = 65536;

// Indices inside the module. Imports, in order: memory 0, table 0, global 0
// (`__stack_pointer`), global 1 (`GOT.func.<name>`).
const MEMORY: u32 = 0;
pub(crate) const TABLE: u32 = 0;
pub(crate) const STACK_POINTER: u32 = 0;
const GOT_ENTRY: u32 = 1;
const CTORS_TYPE: u32 = 0;
pub(crate) const TRAMPOLINE_TYPE: u32 = 1;
pub(crate) const BACKING_TYPE: u32 = 2;
const CTORS_FUNC: u32 = 0;
const TRAMPOLINE_FUNC: u32 = 1;

/// The custom section that marks a side module (empty: no MEM_INFO, as in the reference).
const DYLINK: &str = "dylink.0";
/// The form byte that starts a function type.
const FUNC_TYPE_FORM: u8 = 0x60;
/// The backing function's parameters: args pointer, results pointer, env.
pub(crate) const BACKING_PARAMS: [ValType; 3] = [ValType::I32, ValType::I32, ValType::I32];
/// The trampoline's own locals: saved stack pointer, args base, results base.
pub(crate) const TRAMPOLINE_LOCALS: [(u32, ValType); 1] = [(3, ValType::I32)];
/// `env.__indirect_function_table`: funcref, at least 1 slot, no maximum.
pub(crate) const TABLE_TYPE: TableType = TableType {
    element_type: RefType::FUNCREF,
    table64: false,
    minimum: 1,
    maximum: None,
    shared: false,
};
/// `env.__stack_pointer` and `GOT.func.<name>`.
pub(crate) const MUTABLE_I32: GlobalType = GlobalType {
    val_type: ValType::I32,
    mutable: true,
    shared: false,
};

/// The value types a closure can take or return, indexed by their WASIX code
/// (I32 = 0, I64 = 1, F32 = 2, F64 = 3, V128 = 4).
const BY_CODE: [ValType; 5] = [
    ValType::I32,
    ValType::I64,
    ValType::F32,
    ValType::F64,
    ValType::V128,
];

/// The most parameters the trampoline can have: its three own locals follow them and every
/// local index is a u32. (The Python backend has no such check; no real input comes near.)
pub const MAX_TYPES: usize = u32::MAX as usize - 3;

/// Bytes each type takes when spilled, indexed by WASIX code.
pub(crate) const SIZE_BY_CODE: [u64; 5] = [4, 8, 4, 8, 16];

/// Which list of types a [`TypeCodes`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeList {
    Params,
    Results,
}

impl TypeList {
    pub fn as_str(self) -> &'static str {
        match self {
            TypeList::Params => "params",
            TypeList::Results => "results",
        }
    }
}

/// What can be wrong with the inputs of the encoder. The messages are the Python backend's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EncodeError {
    /// The trampoline's name is empty.
    EmptyName,
    /// The trampoline's name is [`CTORS_EXPORT`].
    ReservedName,
    /// A type code is not one of 0..=4.
    UnknownTypeCode { list: TypeList, code: u8 },
    /// More types than a function's locals can index (only for lists of over 4 GiB).
    TooManyTypes { list: TypeList, count: usize },
    /// A memory page count is above [`WASM32_MAX_PAGES`].
    Pages { field: &'static str, value: u64 },
    /// The memory's maximum is below its minimum.
    MaximumBelowMinimum { minimum: u32, maximum: u32 },
    /// A shared memory without a maximum.
    SharedWithoutMaximum,
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::EmptyName => write!(f, "name must be a non-empty str, got ''"),
            EncodeError::ReservedName => write!(
                f,
                "name '{CTORS_EXPORT}' collides with the module's own export '{CTORS_EXPORT}'"
            ),
            EncodeError::UnknownTypeCode { list, code } => write!(
                f,
                "unknown value type code {code} in {}: expected 0 (i32), 1 (i64), 2 (f32), \
                 3 (f64) or 4 (v128)",
                list.as_str()
            ),
            EncodeError::TooManyTypes { list, count } => write!(
                f,
                "{} has {count} value types: at most {MAX_TYPES} fit in a wasm function",
                list.as_str()
            ),
            EncodeError::Pages { field, value } => write!(
                f,
                "MemoryImport.{field} must be a page count in 0..={WASM32_MAX_PAGES}, got {value}"
            ),
            EncodeError::MaximumBelowMinimum { minimum, maximum } => {
                write!(
                    f,
                    "MemoryImport.maximum {maximum} is below minimum {minimum}"
                )
            }
            EncodeError::SharedWithoutMaximum => {
                write!(
                    f,
                    "a shared MemoryImport needs a maximum (got maximum=None)"
                )
            }
        }
    }
}

impl std::error::Error for EncodeError {}

/// A list of WASIX value type codes, checked to be all known. Borrowed: no copy of the bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeCodes<'a>(&'a [u8]);

impl<'a> TypeCodes<'a> {
    /// Check `codes`; the error names the first unknown code.
    pub fn new(list: TypeList, codes: &'a [u8]) -> Result<Self, EncodeError> {
        if codes.len() > MAX_TYPES {
            return Err(EncodeError::TooManyTypes {
                list,
                count: codes.len(),
            });
        }
        match codes.iter().find(|&&c| usize::from(c) >= BY_CODE.len()) {
            Some(&code) => Err(EncodeError::UnknownTypeCode { list, code }),
            None => Ok(TypeCodes(codes)),
        }
    }

    pub fn codes(&self) -> &'a [u8] {
        self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// The wasm value types, in order.
    pub fn valtypes(&self) -> impl ExactSizeIterator<Item = ValType> + 'a {
        self.0.iter().map(|&c| BY_CODE[usize::from(c)])
    }

    /// Bytes the values take packed on the shadow stack, rounded up to 16.
    pub fn spill_area_size(&self) -> u64 {
        let total: u64 = self.0.iter().map(|&c| SIZE_BY_CODE[usize::from(c)]).sum();
        total.next_multiple_of(16)
    }
}

/// The linear memory the module imports as `env.memory`; it must match the program's memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemoryImport {
    shared: bool,
    minimum: u32,
    maximum: Option<u32>,
}

impl MemoryImport {
    /// The reference's import: shared, 1 page minimum, 65536 pages maximum.
    pub const REFERENCE: MemoryImport = MemoryImport {
        shared: true,
        minimum: 1,
        maximum: Some(WASM32_MAX_PAGES),
    };

    /// Check the limits the way the Python `MemoryImport` does.
    pub fn new(shared: bool, minimum: u64, maximum: Option<u64>) -> Result<Self, EncodeError> {
        let minimum = check_pages("minimum", minimum)?;
        let maximum = match maximum {
            Some(value) => {
                let maximum = check_pages("maximum", value)?;
                if maximum < minimum {
                    return Err(EncodeError::MaximumBelowMinimum { minimum, maximum });
                }
                Some(maximum)
            }
            None if shared => return Err(EncodeError::SharedWithoutMaximum),
            None => None,
        };
        Ok(MemoryImport {
            shared,
            minimum,
            maximum,
        })
    }

    pub(crate) fn memory_type(&self) -> MemoryType {
        MemoryType {
            minimum: u64::from(self.minimum),
            maximum: self.maximum.map(u64::from),
            shared: self.shared,
            memory64: false,
            page_size_log2: None,
        }
    }
}

impl Default for MemoryImport {
    fn default() -> Self {
        MemoryImport::REFERENCE
    }
}

fn check_pages(field: &'static str, value: u64) -> Result<u32, EncodeError> {
    match u32::try_from(value) {
        Ok(pages) if pages <= WASM32_MAX_PAGES => Ok(pages),
        _ => Err(EncodeError::Pages { field, value }),
    }
}

/// Check that `name` can name the trampoline's export and its `GOT.func` import.
pub fn check_name(name: &str) -> Result<(), EncodeError> {
    if name.is_empty() {
        Err(EncodeError::EmptyName)
    } else if name == CTORS_EXPORT {
        Err(EncodeError::ReservedName)
    } else {
        Ok(())
    }
}

/// Everything one closure module is made of.
#[derive(Clone, Copy, Debug)]
pub struct ClosureModule<'a> {
    /// Names the trampoline's export and its `GOT.func` import.
    pub name: &'a str,
    /// The table slot that `__wasm_call_ctors` fills with the trampoline.
    pub closure: u32,
    /// The table index of the generic `(args, results, env) -> ()` function.
    pub backing_function: u32,
    /// Passed to the backing function as is.
    pub env: u32,
    pub params: TypeCodes<'a>,
    pub results: TypeCodes<'a>,
    pub memory: MemoryImport,
}

impl ClosureModule<'_> {
    /// `__wasm_call_ctors`: `table[closure] = table[GOT.func.<name>]`.
    fn ctors_body(&self, sink: &mut InstructionSink<'_>) {
        sink.i32_const(self.closure as i32)
            .global_get(GOT_ENTRY)
            .table_get(TABLE)
            .table_set(TABLE)
            .end();
    }

    /// The trampoline, calling the backing function `backing_function` with `env`.
    fn trampoline_body(&self, sink: &mut InstructionSink<'_>) {
        trampoline_body(sink, self.params, self.results, |sink| {
            sink.i32_const(self.env as i32)
                .i32_const(self.backing_function as i32);
        });
    }
}

/// The trampoline (the closure module's and the pool module's table kind): spill the
/// arguments, call the backing function, load the results. `env_and_backing` pushes the
/// environment pointer and then the backing function's table index.
/// Locals: the parameters, then saved sp, args base, results base.
pub(crate) fn trampoline_body(
    sink: &mut InstructionSink<'_>,
    params: TypeCodes<'_>,
    results: TypeCodes<'_>,
    env_and_backing: impl FnOnce(&mut InstructionSink<'_>),
) {
    let nparams = params.len() as u32;
    let saved_sp = nparams;
    let args_base = nparams + 1;
    let results_base = nparams + 2;
    sink.global_get(STACK_POINTER)
        .local_tee(saved_sp)
        .i32_const(results.spill_area_size() as i32)
        .i32_sub()
        .local_tee(results_base)
        .i32_const(params.spill_area_size() as i32)
        .i32_sub()
        .local_tee(args_base)
        .global_set(STACK_POINTER);
    spill_arguments(sink, params, args_base);
    sink.local_get(args_base).local_get(results_base);
    env_and_backing(sink);
    sink.call_indirect(TABLE, BACKING_TYPE);
    load_results(sink, results, results_base, 0);
    sink.local_get(saved_sp).global_set(STACK_POINTER).end();
}

/// Store the trampoline's parameters, packed, from the address in local `base` up.
pub(crate) fn spill_arguments(sink: &mut InstructionSink<'_>, params: TypeCodes<'_>, base: u32) {
    let mut offset = 0u64;
    for (index, &code) in params.codes().iter().enumerate() {
        sink.local_get(base).local_get(index as u32);
        store(sink, code, offset);
        offset += SIZE_BY_CODE[usize::from(code)];
    }
}

/// Push the packed results found at the address in local `base` plus `offset`.
pub(crate) fn load_results(
    sink: &mut InstructionSink<'_>,
    results: TypeCodes<'_>,
    base: u32,
    mut offset: u64,
) {
    for &code in results.codes() {
        sink.local_get(base);
        load(sink, code, offset);
        offset += SIZE_BY_CODE[usize::from(code)];
    }
}

/// Encodes closure modules into buffers it keeps from one module to the next.
///
/// The module is the one wasm-encoder's `Module` and section builders make (as the reference
/// `build_closure_wasm_bytes` does; the tests compare the two), written with the same pieces
/// (the `Encode` impls of its types, `InstructionSink`, `RawSection`, `CustomSection`) but into
/// three reused `Vec`s instead of a fresh growing `Vec` per section and per function: after the
/// first module of a size, encoding allocates nothing. That halves the time of a small module
/// (the allocations were most of it).
#[derive(Debug, Default)]
pub struct Encoder {
    /// The module.
    out: Vec<u8>,
    /// The payload of the section being written.
    section: Vec<u8>,
    /// The function body being written.
    body: Vec<u8>,
}

impl Encoder {
    pub const fn new() -> Self {
        Encoder {
            out: Vec::new(),
            section: Vec::new(),
            body: Vec::new(),
        }
    }

    /// The module's bytes, in the encoder's own buffer.
    pub fn into_bytes(mut self, module: &ClosureModule<'_>) -> Vec<u8> {
        self.encode(module);
        self.out
    }

    /// Give back buffers that grew beyond `limit` bytes (after an unusually large module).
    pub fn trim(&mut self, limit: usize) {
        for buffer in [&mut self.out, &mut self.section, &mut self.body] {
            if buffer.capacity() > limit {
                *buffer = Vec::new();
            }
        }
    }

    /// The module's bytes, valid until the next call. The caller has checked the name with
    /// [`check_name`].
    pub fn encode(&mut self, module: &ClosureModule<'_>) -> &[u8] {
        let Encoder { out, section, body } = self;
        out.clear();
        out.extend_from_slice(&Module::HEADER);
        put(
            out,
            &CustomSection {
                name: Cow::Borrowed(DYLINK),
                data: Cow::Borrowed(&[]),
            },
        );

        // Types: () -> (), the closure's signature, (i32, i32, i32) -> ().
        section.clear();
        3u32.encode(section);
        func_type(section, [], []);
        func_type(section, module.params.valtypes(), module.results.valtypes());
        func_type(section, BACKING_PARAMS, []);
        put_raw(out, SectionId::Type, section);

        section.clear();
        4u32.encode(section);
        import(section, "env", "memory", module.memory.memory_type().into());
        import(
            section,
            "env",
            "__indirect_function_table",
            TABLE_TYPE.into(),
        );
        import(section, "env", "__stack_pointer", MUTABLE_I32.into());
        import(section, "GOT.func", module.name, MUTABLE_I32.into());
        put_raw(out, SectionId::Import, section);

        section.clear();
        [CTORS_TYPE, TRAMPOLINE_TYPE].encode(section);
        put_raw(out, SectionId::Function, section);

        section.clear();
        2u32.encode(section);
        export(section, CTORS_EXPORT, CTORS_FUNC);
        export(section, module.name, TRAMPOLINE_FUNC);
        put_raw(out, SectionId::Export, section);

        section.clear();
        2u32.encode(section);
        body.clear();
        locals(body, []);
        module.ctors_body(&mut InstructionSink::new(body));
        body.as_slice().encode(section);
        body.clear();
        locals(body, TRAMPOLINE_LOCALS);
        module.trampoline_body(&mut InstructionSink::new(body));
        body.as_slice().encode(section);
        put_raw(out, SectionId::Code, section);

        out
    }
}

/// A section with its id, as `Module::section` writes it.
fn put(out: &mut Vec<u8>, section: &impl Section) {
    out.push(section.id());
    section.encode(out);
}

/// A section whose payload is already encoded in `data`.
fn put_raw(out: &mut Vec<u8>, id: SectionId, data: &[u8]) {
    put(out, &RawSection { id: id as u8, data });
}

/// A function type, as `CoreTypeEncoder::function` writes it.
fn func_type(
    sink: &mut Vec<u8>,
    params: impl IntoIterator<Item = ValType, IntoIter: ExactSizeIterator>,
    results: impl IntoIterator<Item = ValType, IntoIter: ExactSizeIterator>,
) {
    let (params, results) = (params.into_iter(), results.into_iter());
    sink.push(FUNC_TYPE_FORM);
    params.len().encode(sink);
    params.for_each(|t| t.encode(sink));
    results.len().encode(sink);
    results.for_each(|t| t.encode(sink));
}

fn import(sink: &mut Vec<u8>, module: &str, name: &str, ty: EntityType) {
    module.encode(sink);
    name.encode(sink);
    ty.encode(sink);
}

fn export(sink: &mut Vec<u8>, name: &str, index: u32) {
    name.encode(sink);
    ExportKind::Func.encode(sink);
    index.encode(sink);
}

/// A function body's local declarations, as `Function::new` writes them.
fn locals<const N: usize>(sink: &mut Vec<u8>, groups: [(u32, ValType); N]) {
    N.encode(sink);
    for (count, ty) in groups {
        count.encode(sink);
        ty.encode(sink);
    }
}

/// A packed (align 0) access at `offset` of memory 0.
fn packed(offset: u64) -> MemArg {
    MemArg {
        offset,
        align: 0,
        target: MemArgTarget::Memory(MEMORY),
        ordering: None,
    }
}

pub(crate) fn store(sink: &mut InstructionSink<'_>, code: u8, offset: u64) {
    let m = packed(offset);
    match code {
        0 => sink.i32_store(m),
        1 => sink.i64_store(m),
        2 => sink.f32_store(m),
        3 => sink.f64_store(m),
        _ => sink.v128_store(m),
    };
}

pub(crate) fn load(sink: &mut InstructionSink<'_>, code: u8, offset: u64) {
    let m = packed(offset);
    match code {
        0 => sink.i32_load(m),
        1 => sink.i64_load(m),
        2 => sink.f32_load(m),
        3 => sink.f64_load(m),
        _ => sink.v128_load(m),
    };
}

#[cfg(test)]
mod tests;
