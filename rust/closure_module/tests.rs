//! The encoder's tests: the reference vectors byte for byte, and the reused-buffer
//! [`Encoder`] against a module built with wasm-encoder's section builders.

use super::*;
use wasm_encoder::{
    CodeSection, ExportSection, Function, FunctionSection, ImportSection, TypeSection,
};

impl ClosureModule<'_> {
    /// The module's bytes, after checking the name.
    fn encode(&self) -> Result<Vec<u8>, EncodeError> {
        check_name(self.name)?;
        Ok(Encoder::new().into_bytes(self))
    }
}

/// Check every input and encode, as lib.rs's `encode` does for Python (the tests' entry).
#[allow(clippy::too_many_arguments)]
fn encode(
    name: &str,
    closure: u32,
    backing_function: u32,
    env: u32,
    param_codes: &[u8],
    result_codes: &[u8],
    memory: MemoryImport,
) -> Result<Vec<u8>, EncodeError> {
    check_name(name)?;
    let module = ClosureModule {
        name,
        closure,
        backing_function,
        env,
        params: TypeCodes::new(TypeList::Params, param_codes)?,
        results: TypeCodes::new(TypeList::Results, result_codes)?,
        memory,
    };
    Ok(Encoder::new().into_bytes(&module))
}

/// The module built section by section with wasm-encoder's `Module` and section builders, as
/// the reference `build_closure_wasm_bytes` does (one growing `Vec` per section and per
/// function): what [`Encoder`] must emit, byte for byte.
fn encode_with_builders(closure: &ClosureModule<'_>) -> Vec<u8> {
    let mut module = Module::new();
    module.section(&CustomSection {
        name: Cow::Borrowed(DYLINK),
        data: Cow::Borrowed(&[]),
    });

    let mut types = TypeSection::new();
    types.ty().function([], []);
    types
        .ty()
        .function(closure.params.valtypes(), closure.results.valtypes());
    types.ty().function(BACKING_PARAMS, []);
    module.section(&types);

    let mut imports = ImportSection::new();
    imports.import("env", "memory", closure.memory.memory_type());
    imports.import("env", "__indirect_function_table", TABLE_TYPE);
    imports.import("env", "__stack_pointer", MUTABLE_I32);
    imports.import("GOT.func", closure.name, MUTABLE_I32);
    module.section(&imports);

    let mut functions = FunctionSection::new();
    functions.function(CTORS_TYPE);
    functions.function(TRAMPOLINE_TYPE);
    module.section(&functions);

    let mut exports = ExportSection::new();
    exports.export(CTORS_EXPORT, ExportKind::Func, CTORS_FUNC);
    exports.export(closure.name, ExportKind::Func, TRAMPOLINE_FUNC);
    module.section(&exports);

    let mut code = CodeSection::new();
    let mut ctors = Function::new([]);
    closure.ctors_body(&mut ctors.instructions());
    code.function(&ctors);
    let mut trampoline = Function::new(TRAMPOLINE_LOCALS);
    closure.trampoline_body(&mut trampoline.instructions());
    code.function(&trampoline);
    module.section(&code);

    module.finish()
}

/// The reference vectors, one JSON object a line.
fn reference_vectors() -> Vec<serde_json::Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/reference-vectors.jsonl"
    );
    let text = std::fs::read_to_string(path).expect("tests/data/reference-vectors.jsonl");
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

fn codes(list: &serde_json::Value) -> Vec<u8> {
    list.as_array()
        .expect("a list of types")
        .iter()
        .map(|t| match t.as_str().expect("a type name") {
            "i32" => 0,
            "i64" => 1,
            "f32" => 2,
            "f64" => 3,
            "v128" => 4,
            other => panic!("unknown type {other}"),
        })
        .collect()
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

fn u32_field(v: &serde_json::Value, key: &str) -> u32 {
    u32::try_from(v[key].as_u64().expect("an integer")).expect("a u32")
}

#[test]
fn all_reference_vectors_byte_for_byte() {
    let vectors = reference_vectors();
    assert_eq!(vectors.len(), 60);
    let mut encoder = Encoder::new();
    for v in &vectors {
        let name = v["name"].as_str().expect("name");
        let (params, results) = (codes(&v["params"]), codes(&v["results"]));
        let (closure, backing) = (u32_field(v, "closure"), u32_field(v, "backing_function"));
        let env = u32_field(v, "env");
        let expected = hex(v["wasm_hex"].as_str().expect("hex"));
        let bytes = encode(
            name,
            closure,
            backing,
            env,
            &params,
            &results,
            MemoryImport::default(),
        )
        .expect("valid inputs");
        assert_eq!(bytes, expected, "vector {name}");
        let module = ClosureModule {
            name,
            closure,
            backing_function: backing,
            env,
            params: TypeCodes::new(TypeList::Params, &params).unwrap(),
            results: TypeCodes::new(TypeList::Results, &results).unwrap(),
            memory: MemoryImport::REFERENCE,
        };
        assert_eq!(
            encode_with_builders(&module),
            expected,
            "vector {name} (builders)"
        );
        assert_eq!(
            encoder.encode(&module),
            expected.as_slice(),
            "vector {name} (reused)"
        );
    }
}

/// A small deterministic generator (xorshift), so the test needs no crate.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn u32(&mut self) -> u32 {
        const EDGES: [u32; 6] = [0, 1, 127, 1 << 31, (1 << 31) - 1, u32::MAX];
        match self.below(3) {
            0 => EDGES[self.below(6) as usize],
            _ => self.next() as u32,
        }
    }
    fn codes(&mut self, max: u64) -> Vec<u8> {
        (0..self.below(max + 1))
            .map(|_| self.below(5) as u8)
            .collect()
    }
}

