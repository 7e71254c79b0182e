"""The README's promises: its Python examples run, its first commands are the ones CI runs."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_the_quickstart_runs():
    quickstart = re.search(r"## Quickstart for embedders.*?```python\n(.*?)```", README, re.S)
    assert quickstart is not None
    exec(compile(quickstart.group(1), "README quickstart", "exec"), {})  # its asserts check results


def test_ci_runs_the_readme_test_command():
    commands = re.search(r"```sh\n(.*?)\n(.*?)\n```", README, re.S)
    assert commands is not None
    install_and_run, test = commands.group(1), commands.group(2)
    assert install_and_run == "python3 -m pip install . && wasm-closures run examples/closures.wasm"
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()


def test_ci_builds_the_readme_wheel_and_sdist():
    wheel_block = re.search(r"## Install\n.*?```sh\n.*?```.*?```sh\n(.*?)```", README, re.S)
    assert wheel_block is not None
    commands = [line.split("#")[0].strip() for line in wheel_block.group(1).splitlines()]
    builds = [c for c in commands if c.startswith(("maturin build", "maturin sdist"))]
    assert len(builds) == 2, commands
    ci = [line.strip() for line in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    for command in builds:
        assert command in ci


def test_the_limits_recipe_runs(monkeypatch, capfd):
    recipe = re.search(r"From Python, the same limits:\n\n```python\n(.*?)```", README, re.S)
    assert recipe is not None
    monkeypatch.chdir(REPO)  # the recipe names examples/closures.wasm
    exec(compile(recipe.group(1), "README limits recipe", "exec"), {})
    assert "sorted descending: 21 13 8 5 3 2 1" in capfd.readouterr().out


def test_the_program_cache_example_runs(monkeypatch, tmp_path):
    example = re.search(r"### Compiled programs\n.*?```python\n(.*?)```", README, re.S)
    assert example is not None
    monkeypatch.chdir(REPO)  # the example names examples/closures.wasm
    monkeypatch.setenv("WASM_CLOSURES_CACHE_DIR", str(tmp_path))
    exec(compile(example.group(1), "README program cache example", "exec"), {})  # its assert checks
    assert len(list((tmp_path / "programs").glob("*.cwasm"))) == 1


def test_the_wasix_linker_example_runs(monkeypatch, capfd):
    example = re.search(r"With WASI, for a static wasm32-wasi program:\n\n```python\n(.*?)```", README, re.S)
    assert example is not None
    monkeypatch.chdir(REPO)  # the example names examples/closures.wasm
    exec(compile(example.group(1), "README WASIX linker example", "exec"), {})  # its assert checks
    assert "adders: add5(10) = 15, add100(10) = 110" in capfd.readouterr().out


def test_the_c_guest_compiles_without_warnings(tmp_path):
    from cprograms import clang

    from wasm_closures.c_headers import include_dir

    guest = re.search(r"## A C guest\n\n```c\n(.*?)```", README, re.S)
    assert guest is not None
    source = tmp_path / "guest.c"
    source.write_text(guest.group(1), encoding="utf-8")
    build = subprocess.run(
        [
            clang(),
            "--target=wasm32-wasi",
            "-Wall",
            "-Wextra",
            "-Werror",
            f"-I{include_dir()}",
            "-c",
            str(source),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert build.returncode == 0, build.stderr


def test_the_encode_command_pipes_into_wasm2wat():
    line = next(line for line in README.splitlines() if line.startswith("wasm-closures encode"))
    command = line.replace("wasm-closures", f"{shlex.quote(sys.executable)} -m wasm_closures.cli", 1)
    out = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("(module") and "shared" in out.stdout


def test_the_store_limits_example_runs():
    example = re.search(r"should run in a store with limits\..*?```python\n(.*?)```", README, re.S)
    assert example is not None
    import wasmtime

    from wasm_closures import ClosureRuntime

    namespace = {"store": wasmtime.Store(), "ClosureRuntime": ClosureRuntime}
    exec(example.group(1), namespace)
    assert namespace["closures"].max_closures == 2**16
