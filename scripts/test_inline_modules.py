"""Unit tests of scripts/inline_modules.py.

    python3 -m unittest discover -s scripts -p 'test_*.py'

The fixtures have the forms that Trunk's file, wasm-bindgen's snippets and
the chunk loader use: a named import of a snippet, a namespace import of the
loader, and the loader's import of Trunk's file. Where Node.js is installed,
the result is also loaded as a module, which checks its syntax and what the
inlined code returns.
"""

import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import inline_modules
from inline_modules import InlineError

TRUNK_NAME = "ion-pages-0123456789abcdef-fedcba9876543210.js"
SNIPPET_PATH = "snippets/ion-pages-00000000/inline0.js"
LOADER_PATH = "ion-pages-split-1111111111111111.js"
TRUNK = f"""import {{ sanitize_html }} from './{SNIPPET_PATH}';
import * as import1 from "./{LOADER_PATH}"

function initSync(module) {{
    return {{ memory: "memory of " + module }};
}}

function imports() {{
    return {{ "./{LOADER_PATH}": import1, sanitize: sanitize_html }};
}}

export {{ initSync, imports }};
"""
SNIPPET = """
let calls = 0;

export async function sanitize_html(html) {
  calls += 1;
  return html + " at " + new URL("../../purify.es.mjs", import.meta.url).pathname;
}
"""
LOADER = f"""import {{ initSync }} from "./{TRUNK_NAME}";

export const __wasm_split_load_signed_in = () => initSync("main");
export const chunkUrl = new URL("./split_signed_in-2222222222222222.wasm", import.meta.url).pathname;
"""
PAGE = f"""<script type="module">
import init, * as bindings from './{TRUNK_NAME}';
</script>
<link rel="modulepreload" href="./{TRUNK_NAME}" crossorigin="anonymous" integrity="{{integrity}}"><link rel="modulepreload" href="./{SNIPPET_PATH}" crossorigin="anonymous" integrity="sha384-a"><link rel="modulepreload" href="./{LOADER_PATH}" crossorigin="anonymous" integrity="sha384-b"></head>
"""


def staged(folder: Path, trunk: str = TRUNK, snippet: str = SNIPPET, loader: str = LOADER) -> str:
    """Writes the three modules into `folder` and returns index.html."""
    (folder / SNIPPET_PATH).parent.mkdir(parents=True)
    (folder / SNIPPET_PATH).write_text(snippet, encoding="utf-8")
    (folder / LOADER_PATH).write_text(loader, encoding="utf-8")
    (folder / TRUNK_NAME).write_text(trunk, encoding="utf-8")
    return PAGE.replace("{integrity}", inline_modules.integrity(trunk.encode("utf-8")))


