"""The closure module encoder: both backends against the reference vectors, against each other
(property tests, validated by wasmtime and wabt), bad inputs, backend selection, and the value
types, signatures and memory imports the encoder takes."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest
import wasmtime
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import memories, valtypes

import wasm_closures as wc
from wasm_closures import (
    DEFAULT_MEMORY,
    InvalidValueError,
    MemoryImport,
    Signature,
    ValType,
    _native,
)
from wasm_closures._encoders import encode_py as _encode_py

BACKENDS = ("rust", "python")
RAW_ENCODERS = {"rust": _native.encode, "python": _encode_py.encode}
U32_MAX = 2**32 - 1
REPO = Path(__file__).resolve().parent.parent


def test_tests_use_the_installed_package() -> None:
    source_tree = REPO / "python"
    assert source_tree not in Path(wc.__file__).resolve().parents, wc.__file__
    assert Path(_native.__file__).parent == Path(wc.__file__).parent
    assert wc.available_backends() == ("rust", "python")


# --- reference vectors ---------------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
def test_reference_vectors_byte_for_byte(reference_vectors, backend) -> None:
    assert len(reference_vectors) == 60
    for vector in reference_vectors:
        signature = Signature(vector["params"], vector["results"])
        module = wc.encode_closure_module(
            vector["name"],
            vector["closure"],
            vector["backing_function"],
            vector["env"],
            signature,
            backend=backend,
        )
        assert module.hex() == vector["wasm_hex"], vector["name"]


def test_reference_vectors_validate(reference_vectors, engine) -> None:
    for vector in reference_vectors:
        wasmtime.Module.validate(engine, bytes.fromhex(vector["wasm_hex"]))


# --- property tests: Rust == Python, and the modules validate ---------------------------------

u32s = st.one_of(
    st.sampled_from([0, 1, 127, 128, 2**31 - 1, 2**31, U32_MAX - 1, U32_MAX]),
    st.integers(0, U32_MAX),
)
# Lengths drawn uniformly (hypothesis alone keeps lists short), half of them up to 300.
param_lists = st.one_of(st.integers(0, 12), st.integers(0, 300)).flatmap(
    lambda n: st.lists(valtypes, min_size=n, max_size=n)
)
result_lists = st.integers(0, 8).flatmap(lambda n: st.lists(valtypes, min_size=n, max_size=n))
signatures = st.builds(Signature, param_lists, result_lists)
names = st.one_of(
    st.from_regex(r"__wasix_closure_[0-9]{1,10}", fullmatch=True),
    st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40),
).filter(lambda name: name != "__wasm_call_ctors")


def test_random_modules_equal_and_validate(engine, wasm_validate, tmp_path) -> None:
    modules: list[bytes] = []

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(names, u32s, u32s, u32s, signatures, memories())
    def check(name, closure, backing, env, signature, memory) -> None:
        rust = wc.encode_closure_module(name, closure, backing, env, signature, memory=memory, backend="rust")
        python = wc.encode_closure_module(
            name, closure, backing, env, signature, memory=memory, backend="python"
        )
        assert rust == python
        wasmtime.Module.validate(engine, rust)
        modules.append(rust)

    check()
    # wabt validates one file a process: check a spread of the generated modules.
    for index, module in enumerate(modules[:: max(1, len(modules) // 60)]):
        path = tmp_path / f"m{index}.wasm"
        path.write_bytes(module)
        result = subprocess.run(
            [wasm_validate, "--enable-threads", str(path)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=40), st.binary(max_size=10), u32s, st.booleans())
def test_random_type_codes_same_outcome(params, results, env, bytearray_input) -> None:
    """Any bytes: both backends give the same module or the same error."""
    if bytearray_input:
        params, results = bytearray(params), bytearray(results)
    outcomes = []
    for encode in RAW_ENCODERS.values():
        try:
            outcomes.append(encode("f", 1, 2, env, params, results, True, 1, 65536))
        except InvalidValueError as error:
            outcomes.append(("error", str(error)))
    assert outcomes[0] == outcomes[1]
    if all(code <= 4 for code in bytes(params) + bytes(results)):
        assert isinstance(outcomes[0], bytes)


@settings(max_examples=50, deadline=None)
@given(st.text(min_size=1, max_size=10), st.sampled_from(["\ud800", "\udfff", "\udc80"]), st.text(max_size=5))
def test_names_with_lone_surrogates_fail_alike(head, surrogate, tail) -> None:
    name = head + surrogate + tail
    for encode in RAW_ENCODERS.values():
        with pytest.raises(InvalidValueError) as info:
            encode(name, 1, 2, 3, b"", b"", True, 1, 65536)
        assert repr(name) in str(info.value)
        assert "UTF-8" in str(info.value)


# --- bad inputs: same class, same message, naming the value -----------------------------------

GOOD = dict(
    name="f",
    closure=1,
    backing_function=2,
    env=3,
    param_codes=b"\x00\x04",
    result_codes=b"\x01",
    shared=True,
    minimum=1,
    maximum=65536,
)

BAD = [
    # (overrides, text the message must contain)
    (dict(closure=-1), ["closure", "-1"]),
    (dict(closure=2**32), ["closure", "4294967296"]),
    (dict(closure=2**70), ["closure", str(2**70)]),
    (dict(closure=1.0), ["closure", "1.0"]),
    (dict(closure="1"), ["closure", "'1'"]),
    (dict(closure=None), ["closure", "None"]),
    (dict(backing_function=-5), ["backing_function", "-5"]),
    (dict(backing_function=U32_MAX + 1), ["backing_function", "4294967296"]),
    (dict(env=2**32), ["env", "4294967296"]),
    (dict(env=-(2**31)), ["env", str(-(2**31))]),
    (dict(param_codes=b"\x05"), ["params", "code 5"]),
    (dict(param_codes=b"\x00\x01\xff\x09"), ["params", "code 255"]),
    (dict(result_codes=b"\x07"), ["results", "code 7"]),
    (dict(param_codes="i32"), ["params", "bytes of WASIX type codes", "'i32'"]),
    (dict(result_codes=[0]), ["results", "bytes of WASIX type codes", "[0]"]),
    (dict(name=""), ["name", "''"]),
    (dict(name="__wasm_call_ctors"), ["'__wasm_call_ctors'"]),
    (dict(name="a\udc80b"), ["'a\\udc80b'", "UTF-8"]),
    (dict(name=123), ["name", "123"]),
    (dict(name=b"f"), ["name", "b'f'"]),
    (dict(name=None), ["name", "None"]),
    (dict(shared=True, maximum=None), ["shared", "maximum=None"]),
    (dict(shared=False, minimum=3, maximum=2), ["maximum 2", "minimum 3"]),
    (dict(minimum=65537), ["minimum", "65537"]),
    (dict(minimum=-1), ["minimum", "-1"]),
    (dict(minimum=True), ["minimum", "True"]),
    (dict(maximum=70000), ["maximum", "70000"]),
    (dict(maximum=1.5), ["maximum", "1.5"]),
    (dict(maximum=2**64), ["maximum", str(2**64)]),
    (dict(shared=1), ["shared", "1"]),
    (dict(shared=None), ["shared", "None"]),
]


@pytest.mark.parametrize("overrides, expected", BAD, ids=[repr(o) for o, _ in BAD])
def test_bad_inputs_raise_the_same_error(overrides, expected) -> None:
    args = {**GOOD, **overrides}
    messages = []
    for backend, encode in RAW_ENCODERS.items():
        with pytest.raises(InvalidValueError) as info:
            encode(*args.values())
        assert type(info.value) is InvalidValueError, backend
        assert isinstance(info.value, ValueError)
        for text in expected:
            assert text in str(info.value), (backend, str(info.value))
        messages.append(str(info.value))
    assert messages[0] == messages[1]


@pytest.mark.parametrize("backend", BACKENDS)
def test_bad_inputs_through_the_public_api(backend) -> None:
    sig = Signature.parse("(i32) -> i32")
    for bad in (-1, 2**32, 0.5):
        with pytest.raises(InvalidValueError, match="closure"):
            wc.encode_closure_module("f", bad, 0, 0, sig, backend=backend)
    with pytest.raises(InvalidValueError, match="__wasm_call_ctors"):
        wc.encode_closure_module("__wasm_call_ctors", 0, 0, 0, sig, backend=backend)
    with pytest.raises(InvalidValueError, match="memory"):
        wc.encode_closure_module("f", 0, 0, 0, sig, memory=(True, 1, 2), backend=backend)


def test_accepted_edge_values_agree() -> None:
    """Values at the edges of what is accepted: the same bytes from both backends."""
    cases = [
        dict(closure=0, backing_function=U32_MAX, env=2**31),
        dict(closure=True, env=False),  # bools are ints for the u32 checks, as in Python
        dict(name="ünï 名前 \x00"),
        dict(shared=False, minimum=0, maximum=None),
        dict(shared=True, minimum=65536, maximum=65536),
        dict(shared=False, minimum=0, maximum=0),
        dict(param_codes=bytearray(b"\x00\x01\x02\x03\x04"), result_codes=b""),
    ]
    for overrides in cases:
        args = list({**GOOD, **overrides}.values())
        assert _native.encode(*args) == _encode_py.encode(*args), overrides
    assert _native.encode(**GOOD) == _encode_py.encode(**GOOD)


def test_threads_and_large_modules() -> None:
    """Each thread reuses its own buffers; a module over the kept size is still right after."""
    import random
    from concurrent.futures import ThreadPoolExecutor

    def work(seed: int) -> int:
        rng = random.Random(seed)
        for _ in range(200):
            sig = Signature(
                [rng.choice(list(ValType)) for _ in range(rng.randrange(40))],
                [rng.choice(list(ValType)) for _ in range(rng.randrange(5))],
            )
            args = (f"t{seed}", rng.randrange(2**32), rng.randrange(2**32), rng.randrange(2**32), sig)
            assert wc.encode_closure_module(*args, backend="rust") == wc.encode_closure_module(
                *args, backend="python"
            )
        return seed

    with ThreadPoolExecutor(4) as pool:
        assert sorted(pool.map(work, range(8))) == list(range(8))
    # Past a Signature's 1000 types (wasm's limit), but within the encoders' contract.
    big = (bytes([ValType.V128]) * 20000, bytes([ValType.I64]) * 100)
    small = (b"\x00", b"\x00")
    for params, results in (big, small, big):
        args = ("f", 1, 2, 3, params, results, True, 1, 65536)
        assert _native.encode(*args) == _encode_py.encode(*args)


def test_native_signature() -> None:
    with pytest.raises(TypeError):
        _native.encode("f", 1, 2, 3, b"", b"", True, 1)  # maximum is required
    assert isinstance(_native.__version__, str)


# --- backend selection -----------------------------------------------------------------------


def test_backend_argument_and_default() -> None:
    sig = Signature.parse("(i32, f64) -> v128")
    modules = {b: wc.encode_closure_module("f", 1, 2, 3, sig, backend=b) for b in BACKENDS}
    assert modules["rust"] == modules["python"]
    assert wc.encode_closure_module("f", 1, 2, 3, sig) == modules["rust"]
    assert wc.backend == (os.environ.get("WASM_CLOSURES_BACKEND", "").strip().lower() or "rust")
    with pytest.raises(InvalidValueError, match="'fortran'"):
        wc.encode_closure_module("f", 1, 2, 3, sig, backend="fortran")


def _in_fresh_python(code: str, tmp_path: Path, backend: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "WASM_CLOSURES_BACKEND"}
    if backend is not None:
        env["WASM_CLOSURES_BACKEND"] = backend
    return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)


PROBE = (
    "import wasm_closures as w\n"
    "from wasm_closures import encoder\nfrom wasm_closures._encoders import encode_py as _encode_py\n"
    "print(w.backend, encoder._default_encode is _encode_py.encode)\n"
    "print(w.encode_closure_module('f', 1, 2, 3, '(i32) -> i32').hex())\n"
)


@pytest.mark.parametrize(
    "value, expected",
    [(None, "rust False"), ("python", "python True"), ("PYTHON", "python True"), ("rust", "rust False")],
)
def test_env_var_selects_the_backend(tmp_path, value, expected) -> None:
    result = _in_fresh_python(PROBE, tmp_path, value)
    assert result.returncode == 0, result.stderr
    first, module = result.stdout.split()[:2], result.stdout.split()[2]
    assert " ".join(first) == expected
    assert bytes.fromhex(module) == wc.encode_closure_module("f", 1, 2, 3, "(i32) -> i32")


def test_env_var_rejects_unknown_backend(tmp_path) -> None:
    result = _in_fresh_python("import wasm_closures", tmp_path, "cobol")
    assert result.returncode != 0
    assert "InvalidValueError" in result.stderr and "'cobol'" in result.stderr


def test_asking_for_the_rust_encoder_without_the_extension_fails_where_the_encoder_is_used(
    tmp_path, source_without_extension
) -> None:
    """The package's names are imported on first use: without the extension (a copy of the
    source tree), ``import wasm_closures`` succeeds and the encoder's first use raises the same
    clear ImportError as before."""
    code = "import wasm_closures\nprint('imported', flush=True)\nwasm_closures.encode_closure_module"
    env = {k: v for k, v in os.environ.items() if k != "WASM_CLOSURES_BACKEND"}
    env.update(PYTHONPATH=str(source_without_extension), WASM_CLOSURES_BACKEND="rust")
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and result.stdout == "imported\n"
    assert (
        "ImportError: WASM_CLOSURES_BACKEND=rust asks for the Rust encoder, but the extension "
        "wasm_closures._native did not import" in result.stderr
    )


# --- ValType, Signature, MemoryImport --------------------------------------------------------


def test_valtype() -> None:
    assert [t.size for t in ValType] == [4, 8, 4, 8, 16]
    assert [t.wasm_code for t in ValType] == [0x7F, 0x7E, 0x7D, 0x7C, 0x7B]
    assert [int(t) for t in ValType] == [0, 1, 2, 3, 4]
    assert ValType.parse(" I64 ") is ValType.I64 and str(ValType.V128) == "v128"
    assert ValType.from_code(4) is ValType.V128
    with pytest.raises(InvalidValueError, match="5"):
        ValType.from_code(5)
    with pytest.raises(InvalidValueError, match="funcref"):
        ValType.parse("funcref")


@pytest.mark.parametrize(
    "text, params, results",
    [
        ("(i32, i64) -> f64", ("i32", "i64"), ("f64",)),
        ("() -> ()", (), ()),
        ("(f32) -> (i32, i64)", ("f32",), ("i32", "i64")),
        ("  ( v128 ,I32 )->v128 ", ("v128", "i32"), ("v128",)),
        ("(i32) -> (f64)", ("i32",), ("f64",)),
        ("() -> i32", (), ("i32",)),
    ],
)
def test_signature_parse(text, params, results) -> None:
    sig = Signature.parse(text)
    assert sig.params == tuple(ValType.parse(p) for p in params)
    assert sig.results == tuple(ValType.parse(r) for r in results)
    assert Signature.parse(str(sig)) == sig
    assert sig.param_codes == bytes(sig.params) and sig.result_codes == bytes(sig.results)


@pytest.mark.parametrize(
    "text",
    [
        "i32 -> i32",
        "(i32) ->",
        "(i33) -> ()",
        "(i32,) -> ()",
        "(funcref) -> ()",
        "(i32) -> i32, i64",
        "",
        "(i32)(i64) -> ()",
    ],
)
def test_signature_parse_errors(text) -> None:
    with pytest.raises(InvalidValueError):
        Signature.parse(text)


def test_signature_constructors_and_hashing() -> None:
    a = Signature.parse("(i32, v128) -> f32")
    b = Signature([ValType.I32, "v128"], [2])
    c = Signature.from_codes(b"\x00\x04", b"\x02")
    assert a == b == c and len({a, b, c}) == 1 and {a: 1}[c] == 1
    assert a != Signature.parse("(i32, v128) -> f64")
    assert a.uses_v128 and not Signature.parse("(i32) -> i64").uses_v128
    assert str(a) == "(i32, v128) -> f32" and str(Signature()) == "() -> ()"
    with pytest.raises(InvalidValueError, match="5"):
        Signature.from_codes(b"\x00\x05", b"")
    with pytest.raises(InvalidValueError):
        Signature("i32", ())
    with pytest.raises(InvalidValueError):
        Signature([object()], [])
    with pytest.raises(InvalidValueError):
        Signature.parse(5)  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.params = ()  # type: ignore[misc]


def test_memory_import() -> None:
    assert MemoryImport(True, 1, 65536) == DEFAULT_MEMORY
    assert MemoryImport.unshared() == MemoryImport(False, 1, None)
    assert len({MemoryImport(), DEFAULT_MEMORY, MemoryImport.unshared(2, 3)}) == 2
    for bad, text in [
        (dict(shared=True, maximum=None), "maximum"),
        (dict(minimum=5, maximum=4), "below"),
        (dict(minimum=65537), "65537"),
        (dict(maximum=65537), "65537"),
        (dict(minimum=True), "True"),
        (dict(shared="yes"), "'yes'"),
    ]:
        with pytest.raises(InvalidValueError, match=text):
            MemoryImport(**bad)
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_MEMORY.shared = False  # type: ignore[misc]
