"""Cross-origin responses: CORS for the app's origin in accepting mode, and
Ion's empty 401 for any other origin in as-ion-today mode."""

from django.test import Client

from standin.seed import CLIENT_ID
from standin.testing import APP_ORIGIN, bearer

from .base import NOT_AUTHENTICATED, OTHER_ORIGIN, AsIonTodayTestCase, StandinTestCase

PREFLIGHT = {"HTTP_ACCESS_CONTROL_REQUEST_METHOD": "GET", "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "authorization"}


class AcceptingCorsTests(StandinTestCase):
    def test_preflight_allows_app_origin(self):
        for path in ("/api/profile", "/api/announcements", "/oauth/token/", "/oauth/revoke_token/"):
            with self.subTest(path=path):
                response = Client().options(path, HTTP_ORIGIN=APP_ORIGIN, **PREFLIGHT)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.content, b"")
                self.assertEqual(response["Access-Control-Allow-Origin"], APP_ORIGIN)
                self.assertIn("authorization", response["Access-Control-Allow-Headers"])
                self.assertEqual(response["Access-Control-Max-Age"], "86400")
                self.assertNotIn("Access-Control-Allow-Credentials", response)

    def test_403_is_readable_by_app(self):
        response = Client().get("/api/profile", HTTP_ORIGIN=APP_ORIGIN)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.content, NOT_AUTHENTICATED)
        self.assertEqual(response["Access-Control-Allow-Origin"], APP_ORIGIN)
        self.assertNotIn("Access-Control-Allow-Credentials", response)
        self.assertNotIn("Access-Control-Expose-Headers", response)

    def test_get_with_token_is_readable(self):
        response = Client().get("/api/profile", HTTP_ORIGIN=APP_ORIGIN, **bearer(self.token_for()))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Access-Control-Allow-Origin"], APP_ORIGIN)

    def test_revoke_token_from_app_origin(self):
        token = self.token_for()
        response = Client().post(
            "/oauth/revoke_token/", {"token": token, "client_id": CLIENT_ID}, HTTP_ORIGIN=APP_ORIGIN
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Access-Control-Allow-Origin"], APP_ORIGIN)
        self.assertEqual(self.api_get("/api/profile", token).status_code, 403)

    def test_other_origin_gets_no_cors_headers(self):
        response = Client().get("/api/profile", HTTP_ORIGIN=OTHER_ORIGIN)
        self.assertEqual(response.status_code, 403)
        self.assertNotIn("Access-Control-Allow-Origin", response)
        preflight = Client().options("/api/profile", HTTP_ORIGIN=OTHER_ORIGIN, **PREFLIGHT)
        self.assertNotIn("Access-Control-Allow-Origin", preflight)

    def test_every_response_forbids_framing(self):
        for path in ("/api", "/api/profile", "/login"):
            with self.subTest(path=path):
                self.assertEqual(Client().get(path)["X-Frame-Options"], "SAMEORIGIN")


class AsIonTodayCrossOriginTests(AsIonTodayTestCase):
    def assert_same_origin_block(self, response):
        self.assertEqual(response.status_code, 401)
        self.assertEqual(response.content, b"")
        self.assertEqual(response["Content-Type"], "text/html; charset=utf-8")
        self.assertNotIn("WWW-Authenticate", response)
        for header in response.headers:
            self.assertFalse(header.lower().startswith("access-control-"), header)

    def test_preflight_from_app_is_empty_401(self):
        for path in ("/api/profile", "/api", "/api/schedule", "/oauth/token/"):
            with self.subTest(path=path):
                self.assert_same_origin_block(Client().options(path, HTTP_ORIGIN=APP_ORIGIN, **PREFLIGHT))

    def test_get_with_valid_token_is_empty_401(self):
        token = self.token_for()
        self.assert_same_origin_block(Client().get("/api/profile", HTTP_ORIGIN=APP_ORIGIN, **bearer(token)))

    def test_open_endpoints_are_blocked_too(self):
        for path in ("/api", "/api/schedule", "/api/emerg"):
            with self.subTest(path=path):
                self.assert_same_origin_block(Client().get(path, HTTP_ORIGIN=APP_ORIGIN))

    def test_null_origin_is_blocked(self):
        self.assert_same_origin_block(Client().get("/api", HTTP_ORIGIN="null"))

    def test_same_origin_passes(self):
        token = self.token_for()
        # The check compares Origin with the Host header, which the test
        # client leaves out unless asked.
        client = Client(HTTP_HOST="testserver")
        response = client.get("/api/profile", HTTP_ORIGIN="http://testserver", **bearer(token))
        self.assertEqual(response.status_code, 200)
        preflight = Client(HTTP_HOST="testserver").options("/api/profile", HTTP_ORIGIN="http://testserver", **PREFLIGHT)
        self.assertEqual(preflight.status_code, 200)
        self.assertNotIn("Access-Control-Allow-Origin", preflight)

    def test_no_origin_passes(self):
        self.assertEqual(Client().get("/api").status_code, 200)

    def test_same_host_other_port_is_blocked(self):
        self.assert_same_origin_block(
            Client().get("/api", HTTP_HOST="127.0.0.1:8000", HTTP_ORIGIN="http://127.0.0.1:8001")
        )

    def test_control_api_is_exempt(self):
        response = Client().get("/_standin/faults", HTTP_ORIGIN=APP_ORIGIN)
        self.assertEqual(response.status_code, 200)
        response = Client().post("/_standin/emergency", {"message": "<p>Test</p>"}, "application/json",
                                 HTTP_ORIGIN=OTHER_ORIGIN)
        self.assertEqual(response.status_code, 200)

    def test_fault_does_not_bypass_block(self):
        Client().post("/_standin/faults", {"path": "/api/emerg", "kind": "500"}, "application/json")
        self.assert_same_origin_block(Client().get("/api/emerg", HTTP_ORIGIN=APP_ORIGIN))
        self.assertEqual(Client().get("/api/emerg").status_code, 500)

    def test_framing_is_forbidden(self):
        self.assertEqual(Client().get("/api")["X-Frame-Options"], "SAMEORIGIN")
