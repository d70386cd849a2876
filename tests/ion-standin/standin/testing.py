"""Helpers that drive the stand-in's OAuth flows through Django's test
client, shared by the tests and dump_contract.py."""

import base64
import hashlib
import re
import secrets
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.contrib.auth import get_user_model
from django.test import Client

from standin.seed import CLIENT_ID, CODE_CLIENT_ID

APP_ORIGIN = "http://127.0.0.1:8080"
REDIRECT_URI = f"{APP_ORIGIN}/"
HIDDEN_INPUT = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')


def authorize_query(**overrides) -> str:
    """`/oauth/authorize/?…` for the implicit app, with any parameter replaced
    (or removed when given None)."""
    params = {
        "response_type": "token",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "scope": "read",
        "state": "xyz",
    }
    params.update(overrides)
    return "/oauth/authorize/?" + urlencode({key: value for key, value in params.items() if value is not None})


def consent_form(page: str) -> dict:
    """The hidden fields of the consent page's form."""
    return dict(HIDDEN_INPUT.findall(page))


def log_in(client: Client, username: str) -> None:
    client.force_login(get_user_model().objects.get(username=username))


def consent(client: Client, allow: bool, **overrides):
    """Open the consent page as the client's user and submit it; return the
    POST's response. Approval is `allow=Authorize`, as on Ion."""
    query = authorize_query(**overrides)
    page = client.get(query)
    if page.status_code != 200:
        raise AssertionError(f"GET {query} returned {page.status_code}, expected the consent page (200)")
    form = consent_form(page.content.decode())
    if allow:
        form["allow"] = "Authorize"
    return client.post(query, form)


def fragment_of(location: str) -> dict:
    return dict(parse_qsl(urlsplit(location).fragment))


def implicit_token(username: str, scope: str = "read", **client_defaults) -> str:
    """A token for `username` from the implicit app, through the consent page."""
    client = Client(**client_defaults)
    log_in(client, username)
    response = consent(client, allow=True, scope=scope)
    return fragment_of(response["Location"])["access_token"]


def pkce_pair() -> tuple[str, str]:
    """(code_verifier, S256 code_challenge)."""
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def code_token(username: str, scope: str = "read", client_id: str = CODE_CLIENT_ID, **client_defaults) -> dict:
    """The token response (JSON) for `username` from a public code-grant app,
    through the consent page, PKCE S256 and `/oauth/token/`."""
    client = Client(**client_defaults)
    log_in(client, username)
    verifier, challenge = pkce_pair()
    response = consent(
        client,
        allow=True,
        response_type="code",
        client_id=client_id,
        scope=scope,
        code_challenge=challenge,
        code_challenge_method="S256",
    )
    code = dict(parse_qsl(urlsplit(response["Location"]).query))["code"]
    token_response = Client(**client_defaults).post(
        "/oauth/token/",
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT_URI,
            "client_id": client_id,
            "code_verifier": verifier,
        },
    )
    if token_response.status_code != 200:
        raise AssertionError(f"/oauth/token/ returned {token_response.status_code}: {token_response.content!r}")
    return token_response.json()


def revoke(token: str, client_id: str = CLIENT_ID, **client_defaults):
    """Revoke through `/oauth/revoke_token/`, as a public client does."""
    return Client(**client_defaults).post("/oauth/revoke_token/", {"token": token, "client_id": client_id})


def bearer(token: str) -> dict:
    """Test-client keyword arguments for an Authorization header."""
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
