"""The control API under /_standin and fault injection, in-process.
The `timeout` kind delays a request by 60 s, so test_serve.py checks it
against a served stand-in."""

import json
import time

from django.test import Client, SimpleTestCase

from standin.control import state
from standin.control.faults import MALFORMED_BODY, UNKNOWN_ERROR_BODY
from standin.testing import APP_ORIGIN

from .base import AsIonTodayTestCase, StandinTestCase


def add_fault(path: str, kind: str, times: int | None = None, client: Client | None = None):
    body = {"path": path, "kind": kind}
    if times is not None:
        body["times"] = times
    return (client or Client()).post("/_standin/faults", body, "application/json")


class FaultTests(StandinTestCase):
    def test_500_has_ion_body(self):
        self.assertEqual(add_fault("/api/announcements", "500").status_code, 201)
        response = self.api_get("/api/announcements", self.token_for())
        self.assertEqual(response.status_code, 500)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertEqual(response.json(), {"details": ["Unknown error occurred."]})
        self.assertEqual(response.content, UNKNOWN_ERROR_BODY)

    def test_fault_applies_without_token(self):
        add_fault("/api/profile", "500")
        self.assertEqual(self.api_get("/api/profile").status_code, 500)

    def test_malformed_is_200_invalid_json(self):
        add_fault("/api/emerg", "malformed")
        response = self.api_get("/api/emerg")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertEqual(response.content, MALFORMED_BODY)
        with self.assertRaises(json.JSONDecodeError):
            json.loads(response.content)

    def test_delay_answers_normally_later(self):
        add_fault("/api/emerg", "delay:200")
        started = time.monotonic()
        response = self.api_get("/api/emerg")
        self.assertGreaterEqual(time.monotonic() - started, 0.2)
        self.assertEqual(response.json(), {"status": False, "message": ""})

    def test_times_limits_failures(self):
        add_fault("/api/emerg", "500", times=2)
        statuses = [self.api_get("/api/emerg").status_code for _ in range(3)]
        self.assertEqual(statuses, [500, 500, 200])
        self.assertEqual(Client().get("/_standin/faults").json(), {"faults": []})

    def test_without_times_until_cleared(self):
        add_fault("/api/emerg", "500")
        self.assertEqual([self.api_get("/api/emerg").status_code for _ in range(3)], [500, 500, 500])
        self.assertEqual(Client().delete("/_standin/faults").json(), {"cleared": 1})
        self.assertEqual(self.api_get("/api/emerg").status_code, 200)

    def test_path_is_normalized(self):
        add_fault("/api/emerg/", "500")
        self.assertEqual(self.api_get("/api/emerg").status_code, 500)
        self.assertEqual(self.api_get("/api/emerg/").status_code, 500)
        self.assertEqual(self.api_get("/api/emerg?format=json").status_code, 500)

    def test_exact_path_does_not_match_children(self):
        add_fault("/api/announcements", "500")
        token = self.token_for()
        self.assertEqual(self.api_get("/api/announcements/1", token).status_code, 200)

    def test_prefix_matches_children(self):
        add_fault("/api/profile/*", "500")
        token = self.token_for()
        self.assertEqual(self.api_get("/api/profile/2027jdoe/picture", token).status_code, 500)
        self.assertEqual(self.api_get("/api/profile", token).status_code, 200)

    def test_exact_wins_over_prefix(self):
        add_fault("/api/*", "500")
        add_fault("/api/emerg", "malformed")
        self.assertEqual(self.api_get("/api/emerg").content, MALFORMED_BODY)
        self.assertEqual(self.api_get("/api/schedule").status_code, 500)

    def test_new_fault_replaces_old(self):
        add_fault("/api/emerg", "500")
        add_fault("/api/emerg", "malformed")
        self.assertEqual(Client().get("/_standin/faults").json()["faults"], [
            {"path": "/api/emerg", "kind": "malformed", "times": None},
        ])

    def test_delete_one_path(self):
        add_fault("/api/emerg", "500")
        add_fault("/api/schedule", "500")
        self.assertEqual(Client().delete("/_standin/faults?path=/api/emerg").json(), {"cleared": 1})
        self.assertEqual([f["path"] for f in Client().get("/_standin/faults").json()["faults"]], ["/api/schedule"])

    def test_fault_keeps_cors_headers(self):
        add_fault("/api/announcements", "500")
        response = Client().get("/api/announcements", HTTP_ORIGIN=APP_ORIGIN)
        self.assertEqual(response.status_code, 500)
        self.assertEqual(response["Access-Control-Allow-Origin"], APP_ORIGIN)

    def test_preflight_is_not_faulted(self):
        add_fault("/api/announcements", "500")
        response = Client().options(
            "/api/announcements", HTTP_ORIGIN=APP_ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
        )
        self.assertEqual(response.status_code, 200)

    def test_control_api_cannot_fail(self):
        add_fault("/*", "500")
        self.assertEqual(Client().get("/_standin/faults").status_code, 200)
        response = add_fault("/_standin/faults", "500")
        self.assertEqual(response.status_code, 400)
        self.assertIn("/_standin", response.json()["error"])

    def test_invalid_faults_are_rejected(self):
        cases = [
            {"path": "api/emerg", "kind": "500"},
            {"path": "/api/emerg", "kind": "503"},
            {"path": "/api/emerg", "kind": "delay:soon"},
            {"path": "/api/emerg", "kind": "500", "times": 0},
            {"path": "/api/emerg", "kind": "500", "times": "once"},
            {"path": "/api/emerg", "kind": "500", "when": "now"},
            {"kind": "500"},
        ]
        for body in cases:
            with self.subTest(body=body):
                response = Client().post("/_standin/faults", body, "application/json")
                self.assertEqual(response.status_code, 400)
                self.assertIn("error", response.json())
        response = Client().post("/_standin/faults", "{not json", "application/json")
        self.assertEqual(response.status_code, 400)
        self.assertEqual(state.faults.list(), [])