#[test]
fn reused_encoder_equals_builders() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut encoder = Encoder::new();
    let names = ["f", "__wasix_closure_7", "ünï", "x".repeat(200).leak()];
    for round in 0..2000 {
        let params = rng.codes(if round % 10 == 0 { 300 } else { 12 });
        let results = rng.codes(8);
        let memory = match rng.below(3) {
            0 => MemoryImport::REFERENCE,
            1 => MemoryImport::new(false, rng.below(4), None).unwrap(),
            _ => MemoryImport::new(rng.below(2) == 0, 0, Some(rng.below(65537))).unwrap(),
        };
        let module = ClosureModule {
            name: names[rng.below(4) as usize],
            closure: rng.u32(),
            backing_function: rng.u32(),
            env: rng.u32(),
            params: TypeCodes::new(TypeList::Params, &params).unwrap(),
            results: TypeCodes::new(TypeList::Results, &results).unwrap(),
            memory,
        };
        let expected = encode_with_builders(&module);
        assert_eq!(
            encoder.encode(&module),
            expected.as_slice(),
            "round {round}"
        );
        assert_eq!(module.encode().unwrap(), expected);
        if round % 7 == 0 {
            encoder.trim(64);
        }
    }
}

#[test]
fn first_vector_embedded() {
    // __wasix_closure_0: closure 128, backing 63, env 8191, () -> ().
    let expected = hex(concat!(
        "0061736d0100000000090864796c696e6b2e30010d0360000060000060037f7f7f0002690403656e",
        "76066d656d6f727902030180800403656e76195f5f696e6469726563745f66756e6374696f6e5f74",
        "61626c650170000103656e760f5f5f737461636b5f706f696e746572037f0108474f542e66756e63",
        "115f5f77617369785f636c6f737572655f30037f010303020001072902115f5f7761736d5f63616c",
        "6c5f63746f72730000115f5f77617369785f636c6f737572655f3000010a32020b00418001230125",
        "0026000b2401037f2300220041006b220241006b220124002001200241ff3f413f110200200024000b"
    ));
    let bytes = encode(
        "__wasix_closure_0",
        128,
        63,
        8191,
        &[],
        &[],
        MemoryImport::REFERENCE,
    )
    .unwrap();
    assert_eq!(bytes, expected);
}

#[test]
fn constants_are_signed_i32() {
    // 0xFFFFFFFF as i32.const -1 = 0x41 0x7f.
    let bytes = encode("f", u32::MAX, 0, 0, &[], &[], MemoryImport::REFERENCE).unwrap();
    let ctors = [
        0x0a, 0x00, 0x41, 0x7f, 0x23, 0x01, 0x25, 0x00, 0x26, 0x00, 0x0b,
    ];
    assert!(bytes.windows(ctors.len()).any(|w| w == ctors));
}

#[test]
fn unshared_memory_import() {
    let memory = MemoryImport::new(false, 2, None).unwrap();
    let bytes = encode("f", 1, 2, 3, &[0], &[1], memory).unwrap();
    // env.memory: kind 2, flags 0, minimum 2.
    let import = [b'm', b'e', b'm', b'o', b'r', b'y', 0x02, 0x00, 0x02];
    assert!(bytes.windows(import.len()).any(|w| w == import));
}

#[test]
fn bad_inputs() {
    let m = MemoryImport::REFERENCE;
    assert_eq!(
        encode("", 0, 0, 0, &[], &[], m),
        Err(EncodeError::EmptyName)
    );
    assert_eq!(
        encode(CTORS_EXPORT, 0, 0, 0, &[], &[], m),
        Err(EncodeError::ReservedName)
    );
    assert_eq!(
        encode("f", 0, 0, 0, &[0, 5, 9], &[], m),
        Err(EncodeError::UnknownTypeCode {
            list: TypeList::Params,
            code: 5
        })
    );
    assert_eq!(
        encode("f", 0, 0, 0, &[], &[255], m),
        Err(EncodeError::UnknownTypeCode {
            list: TypeList::Results,
            code: 255
        })
    );
    assert_eq!(
        MemoryImport::new(true, 1, None),
        Err(EncodeError::SharedWithoutMaximum)
    );
    assert_eq!(
        MemoryImport::new(false, 3, Some(2)),
        Err(EncodeError::MaximumBelowMinimum {
            minimum: 3,
            maximum: 2
        })
    );
    assert_eq!(
        MemoryImport::new(false, 65537, None),
        Err(EncodeError::Pages {
            field: "minimum",
            value: 65537
        })
    );
    assert_eq!(
        MemoryImport::new(false, 0, Some(u64::MAX)),
        Err(EncodeError::Pages {
            field: "maximum",
            value: u64::MAX
        })
    );
    assert!(MemoryImport::new(false, 0, Some(0)).is_ok());
    assert!(MemoryImport::new(true, 65536, Some(65536)).is_ok());
    let message = EncodeError::UnknownTypeCode {
        list: TypeList::Params,
        code: 7,
    }
    .to_string();
    assert!(message.contains("code 7 in params"), "{message}");
}

#[test]
fn spill_area_sizes() {
    let t = |codes: &'static [u8]| TypeCodes::new(TypeList::Params, codes).unwrap();
    assert_eq!(t(&[]).spill_area_size(), 0);
    assert_eq!(t(&[0]).spill_area_size(), 16);
    assert_eq!(t(&[4]).spill_area_size(), 16);
    assert_eq!(t(&[4, 0]).spill_area_size(), 32);
    assert_eq!(t(&[1, 1, 3, 3]).spill_area_size(), 32);
}
