"""`/oauth/authorize/` and `/oauth/token/` responses, checked against Ion's in both modes."""

import datetime
from urllib.parse import parse_qsl, urlsplit

from django.test import Client
from django.utils import timezone
from oauth2_provider.models import get_access_token_model

from standin.oauth.models import CSLApplication
from standin.seed import CLIENT_ID, CODE_CLIENT_ID, DEMO_PASSWORD, STUDENT_PASSWORD, STUDENT_USERNAME, USERNAMES
from standin.testing import (
    APP_ORIGIN,
    authorize_query,
    code_token,
    consent,
    consent_form,
    fragment_of,
    log_in,
    pkce_pair,
)

from .base import AsIonTodayTestCase, StandinTestCase


class AuthorizeTests(StandinTestCase):
    def setUp(self):
        super().setUp()
        self.client = Client()

    def log_in(self):
        self.assertTrue(self.client.login(username=STUDENT_USERNAME, password=STUDENT_PASSWORD))

    def test_logged_out_redirects_to_relative_login(self):
        response = self.client.get(authorize_query())
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/login?next=/oauth/authorize/%3F"))

    def test_seeded_accounts_log_in(self):
        for username in USERNAMES:
            with self.subTest(username=username):
                self.assertTrue(Client().login(username=username, password=DEMO_PASSWORD))

    def test_login_page_redirects_back(self):
        next_url = authorize_query()
        page = self.client.get("/login", {"next": next_url})
        csrf_token = consent_form(page.content.decode())["csrfmiddlewaretoken"]
        response = self.client.post(
            "/login",
            {"username": STUDENT_USERNAME, "password": STUDENT_PASSWORD, "next": next_url, "csrfmiddlewaretoken": csrf_token},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], next_url)

    def test_consent_page_has_ion_form(self):
        self.log_in()
        page = self.client.get(authorize_query()).content.decode()
        self.assertIn('id="authorizationForm"', page)
        self.assertIn("Authorize ion-pages (local) Application", page)
        for field in (
            "redirect_uri", "scope", "nonce", "client_id", "state", "response_type", "code_challenge",
            "code_challenge_method", "claims", "csrfmiddlewaretoken",
        ):
            self.assertIn(f'name="{field}"', page)
        self.assertIn('name="allow" value="Authorize"', page)
        self.assertNotRegex(page, r'(src|href)="(https?:)?//')

    def test_consent_page_lists_scope_descriptions(self):
        self.log_in()
        page = self.client.get(authorize_query(scope="read write")).content.decode()
        self.assertIn("View your Intranet data", page)
        self.assertIn("Create or update data for you", page)
        self.assertIn("not sanctioned by Ion", page)

    def test_omitted_scope_offers_all_six(self):
        self.log_in()
        page = self.client.get(authorize_query(scope=None)).content.decode()
        self.assertEqual(consent_form(page)["scope"], "read write openid profile email groups")

    def test_approval_puts_token_in_fragment_in_ion_order(self):
        location = consent(self.client_logged_in(), allow=True)["Location"]
        self.assertRegex(
            location,
            r"^http://127\.0\.0\.1:8080/#access_token=[A-Za-z0-9]{30}&expires_in=36000&token_type=Bearer&scope=read&state=xyz$",
        )

    def test_space_in_scope_is_plus(self):
        location = consent(self.client_logged_in(), allow=True, scope="read write")["Location"]
        self.assertIn("&scope=read+write&", location)

    def test_openid_scope_gives_no_id_token(self):
        location = consent(self.client_logged_in(), allow=True, scope="openid profile")["Location"]
        self.assertEqual(list(fragment_of(location)), ["access_token", "expires_in", "token_type", "scope", "state"])
        self.assertIn("&scope=openid+profile&", location)

    def test_omitted_state_is_not_returned(self):
        location = consent(self.client_logged_in(), allow=True, state=None)["Location"]
        self.assertNotIn("state", fragment_of(location))

    def test_omitted_redirect_uri_uses_registered(self):
        location = consent(self.client_logged_in(), allow=True, redirect_uri=None)["Location"]
        self.assertTrue(location.startswith("http://127.0.0.1:8080/#access_token="))

    def test_cancel_puts_access_denied_in_query(self):
        response = consent(self.client_logged_in(), allow=False)
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

    def test_code_request_to_implicit_app_rejected(self):
        self.log_in()
        response = self.client.get(authorize_query(response_type="code"))
        self.assertEqual(response["Location"], "http://127.0.0.1:8080/?error=unauthorized_client&state=xyz")

    def test_token_request_to_code_app_rejected(self):
        self.log_in()
        response = self.client.get(authorize_query(client_id=CODE_CLIENT_ID))
        self.assertEqual(response["Location"], "http://127.0.0.1:8080/?error=unauthorized_client&state=xyz")

    def test_mismatching_redirect_uri_is_400_page(self):
        self.log_in()
        for redirect_uri in ("http://127.0.0.1:8080", "http://127.0.0.1:8081/", "http://localhost:8080/"):
            with self.subTest(redirect_uri=redirect_uri):
                response = self.client.get(authorize_query(redirect_uri=redirect_uri))
                self.assertEqual(response.status_code, 400)
                self.assertIn(b"Error: invalid_request", response.content)
                self.assertIn(b"Mismatching redirect URI.", response.content)

    def test_unknown_client_is_400_page(self):
        self.log_in()
        response = self.client.get(authorize_query(client_id="nobody"))
        self.assertEqual(response.status_code, 400)
        self.assertIn(b"Invalid client_id parameter value.", response.content)

    def test_prompt_none_logged_out_is_login_required(self):
        response = self.client.get(authorize_query(prompt="none"))
        self.assertEqual(response["Location"], "http://127.0.0.1:8080/?error=login_required&state=xyz")

    def test_path_without_slash_works(self):
        response = self.client.get(authorize_query().replace("/oauth/authorize/", "/oauth/authorize"))
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/login?next="))

    def test_consent_page_forbids_framing(self):
        self.log_in()
        self.assertEqual(self.client.get(authorize_query())["X-Frame-Options"], "SAMEORIGIN")

    def client_logged_in(self) -> Client:
        log_in(self.client, STUDENT_USERNAME)
        return self.client


