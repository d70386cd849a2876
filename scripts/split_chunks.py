"""Adds the chunks of a split build to Trunk's output (a step of
scripts/post_build.py).

scripts/wasm_link.py splits the module when Cargo links it and leaves the
chunks and their loader module in target/wasm32-unknown-unknown/PROFILE/
wasm-split/. Trunk does not copy them, so this step:

1. checks that they belong to the module Trunk built (main.sha256);
2. copies each chunk under a name with a digest of its content, like
   Trunk's own files. A release build first runs wasm-opt on the chunk at the
   level of data-wasm-opt on the Rust link of the source index.html. Other
   wasm-opt attributes of that link are not applied to chunks;
3. writes the loader module with those names. It imports Trunk's JavaScript
   file in place of the "./main.js" that wasm-split-cli assumes. When
   streaming fails because the host serves .wasm files with another MIME
   type, it instantiates the chunk from its bytes, as index.html does for the
   main module;
4. points the import of "./__wasm_split.js" in Trunk's JavaScript file at the
   loader module, renames that file with a digest of the chunks (see
   renamed_js), and updates its name and integrity digest in index.html;
5. adds a <link rel="modulepreload"> for the loader module, so the browser
   fetches it together with Trunk's file instead of after parsing it.

A build without split points has no such import and is left as it is.
"""

import base64
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from wasm_link import DIGEST_FILE, LOADER_MODULE, SPLIT_FOLDER

APP = "ion-pages"
MAIN_JS = "./main.js"
LOADER_IMPORT = f'from "./{LOADER_MODULE}"'
CHUNK_REFERENCE = re.compile(r'new URL\("\./(?P<name>[A-Za-z0-9_]+)\.wasm", import\.meta\.url\)')
STREAMING = "WebAssembly.instantiateStreaming(src, imports)"
FALLBACK = """
// Added by scripts/split_chunks.py. A host that serves .wasm files with another
// MIME type makes streaming fail; the chunk is then instantiated from its bytes.
async function instantiateChunk(request, imports) {
    const response = await request;
    try {
        return await WebAssembly.instantiateStreaming(response.clone(), imports);
    } catch (error) {
        if (!response.ok || !(error instanceof TypeError)) throw error;
        return WebAssembly.instantiate(await response.arrayBuffer(), imports);
    }
}
"""
TRUNK_JS = re.compile(r"import init, \* as bindings from '\./(?P<js>[^']+\.js)';")


class SplitError(SystemExit):
    """The chunks cannot be added. The message gives the reason."""

    def __init__(self, message: str) -> None:
        super().__init__(f"post_build: {message}")


def short_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def integrity(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def split_folder() -> Path:
    """Returns the profile's output folder, where scripts/wasm_link.py left the chunks in wasm-split/."""
    metadata = subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--no-deps", "--offline"],
        capture_output=True,
        text=True,
        check=False,
    )
    if metadata.returncode != 0:
        raise SplitError(f"cargo metadata failed, so the target folder is unknown:\n{metadata.stderr}")
    target = Path(json.loads(metadata.stdout)["target_directory"])
    # NOTE: only the release and debug profiles are found. A build with Trunk's
    # --cargo-profile or data-cargo-profile would link into another folder.
    profile = os.environ.get("TRUNK_PROFILE", "release")
    return target / "wasm32-unknown-unknown" / profile


def wasm_opt_level() -> str:
    """Returns the data-wasm-opt level of the source index.html's Rust link, as Trunk reads it: "0"
    turns wasm-opt off, and no attribute means wasm-opt's default level (-O) in a release build."""
    source = Path(os.environ.get("TRUNK_HTML_FILE", Path(__file__).resolve().parent.parent / "index.html"))
    link = re.search(r'<link data-trunk rel="rust"[^>]*>', source.read_text(encoding="utf-8"))
    level = re.search(r'data-wasm-opt="([^"]*)"', link.group(0)) if link else None
    return level.group(1) if level else ""


