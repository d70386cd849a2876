"""serve.py over real HTTP: its flags, both modes, the `timeout` fault and
shutdown on SIGTERM. Each class runs one stand-in on a free port."""

import json
import re
import subprocess
import sys
import threading
import time
import urllib.error
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.test import SimpleTestCase

from standin.control.state import DEFAULT_EMERGENCY_HTML
from standin.seed import CLIENT_ID, CODE_CLIENT_ID, DEMO_PASSWORD, STUDENT_USERNAME
from standin.testing import APP_ORIGIN, REDIRECT_URI, authorize_query, consent_form, pkce_pair

from .base import NOT_AUTHENTICATED
from .server import STANDIN_DIR, STOP_TIMEOUT_SECONDS, StandinServer

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
JSON = {"Content-Type": "application/json"}
PREFLIGHT = {"Origin": APP_ORIGIN, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization"}


class ServedStandinTestCase(SimpleTestCase):
    server_args: tuple[str, ...] = ()

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.server = StandinServer(*cls.server_args)
        try:
            cls.server.wait_until_ready()
        except BaseException:
            cls.server.close()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.server.close()
        super().tearDownClass()


class HelpTests(SimpleTestCase):
    def run_serve(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "serve.py", *args], cwd=STANDIN_DIR, capture_output=True, text=True, timeout=60
        )

    def test_help_lists_flags(self):
        result = self.run_serve("--help")
        self.assertEqual(result.returncode, 0, result.stderr)
        for flag in ("--port", "--app-origin", "--mode", "--token-lifetime", "--skip-authorization", "--fault",
                     "--emergency"):
            self.assertIn(flag, result.stdout)

    def test_invalid_fault_is_usage_error(self):
        result = self.run_serve("--fault", "/api/emerg=teapot")
        self.assertEqual(result.returncode, 2)
        self.assertIn("fault kind 'teapot' is invalid", result.stderr)


class AcceptingServeTests(ServedStandinTestCase):
    server_args = (
        "--skip-authorization",
        "--token-lifetime", "120",
        "--fault", "/api/activities=500",
        "--emergency",
    )

    def issue_token(self) -> str:
        self.server.log_in(STUDENT_USERNAME, DEMO_PASSWORD)
        answer = self.server.request("GET", authorize_query())
        self.assertEqual(answer.status, 302)
        return dict(parse_qsl(urlsplit(answer.headers["Location"]).fragment))["access_token"]

    def test_start_line_names_options(self):
        first_line = self.server.log().splitlines()[0]
        self.assertIn("Ion stand-in (accepting)", first_line)
        self.assertIn("consent page skipped", first_line)
        self.assertIn("fault /api/activities=500", first_line)
        self.assertIn("emergency on", first_line)

    def test_skip_authorization_and_lifetime(self):
        self.server.log_in(STUDENT_USERNAME, DEMO_PASSWORD)
        answer = self.server.request("GET", authorize_query(scope="read write"))
        self.assertEqual(answer.status, 302)
        self.assertRegex(
            answer.headers["Location"],
            r"^http://127\.0\.0\.1:8080/#access_token=[A-Za-z0-9]{30}&expires_in=120&token_type=Bearer"
            r"&scope=read\+write&state=xyz$",
        )

    def test_bearer_call_and_session_cookie(self):
        token = self.issue_token()
        headers = {"Authorization": f"Bearer {token}", "Origin": APP_ORIGIN}
        answer = self.server.request("GET", "/api/profile", headers, cookies=False)
        self.assertEqual(answer.status, 200)
        self.assertEqual(json.loads(answer.body)["ion_username"], STUDENT_USERNAME)
        self.assertEqual(answer.headers["Access-Control-Allow-Origin"], APP_ORIGIN)
        self.assertTrue(any(cookie.startswith("sessionid=") for cookie in answer.headers.get_all("Set-Cookie")))

    def test_bad_token_is_ion_403(self):
        headers = {"Authorization": "Bearer nope", "Origin": APP_ORIGIN}
        answer = self.server.request("GET", "/api/profile", headers, cookies=False)
        self.assertEqual(answer.status, 403)
        self.assertEqual(answer.body, NOT_AUTHENTICATED)
        self.assertNotIn("WWW-Authenticate", answer.headers)

    def test_emergency_flag(self):
        answer = self.server.request("GET", "/api/emerg")
        self.assertEqual(json.loads(answer.body), {"status": True, "message": DEFAULT_EMERGENCY_HTML})

    def test_fault_flag(self):
        answer = self.server.request("GET", "/api/activities", {"Origin": APP_ORIGIN})
        self.assertEqual(answer.status, 500)
        self.assertEqual(json.loads(answer.body), {"details": ["Unknown error occurred."]})
        self.assertEqual(answer.headers["Access-Control-Allow-Origin"], APP_ORIGIN)

    def test_preflight_allows_app(self):
        answer = self.server.request("OPTIONS", "/api/profile", PREFLIGHT)
        self.assertEqual(answer.status, 200)
        self.assertEqual(answer.headers["Access-Control-Allow-Origin"], APP_ORIGIN)

    def test_timeout_fault_holds_request(self):
        body = json.dumps({"path": "/api/schedule", "kind": "timeout", "times": 1}).encode()
        self.assertEqual(self.server.request("POST", "/_standin/faults", JSON, body).status, 201)
        with self.assertRaises((TimeoutError, urllib.error.URLError)):
            self.server.request("GET", "/api/schedule", timeout=1)
        # The held request ties up one thread only; the next one is served.
        self.assertEqual(self.server.request("GET", "/api/schedule").status, 200)

    def test_control_api_over_http(self):
        body = json.dumps({"path": "/api/search/*", "kind": "delay:10"}).encode()
        self.assertEqual(self.server.request("POST", "/_standin/faults", JSON, body).status, 201)
        faults = json.loads(self.server.request("GET", "/_standin/faults").body)["faults"]
        self.assertIn({"path": "/api/search/*", "kind": "delay:10", "times": None}, faults)
        answer = self.server.request("DELETE", "/_standin/faults?path=/api/search/*")
        self.assertEqual(json.loads(answer.body), {"cleared": 1})


