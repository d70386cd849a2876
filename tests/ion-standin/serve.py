#!/usr/bin/env python3
"""Runs the Ion stand-in on 127.0.0.1 with a fresh, seeded database.

    python serve.py [--port 8000] [--app-origin http://127.0.0.1:8080]
                    [--redirect-path /my-site/] [--mode accepting|as-ion-today] [--token-lifetime 36000]
                    [--skip-authorization] [--fault PATH=KIND ...]
                    [--emergency [HTML]]

Stops cleanly on Ctrl-C or SIGTERM and deletes its database. README.md
describes the seeded data and the control API under /_standin.
"""

import argparse
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path


def fault_option(option: str):
    """argparse type for --fault: a validated fault, or an error naming the fix."""
    from standin.control.state import FaultSpecError, parse_fault_option

    try:
        return parse_fault_option(option)
    except FaultSpecError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


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
        "--redirect-path",
        action="append",
        default=[],
        help="another path, such as /my-site/, registered as a redirect URI on every app origin "
        "besides '/'. Repeatable",
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

    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        type=fault_option,
        metavar="PATH=KIND",
        help="make requests to PATH fail until cleared through the control API. KIND: 500 (Ion's 500 body), "
        "timeout (hold the request 60 s, then an empty 504), malformed (status 200 with invalid JSON) or "
        "delay:MS (respond normally after MS milliseconds). PATH may end in * to match a prefix. Repeatable",
    )
    parser.add_argument(
        "--emergency",
        nargs="?",
        const="",
        metavar="HTML",
        help="start with /api/emerg reporting an emergency, with this HTML message or a sample one",
    )

    args = parser.parse_args()
    if not 1 <= args.port <= 65535:
        parser.error(f"--port {args.port} is not a TCP port (1-65535)")
    if args.token_lifetime < 0:
        parser.error(f"--token-lifetime {args.token_lifetime} must be zero or more seconds")
    for origin in args.app_origin or []:
        if not origin.startswith(("http://", "https://")) or origin.endswith("/") or origin.count("/") != 2:
            parser.error(f"--app-origin {origin!r} is not an origin such as http://127.0.0.1:8080 (no path, no slash)")
    for path in args.redirect_path:
        if not path.startswith("/") or "#" in path or " " in path:
            parser.error(f"--redirect-path {path!r} must start with / and contain no space or fragment")
    return args


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    args = parse_args()
    origins = args.app_origin or ["http://127.0.0.1:8080"]
    data_dir = tempfile.mkdtemp(prefix="ion-standin-")

    os.environ["DJANGO_SETTINGS_MODULE"] = "standin.settings"
    os.environ["STANDIN_MODE"] = args.mode
    os.environ["STANDIN_APP_ORIGINS"] = " ".join(origins)
    os.environ["STANDIN_TOKEN_LIFETIME"] = str(args.token_lifetime)
    os.environ["STANDIN_DB"] = str(Path(data_dir) / "db.sqlite3")
    os.environ["STANDIN_LOG_LEVEL"] = "INFO"

    # SIGTERM (from a test runner) ends the server the way Ctrl-C does.
    def interrupt(signum, frame):
        # A second signal (a process group's SIGTERM plus a parent's, say)
        # must not interrupt the cleanup below.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGINT, interrupt)

    try:
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0, interactive=False)

        from standin.control import state
        from standin.seed import CLIENT_ID, CODE_CLIENT_ID, STUDENT_PASSWORD, STUDENT_USERNAME, seed

        standin_origin = f"http://127.0.0.1:{args.port}"
        seed(
            origins,
            args.mode,
            skip_authorization=args.skip_authorization,
            standin_origin=standin_origin,
            redirect_paths=args.redirect_path,
        )
        for fault in args.fault:
            state.faults.add(fault)
        if args.emergency is not None:
            state.emergency.turn_on(args.emergency or state.DEFAULT_EMERGENCY_HTML)

        print(
            f"Ion stand-in ({args.mode}) on {standin_origin}/ for {', '.join(origins)}; "
            f"client ids {CLIENT_ID} and {CODE_CLIENT_ID}; student {STUDENT_USERNAME} / {STUDENT_PASSWORD}; "
            f"tokens live {args.token_lifetime} s"
            + ("; consent page skipped" if args.skip_authorization else "")
            + "".join(f"; fault {fault.describe()['path']}={fault.kind}" for fault in args.fault)
            + ("; emergency on" if args.emergency is not None else ""),
            flush=True,
        )
        call_command("runserver", f"127.0.0.1:{args.port}", use_reloader=False, use_threading=True)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        # Releases requests held by timeout faults before the process exits.
        if "standin.control.state" in sys.modules:
            sys.modules["standin.control.state"].shutdown.set()
        shutil.rmtree(data_dir, ignore_errors=True)
        print("Ion stand-in stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
