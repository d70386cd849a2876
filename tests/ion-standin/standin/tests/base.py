"""Shared set-up for the stand-in's Django tests."""

from django.test import Client, TestCase, override_settings

from standin.control import state
from standin.modes import MODE_ACCEPTING, MODE_AS_ION_TODAY, settings_for
from standin.seed import seed
from standin.testing import APP_ORIGIN, bearer, code_token, implicit_token

NOT_AUTHENTICATED = b'{"detail":"Authentication credentials were not provided."}'
PERMISSION_DENIED = b'{"detail":"You do not have permission to perform this action."}'
UNKNOWN_USER = {"details": ["Object does not exist (in database)."]}
# The test client's default Host, which starts every absolute URL in responses.
TEST_ORIGIN = "http://testserver"
OTHER_ORIGIN = "http://127.0.0.1:9999"


# Seeded passwords are hashed with PBKDF2 at full cost in production; MD5
# keeps the tests fast.
@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
class StandinTestCase(TestCase):
    """Seeded once per class in accepting mode; run-time state (faults,
    emergency message) is reset around every test."""

    mode = MODE_ACCEPTING

    @classmethod
    def setUpTestData(cls):
        seed([APP_ORIGIN], cls.mode, standin_origin=TEST_ORIGIN)

    def setUp(self):
        self.reset_state()
        self.addCleanup(self.reset_state)

    @staticmethod
    def reset_state():
        state.faults.clear()
        state.emergency.turn_off()

    def token_for(self, username: str = "2027jdoe", scope: str = "read") -> str:
        """A fresh token through the mode's flow: implicit in accepting mode,
        code with PKCE in as-ion-today mode."""
        if self.mode == MODE_ACCEPTING:
            return implicit_token(username, scope=scope)
        return code_token(username, scope=scope)["access_token"]

    def api_get(self, path: str, token: str | None = None, **headers):
        """GET with a new client that has no cookies, like a browser's
        cross-origin fetch. Ion's responses to Bearer calls set a session
        cookie, which would otherwise authenticate later calls."""
        if token is not None:
            headers.update(bearer(token))
        return Client().get(path, **headers)

    def api_json(self, path: str, token: str, expected_status: int = 200):
        response = self.api_get(path, token)
        self.assertEqual(response.status_code, expected_status, response.content[:500])
        return response.json()


@override_settings(**settings_for(MODE_AS_ION_TODAY, [APP_ORIGIN]))
class AsIonTodayTestCase(StandinTestCase):
    """The same, in as-ion-today mode: the same-origin check installed, no
    CORS origin allowed and the app stored for the code grant."""

    mode = MODE_AS_ION_TODAY
