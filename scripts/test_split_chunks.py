"""Unit tests of scripts/split_chunks.py's rewriting of the loader module.

    python3 -m unittest discover -s scripts -p 'test_*.py'

The fixture has the lines of wasm-split-cli's loader module that the step
changes, in its release form and in its debug form (which wraps each
instantiation in debugWrap).
"""

import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import split_chunks
from split_chunks import SplitError

RELEASE = """import { initSync } from "./main.js";
const { __wasm_split_function_table: __indirect_function_table, memory, } = initSync(undefined, undefined);
export const __wasm_split_load_signed_in = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_signed_in.wasm", import.meta.url));
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}, []));
"""
DEBUG = RELEASE.replace(
    "(WebAssembly.instantiateStreaming(src, imports))", "debugWrap(WebAssembly.instantiateStreaming(src, imports))"
)
NAMES = {"split_signed_in": "split_signed_in-0123456789abcdef.wasm"}


class RewriteLoaderTest(unittest.TestCase):
    def assert_module_syntax(self, source: str) -> None:
        node = shutil.which("node")
        if node is None:
            return
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "loader.mjs"
            path.write_text(source, encoding="utf-8")
            result = subprocess.run([node, "--check", str(path)], capture_output=True, text=True, check=False)
        self.assertEqual(result.returncode, 0, result.stderr)

    def test_release_loader_is_rewritten(self):
        loader = split_chunks.rewrite_loader(RELEASE, "ion-pages-abc-def.js", NAMES)
        self.assertIn('import { initSync } from "./ion-pages-abc-def.js";', loader)
        self.assertIn('new URL("./split_signed_in-0123456789abcdef.wasm", import.meta.url)', loader)
        self.assertIn("(instantiateChunk(src, imports))", loader)
        self.assertNotIn("WebAssembly.instantiateStreaming(src, imports)", loader)
        self.assertIn("async function instantiateChunk(request, imports)", loader)
        self.assert_module_syntax(loader)

    def test_debug_loader_keeps_its_wrapper(self):
        loader = split_chunks.rewrite_loader(DEBUG, "ion-pages-abc-def.js", NAMES)
        self.assertIn("debugWrap(instantiateChunk(src, imports))", loader)
        self.assertNotIn("debugWrapinstantiateChunk", loader)
        self.assert_module_syntax(loader)

    def test_chunk_without_copy_is_an_error(self):
        with self.assertRaisesRegex(SplitError, "split_signed_in.wasm, which was not copied"):
            split_chunks.rewrite_loader(RELEASE, "ion-pages-abc.js", {})

    def test_copied_chunk_not_loaded_is_an_error(self):
        names = {**NAMES, "chunk_2": "chunk_2-0123456789abcdef.wasm"}
        with self.assertRaisesRegex(SplitError, "does not load its chunks as expected"):
            split_chunks.rewrite_loader(RELEASE, "ion-pages-abc.js", names)

    def test_loader_without_main_import_is_an_error(self):
        with self.assertRaisesRegex(SplitError, 'does not import "./main.js" once'):
            split_chunks.rewrite_loader(RELEASE.replace("./main.js", "./other.js"), "ion-pages-abc.js", NAMES)


class RenamedJsTest(unittest.TestCase):
    def test_name_keeps_trunk_name(self):
        name = split_chunks.renamed_js("ion-pages-a77456ab0d65c972.js", NAMES, RELEASE)
        self.assertRegex(name, r"^ion-pages-a77456ab0d65c972-[0-9a-f]{16}\.js$")

    def test_name_is_stable(self):
        first = split_chunks.renamed_js("ion-pages-abc.js", NAMES, RELEASE)
        self.assertEqual(first, split_chunks.renamed_js("ion-pages-abc.js", dict(NAMES), RELEASE))

    def test_name_changes_with_chunk(self):
        other = {"split_signed_in": "split_signed_in-fedcba9876543210.wasm"}
        first = split_chunks.renamed_js("ion-pages-abc.js", NAMES, RELEASE)
        self.assertNotEqual(first, split_chunks.renamed_js("ion-pages-abc.js", other, RELEASE))

    def test_name_changes_with_loader(self):
        first = split_chunks.renamed_js("ion-pages-abc.js", NAMES, RELEASE)
        self.assertNotEqual(first, split_chunks.renamed_js("ion-pages-abc.js", NAMES, DEBUG))


if __name__ == "__main__":
    unittest.main()
