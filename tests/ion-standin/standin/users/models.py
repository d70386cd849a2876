"""Ion's user model, reduced to the fields its profile API exposes
(tjcsl/ion intranet/apps/users/models.py)."""

import datetime

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone

USER_TYPES = (
    ("student", "Student"),
    ("teacher", "Teacher"),
    ("counselor", "Counselor"),
    ("user", "Attendance-only user"),
    ("simple_user", "Simple user"),
    ("tjstar_presenter", "tjSTAR presenter"),
    ("alum", "Alumnus"),
    ("service", "Service account"),
)

# Ion's API rejects these user types with 403 on every endpoint except their
# own profile and the open ones.
RESTRICTED_USER_TYPES = ("user", "alum", "service")

GRADE_NAMES = {9: "freshman", 10: "sophomore", 11: "junior", 12: "senior"}

# Ion rolls the school year over in July.
YEAR_TURNOVER_MONTH = 7


def senior_graduation_year(today: datetime.date | None = None) -> int:
    """The graduation year of this school year's seniors."""
    today = today or timezone.localdate()
    return today.year + 1 if today.month >= YEAR_TURNOVER_MONTH else today.year


class User(AbstractUser):
    user_type = models.CharField(max_length=30, choices=USER_TYPES, default="student")
    graduation_year = models.IntegerField(null=True, blank=True)
    nickname = models.CharField(max_length=35, null=True, blank=True)
    sex = models.CharField(max_length=20, blank=True, default="")
    title = models.CharField(max_length=5, null=True, blank=True)
    counselor = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    oauth_and_api_access = models.BooleanField(default=True)
    is_eighth_admin = models.BooleanField(default=False)
    has_photo = models.BooleanField(default=True)
    # Shown in profiles only to teachers, counselors and eighth-period admins.
    student_id = models.CharField(max_length=10, null=True, blank=True)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def short_name(self) -> str:
        return self.nickname or self.first_name

    @property
    def tj_email(self) -> str:
        return f"{self.username}@tjhsst.edu"

    @property
    def grade(self) -> dict:
        if self.graduation_year is None:
            return {"number": 13, "name": "graduate"}
        number = 12 - (self.graduation_year - senior_graduation_year())
        return {"number": number, "name": GRADE_NAMES.get(number, "graduate")}

    @property
    def is_restricted(self) -> bool:
        return self.user_type in RESTRICTED_USER_TYPES

    @property
    def is_staff_member(self) -> bool:
        """Teachers and counselors: the users whose photo year is `staff`."""
        return self.user_type in ("teacher", "counselor")

    @property
    def sees_student_ids(self) -> bool:
        return self.user_type in ("teacher", "counselor") or self.is_eighth_admin