class ControlApiTests(StandinTestCase):
    def test_index_lists_endpoints(self):
        body = Client().get("/_standin").json()
        self.assertIn("POST /_standin/faults", body["endpoints"])
        self.assertIn("POST /_standin/revoke-all", body["endpoints"])

    def test_needs_no_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        self.assertEqual(add_fault("/api/emerg", "500", client=client).status_code, 201)
        self.assertEqual(client.post("/_standin/revoke-all").status_code, 200)
        self.assertEqual(client.delete("/_standin/emergency").status_code, 200)

    def test_wrong_method_is_405(self):
        for method, path in (("get", "/_standin/revoke-all"), ("put", "/_standin/faults"), ("post", "/_standin")):
            with self.subTest(method=method, path=path):
                response = getattr(Client(), method)(path)
                self.assertEqual(response.status_code, 405)
                self.assertIn("Allow", response)
                self.assertIn("error", response.json())

    def test_revoke_all_counts_tokens(self):
        self.token_for()
        body = Client().post("/_standin/revoke-all").json()
        self.assertEqual(body, {"revoked": {"access_tokens": 1, "refresh_tokens": 0, "grants": 0}})


class AsIonTodayControlTests(AsIonTodayTestCase):
    def test_control_api_ignores_origin(self):
        add_fault("/api/schedule", "500", client=Client(HTTP_ORIGIN=APP_ORIGIN))
        self.assertEqual(Client().get("/api/schedule").status_code, 500)


class FaultSpecTests(SimpleTestCase):
    def test_option_syntax(self):
        fault = state.parse_fault_option("/api/announcements=delay:1500")
        self.assertEqual((fault.path, fault.kind, fault.delay_ms, fault.remaining), ("/api/announcements", "delay:1500", 1500, None))

    def test_option_path_may_contain_equals(self):
        self.assertEqual(state.parse_fault_option("/api/search/a=b=500").path, "/api/search/a=b")

    def test_option_without_kind_is_rejected(self):
        with self.assertRaisesMessage(state.FaultSpecError, "use PATH=KIND"):
            state.parse_fault_option("/api/announcements")

    def test_oauth_paths_keep_slash(self):
        self.assertEqual(state.parse_fault("/oauth/token", "500").path, "/oauth/token/")
