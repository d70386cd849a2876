"""Runs serve.py in a subprocess on a free 127.0.0.1 port, for tests of the
served stand-in: start-up flags, real HTTP, timeouts and shutdown."""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

STANDIN_DIR = Path(__file__).resolve().parents[2]
# Start-up migrates and seeds a fresh database; on a loaded 2-core machine
# that can take several seconds.
START_TIMEOUT_SECONDS = 60
STOP_TIMEOUT_SECONDS = 15


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Response:
    def __init__(self, status: int, headers, body: bytes):
        self.status = status
        self.headers = headers
        self.body = body


class StandinServer:
    """One serve.py process. Its log goes to a temporary file, which
    `log()` returns."""

    def __init__(self, *args: str):
        self.port = free_port()
        self.origin = f"http://127.0.0.1:{self.port}"
        self.log_file = tempfile.NamedTemporaryFile(prefix="ion-standin-test-", suffix=".log", delete=False)
        self.process = subprocess.Popen(
            [sys.executable, "serve.py", "--port", str(self.port), *args],
            cwd=STANDIN_DIR,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(self.cookies))
        # For API calls: a browser's cross-origin fetch sends no cookies.
        self.cookieless_opener = urllib.request.build_opener(NoRedirect)

    def wait_until_ready(self) -> None:
        """Poll /api until it returns 200, the process exits, or the timeout passes."""
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"serve.py exited with {self.process.returncode}:\n{self.log()}")
            try:
                if self.request("GET", "/api", timeout=2).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"serve.py did not answer within {START_TIMEOUT_SECONDS} s:\n{self.log()}")

    def request(
        self, method: str, path: str, headers=None, data: bytes | None = None, timeout: float = 10, cookies: bool = True
    ) -> Response:
        """Send a request; `cookies` chooses whether the login session's
        cookie jar is used. Redirects are returned, not followed."""
        request = urllib.request.Request(self.origin + path, data=data, method=method, headers=headers or {})
        opener = self.opener if cookies else self.cookieless_opener
        try:
            with opener.open(request, timeout=timeout) as answer:
                return Response(answer.status, answer.headers, answer.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, error.headers, error.read())

    def log_in(self, username: str, password: str) -> None:
        page = self.request("GET", "/login").body.decode()
        csrf_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": csrf_token})
        answer = self.request("POST", "/login", {"Content-Type": "application/x-www-form-urlencoded"}, form.encode())
        if answer.status != 302:
            raise AssertionError(f"Logging in as {username} answered {answer.status}")

    def stop(self) -> int:
        """SIGTERM, then wait; return the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=STOP_TIMEOUT_SECONDS)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()

    def log(self) -> str:
        return Path(self.log_file.name).read_text(encoding="utf-8", errors="replace")

    def close(self) -> None:
        self.stop()
        self.log_file.close()
        os.unlink(self.log_file.name)
