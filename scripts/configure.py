#!/usr/bin/env python3
"""Copies a built site and sets its ion-pages configuration, the same edit a
host makes by hand in index.html: the <meta name="ion-pages:..."> tags.

    python3 scripts/configure.py SOURCE_DIR OUT_DIR [--ion-url URL]
        [--client-id ID] [--scope "read write"] [--redirect-uri URL]
        [--grant implicit|code] [--no-check]

A value of "" removes the tag (useful to test the "not configured" screen).
The app validates the values itself at start-up. The Content-Security-Policy
tag is rewritten to allow connections to the new Ion URL.
"""

import argparse
import html
import re
import shutil
import sys
from pathlib import Path

from csp import apply_csp

SETTINGS = {
    "ion_url": "ion-pages:ion-url",
    "client_id": "ion-pages:client-id",
    "scope": "ion-pages:scope",
    "redirect_uri": "ion-pages:redirect-uri",
    "grant": "ion-pages:grant",
}


def set_meta(page: str, name: str, value: str) -> str:
    pattern = re.compile(r'[ \t]*<meta name="' + re.escape(name) + r'" content="[^"]*">\n?')
    if value == "":
        return pattern.sub("", page)
    tag = f'<meta name="{name}" content="{html.escape(value, quote=True)}">'
    if pattern.search(page):
        return pattern.sub(lambda match: "    " + tag + "\n", page, count=1)
    if "</head>" not in page:
        raise SystemExit("index.html has no </head>, so the setting could not be added.")
    return page.replace("</head>", f"  {tag}\n  </head>", 1)


def check(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Rejects the mistakes that would otherwise show only in the browser."""
    if args.ion_url and not re.match(r"^https?://[^/?#\s]+", args.ion_url):
        parser.error(f"--ion-url {args.ion_url!r} is not an http(s) URL such as https://ion.tjhsst.edu.")
    if args.ion_url and args.client_id is None:
        parser.error(
            "--ion-url is given without --client-id, so the site would keep the local stand-in's client id. "
            "Pass the client id Ion shows for your application."
        )


def main() -> int:
    parser = argparse.ArgumentParser(description="Copy a built ion-pages site and set its configuration.")
    parser.add_argument("source", type=Path, help="built site, such as dist")
    parser.add_argument("out", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("--ion-url", help="Ion's base URL, such as https://ion.tjhsst.edu")
    parser.add_argument("--client-id", help="client id of the application registered on Ion")
    parser.add_argument("--scope", help='space-separated scopes, such as "read"')
    parser.add_argument("--redirect-uri", help="redirect URI registered on Ion (default: the page's own address)")
    parser.add_argument(
        "--grant",
        choices=["implicit", "code", ""],
        help='"implicit" (default) or "code": the grant the application is registered with on Ion',
    )
    parser.add_argument(
        "--no-check",
        action="store_true",
        help="write the values without checking them, to see the app's own error page for a broken setting",
    )
    args = parser.parse_args()

    if not args.no_check:
        check(parser, args)

    index = args.source / "index.html"
    if not index.is_file():
        parser.error(f"{index} does not exist: build the site first (trunk build --release).")
    if args.out.resolve() == args.source.resolve():
        parser.error("OUT_DIR must differ from SOURCE_DIR.")

    if args.out.exists():
        shutil.rmtree(args.out)
    shutil.copytree(args.source, args.out)

    page = (args.out / "index.html").read_text(encoding="utf-8")
    for option, name in SETTINGS.items():
        value = getattr(args, option)
        if value is not None:
            page = set_meta(page, name, value)
    (args.out / "index.html").write_text(page, encoding="utf-8")
    # The policy names Ion's origin, so it is rewritten with the settings.
    apply_csp(args.out / "index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
