#!/usr/bin/env python3
"""Runs the Ion stand-in on 127.0.0.1 with a fresh, seeded database.

    python serve.py [--port 8000] [--app-origin http://127.0.0.1:8080]
                    [--mode accepting|as-ion-today] [--token-lifetime 36000]
                    [--skip-authorization]

Stops cleanly on Ctrl-C or SIGTERM and deletes its database.
"""

import argparse
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Ion stand-in for testing ion-pages (binds to 127.0.0.1 only).")
    parser.add_argument("--port", type=int, default=8000, help="TCP port on 127.0.0.1 (default 8000)")
    parser.add_argument(
        "--app-origin",
        action="append",
        help="origin of the app, e.g. http://127.0.0.1:8080; its '/' is the registered redirect URI "
        "and, in accepting mode, it is allowed through CORS. Repeat for several (default http://127.0.0.1:8080)",
    )
    parser.add_argument(
        "--mode",
        choices=["accepting", "as-ion-today"],
        default="accepting",
        help="accepting: the app is registered for the implicit grant and its origin is allowed; "
        "as-ion-today: like Ion at commit 557054c, which allows neither (default accepting)",
    )
    parser.add_argument(
        "--token-lifetime", type=int, default=36000, help="access token lifetime in seconds (default 36000, Ion's)"
    )
    parser.add_argument(
        "--skip-authorization", action="store_true", help="skip the consent page, as Ion does for sanctioned apps"
    )
    args = parser.parse_args()
    if not 1 <= args.port <= 65535:
        parser.error(f"--port {args.port} is not a TCP port (1-65535)")
    if args.token_lifetime < 0:
        parser.error(f"--token-lifetime {args.token_lifetime} must be zero or more seconds")
    for origin in args.app_origin or []:
        if not origin.startswith(("http://", "https://")) or origin.endswith("/") or origin.count("/") != 2:
            parser.error(f"--app-origin {origin!r} is not an origin such as http://127.0.0.1:8080 (no path, no slash)")
    return args


def main() -> int:
    args = parse_args()
    origins = args.app_origin or ["http://127.0.0.1:8080"]
    data_dir = tempfile.mkdtemp(prefix="ion-standin-")

    os.environ["DJANGO_SETTINGS_MODULE"] = "standin.settings"
    os.environ["STANDIN_MODE"] = args.mode
    os.environ["STANDIN_APP_ORIGINS"] = " ".join(origins)
    os.environ["STANDIN_TOKEN_LIFETIME"] = str(args.token_lifetime)
    os.environ["STANDIN_DB"] = str(Path(data_dir) / "db.sqlite3")
    sys.path.insert(0, str(Path(__file__).resolve().parent))

    # SIGTERM (from a test runner) ends the server the way Ctrl-C does.
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)

    try:
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0, interactive=False)

        from standin.seed import CLIENT_ID, STUDENT_PASSWORD, STUDENT_USERNAME, seed

        seed(origins, args.mode, skip_authorization=args.skip_authorization)
        print(
            f"Ion stand-in ({args.mode}) on http://127.0.0.1:{args.port}/ for {', '.join(origins)}; "
            f"client id {CLIENT_ID}; student {STUDENT_USERNAME} / {STUDENT_PASSWORD}; "
            f"tokens live {args.token_lifetime} s",
            flush=True,
        )
        call_command("runserver", f"127.0.0.1:{args.port}", use_reloader=False, use_threading=True)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
        print("Ion stand-in stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
