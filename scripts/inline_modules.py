"""Puts the small modules that Trunk's JavaScript file imports into that
file (a step of scripts/post_build.py, after the chunks are added).

wasm-bindgen writes each `inline_js` snippet of the Rust code to a module of
its own under snippets/, and scripts/split_chunks.py writes the chunk loader
to another. Trunk's file imports both statically, and the browser runs
nothing until it has fetched every module of that graph. Each module is one
more request on the way to the first screen. This step moves each of them
into Trunk's file instead:

1. the module's code goes into a function that runs once, where Trunk's
   file imported it, and returns what the module exported. Inside it,
   `import.meta.url` is the module's old address, so addresses relative to it
   still resolve as before. The loader's import of Trunk's file itself is
   dropped: the names it imports are declarations of that file;
2. the module's file and its <link rel="modulepreload"> in index.html go;
3. Trunk's file gets a name with a digest of its new content, and index.html
   names it, with its new integrity digest.

Only the forms these modules use are accepted: named imports or a namespace
import of a module that imports nothing else, and exports written as
`export function`, `export async function`, `export const`, `export let` or
`export class`. Any other form stops the build with a message. A module must
not use top-level `await` (the function it goes into is not async).

NOTE: inside the function, a global name that the module uses (such as
`fetch`) means the declaration of the same name at the top of Trunk's file,
if there is one. Neither `await` nor such a clash is checked here; the
end-to-end tests load the result.
"""

import hashlib
import re
from pathlib import Path

from split_chunks import integrity

TRUNK_JS = re.compile(r"import init, \* as bindings from '\./(?P<js>[^']+\.js)';")
IMPORT = re.compile(
    r"^import (?:\{(?P<names>[^}]*)\}|\* as (?P<namespace>[A-Za-z_$][\w$]*)) from "
    r"(?P<quote>['\"])\./(?P<path>[^'\"]+\.m?js)(?P=quote);?[ \t]*\n",
    re.MULTILINE,
)
EXPORT = re.compile(r"^export (?P<kind>async function|function|const|let|class) (?P<name>[A-Za-z_$][\w$]*)", re.MULTILINE)
MODULE_URL = "__moduleUrl"
# Trunk's name, which ends in Trunk's digest, then the digest that split_chunks.renamed_js may have
# added. The new name keeps the first and replaces the second.
TRUNK_NAME = re.compile(r"^(?P<base>.*?-[0-9a-f]{16})(?:-[0-9a-f]{16})?\.js$")


class InlineError(SystemExit):
    """A module cannot be moved into Trunk's file. The message gives the reason."""

    def __init__(self, message: str) -> None:
        super().__init__(f"post_build: {message}")


def module_body(path: str, source: str, host_name: str, host: str) -> tuple[str, list[str]]:
    """Returns the code of the module at `path` (relative to Trunk's file) without its `export`
    keywords and without its import of Trunk's file `host_name`, and the names it exports."""
    body = source
    for statement in IMPORT.finditer(source):
        if statement.group("path") != host_name or statement.group("names") is None:
            raise InlineError(f"{path} imports {statement.group('path')}; only an import of {host_name} can be inlined.")
        for name in split_names(statement.group("names"), path):
            if name[0] != name[1] or not re.search(rf"^(?:async )?function {re.escape(name[0])}\(", host, re.MULTILINE):
                raise InlineError(f"{path} imports {name[0]} from {host_name}, which does not declare it as a function.")
        body = body.replace(statement.group(0), "", 1)
    if re.search(r"^\s*import\b", body, re.MULTILINE):
        raise InlineError(f"{path} has an import form that cannot be inlined; only `import {{ NAME }} from \"./{host_name}\"` can.")
    exports = [match.group("name") for match in EXPORT.finditer(body)]
    body = EXPORT.sub(lambda match: f"{match.group('kind')} {match.group('name')}", body)
    if re.search(r"^\s*export\b", body, re.MULTILINE):
        raise InlineError(f"{path} has an export that this step does not handle; write it as `export function NAME`.")
    if MODULE_URL in body:
        raise InlineError(f"{path} uses the name {MODULE_URL}, which this step needs.")
    body = body.replace("import.meta.url", MODULE_URL)
    if "import.meta" in body:
        raise InlineError(f"{path} uses import.meta other than import.meta.url, which this step does not handle.")
    return body, exports


