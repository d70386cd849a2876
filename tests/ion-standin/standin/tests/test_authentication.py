"""Authentication and permissions on the API: Ion's one 403 for every bad
token, restricted users, open endpoints and revocation."""

import datetime

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from oauth2_provider.models import get_access_token_model

from standin.seed import CODE_CLIENT_ID
from standin.testing import bearer, revoke

from .base import NOT_AUTHENTICATED, PERMISSION_DENIED, AsIonTodayTestCase, StandinTestCase

# Every endpoint that needs an unrestricted user, with a path that exists.
PROTECTED_PATHS = (
    "/api/profile/2027jdoe/picture",
    "/api/search/jane",
    "/api/announcements",
    "/api/announcements/1",
    "/api/blocks",
    "/api/blocks/1",
    "/api/activities",
    "/api/activities/1",
    "/api/signups/user",
    "/api/signups/scheduled_activity/1",
)
OPEN_PATHS = ("/api", "/api/schedule", "/api/schedule/2026-01-05", "/api/emerg")


class NotAuthenticatedTests(StandinTestCase):
    def assert_not_authenticated(self, response):
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.content, NOT_AUTHENTICATED)
        self.assertEqual(response["Content-Type"], "application/json")
        self.assertNotIn("WWW-Authenticate", response)

    def test_missing_token_is_ion_403(self):
        self.assert_not_authenticated(self.api_get("/api/profile"))

    def test_empty_bearer_is_ion_403(self):
        self.assert_not_authenticated(self.api_get("/api/profile", HTTP_AUTHORIZATION="Bearer "))

    def test_bogus_token_is_ion_403(self):
        self.assert_not_authenticated(self.api_get("/api/profile", "notarealtokennotarealtoken0000"))

    def test_expired_token_is_ion_403(self):
        token = self.token_for()
        get_access_token_model().objects.update(expires=timezone.now() - datetime.timedelta(seconds=1))
        self.assert_not_authenticated(self.api_get("/api/profile", token))

    def test_revoked_token_is_ion_403(self):
        token = self.token_for()
        self.assertEqual(self.api_get("/api/profile", token).status_code, 200)
        response = revoke(token)
        self.assertEqual(response.status_code, 200)
        self.assert_not_authenticated(self.api_get("/api/profile", token))

    def test_revoke_all_is_ion_403(self):
        tokens = [self.token_for(), self.token_for("kwright")]
        response = Client().post("/_standin/revoke-all")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json()["revoked"]["access_tokens"], 2)
        for token in tokens:
            self.assert_not_authenticated(self.api_get("/api/profile", token))

    def test_every_protected_endpoint_needs_token(self):
        for path in ("/api/profile", *PROTECTED_PATHS):
            with self.subTest(path=path):
                response = self.api_get(path)
                self.assertEqual(response.status_code, 403)
                self.assertNotIn("WWW-Authenticate", response)

    def test_trailing_slash_is_accepted(self):
        token = self.token_for()
        self.assertEqual(self.api_get("/api/profile/", token).status_code, 200)

    def test_format_json_is_accepted(self):
        token = self.token_for()
        response = self.api_get("/api/profile?format=json", token)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/json")


class SessionCookieTests(StandinTestCase):
    """Ion logs a Bearer token's user into a session, and sessions are checked
    before tokens: a client that keeps the cookie outlives its token."""

    def test_bearer_call_sets_session_cookie(self):
        response = self.api_get("/api/profile", self.token_for())
        self.assertEqual(response.status_code, 200)
        self.assertIn("sessionid", response.cookies)
        self.assertEqual(response.cookies["sessionid"]["max-age"], 7200)

    def test_session_outlives_revoked_token(self):
        token = self.token_for()
        client = Client()
        self.assertEqual(client.get("/api/profile", **bearer(token)).status_code, 200)
        revoke(token)
        self.assertEqual(client.get("/api/profile", **bearer(token)).status_code, 200)
        self.assertEqual(Client().get("/api/profile", **bearer(token)).status_code, 403)

    def test_invalid_token_sets_no_session(self):
        response = self.api_get("/api/profile", "notarealtokennotarealtoken0000")
        self.assertNotIn("sessionid", response.cookies)


class PermissionTests(StandinTestCase):
    def test_restricted_user_gets_permission_403(self):
        token = self.token_for("2024rpark")
        for path in PROTECTED_PATHS:
            with self.subTest(path=path):
                response = self.api_get(path, token)
                self.assertEqual(response.status_code, 403)
                if "picture" not in path:
                    self.assertEqual(response.content, PERMISSION_DENIED)

    def test_restricted_user_reads_own_profile(self):
        body = self.api_json("/api/profile", self.token_for("2024rpark"))
        self.assertEqual(body["user_type"], "alum")

    def test_restricted_user_cannot_see_others(self):
        response = self.api_get("/api/profile/2027jdoe", self.token_for("2024rpark"))
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"details": ["Object does not exist (in database)."]})

    def test_no_api_access_gets_permission_403(self):
        token = self.token_for()
        get_user_model().objects.filter(username="2027jdoe").update(oauth_and_api_access=False)
        for path in ("/api/announcements", "/api/profile/kwright"):
            with self.subTest(path=path):
                response = self.api_get(path, token)
                self.assertEqual(response.status_code, 403)
                self.assertEqual(response.content, PERMISSION_DENIED)
        self.assertEqual(self.api_get("/api/profile", token).status_code, 200)

    def test_api_root_refuses_user_without_access(self):
        token = self.token_for()
        get_user_model().objects.filter(username="2027jdoe").update(oauth_and_api_access=False)
        response = self.api_get("/api", token)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.content, PERMISSION_DENIED)

    def test_open_endpoints_ignore_bad_token(self):
        for path in OPEN_PATHS:
            with self.subTest(path=path):
                self.assertEqual(self.api_get(path).status_code, 200)
                self.assertEqual(self.api_get(path, "notarealtokennotarealtoken0000").status_code, 200)

    def test_read_token_is_not_limited_by_scope(self):
        token = self.token_for(scope="openid")
        for path in ("/api/profile", *PROTECTED_PATHS):
            with self.subTest(path=path):
                self.assertEqual(self.api_get(path, token).status_code, 200)


class AsIonTodayAuthenticationTests(AsIonTodayTestCase):
    """Without an Origin header (a server, or navigation), as-ion-today mode
    authenticates exactly like accepting mode."""

    def test_code_grant_token_reads_profile(self):
        body = self.api_json("/api/profile", self.token_for())
        self.assertEqual(body["ion_username"], "2027jdoe")

    def test_bad_tokens_are_ion_403(self):
        token = self.token_for()
        revoke(token, client_id=CODE_CLIENT_ID)
        for value in (None, "notarealtokennotarealtoken0000", token):
            with self.subTest(token="revoked" if value == token else value):
                response = self.api_get("/api/profile", value)
                self.assertEqual(response.status_code, 403)
                self.assertEqual(response.content, NOT_AUTHENTICATED)
