"""Seed data: the accounts and the OAuth application the tests and the local
demo use. Written into a fresh database at every start."""

from django.contrib.auth import get_user_model

from standin.oauth.models import CSLApplication
from standin.users.models import senior_graduation_year

# The client id the app's local configuration (index.html) uses.
CLIENT_ID = "ion-pages-local"
APPLICATION_NAME = "ion-pages (local)"

STUDENT_USERNAME = "2027jdoe"
STUDENT_PASSWORD = "ion-pages-demo"


def seed(app_origins: list[str], mode: str, skip_authorization: bool = False) -> None:
    User = get_user_model()
    senior_year = senior_graduation_year()

    admin = User.objects.create_superuser("admin", password=None, first_name="Ion", last_name="Admin")
    admin.user_type = "teacher"
    admin.save()

    counselor = User.objects.create_user(
        "cmiller", password=None, first_name="Casey", last_name="Miller", user_type="counselor", title="ms"
    )
    User.objects.create_user(
        STUDENT_USERNAME,
        password=STUDENT_PASSWORD,
        first_name="Jane",
        last_name="Doe",
        user_type="student",
        graduation_year=senior_year,
        sex="female",
        counselor=counselor,
    )

    # Accepting mode stores the application as Ion stores older apps: public
    # and implicit. As-ion-today mode stores it as a new app registered today:
    # public and authorization-code only.
    grant = "implicit" if mode == "accepting" else CSLApplication.GRANT_AUTHORIZATION_CODE
    CSLApplication.objects.create(
        name=APPLICATION_NAME,
        client_id=CLIENT_ID,
        client_type=CSLApplication.CLIENT_PUBLIC,
        authorization_grant_type=grant,
        redirect_uris=" ".join(f"{origin}/" for origin in app_origins),
        user=admin,
        skip_authorization=skip_authorization,
        algorithm="",
    )