class AsIonTodayServeTests(ServedStandinTestCase):
    server_args = ("--mode", "as-ion-today")

    def assert_same_origin_block(self, answer):
        self.assertEqual(answer.status, 401)
        self.assertEqual(answer.body, b"")
        self.assertEqual(answer.headers["Content-Type"], "text/html; charset=utf-8")
        self.assertEqual([name for name in answer.headers if name.lower().startswith("access-control-")], [])

    def test_implicit_is_unauthorized_client(self):
        self.server.log_in(STUDENT_USERNAME, DEMO_PASSWORD)
        answer = self.server.request("GET", authorize_query())
        self.assertEqual(answer.status, 302)
        self.assertEqual(answer.headers["Location"], "http://127.0.0.1:8080/?error=unauthorized_client&state=xyz")

    def test_preflight_is_empty_401(self):
        self.assert_same_origin_block(self.server.request("OPTIONS", "/api/profile", PREFLIGHT))

    def test_cross_origin_get_is_empty_401(self):
        self.assert_same_origin_block(self.server.request("GET", "/api", {"Origin": APP_ORIGIN}))

    def test_same_origin_get_passes(self):
        self.assertEqual(self.server.request("GET", "/api", {"Origin": self.server.origin}).status, 200)

    def test_control_api_ignores_origin(self):
        body = json.dumps({"message": "<p>Closed</p>"}).encode()
        answer = self.server.request("POST", "/_standin/emergency", {**JSON, "Origin": APP_ORIGIN}, body)
        self.assertEqual(answer.status, 200)
        self.server.request("DELETE", "/_standin/emergency")

    def test_code_grant_then_same_origin_call(self):
        self.server.log_in(STUDENT_USERNAME, DEMO_PASSWORD)
        verifier, challenge = pkce_pair()
        query = authorize_query(
            response_type="code", client_id=CODE_CLIENT_ID, code_challenge=challenge, code_challenge_method="S256"
        )
        form = consent_form(self.server.request("GET", query).body.decode())
        form["allow"] = "Authorize"
        answer = self.server.request("POST", query, FORM, urlencode(form).encode())
        code = dict(parse_qsl(urlsplit(answer.headers["Location"]).query))["code"]
        token_body = urlencode({
            "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI,
            "client_id": CODE_CLIENT_ID, "code_verifier": verifier,
        }).encode()

        blocked = self.server.request("POST", "/oauth/token/", {**FORM, "Origin": APP_ORIGIN}, token_body)
        self.assert_same_origin_block(blocked)
        token = self.server.request("POST", "/oauth/token/", FORM, token_body)
        self.assertEqual(token.status, 200)
        access_token = json.loads(token.body)["access_token"]
        headers = {"Authorization": f"Bearer {access_token}", "Origin": self.server.origin}
        self.assertEqual(self.server.request("GET", "/api/profile", headers, cookies=False).status, 200)
        self.assert_same_origin_block(
            self.server.request("GET", "/api/profile", {**headers, "Origin": APP_ORIGIN}, cookies=False)
        )

    def test_client_ids_in_start_line(self):
        first_line = self.server.log().splitlines()[0]
        self.assertIn("Ion stand-in (as-ion-today)", first_line)
        self.assertIn(f"client ids {CLIENT_ID} and {CODE_CLIENT_ID}", first_line)


class ShutdownTests(SimpleTestCase):
    def test_sigterm_stops_despite_held_request(self):
        server = StandinServer("--fault", "/api/emerg=timeout")
        try:
            server.wait_until_ready()
            held = threading.Thread(target=self.request_quietly, args=(server,), daemon=True)
            held.start()
            self.wait_for_log(server, re.compile(r"Fault timeout on GET /api/emerg"))

            started = time.monotonic()
            exit_code = server.stop()
            self.assertEqual(exit_code, 0, server.log())
            self.assertLess(time.monotonic() - started, STOP_TIMEOUT_SECONDS)
            self.assertTrue(server.log().rstrip().endswith("Ion stand-in stopped."), server.log())
        finally:
            server.close()

    @staticmethod
    def request_quietly(server: StandinServer) -> None:
        try:
            server.request("GET", "/api/emerg", timeout=STOP_TIMEOUT_SECONDS)
        except OSError:
            pass

    def wait_for_log(self, server: StandinServer, pattern: re.Pattern) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if pattern.search(server.log()):
                return
            time.sleep(0.05)
        self.fail(f"{pattern.pattern!r} did not appear in the log:\n{server.log()}")