class ApprovalPromptTests(StandinTestCase):
    """approval_prompt=auto skips the consent page only while the user has an
    unexpired token for the app that covers the requested scopes."""

    def setUp(self):
        super().setUp()
        self.client = Client()
        log_in(self.client, STUDENT_USERNAME)

    def test_auto_without_token_shows_consent(self):
        response = self.client.get(authorize_query(approval_prompt="auto"))
        self.assertEqual(response.status_code, 200)
        self.assertIn(b'id="authorizationForm"', response.content)

    def test_auto_with_valid_token_skips_consent(self):
        first = fragment_of(consent(self.client, allow=True)["Location"])["access_token"]
        response = self.client.get(authorize_query(approval_prompt="auto"))
        self.assertEqual(response.status_code, 302)
        fragment = fragment_of(response["Location"])
        self.assertEqual(list(fragment), ["access_token", "expires_in", "token_type", "scope", "state"])
        self.assertNotEqual(fragment["access_token"], first)

    def test_auto_with_expired_token_shows_consent(self):
        consent(self.client, allow=True)
        get_access_token_model().objects.update(expires=timezone.now() - datetime.timedelta(seconds=1))
        response = self.client.get(authorize_query(approval_prompt="auto"))
        self.assertEqual(response.status_code, 200)

    def test_auto_with_narrower_token_shows_consent(self):
        consent(self.client, allow=True, scope="read")
        response = self.client.get(authorize_query(approval_prompt="auto", scope="read write"))
        self.assertEqual(response.status_code, 200)

    def test_force_always_shows_consent(self):
        consent(self.client, allow=True)
        self.assertEqual(self.client.get(authorize_query()).status_code, 200)
        self.assertEqual(self.client.get(authorize_query(approval_prompt="force")).status_code, 200)


