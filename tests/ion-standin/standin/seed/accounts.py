"""Seeded users and OAuth applications."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from standin.modes import MODE_ACCEPTING
from standin.oauth.models import CSLApplication
from standin.users.models import senior_graduation_year

# The client id the app's local configuration (index.html) uses.
CLIENT_ID = "ion-pages-local"
APPLICATION_NAME = "ion-pages (local)"
# A public authorization-code application with the same redirect URIs, for
# the code grant with PKCE.
CODE_CLIENT_ID = "ion-pages-local-code"
CODE_APPLICATION_NAME = "ion-pages (local, code grant)"

STUDENT_USERNAME = "2027jdoe"
# Every seeded account has this password.
DEMO_PASSWORD = "ion-pages-demo"
STUDENT_PASSWORD = DEMO_PASSWORD


def user_specs(senior_year: int) -> list[dict]:
    """The seeded users, keyed in seed_users() by username. Grades follow the
    current school year, so Jane Doe is always a senior."""
    return [
        {"username": "admin", "first_name": "Ion", "last_name": "Admin", "user_type": "teacher", "is_superuser": True,
         "is_staff": True, "is_eighth_admin": True},
        {"username": "cmiller", "first_name": "Casey", "last_name": "Miller", "user_type": "counselor", "title": "ms",
         "sex": "female"},
        {"username": STUDENT_USERNAME, "first_name": "Jane", "last_name": "Doe", "user_type": "student",
         "graduation_year": senior_year, "sex": "female", "student_id": "1234567"},
        {"username": "kwright", "first_name": "Kevin", "last_name": "Wright", "user_type": "teacher", "title": "mr",
         "sex": "male"},
        {"username": "2028asmith", "first_name": "Alex", "last_name": "Smith", "user_type": "student",
         "graduation_year": senior_year + 1, "has_photo": False, "student_id": "1234568"},
        {"username": "2029mvandenberghe", "first_name": "Maximiliana Alexandrina Seraphina",
         "last_name": "Vandenberghe-Oyelaran-Castellanos-Throckmorton", "nickname": "Max", "user_type": "student",
         "graduation_year": senior_year + 2, "sex": "female", "student_id": "1234569"},
        {"username": "2030znunez", "first_name": "Zoë", "last_name": "Ñúñez-Łukasiewicz", "user_type": "student",
         "graduation_year": senior_year + 3, "sex": "non-binary", "student_id": "1234570"},
        {"username": "2024rpark", "first_name": "Riley", "last_name": "Park", "user_type": "alum",
         "graduation_year": senior_year - 3, "sex": "male", "student_id": "1234571"},
    ]


USERNAMES = [spec["username"] for spec in user_specs(2000)]


def seed_users(today: datetime.date) -> dict:
    """Create the users and Jane's class group; return users by username."""
    User = get_user_model()
    senior_year = senior_graduation_year(today)
    # One hash for every account: hashing is slow on purpose.
    password = make_password(DEMO_PASSWORD)
    users = {}
    for spec in user_specs(senior_year):
        users[spec["username"]] = User.objects.create(password=password, **spec)

    users[STUDENT_USERNAME].counselor = users["cmiller"]
    users[STUDENT_USERNAME].save()
    for username in ("2028asmith", "2029mvandenberghe", "2030znunez"):
        users[username].counselor = users["cmiller"]
        users[username].save()

    seniors = Group.objects.create(name=f"Class of {senior_year}")
    users[STUDENT_USERNAME].groups.add(seniors)
    return users


def seed_applications(
    app_origins: list[str], mode: str, owner, skip_authorization: bool, redirect_paths: list[str] = ()
) -> None:
    """Accepting mode stores the app as Ion stores older apps: public and
    implicit. As-ion-today mode stores it as a new app registered today:
    public and authorization-code only. The code-grant app is the same in
    both modes."""
    # DOT matches redirect URIs exactly, so each served path is registered.
    paths = ["/", *redirect_paths]
    redirect_uris = " ".join(f"{origin}{path}" for origin in app_origins for path in paths)
    grant = "implicit" if mode == MODE_ACCEPTING else CSLApplication.GRANT_AUTHORIZATION_CODE
    for client_id, name, grant_type in (
        (CLIENT_ID, APPLICATION_NAME, grant),
        (CODE_CLIENT_ID, CODE_APPLICATION_NAME, CSLApplication.GRANT_AUTHORIZATION_CODE),
    ):
        CSLApplication.objects.create(
            name=name,
            client_id=client_id,
            client_type=CSLApplication.CLIENT_PUBLIC,
            authorization_grant_type=grant_type,
            redirect_uris=redirect_uris,
            user=owner,
            skip_authorization=skip_authorization,
            algorithm="",
        )
