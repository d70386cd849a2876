#!/usr/bin/env python3
"""The linker for wasm32 builds (set in .cargo/config.toml). It runs Rust's
own wasm linker, then splits the app's module into a main module and chunks
that load on demand, before Trunk hands the file to wasm-bindgen.

Code splitting needs a step between the linker and wasm-bindgen, and Trunk
0.21 has none, so it happens here:

1. rust-lld links as usual, with --emit-relocs added: the splitter needs the
   relocations to move functions and data between modules.
2. The app's split points (src/chunk.rs) make the module import a loader, a
   function named __wasm_split_load_*. When the output has such an import,
   wasm-split-cli (from the crate wasm_split_cli_support) writes the main
   module over the output. It writes the chunks and their loader module
   (__wasm_split.js) into the profile's folder wasm-split/, for example
   target/wasm32-unknown-unknown/release/wasm-split/.
3. wasm-bindgen drops the export __indirect_function_table, which the chunks
   import, so the main module exports the table as __wasm_split_function_table
   instead, and the loader module reads that name.
4. main.sha256 in that folder contains the digest of the main module, so that
   scripts/post_build.py can tell that the chunks belong to the module Trunk
   built.

An output without loaders (a test binary, a dependency's cdylib) only loses
the relocation sections again. The relocations are never shipped.
"""

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

TABLE = "__indirect_function_table"
TABLE_EXPORT = "__wasm_split_function_table"
LOADER_PREFIX = "__wasm_split_load_"
SPLIT_FOLDER = "wasm-split"
LOADER_MODULE = "__wasm_split.js"
DIGEST_FILE = "main.sha256"

SECTION_CUSTOM = 0
SECTION_IMPORT = 2
SECTION_EXPORT = 7
KIND_FUNCTION = 0
KIND_TABLE = 1
KIND_MEMORY = 2
KIND_GLOBAL = 3
KIND_TAG = 4
# Value types written as a prefix byte and a heap type: (ref null ht) and (ref ht).
REF_TYPE_PREFIXES = (0x63, 0x64)


class LinkError(Exception):
    """A step after rust-lld failed. The message names the step and the reason."""


def read_leb(data: bytes, at: int) -> tuple[int, int]:
    """Returns the unsigned LEB128 number at `at` and the offset after it."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, at


def leb(value: int) -> bytes:
    """Encodes `value` as unsigned LEB128."""
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        out.append(byte | 0x80 if value else byte)
        if not value:
            return bytes(out)


def read_name(data: bytes, at: int) -> tuple[str, int]:
    length, at = read_leb(data, at)
    return data[at : at + length].decode("utf-8"), at + length


def encode_name(name: str) -> bytes:
    encoded = name.encode("utf-8")
    return leb(len(encoded)) + encoded


def sections(data: bytes):
    """Yields (id, start, body start, end) for each section of a wasm module."""
    if data[:4] != b"\0asm":
        raise LinkError("the linker's output is not a WebAssembly module")
    at = 8
    while at < len(data):
        size, body = read_leb(data, at + 1)
        yield data[at], at, body, body + size
        at = body + size


def skip_limits(data: bytes, at: int) -> int:
    flags, at = read_leb(data, at)
    _, at = read_leb(data, at)
    if flags & 1:
        _, at = read_leb(data, at)
    return at


def skip_value_type(data: bytes, at: int) -> int:
    prefix = data[at]
    at += 1
    if prefix in REF_TYPE_PREFIXES:
        # The heap type is a signed LEB128 number; its bytes end like unsigned ones.
        _, at = read_leb(data, at)
    return at


def imported_functions(data: bytes) -> list[str]:
    """Returns the field names of the module's function imports."""
    names = []
    for section, _, body, _ in sections(data):
        if section != SECTION_IMPORT:
            continue
        count, at = read_leb(data, body)
        for _ in range(count):
            _, at = read_name(data, at)
            field, at = read_name(data, at)
            kind = data[at]
            at += 1
            if kind == KIND_FUNCTION:
                _, at = read_leb(data, at)
                names.append(field)
            elif kind == KIND_TABLE:
                at = skip_limits(data, at + 1)
            elif kind == KIND_MEMORY:
                at = skip_limits(data, at)
            elif kind == KIND_GLOBAL:
                at = skip_value_type(data, at) + 1
            elif kind == KIND_TAG:
                _, at = read_leb(data, at + 1)
            else:
                raise LinkError(
                    f"import {field} has kind {kind}, which imported_functions in scripts/wasm_link.py cannot read yet"
                )
    return names