def split_names(names: str, path: str) -> list[tuple[str, str]]:
    """Returns (exported name, local name) pairs of an import list such as `a, b as c`."""
    pairs = []
    for item in filter(None, (part.strip() for part in names.split(","))):
        match = re.fullmatch(r"([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?", item)
        if match is None:
            raise InlineError(f"the import of {path} names {item!r}, which this step does not handle.")
        pairs.append((match.group(1), match.group(2) or match.group(1)))
    return pairs


def inlined(statement: re.Match, body: str, exports: list[str]) -> str:
    """Returns the declaration that replaces the import `statement`."""
    path = statement.group("path")
    wrapped = (
        f"(() => {{\n"
        f"// Inlined from ./{path} by scripts/inline_modules.py.\n"
        f'const {MODULE_URL} = new URL("./{path}", import.meta.url).href;\n'
        f"{body.strip()}\n"
        f"return {{ {', '.join(exports)} }};\n"
        f"}})()"
    )
    if statement.group("namespace"):
        return f"const {statement.group('namespace')} = Object.freeze({wrapped});\n"
    pairs = split_names(statement.group("names"), path)
    missing = [name for name, _ in pairs if name not in exports]
    if missing:
        raise InlineError(f"./{path} does not export {', '.join(missing)}.")
    names = ", ".join(name if name == local else f"{name}: {local}" for name, local in pairs)
    return f"const {{ {names} }} = {wrapped};\n"


def inline_source(js: str, js_name: str, read) -> tuple[str, list[str]]:
    """Returns Trunk's file `js` with each imported module put in, and the paths of those modules.
    `read(path)` returns a module's source."""
    paths = []
    statements = list(IMPORT.finditer(js))
    for statement in reversed(statements):
        path = statement.group("path")
        if path in paths:
            raise InlineError(f"{js_name} imports ./{path} twice; this step inlines each module once.")
        body, exports = module_body(path, read(path), js_name, js)
        js = js[: statement.start()] + inlined(statement, body, exports) + js[statement.end() :]
        paths.append(path)
    return js, sorted(paths)


def inline_modules(staging: Path, page: str) -> str:
    """Moves the modules that Trunk's file in `staging` imports into it, and returns index.html with
    that file's new name and integrity digest."""
    trunk_js = TRUNK_JS.search(page)
    if trunk_js is None:
        raise InlineError("Trunk's loader script was not found in index.html; check that Trunk is version 0.21.14, which scripts/install installs.")
    js_name = trunk_js.group("js")
    js_path = staging / js_name
    old = js_path.read_bytes()

    def read(path: str) -> str:
        module = staging / path
        if not module.is_file():
            raise InlineError(f"{js_name} imports ./{path}, which is not in {staging}.")
        return module.read_text(encoding="utf-8")

    js, paths = inline_source(old.decode("utf-8"), js_name, read)
    if not paths:
        return page
    new = js.encode("utf-8")
    name = TRUNK_NAME.match(js_name)
    new_name = f"{name.group('base') if name else js_name.removesuffix('.js')}-{hashlib.sha256(new).hexdigest()[:16]}.js"

    # index.html is rewritten first, so that a failure leaves the files as they were.
    for path in paths:
        preload = re.compile(rf'<link rel="modulepreload" href="\./{re.escape(path)}"[^>]*>')
        page, removed = preload.subn("", page)
        if removed != 1:
            raise InlineError(f"index.html has {removed} modulepreload links for ./{path}, not 1; check that Trunk is version 0.21.14, which scripts/install installs.")
    if page.count(f"./{js_name}") != 2:
        raise InlineError(f"index.html does not name ./{js_name} twice (the module script's import and its modulepreload link); check that Trunk is version 0.21.14, which scripts/install installs.")
    page = page.replace(f"./{js_name}", f"./{new_name}")
    # A build without Subresource Integrity (Trunk's --no-sri) has no digest to update.
    if page.count(integrity(old)) > 1:
        raise InlineError(f"index.html has the integrity digest of {js_name} more than once.")
    page = page.replace(integrity(old), integrity(new))

    for path in paths:
        (staging / path).unlink()
        folder = (staging / path).parent
        while folder != staging and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    js_path.unlink()
    (staging / new_name).write_bytes(new)
    return page
