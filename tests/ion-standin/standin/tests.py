"""Checks that the stand-in answers as Ion does (accepting mode), through
Django's test client. Run: .venv/bin/python manage.py test standin"""

import datetime
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.test import Client, TestCase
from django.utils import timezone
from oauth2_provider.models import get_access_token_model

from standin.oauth.models import CSLApplication
from standin.seed import CLIENT_ID, STUDENT_PASSWORD, STUDENT_USERNAME, seed

APP_ORIGIN = "http://127.0.0.1:8080"
REDIRECT_URI = f"{APP_ORIGIN}/"
NOT_AUTHENTICATED = b'{"detail":"Authentication credentials were not provided."}'


def authorize_query(**overrides) -> str:
    params = {
        "response_type": "token",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "scope": "read",
        "state": "xyz",
    }
    params.update(overrides)
    return "/oauth/authorize/?" + urlencode(params)


class StandinTestCase(TestCase):
    def setUp(self):
        seed([APP_ORIGIN], "accepting")
        self.client = Client()

    def log_in(self):
        self.assertTrue(self.client.login(username=STUDENT_USERNAME, password=STUDENT_PASSWORD))

    def consent(self, allow: bool, **overrides):
        self.log_in()
        page = self.client.get(authorize_query(**overrides))
        self.assertEqual(page.status_code, 200)
        form = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.content.decode()))
        if allow:
            form["allow"] = "Authorize"
        return self.client.post(authorize_query(**overrides), form)

    def issue_token(self) -> str:
        location = self.consent(allow=True)["Location"]
        return dict(parse_qsl(urlsplit(location).fragment))["access_token"]


class AuthorizeTests(StandinTestCase):
    def test_logged_out_redirects_to_relative_login(self):
        response = self.client.get(authorize_query())
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/login?next=/oauth/authorize/%3F"))

    def test_consent_page_has_ion_form(self):
        self.log_in()
        page = self.client.get(authorize_query()).content.decode()
        self.assertIn('id="authorizationForm"', page)
        self.assertIn("Authorize ion-pages (local) Application", page)
        for field in ("redirect_uri", "scope", "client_id", "state", "response_type"):
            self.assertIn(f'name="{field}"', page)
        self.assertNotRegex(page, r'(src|href)="(https?:)?//')

    def test_approval_puts_token_in_fragment_in_ion_order(self):
        location = self.consent(allow=True)["Location"]
        self.assertRegex(
            location,
            r"^http://127\.0\.0\.1:8080/#access_token=[A-Za-z0-9]{30}&expires_in=36000&token_type=Bearer&scope=read&state=xyz$",
        )

    def test_space_in_scope_is_plus(self):
        location = self.consent(allow=True, scope="read write")["Location"]
        self.assertIn("&scope=read+write&", location)

    def test_cancel_puts_access_denied_in_query(self):
        response = self.consent(allow=False)
        self.assertEqual(response["Location"], "http://127.0.0.1:8080/?error=access_denied&state=xyz")

    def test_unknown_scope_puts_invalid_scope_in_query(self):
        self.log_in()
        response = self.client.get(authorize_query(scope="admin"))
        self.assertEqual(response["Location"], "http://127.0.0.1:8080/?error=invalid_scope&state=xyz")

    def test_code_grant_app_answers_unauthorized_client(self):
        CSLApplication.objects.filter(client_id=CLIENT_ID).update(authorization_grant_type="authorization-code")
        self.log_in()
        response = self.client.get(authorize_query())
        self.assertEqual(response["Location"], "http://127.0.0.1:8080/?error=unauthorized_client&state=xyz")

    def test_mismatching_redirect_uri_is_400_page(self):
        self.log_in()
        response = self.client.get(authorize_query(redirect_uri="http://127.0.0.1:8080"))
        self.assertEqual(response.status_code, 400)
        self.assertIn(b"Mismatching redirect URI.", response.content)

    def test_unknown_client_is_400_page(self):
        self.log_in()
        response = self.client.get(authorize_query(client_id="nobody"))
        self.assertEqual(response.status_code, 400)
        self.assertIn(b"Invalid client_id parameter value.", response.content)

    def test_path_without_slash_works(self):
        response = self.client.get(authorize_query().replace("/oauth/authorize/", "/oauth/authorize"))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/login?next="))

    def test_consent_page_forbids_framing(self):
        self.log_in()
        self.assertEqual(self.client.get(authorize_query())["X-Frame-Options"], "SAMEORIGIN")


class ProfileApiTests(StandinTestCase):
    def test_profile_has_ion_fields_in_order(self):
        token = self.issue_token()
        response = Client().get("/api/profile", HTTP_AUTHORIZATION=f"Bearer {token}")
        self.assertEqual(response.status_code, 200)
        body = response.json()
        self.assertEqual(
            list(body),
            [
                "id", "ion_username", "sex", "title", "display_name", "full_name", "short_name", "first_name",
                "last_name", "nickname", "tj_email", "grade", "graduation_year", "user_type", "counselor",
                "administrator", "picture", "is_eighth_admin", "is_teacher", "is_student",
            ],
        )
        self.assertEqual(body["ion_username"], STUDENT_USERNAME)
        self.assertEqual(body["grade"], {"number": 12, "name": "senior"})
        self.assertEqual(body["picture"], f"http://testserver/api/profile/{body['id']}/picture")

    def test_missing_token_is_ion_403(self):
        response = Client().get("/api/profile")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.content, NOT_AUTHENTICATED)
        self.assertNotIn("WWW-Authenticate", response)

    def test_bogus_token_is_ion_403(self):
        response = Client().get("/api/profile", HTTP_AUTHORIZATION="Bearer notarealtokennotarealtoken0000")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.content, NOT_AUTHENTICATED)

    def test_expired_token_is_ion_403(self):
        token = self.issue_token()
        get_access_token_model().objects.update(expires=timezone.now() - datetime.timedelta(seconds=1))
        response = Client().get("/api/profile", HTTP_AUTHORIZATION=f"Bearer {token}")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response.content, NOT_AUTHENTICATED)

    def test_trailing_slash_is_accepted(self):
        token = self.issue_token()
        response = Client().get("/api/profile/", HTTP_AUTHORIZATION=f"Bearer {token}")
        self.assertEqual(response.status_code, 200)

    def test_unknown_user_is_details_404(self):
        token = self.issue_token()
        response = Client().get("/api/profile/nosuchuser", HTTP_AUTHORIZATION=f"Bearer {token}")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"details": ["Object does not exist (in database)."]})

    def test_allowed_origin_gets_cors_headers(self):
        preflight = Client().options(
            "/api/profile",
            HTTP_ORIGIN=APP_ORIGIN,
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization",
        )
        self.assertEqual(preflight.status_code, 200)
        self.assertEqual(preflight["Access-Control-Allow-Origin"], APP_ORIGIN)
        self.assertIn("authorization", preflight["Access-Control-Allow-Headers"])

        response = Client().get("/api/profile", HTTP_ORIGIN=APP_ORIGIN)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(response["Access-Control-Allow-Origin"], APP_ORIGIN)
        self.assertNotIn("Access-Control-Allow-Credentials", response)

    def test_other_origin_gets_no_cors_headers(self):
        response = Client().get("/api/profile", HTTP_ORIGIN="http://127.0.0.1:9999")
        self.assertNotIn("Access-Control-Allow-Origin", response)

    def test_api_root_is_open(self):
        response = Client().get("/api", HTTP_AUTHORIZATION="Bearer bogus")
        self.assertEqual(response.status_code, 200)