class SkipAuthorizationTests(StandinTestCase):
    def test_skip_authorization_redirects_at_once(self):
        CSLApplication.objects.filter(client_id=CLIENT_ID).update(skip_authorization=True)
        client = Client()
        log_in(client, STUDENT_USERNAME)
        response = client.get(authorize_query())
        self.assertEqual(response.status_code, 302)
        self.assertRegex(response["Location"], r"^http://127\.0\.0\.1:8080/#access_token=[A-Za-z0-9]{30}&")

    def test_sanctioned_app_skips_authorization(self):
        application = CSLApplication.objects.get(client_id=CLIENT_ID)
        application.sanctioned = True
        application.save()
        application.refresh_from_db()
        self.assertTrue(application.skip_authorization)


class CodeGrantTests(StandinTestCase):
    def test_code_with_pkce_issues_tokens(self):
        client = Client()
        log_in(client, STUDENT_USERNAME)
        verifier, challenge = pkce_pair()
        response = consent(
            client, allow=True, response_type="code", client_id=CODE_CLIENT_ID, code_challenge=challenge,
            code_challenge_method="S256",
        )
        query = dict(parse_qsl(urlsplit(response["Location"]).query))
        self.assertRegex(query["code"], r"^[A-Za-z0-9]{30}$")
        self.assertEqual(query["state"], "xyz")

        token = Client().post(
            "/oauth/token/",
            {"grant_type": "authorization_code", "code": query["code"], "redirect_uri": f"{APP_ORIGIN}/",
             "client_id": CODE_CLIENT_ID, "code_verifier": verifier},
            HTTP_ORIGIN=APP_ORIGIN,
        )
        self.assertEqual(token.status_code, 200)
        self.assertEqual(token["Cache-Control"], "no-store")
        self.assertEqual(token["Access-Control-Allow-Origin"], APP_ORIGIN)
        body = token.json()
        self.assertEqual(sorted(body), ["access_token", "expires_in", "refresh_token", "scope", "token_type"])
        self.assertEqual(body["expires_in"], 36000)
        self.assertEqual(body["token_type"], "Bearer")

    def test_wrong_verifier_is_rejected(self):
        client = Client()
        log_in(client, STUDENT_USERNAME)
        _, challenge = pkce_pair()
        response = consent(
            client, allow=True, response_type="code", client_id=CODE_CLIENT_ID, code_challenge=challenge,
            code_challenge_method="S256",
        )
        code = dict(parse_qsl(urlsplit(response["Location"]).query))["code"]
        token = Client().post(
            "/oauth/token/",
            {"grant_type": "authorization_code", "code": code, "redirect_uri": f"{APP_ORIGIN}/",
             "client_id": CODE_CLIENT_ID, "code_verifier": "wrong" * 10},
        )
        self.assertEqual(token.status_code, 400)
        self.assertEqual(token.json()["error"], "invalid_grant")


class AsIonTodayAuthorizeTests(AsIonTodayTestCase):
    def test_implicit_request_is_unauthorized_client(self):
        client = Client()
        log_in(client, STUDENT_USERNAME)
        response = client.get(authorize_query())
        self.assertEqual(response.status_code, 302)
        self.assertEqual(response["Location"], "http://127.0.0.1:8080/?error=unauthorized_client&state=xyz")

    def test_app_is_stored_for_code_grant(self):
        for client_id in (CLIENT_ID, CODE_CLIENT_ID):
            with self.subTest(client_id=client_id):
                application = CSLApplication.objects.get(client_id=client_id)
                self.assertEqual(application.authorization_grant_type, "authorization-code")
                self.assertEqual(application.client_type, "public")

    def test_code_grant_works_without_origin(self):
        body = code_token(STUDENT_USERNAME, client_id=CLIENT_ID)
        self.assertEqual(body["expires_in"], 36000)

    def test_token_endpoint_blocks_other_origin(self):
        for method in ("options", "post"):
            with self.subTest(method=method):
                response = getattr(Client(), method)(
                    "/oauth/token/", HTTP_ORIGIN=APP_ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST"
                )
                self.assertEqual(response.status_code, 401)
                self.assertEqual(response.content, b"")
                self.assertNotIn("Access-Control-Allow-Origin", response)
