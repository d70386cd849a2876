#!/usr/bin/env python3
"""Serves a folder of static files on 127.0.0.1, as any plain static host
would: no rewrites, `.wasm` labelled application/wasm, no caching.

    python3 scripts/serve_static.py DIR [--port 8080]
"""

import argparse
import functools
import http.server
import signal
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
    }

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):
        # The path alone: a query could carry an OAuth error answer's state.
        sys.stderr.write(f"static {self.command} {self.path.split('?')[0]} {args[1] if len(args) > 1 else ''}\n")


def main() -> int:
    parser = argparse.ArgumentParser(description="Serve a folder on 127.0.0.1 for ion-pages.")
    parser.add_argument("directory", help="folder to serve, such as dist")
    parser.add_argument("--port", type=int, default=8080, help="TCP port on 127.0.0.1 (default 8080)")
    args = parser.parse_args()

    handler = functools.partial(Handler, directory=args.directory)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    print(f"Serving {args.directory} on http://127.0.0.1:{args.port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        print("Static server stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
