#!/usr/bin/env python3
"""Finishes a Trunk build's index.html. Trunk runs it as the one post_build
hook (hooks of the same stage run at the same time, so the order of the
steps is kept here):

1. The chunks of a split build are added (scripts/split_chunks.py).
2. The modules that Trunk's JavaScript file imports (the chunk loader and
   wasm-bindgen's snippets) are put into that file, so that the browser
   fetches one module instead of three (scripts/inline_modules.py).
3. The WebAssembly module starts compiling while it downloads. Trunk's loader
   starts compiling the .wasm file only when its module script runs, after
   the whole page has been parsed (a preload link fetches it earlier). A
   small inline script, placed before the stylesheet (an inline script waits
   for the stylesheets above it), starts WebAssembly.compileStreaming at once
   instead, and the loader is given the compiled module. When streaming
   compilation fails (for example, a host that serves .wasm with another
   MIME type), the loader gets the file's address and falls back as before.
   The file is then downloaded twice.
   Trunk's <link rel="preload"> of the .wasm file is removed, because the
   inline script's request replaces it.
4. The Content-Security-Policy is written (scripts/csp.py), with the hash of
   each inline script, the new one included.

    python3 scripts/post_build.py [DIR]

DIR defaults to $TRUNK_STAGING_DIR, which Trunk sets for post_build hooks.
"""

import re
import sys

from csp import apply_csp, built_index
from inline_modules import inline_modules
from split_chunks import add_chunks

LOADER = re.compile(r"([ \t]*)<script type=\"module\">\n(import init, \* as bindings from '[^']+';\n)"
                    r"const wasm = await init\(\{ module_or_path: '(?P<wasm>\./[^']+_bg\.wasm)' \}\);\n")
MARKER = "window.ionPagesWasm"


def compile_early(page: str) -> str:
    """Returns the page with the early compilation added. A page that has it already is returned unchanged."""
    if MARKER in page:
        return page
    loader = LOADER.search(page)
    if loader is None:
        raise SystemExit("post_build: Trunk's loader script was not found in index.html; its format may have changed.")
    wasm = loader.group("wasm")
    # Before the stylesheet: a stylesheet that is still loading holds back
    # every inline script after it, and this one should start at once.
    stylesheet = re.search(r'([ \t]*)<link rel="stylesheet"', page[: loader.start()])
    at, indent = (stylesheet.start(), stylesheet.group(1)) if stylesheet else (loader.start(), loader.group(1))
    early = (
        f"{indent}<script>\n"
        f"{indent}  // Compiles the app's WebAssembly while it downloads (see scripts/post_build.py).\n"
        f'{indent}  {MARKER} = WebAssembly.compileStreaming(fetch("{wasm}")).catch(function () {{ return "{wasm}"; }});\n'
        f"{indent}</script>\n"
    )
    new_loader = (
        f'{loader.group(1)}<script type="module">\n{loader.group(2)}'
        f"const wasm = await init({{ module_or_path: await {MARKER} }});\n"
    )
    page = page[:at] + early + page[at : loader.start()] + new_loader + page[loader.end() :]
    preload = re.compile(r'<link rel="preload" href="' + re.escape(wasm) + r'"[^>]*>')
    page, removed = preload.subn("", page)
    if removed != 1:
        raise SystemExit(f"post_build: expected one preload link for {wasm} in index.html, found {removed}.")
    return page


def main() -> int:
    index = built_index("Finish a Trunk build of ion-pages: chunks, one JavaScript module, early wasm compilation and the CSP.")
    page = add_chunks(index.parent, index.read_text(encoding="utf-8"))
    page = inline_modules(index.parent, page)
    index.write_text(compile_early(page), encoding="utf-8")
    apply_csp(index)
    return 0


if __name__ == "__main__":
    sys.exit(main())
