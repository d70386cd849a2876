"""Unit tests of scripts/wasm_link.py's reading and rewriting of wasm modules.

    python3 -m unittest discover -s scripts -p 'test_*.py'

The modules are built here byte by byte. Each rewritten module is also
compiled by Node's WebAssembly engine when Node is on PATH, so a rewrite that
breaks the binary format fails here and not in the browser.
"""

import json
import shutil
import subprocess
import unittest

import wasm_link
from wasm_link import LinkError, leb

FUNC_TYPE = bytes([0x60, 0x00, 0x00])  # () -> ()
FUNCREF = 0x70
I32 = 0x7F
EXTERNREF = 0x6F


def name(text: str) -> bytes:
    encoded = text.encode("utf-8")
    return leb(len(encoded)) + encoded


def section(section_id: int, payload: bytes) -> bytes:
    return bytes([section_id]) + leb(len(payload)) + payload


def custom(section_name: str, payload: bytes = b"\x01\x02") -> bytes:
    return section(0, name(section_name) + payload)


def vector(*items: bytes) -> bytes:
    return leb(len(items)) + b"".join(items)


def module(*sections: bytes) -> bytes:
    return b"\0asm\x01\0\0\0" + b"".join(sections)


TYPES = section(1, vector(FUNC_TYPE))
IMPORTS = section(
    2,
    vector(
        name("env") + name("log") + bytes([0]) + leb(0),
        name("__wasm_split_placeholder__") + name("__wasm_split_load_signed_in") + bytes([0]) + leb(0),
        name("env") + name("table") + bytes([1, FUNCREF, 0x01]) + leb(1) + leb(300),
        name("env") + name("memory") + bytes([2, 0x00]) + leb(17),
        name("env") + name("stack") + bytes([3, I32, 0x01]),
        name("env") + name("handle") + bytes([3, EXTERNREF, 0x00]),
        name("env") + name("log_again") + bytes([0]) + leb(0),
    ),
)
EXPORTS = section(
    7,
    vector(
        name("memory") + bytes([2]) + leb(0),
        name(wasm_link.TABLE) + bytes([1]) + leb(0),
        name("log_again") + bytes([0]) + leb(0),
    ),
)


def exports(data: bytes) -> list[tuple[str, int]]:
    """(name, kind) of each export, read without the code under test."""
    for section_id, _, body, _ in wasm_link.sections(data):
        if section_id == 7:
            count, at = wasm_link.read_leb(data, body)
            found = []
            for _ in range(count):
                export, at = wasm_link.read_name(data, at)
                kind = data[at]
                _, at = wasm_link.read_leb(data, at + 1)
                found.append((export, kind))
            return found
    return []


def custom_names(data: bytes) -> list[str]:
    return [wasm_link.read_name(data, body)[0] for section_id, _, body, _ in wasm_link.sections(data) if section_id == 0]


class WasmLinkTest(unittest.TestCase):
    def assert_compiles(self, data: bytes) -> None:
        node = shutil.which("node")
        if node is None:
            return
        script = (
            "const bytes = Buffer.from(JSON.parse(process.argv[1]));"
            "new WebAssembly.Module(bytes);"
        )
        result = subprocess.run([node, "-e", script, json.dumps(list(data))], capture_output=True, text=True, check=False)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_reads_functions_past_other_imports(self):
        data = module(TYPES, IMPORTS, EXPORTS)
        self.assertEqual(wasm_link.imported_functions(data), ["log", "__wasm_split_load_signed_in", "log_again"])

    def test_skips_short_and_prefixed_value_types(self):
        self.assertEqual(wasm_link.skip_value_type(bytes([I32]), 0), 1)
        # (ref null extern), then (ref 300): a prefix byte and a heap type.
        self.assertEqual(wasm_link.skip_value_type(bytes([0x63, EXTERNREF]), 0), 2)
        self.assertEqual(wasm_link.skip_value_type(bytes([0x64]) + leb(300), 0), 3)

    def test_module_without_imports_has_no_loader(self):
        self.assertEqual(wasm_link.imported_functions(module(TYPES)), [])

    def test_renames_only_the_table_export(self):
        data = module(TYPES, IMPORTS, EXPORTS, custom("name"))
        renamed = wasm_link.rename_table_export(data)
        self.assertEqual(exports(renamed), [("memory", 2), (wasm_link.TABLE_EXPORT, 1), ("log_again", 0)])
        self.assertEqual(custom_names(renamed), ["name"])
        self.assert_compiles(renamed)

    def test_missing_table_export_is_an_error(self):
        without_table = section(7, vector(name("memory") + bytes([2]) + leb(0)))
        with self.assertRaisesRegex(LinkError, "does not export __indirect_function_table"):
            wasm_link.rename_table_export(module(TYPES, IMPORTS, without_table))
        with self.assertRaisesRegex(LinkError, "no export section"):
            wasm_link.rename_table_export(module(TYPES, IMPORTS))

    def test_removes_only_relocation_sections(self):
        data = module(TYPES, custom("reloc.CODE"), IMPORTS, custom("linking"), EXPORTS, custom("reloc.DATA"), custom("name"))
        stripped = wasm_link.without_relocations(data)
        self.assertEqual(custom_names(stripped), ["name"])
        self.assertEqual(wasm_link.imported_functions(stripped), wasm_link.imported_functions(data))
        self.assertEqual(exports(stripped), exports(data))
        self.assert_compiles(stripped)

    def test_rejects_what_is_not_wasm(self):
        with self.assertRaisesRegex(LinkError, "not a WebAssembly module"):
            wasm_link.imported_functions(b"#!/bin/sh\n")

    def test_loader_reads_the_renamed_table(self):
        loader = "const { __indirect_function_table, memory, } = initSync(undefined, undefined);\n"
        changed = wasm_link.read_table_export_name(loader)
        self.assertIn(f"const {{ {wasm_link.TABLE_EXPORT}: __indirect_function_table, memory,", changed)

    def test_loader_in_another_format_is_an_error(self):
        with self.assertRaisesRegex(LinkError, "no longer has the line"):
            wasm_link.read_table_export_name("const { memory } = initSync();\n")

    def test_leb_round_trip(self):
        for value in (0, 1, 127, 128, 300, 624485, 2**32 - 1):
            decoded, end = wasm_link.read_leb(leb(value), 0)
            self.assertEqual((decoded, end), (value, len(leb(value))))


if __name__ == "__main__":
    unittest.main()
