#!/usr/bin/env python3
"""Writes the Content-Security-Policy <meta> tag of a built index.html.

The policy allows scripts only from the site itself plus the page's inline
scripts (by their SHA-256 hashes; the module script Trunk writes changes
with every build), WebAssembly compilation, and connections only to the site itself
(to fetch the .wasm file) and to the configured Ion. It is computed after the
build because both the hash and the Ion URL are known only then.

    python3 scripts/csp.py [DIR]

DIR defaults to $TRUNK_STAGING_DIR, which Trunk sets for post_build hooks.
"""

import argparse
import base64
import hashlib
import html
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

CSP_TAG = re.compile(r'[ \t]*<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?')
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.S)
ION_URL = re.compile(r'<meta name="ion-pages:ion-url" content="([^"]*)">')


def ion_origin(page: str) -> str | None:
    match = ION_URL.search(page)
    if not match:
        return None
    parts = urlsplit(html.unescape(match.group(1)).strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}"


def policy(page: str) -> str:
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in INLINE_SCRIPT.findall(page)
    ]
    ion = ion_origin(page)
    # An invalid Ion URL is reported by the app itself; the policy then
    # allows no connection beyond the site.
    connect = "'self'" + (f" {ion}" if ion else "")
    images = "'self' data: blob:" + (f" {ion}" if ion else "")
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
            "style-src 'self'",
            f"img-src {images}",
            f"connect-src {connect}",
            "base-uri 'none'",
            "form-action 'none'",
            "object-src 'none'",
        ]
    )


def apply_csp(index: Path) -> None:
    page = CSP_TAG.sub("", index.read_text(encoding="utf-8"))
    tag = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy(page), quote=False).replace(chr(34), "&quot;")}">'
    # The policy covers only what follows it, so it goes before the app's
    # block of <head> (which embed.py copies along) or right after <meta charset>.
    page, count = re.subn(r"([ \t]*<!-- ion-pages:head:start)", lambda m: "    " + tag + "\n" + m.group(1), page, count=1)
    if count != 1:
        page, count = re.subn(r'(<meta charset="[^"]*">\n)', lambda m: m.group(1) + "    " + tag + "\n", page, count=1)
    if count != 1:
        raise SystemExit(f'{index} has no <meta charset="..."> line to put the policy after.')
    index.write_text(page, encoding="utf-8")


def built_index(description: str) -> Path:
    """Parses the command line of a post-build script and returns the index.html
    of the given folder, or of Trunk's staging folder."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "directory",
        nargs="?",
        default=os.environ.get("TRUNK_STAGING_DIR"),
        help="the built site's folder (default: $TRUNK_STAGING_DIR, set by Trunk for post_build hooks)",
    )
    args = parser.parse_args()
    if not args.directory:
        parser.error("give the built site's folder, or run as a Trunk post_build hook")
    index = Path(args.directory) / "index.html"
    if not index.is_file():
        parser.error(f"{index} does not exist: build the site first (trunk build --release)")
    return index


def main() -> int:
    apply_csp(built_index("Write the Content-Security-Policy tag of a built ion-pages site."))
    return 0


if __name__ == "__main__":
    sys.exit(main())