def optimized(source: Path) -> bytes:
    """Returns the chunk's bytes, after wasm-opt in a release build, as Trunk treats the main module."""
    level = wasm_opt_level()
    if os.environ.get("TRUNK_PROFILE", "release") != "release" or level == "0":
        return source.read_bytes()
    wasm_opt = shutil.which("wasm-opt")
    if wasm_opt is None:
        raise SplitError("wasm-opt is not on PATH; run scripts/install and put node_modules/.bin on PATH.")
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / source.name
        result = subprocess.run(
            [wasm_opt, f"-O{level}", "--strip-debug", str(source), "-o", str(output)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise SplitError(f"wasm-opt failed on {source}:\n{result.stderr}")
        return output.read_bytes()


def check_digest(profile_folder: Path, chunks: Path) -> None:
    linked = profile_folder / f"{APP}.wasm"
    recorded = chunks / DIGEST_FILE
    if not linked.is_file() or not recorded.is_file():
        raise SplitError(f"{linked} or {recorded} is missing; build with Trunk again")
    if hashlib.sha256(linked.read_bytes()).hexdigest() != recorded.read_text(encoding="ascii").strip():
        raise SplitError(f"the chunks in {chunks} belong to another build of {linked}; build with Trunk again")


def rewrite_loader(loader: str, main_js: str, chunk_names: dict[str, str]) -> str:
    """Returns the loader module of wasm-split-cli importing `main_js`, loading each chunk under its
    name in `chunk_names` (from the name wasm-split-cli gave it), and falling back to the chunk's bytes
    when streaming fails."""
    if loader.count(f'"{MAIN_JS}"') != 1:
        raise SplitError(f'the loader module does not import "{MAIN_JS}" once; check that wasm-split-cli is version 0.2.4, which scripts/install installs.')
    loader = loader.replace(f'"{MAIN_JS}"', f'"./{main_js}"')

    def rename(reference: re.Match) -> str:
        name = chunk_names.get(reference.group("name"))
        if name is None:
            raise SplitError(f"the loader module names the chunk {reference.group('name')}.wasm, which was not copied.")
        return f'new URL("./{name}", import.meta.url)'

    loader, renamed = CHUNK_REFERENCE.subn(rename, loader)
    # A debug build wraps the call (debugWrap(...)), a release build does not.
    if renamed != len(chunk_names) or loader.count(STREAMING) != renamed:
        raise SplitError("the loader module does not load its chunks as expected; check that wasm-split-cli is version 0.2.4, which scripts/install installs.")
    return loader.replace(STREAMING, "instantiateChunk(src, imports)") + FALLBACK


def renamed_js(trunk_name: str, chunk_names: dict[str, str], loader: str) -> str:
    """Returns a name for Trunk's JavaScript file that changes with the chunks and the loader module too.

    Trunk names the file after the main module alone, but this step changes the
    file's content (its import of the loader module) when only a chunk changed.
    Under the old name, a browser could keep the cached old file, which then
    fails the new integrity digest, and the page would not start.
    """
    digest = short_digest("\n".join([*sorted(chunk_names.values()), loader]).encode("utf-8"))
    return trunk_name.removesuffix(".js") + f"-{digest}.js"


def add_chunks(staging: Path, page: str) -> str:
    """Copies the chunks into `staging` and returns index.html with the new names and digests."""
    trunk_js = TRUNK_JS.search(page)
    if trunk_js is None:
        raise SplitError("Trunk's loader script was not found in index.html; check that Trunk is version 0.21.14, which scripts/install installs.")
    trunk_path = staging / trunk_js.group("js")
    js = trunk_path.read_text(encoding="utf-8")
    if LOADER_IMPORT not in js:
        return page

    profile_folder = split_folder()
    chunks = profile_folder / SPLIT_FOLDER
    check_digest(profile_folder, chunks)
    chunk_names = {}
    for source in sorted(chunks.glob("*.wasm")):
        data = optimized(source)
        chunk_names[source.stem] = f"{source.stem}-{short_digest(data)}.wasm"
        (staging / chunk_names[source.stem]).write_bytes(data)

    template = (chunks / LOADER_MODULE).read_text(encoding="utf-8")
    js_name = renamed_js(trunk_path.name, chunk_names, template)
    loader = rewrite_loader(template, js_name, chunk_names)
    loader_bytes = loader.encode("utf-8")
    loader_name = f"{APP}-split-{short_digest(loader_bytes)}.js"
    (staging / loader_name).write_bytes(loader_bytes)

    old_integrity = integrity(js.encode("utf-8"))
    js = js.replace(LOADER_IMPORT, f'from "./{loader_name}"')
    trunk_path.unlink()
    (staging / js_name).write_text(js, encoding="utf-8")
    for old, new in ((old_integrity, integrity(js.encode("utf-8"))), (f"./{trunk_path.name}", f"./{js_name}")):
        # The module script's import, and the modulepreload link with the digest.
        expected = 1 if old == old_integrity else 2
        if page.count(old) != expected:
            raise SplitError(f"index.html does not contain {old} {expected} time(s); check that Trunk is version 0.21.14, which scripts/install installs.")
        page = page.replace(old, new)

    preload = (
        f'<link rel="modulepreload" href="./{loader_name}" crossorigin="anonymous" '
        f'integrity="{integrity(loader_bytes)}">'
    )
    if page.count("</head>") != 1:
        raise SplitError("index.html has no single </head>.")
    return page.replace("</head>", preload + "</head>")