class InlineModulesTest(unittest.TestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp())
        self.addCleanup(shutil.rmtree, self.folder)

    def test_modules_move_into_trunk_file(self):
        page = inline_modules.inline_modules(self.folder, staged(self.folder))
        files = sorted(str(path.relative_to(self.folder)) for path in self.folder.rglob("*"))
        self.assertEqual(len(files), 1, files)
        new_name = files[0]
        self.assertRegex(new_name, r"^ion-pages-0123456789abcdef-[0-9a-f]{16}\.js$")
        self.assertNotEqual(new_name, "ion-pages-0123456789abcdef-fedcba9876543210.js")
        js = (self.folder / new_name).read_text(encoding="utf-8")
        self.assertNotRegex(js, r"(?m)^import ")
        self.assertEqual(page.count(f"./{new_name}"), 2)
        self.assertIn(inline_modules.integrity(js.encode("utf-8")), page)
        self.assertNotIn(SNIPPET_PATH, page)
        self.assertNotIn(LOADER_PATH + '"', page)
        self.assertEqual(page.count("modulepreload"), 1)
        self.assert_runs(js)

    def assert_runs(self, js: str) -> None:
        """Loads `js` as a module in Node.js, as if served from http://host/app/, and checks what the
        inlined code does: addresses resolve against the old module's place, and the loader calls
        Trunk's function."""
        node = shutil.which("node")
        if node is None:
            self.skipTest("Node.js is not installed, so the inlined code is not run")
        check = f"""
const source = {js!r}.replaceAll("import.meta.url", JSON.stringify("http://host/app/{TRUNK_NAME}"));
const module = await import("data:text/javascript," + encodeURIComponent(source));
const table = module.imports();
const results = [
  await table.sanitize("<p>"),
  table["./{LOADER_PATH}"].__wasm_split_load_signed_in().memory,
  table["./{LOADER_PATH}"].chunkUrl,
  Object.isFrozen(table["./{LOADER_PATH}"]),
];
console.log(JSON.stringify(results));
"""
        with tempfile.TemporaryDirectory() as folder:
            script = Path(folder) / "check.mjs"
            script.write_text(check, encoding="utf-8")
            result = subprocess.run([node, str(script)], capture_output=True, text=True, check=False)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(
            result.stdout.strip(),
            '["<p> at /app/purify.es.mjs","memory of main","/app/split_signed_in-2222222222222222.wasm",true]',
        )

    def test_no_imports_changes_nothing(self):
        trunk = "export function initSync() {}\n"
        (self.folder / TRUNK_NAME).write_text(trunk, encoding="utf-8")
        page = PAGE.replace("{integrity}", "sha384-x")
        self.assertEqual(inline_modules.inline_modules(self.folder, page), page)
        self.assertTrue((self.folder / TRUNK_NAME).is_file())

    def test_missing_module_fails(self):
        page = staged(self.folder)
        (self.folder / LOADER_PATH).unlink()
        with self.assertRaisesRegex(InlineError, f"imports ./{LOADER_PATH}, which is not in"):
            inline_modules.inline_modules(self.folder, page)

    def test_failure_leaves_files_unchanged(self):
        page = staged(self.folder).replace(f'<link rel="modulepreload" href="./{LOADER_PATH}"', "<link")
        before = sorted(path.name for path in self.folder.rglob("*"))
        with self.assertRaisesRegex(InlineError, f"0 modulepreload links for ./{LOADER_PATH}"):
            inline_modules.inline_modules(self.folder, page)
        self.assertEqual(sorted(path.name for path in self.folder.rglob("*")), before)

    def test_unsupported_forms_fail(self):
        cases = [
            ("other import", {"snippet": 'import { x } from "./other.js";\n' + SNIPPET}, "imports other.js; only an import of"),
            ("default export", {"snippet": SNIPPET + "export default 1;\n"}, "has an export that this step does not handle"),
            (
                "name not exported",
                {"trunk": TRUNK.replace("import { sanitize_html }", "import { sanitize_html, other }")},
                "does not export other",
            ),
            (
                "loader import not declared",
                {"loader": LOADER.replace("import { initSync }", "import { initSync, start }")},
                "imports start from .*does not declare it",
            ),
            (
                "repeated import",
                {"trunk": TRUNK.replace("import * as import1", f"import {{ chunkUrl }} from './{LOADER_PATH}';\nimport * as import1")},
                "twice",
            ),
            (
                "other import.meta",
                {"snippet": SNIPPET + "export const here = import.meta.resolve('./x.js');\n"},
                "uses import.meta other than import.meta.url",
            ),
        ]
        for name, changes, message in cases:
            with self.subTest(name), tempfile.TemporaryDirectory() as folder:
                page = staged(Path(folder), **changes)
                with self.assertRaisesRegex(InlineError, message):
                    inline_modules.inline_modules(Path(folder), page)

    def test_page_without_integrity_renames(self):
        page = staged(self.folder)
        page = page.replace(f' integrity="{inline_modules.integrity(TRUNK.encode("utf-8"))}"', "")
        page = inline_modules.inline_modules(self.folder, page)
        (new_name,) = [path.name for path in self.folder.glob("*.js")]
        self.assertEqual(page.count(f"./{new_name}"), 2)
        self.assertNotIn("integrity=", page)

    def test_renamed_import_keeps_local_name(self):
        trunk = TRUNK.replace("import { sanitize_html }", "import { sanitize_html as clean }").replace(
            "sanitize: sanitize_html", "sanitize: clean"
        )
        page = inline_modules.inline_modules(self.folder, staged(self.folder, trunk=trunk))
        (new_name,) = [path.name for path in self.folder.glob("*.js")]
        js = (self.folder / new_name).read_text(encoding="utf-8")
        self.assertIn("const { sanitize_html: clean } = (() => {", js)
        self.assertIn(new_name, page)
        self.assert_runs(js)


if __name__ == "__main__":
    unittest.main()
