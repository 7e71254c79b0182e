//! The pooled trampoline modules: `size` trampolines of one signature whose environment (and,
//! for the table kind, backing function) are globals, set by the exported `configure`.
//!
//! The Rust twin of `wasm_closures._encoders.pool_module.encode_pool_module`: the same layout
//! (docs/spec.md, "The pooled trampoline modules", and that module's docstring) and, for every
//! input, the same bytes (`tests/test_pool_module_encoders.py` proves it). This module has no
//! Python in it: `lib.rs` wraps it for Python.

use std::borrow::Cow;

use wasm_encoder::{
    BlockType, CodeSection, ConstExpr, ElementSection, Elements, EntityType, ExportKind,
    ExportSection, Function, FunctionSection, GlobalSection, ImportSection, InstructionSink,
    Module, TypeSection, ValType,
};

use crate::closure_module::{
    load_results, spill_arguments, trampoline_body, MemoryImport, TypeCodes, BACKING_PARAMS,
    BACKING_TYPE, MUTABLE_I32, STACK_POINTER, TABLE, TABLE_TYPE, TRAMPOLINE_LOCALS,
    TRAMPOLINE_TYPE,
};
use crate::facts::{
    POOL_BACKING_EXPORT, POOL_BACKING_IMPORT, POOL_CONFIGURE_EXPORT, POOL_ENV_EXPORT,
    POOL_TRAMPOLINE_EXPORT,
};

/// The table kind's `configure(slot, i, env, backing)` type (the direct kind's is
/// [`BACKING_TYPE`], `(i32, i32, i32) -> ()`).
const TABLE_CONFIGURE_TYPE: u32 = 3;
/// The direct kind's imported backing function.
const BACKING_FUNC: u32 = 0;
/// `configure`'s parameters.
const SLOT: u32 = 0;
const INDEX: u32 = 1;
const ENV: u32 = 2;
const BACKING: u32 = 3;
/// The direct trampoline's own locals: the stack pointer it found, the spill area's base.
const DIRECT_TRAMPOLINE_LOCALS: [(u32, ValType); 1] = [(2, ValType::I32)];

/// Everything one pool module is made of.
#[derive(Clone, Copy, Debug)]
pub struct PoolModule<'a> {
    pub params: TypeCodes<'a>,
    pub results: TypeCodes<'a>,
    pub memory: MemoryImport,
    /// Trampolines in the module.
    pub size: u32,
    /// The direct kind (calls the imported `env.backing`) rather than the table kind.
    pub direct: bool,
    /// Export each trampoline's function and globals after `configure`.
    pub export_trampolines: bool,
}

