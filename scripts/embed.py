#!/usr/bin/env python3
"""Embeds a built ion-pages site into another page.

    python3 scripts/embed.py BUILT_DIR HOST_PAGE OUT_DIR

Copies the built files into OUT_DIR, then writes OUT_DIR/index.html: the
host page with the app's block of <head> (between the ion-pages:head:start
and ion-pages:head:end comments of the built index.html) added before its
</head>. The host page must contain the element the app mounts into:
<div id="ion-pages"></div>.

The host page keeps its own Content-Security-Policy, if it has one: that
policy must allow the app's scripts ('wasm-unsafe-eval' and the hashes of the
inline scripts) and connections to Ion. --with-policy adds the app's strict
policy instead, which also blocks the host's inline styles, inline scripts
and form submissions.
"""

import argparse
import re
import shutil
import sys
from pathlib import Path

from csp import apply_csp

BLOCK = re.compile(r"[ \t]*<!-- ion-pages:head:start.*?<!-- ion-pages:head:end -->\n?", re.S)
MOUNT_ELEMENT = re.compile(r'id="ion-pages"')


def main() -> int:
    parser = argparse.ArgumentParser(description="Embed a built ion-pages site into another page.")
    parser.add_argument("built", type=Path, help="built and configured site, such as dist")
    parser.add_argument("host", type=Path, help="the HTML page to embed the app into")
    parser.add_argument("out", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument(
        "--with-policy",
        action="store_true",
        help="add the app's strict Content-Security-Policy to the page (blocks the host's inline styles and scripts)",
    )
    args = parser.parse_args()

    built_page = (args.built / "index.html").read_text(encoding="utf-8")
    block = BLOCK.search(built_page)
    if block is None:
        parser.error(f"{args.built / 'index.html'} has no ion-pages:head:start/end block: build it first.")
    host_page = args.host.read_text(encoding="utf-8")
    if "</head>" not in host_page:
        parser.error(f"{args.host} has no </head>.")
    if not MOUNT_ELEMENT.search(host_page):
        parser.error(f'{args.host} has no element with id="ion-pages" for the app to mount into.')

    if args.out.exists():
        shutil.rmtree(args.out)
    shutil.copytree(args.built, args.out, ignore=shutil.ignore_patterns("index.html"))
    page = host_page.replace("</head>", block.group(0) + "  </head>", 1)
    (args.out / "index.html").write_text(page, encoding="utf-8")
    if args.with_policy:
        apply_csp(args.out / "index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