def without_relocations(data: bytes) -> bytes:
    """Returns the module without the custom sections that --emit-relocs added."""
    module = bytearray(data[:8])
    for section, start, body, end in sections(data):
        if section == SECTION_CUSTOM:
            name, _ = read_name(data, body)
            if name.startswith("reloc.") or name == "linking":
                continue
        module += data[start:end]
    return bytes(module)


def rename_table_export(data: bytes) -> bytes:
    """Returns the module with its function table exported as TABLE_EXPORT instead of TABLE."""
    for section, start, body, end in sections(data):
        if section != SECTION_EXPORT:
            continue
        count, at = read_leb(data, body)
        entries = bytearray(leb(count))
        renamed = False
        for _ in range(count):
            name, at = read_name(data, at)
            kind = data[at]
            index, at = read_leb(data, at + 1)
            if name == TABLE and kind == KIND_TABLE:
                name, renamed = TABLE_EXPORT, True
            entries += encode_name(name) + bytes([kind]) + leb(index)
        if not renamed:
            raise LinkError(f"wasm-split-cli's main module does not export {TABLE}")
        return data[:start] + bytes([SECTION_EXPORT]) + leb(len(entries)) + bytes(entries) + data[end:]
    raise LinkError("wasm-split-cli's main module has no export section")


def read_table_export_name(loader: str) -> str:
    """Returns the loader module's text, changed to read the function table under TABLE_EXPORT."""
    before = "const { " + TABLE + ","
    if loader.count(before) != 1:
        raise LinkError(
            f"{LOADER_MODULE} from wasm-split-cli no longer has the line this script changes; "
            "check that wasm-split-cli is version 0.2.4, which scripts/install installs"
        )
    return loader.replace(before, "const { " + TABLE_EXPORT + ": " + TABLE + ",")


def split(output: Path) -> None:
    """Splits the linked module at `output` in place, writing the chunks to SPLIT_FOLDER."""
    splitter = shutil.which("wasm-split-cli")
    if splitter is None:
        raise LinkError("wasm-split-cli is not on PATH; run scripts/install, which installs it into ~/.cargo/bin")
    folder = output.parent.parent / SPLIT_FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    command = [splitter, str(output), str(folder), "--out-name", "main"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise LinkError(f"wasm-split-cli failed:\n{result.stdout}{result.stderr}")

    main_module = folder / "main.wasm"
    data = rename_table_export(main_module.read_bytes())
    main_module.unlink()
    loader = folder / LOADER_MODULE
    loader.write_text(read_table_export_name(loader.read_text(encoding="utf-8")), encoding="utf-8")
    output.write_bytes(data)
    (folder / DIGEST_FILE).write_text(hashlib.sha256(data).hexdigest() + "\n", encoding="ascii")


def rust_lld() -> Path:
    sysroot = subprocess.run(["rustc", "--print", "sysroot"], capture_output=True, text=True, check=True).stdout.strip()
    version = subprocess.run(["rustc", "-vV"], capture_output=True, text=True, check=True).stdout
    host = next(line.split(": ", 1)[1] for line in version.splitlines() if line.startswith("host: "))
    return Path(sysroot) / "lib" / "rustlib" / host / "bin" / "rust-lld"


def main(args: list[str]) -> int:
    linked = subprocess.run([str(rust_lld()), *args, "--emit-relocs"], check=False)
    if linked.returncode != 0:
        return linked.returncode
    if "-o" not in args:
        return 0
    output = Path(args[args.index("-o") + 1])
    try:
        data = output.read_bytes()
        if any(name.startswith(LOADER_PREFIX) for name in imported_functions(data)):
            split(output)
        else:
            output.write_bytes(without_relocations(data))
    except (LinkError, OSError) as error:
        print(f"wasm_link.py: {output.name}: {error}", file=sys.stderr)
        return 1
    except (IndexError, UnicodeDecodeError) as error:
        print(f"wasm_link.py: {output.name} is not a valid WebAssembly module ({error!r})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