impl PoolModule<'_> {
    /// The direct kind imports function 0.
    fn trampoline(&self, i: u32) -> u32 {
        u32::from(self.direct) + i
    }

    fn globals_per_trampoline(&self) -> u32 {
        if self.direct {
            1
        } else {
            2
        }
    }

    fn env_global(&self, i: u32) -> u32 {
        1 + self.globals_per_trampoline() * i
    }

    /// The table kind's only.
    fn backing_global(&self, i: u32) -> u32 {
        2 + 2 * i
    }

    fn configure(&self) -> u32 {
        self.trampoline(self.size)
    }

    /// `br_table` over `size + 1` nested blocks: block k's end runs the case for trampoline k;
    /// an index outside the pool leaves the outermost block and traps.
    fn configure_body(&self, sink: &mut InstructionSink<'_>) {
        for _ in 0..=self.size {
            sink.block(BlockType::Empty);
        }
        sink.local_get(INDEX).br_table(0..self.size, self.size);
        for k in 0..self.size {
            sink.end().local_get(ENV).global_set(self.env_global(k));
            if !self.direct {
                sink.local_get(BACKING).global_set(self.backing_global(k));
            }
            sink.local_get(SLOT)
                .ref_func(self.trampoline(k))
                .table_set(TABLE)
                .return_();
        }
        sink.end().unreachable().end();
    }

    /// The direct trampoline: spill the arguments just below the stack pointer it found,
    /// `call` the imported backing function, load the results from the area's base (the stack
    /// pointer read again if the backing function left it there, else recomputed), restore
    /// the stack pointer. See `_direct_trampoline_body` in the Python encoder for the why.
    fn direct_trampoline_body(&self, sink: &mut InstructionSink<'_>, i: u32) {
        let saved_sp = self.params.len() as u32;
        let base = saved_sp + 1;
        let args_size = self.params.spill_area_size();
        let frame = (args_size + self.results.spill_area_size()) as i32;
        sink.global_get(STACK_POINTER)
            .local_tee(saved_sp)
            .i32_const(frame)
            .i32_sub()
            .local_tee(base)
            .global_set(STACK_POINTER);
        spill_arguments(sink, self.params, base);
        sink.local_get(base)
            .local_get(base)
            .i32_const(args_size as i32)
            .i32_add()
            .global_get(self.env_global(i))
            .call(BACKING_FUNC)
            .global_get(STACK_POINTER)
            .local_tee(base)
            .i32_const(frame)
            .i32_add()
            .local_get(saved_sp)
            .i32_ne()
            .if_(BlockType::Empty)
            .local_get(saved_sp)
            .i32_const(frame)
            .i32_sub()
            .local_set(base)
            .end();
        load_results(sink, self.results, base, args_size);
        sink.local_get(base)
            .i32_const(frame)
            .i32_add()
            .global_set(STACK_POINTER)
            .end();
    }

    fn exports(&self) -> ExportSection {
        let mut exports = ExportSection::new();
        exports.export(POOL_CONFIGURE_EXPORT, ExportKind::Func, self.configure());
        for i in 0..(if self.export_trampolines {
            self.size
        } else {
            0
        }) {
            let name = |prefix: &str| format!("{prefix}{i}");
            exports.export(
                &name(POOL_TRAMPOLINE_EXPORT),
                ExportKind::Func,
                self.trampoline(i),
            );
            exports.export(
                &name(POOL_ENV_EXPORT),
                ExportKind::Global,
                self.env_global(i),
            );
            if !self.direct {
                exports.export(
                    &name(POOL_BACKING_EXPORT),
                    ExportKind::Global,
                    self.backing_global(i),
                );
            }
        }
        exports
    }

    /// The module's bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut types = TypeSection::new();
        types.ty().function([], []);
        types
            .ty()
            .function(self.params.valtypes(), self.results.valtypes());
        types.ty().function(BACKING_PARAMS, []);

        let mut imports = ImportSection::new();
        imports.import("env", "memory", self.memory.memory_type());
        imports.import("env", "__indirect_function_table", TABLE_TYPE);
        imports.import("env", "__stack_pointer", MUTABLE_I32);
        let configure_type = if self.direct {
            let (module, name) = POOL_BACKING_IMPORT;
            imports.import(module, name, EntityType::Function(BACKING_TYPE));
            BACKING_TYPE // (i32, i32, i32) -> (), as configure(slot, i, env) is
        } else {
            types.ty().function([ValType::I32; 4], []);
            TABLE_CONFIGURE_TYPE
        };

        let mut functions = FunctionSection::new();
        for _ in 0..self.size {
            functions.function(TRAMPOLINE_TYPE);
        }
        functions.function(configure_type);

        let mut globals = GlobalSection::new();
        for _ in 0..self.globals_per_trampoline() * self.size {
            globals.global(MUTABLE_I32, &ConstExpr::i32_const(0));
        }

        let trampolines: Vec<u32> = (0..self.size).map(|i| self.trampoline(i)).collect();
        let mut elements = ElementSection::new();
        elements.declared(Elements::Functions(Cow::Borrowed(&trampolines)));

        let mut code = CodeSection::new();
        for i in 0..self.size {
            if self.direct {
                let mut body = Function::new(DIRECT_TRAMPOLINE_LOCALS);
                self.direct_trampoline_body(&mut body.instructions(), i);
                code.function(&body);
            } else {
                let mut body = Function::new(TRAMPOLINE_LOCALS);
                trampoline_body(
                    &mut body.instructions(),
                    self.params,
                    self.results,
                    |sink| {
                        sink.global_get(self.env_global(i))
                            .global_get(self.backing_global(i));
                    },
                );
                code.function(&body);
            }
        }
        let mut body = Function::new([]);
        self.configure_body(&mut body.instructions());
        code.function(&body);

        let mut module = Module::new();
        module
            .section(&types)
            .section(&imports)
            .section(&functions)
            .section(&globals)
            .section(&self.exports())
            .section(&elements)
            .section(&code);
        module.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::closure_module::TypeList;

    fn pool(params: &[u8], size: u32, direct: bool, export_trampolines: bool) -> Vec<u8> {
        PoolModule {
            params: TypeCodes::new(TypeList::Params, params).unwrap(),
            results: TypeCodes::new(TypeList::Results, &[0]).unwrap(),
            memory: MemoryImport::REFERENCE,
            size,
            direct,
            export_trampolines,
        }
        .encode()
    }

    /// Position of `needle` in `haystack`.
    fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        haystack.windows(needle.len()).position(|w| w == needle)
    }

    #[test]
    fn only_the_direct_kind_imports_its_backing_function() {
        let backing_import = b"\x03env\x07backing\x00\x02";
        assert!(find(&pool(&[0], 1, true, false), backing_import).is_some());
        assert!(find(&pool(&[0], 1, false, false), backing_import).is_none());
    }

    #[test]
    fn trampoline_exports_follow_configure_in_order() {
        let bytes = pool(&[0, 4], 2, false, true);
        let order: Vec<usize> = [
            &b"configure"[..],
            b"trampoline0",
            b"env0",
            b"backing0",
            b"trampoline1",
            b"env1",
            b"backing1",
        ]
        .iter()
        .map(|name| find(&bytes, name).expect("exported"))
        .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        assert!(find(&pool(&[0], 2, false, false), b"trampoline0").is_none());
    }
}
