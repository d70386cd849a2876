"""Adds the chunks of a split build to Trunk's output (a step of
scripts/post_build.py).

scripts/wasm_link.py splits the module when Cargo links it and leaves the
chunks and their loader module in target/wasm32-unknown-unknown/PROFILE/
wasm-split/. Trunk does not copy them, so this step:

1. checks that they belong to the module Trunk built (main.sha256);
2. copies each chunk under a name with a digest of its content, like
   Trunk's own files, so that a browser never mixes a cached chunk with a new
   main module; a release build first runs wasm-opt on it at the level that
   Trunk uses for the main module (data-wasm-opt on the Rust link of the
   source index.html);
3. writes the loader module with those names, importing Trunk's JavaScript
   file in place of the "./main.js" that wasm-split-cli assumes, and
   instantiating a chunk from its bytes when streaming fails because the host
   serves .wasm files with another MIME type (as index.html does for the
   main module);
4. points the import of "./__wasm_split.js" in Trunk's JavaScript file at the
   loader module, and updates that file's integrity digest in index.html;
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
STREAMING = "(WebAssembly.instantiateStreaming(src, imports))"
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
    profile = os.environ.get("TRUNK_PROFILE", "release")
    return target / "wasm32-unknown-unknown" / profile


def wasm_opt_level() -> str:
    """The data-wasm-opt level of the source index.html's Rust link, as Trunk reads it: "0" turns
    wasm-opt off, and no attribute means wasm-opt's default level (-O) in a release build."""
    source = Path(os.environ.get("TRUNK_HTML_FILE", Path(__file__).resolve().parent.parent / "index.html"))
    link = re.search(r'<link data-trunk rel="rust"[^>]*>', source.read_text(encoding="utf-8"))
    level = re.search(r'data-wasm-opt="([^"]*)"', link.group(0)) if link else None
    return level.group(1) if level else ""


def optimized(source: Path) -> bytes:
    """The chunk after wasm-opt in a release build, as Trunk treats the main module."""
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


def add_chunks(staging: Path, page: str) -> str:
    """Copies the chunks into `staging` and returns index.html with the updated digests."""
    trunk_js = TRUNK_JS.search(page)
    if trunk_js is None:
        raise SplitError("Trunk's loader script was not found in index.html; its format may have changed.")
    js_path = staging / trunk_js.group("js")
    js = js_path.read_text(encoding="utf-8")
    if LOADER_IMPORT not in js:
        return page

    profile_folder = split_folder()
    chunks = profile_folder / SPLIT_FOLDER
    check_digest(profile_folder, chunks)
    loader = (chunks / LOADER_MODULE).read_text(encoding="utf-8")
    if loader.count(f'"{MAIN_JS}"') != 1:
        raise SplitError(f'{chunks / LOADER_MODULE} does not import "{MAIN_JS}" once; wasm-split-cli may have changed.')
    loader = loader.replace(f'"{MAIN_JS}"', f'"./{js_path.name}"')

    def copy_chunk(reference: re.Match) -> str:
        data = optimized(chunks / f"{reference.group('name')}.wasm")
        name = f"{reference.group('name')}-{short_digest(data)}.wasm"
        (staging / name).write_bytes(data)
        return f'new URL("./{name}", import.meta.url)'

    loader, copied = CHUNK_REFERENCE.subn(copy_chunk, loader)
    if copied == 0 or loader.count(STREAMING) != copied:
        raise SplitError(f"{chunks / LOADER_MODULE} does not load its chunks as expected; wasm-split-cli may have changed.")
    loader = loader.replace(STREAMING, "instantiateChunk(src, imports)") + FALLBACK
    loader_bytes = loader.encode("utf-8")
    loader_name = f"{APP}-split-{short_digest(loader_bytes)}.js"
    (staging / loader_name).write_bytes(loader_bytes)

    old_integrity = integrity(js.encode("utf-8"))
    js = js.replace(LOADER_IMPORT, f'from "./{loader_name}"')
    js_path.write_text(js, encoding="utf-8")
    if page.count(old_integrity) != 1:
        raise SplitError(f"index.html does not hold the integrity digest of {js_path.name} once.")
    page = page.replace(old_integrity, integrity(js.encode("utf-8")))

    preload = (
        f'<link rel="modulepreload" href="./{loader_name}" crossorigin="anonymous" '
        f'integrity="{integrity(loader_bytes)}">'
    )
    if page.count("</head>") != 1:
        raise SplitError("index.html has no single </head>.")
    return page.replace("</head>", preload + "</head>")
