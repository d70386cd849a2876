"""Seed data: the accounts, OAuth applications and Ion content that the
tests and the local demo use. Written into a fresh database at every start.

Dates are relative to today in America/New_York (TIME_ZONE), so the data
always looks current, and every value is fixed given that date.
"""

import datetime

from django.utils import timezone

from .accounts import (
    APPLICATION_NAME,
    CLIENT_ID,
    CODE_APPLICATION_NAME,
    CODE_CLIENT_ID,
    DEMO_PASSWORD,
    STUDENT_PASSWORD,
    STUDENT_USERNAME,
    USERNAMES,
    seed_applications,
    seed_users,
)
from .announcements import seed_announcements
from .eighth import seed_eighth
from .schedule import seed_schedule

# Where seeded announcements point for the stand-in's own images, unless
# serve.py passes the real address.
DEFAULT_STANDIN_ORIGIN = "http://127.0.0.1:8000"

__all__ = [
    "APPLICATION_NAME",
    "CLIENT_ID",
    "CODE_APPLICATION_NAME",
    "CODE_CLIENT_ID",
    "DEFAULT_STANDIN_ORIGIN",
    "DEMO_PASSWORD",
    "STUDENT_PASSWORD",
    "STUDENT_USERNAME",
    "USERNAMES",
    "seed",
]


def seed(
    app_origins: list[str],
    mode: str,
    skip_authorization: bool = False,
    standin_origin: str = DEFAULT_STANDIN_ORIGIN,
    today: datetime.date | None = None,
    redirect_paths: list[str] | None = None,
) -> None:
    """Write every seeded record. `today` defaults to today in America/New_York."""
    today = today or timezone.localdate()
    users = seed_users(today)
    seed_applications(app_origins, mode, users["admin"], skip_authorization, redirect_paths or [])
    seed_announcements(users, today, standin_origin)
    seed_schedule(today)
    seed_eighth(users, today)
