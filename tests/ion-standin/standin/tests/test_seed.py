"""The seeded data: the accounts the app's tests rely on and the edge cases."""

import datetime

from django.contrib.auth import get_user_model

from standin.announcements.models import Announcement
from standin.eighth.models import EighthBlock, EighthScheduledActivity, EighthSignup
from standin.oauth.models import CSLApplication
from standin.schedule.models import Day
from standin.seed import CLIENT_ID, CODE_CLIENT_ID, USERNAMES, seed
from standin.testing import APP_ORIGIN

from .base import StandinTestCase

# A Wednesday, for data seeded at a fixed date.
FIXED_TODAY = datetime.date(2026, 3, 4)


class SeededAccountsTests(StandinTestCase):
    def test_student_the_app_tests_use(self):
        jane = get_user_model().objects.get(username="2027jdoe")
        self.assertEqual(jane.full_name, "Jane Doe")
        self.assertEqual(jane.grade, {"number": 12, "name": "senior"})
        self.assertEqual(jane.counselor.username, "cmiller")

    def test_users_cover_edge_cases(self):
        users = {user.username: user for user in get_user_model().objects.all()}
        self.assertEqual(sorted(users), sorted(USERNAMES))
        self.assertEqual(users["kwright"].user_type, "teacher")
        self.assertFalse(users["2028asmith"].has_photo)
        self.assertGreater(len(users["2029mvandenberghe"].full_name), 70)
        self.assertEqual(users["2030znunez"].full_name, "Zoë Ñúñez-Łukasiewicz")
        self.assertEqual(users["2024rpark"].user_type, "alum")
        self.assertTrue(users["2024rpark"].is_restricted)

    def test_both_applications_share_redirect_uri(self):
        implicit = CSLApplication.objects.get(client_id=CLIENT_ID)
        code = CSLApplication.objects.get(client_id=CODE_CLIENT_ID)
        self.assertEqual(implicit.authorization_grant_type, "implicit")
        self.assertEqual(code.authorization_grant_type, "authorization-code")
        for application in (implicit, code):
            self.assertEqual(application.client_type, "public")
            self.assertEqual(application.redirect_uris, f"{APP_ORIGIN}/")
            self.assertFalse(application.skip_authorization)


class SeededContentTests(StandinTestCase):
    def test_announcements_fill_two_pages(self):
        self.assertGreater(Announcement.objects.count(), 50)
        self.assertGreaterEqual(Announcement.objects.filter(pinned=True).count(), 1)
        self.assertEqual(Announcement.objects.filter(title__startswith="[hostile]").count(), 8)

    def test_eighth_period_edge_cases(self):
        self.assertTrue(EighthBlock.objects.filter(locked=True).exists())
        self.assertEqual(EighthScheduledActivity.objects.filter(cancelled=True).count(), 1)
        full = EighthScheduledActivity.objects.get(capacity__isnull=False)
        self.assertEqual(full.signups.count(), full.get_capacity())
        self.assertTrue(EighthSignup.objects.filter(user__username="2027jdoe").exists())


class FixedDateSeedTests(StandinTestCase):
    """Seeding for a given date places every record relative to it."""

    @classmethod
    def setUpTestData(cls):
        seed([APP_ORIGIN], cls.mode, today=FIXED_TODAY)

    def test_schedule_days_around_date(self):
        dates = list(Day.objects.values_list("date", flat=True))
        self.assertEqual(dates[0], datetime.date(2026, 2, 25))
        self.assertEqual(dates[-1], datetime.date(2026, 3, 18))
        self.assertTrue(all(date.weekday() < 5 for date in dates))
        # The second weekday after Wednesday is Friday (special), the third Monday (no record).
        self.assertTrue(Day.objects.get(date=datetime.date(2026, 3, 6)).day_type.special)
        self.assertNotIn(datetime.date(2026, 3, 9), dates)

    def test_blocks_on_wednesdays_and_fridays(self):
        blocks = EighthBlock.objects.exclude(comments="Last school year")
        dates = sorted(set(blocks.values_list("date", flat=True)))
        self.assertEqual(dates[0], datetime.date(2026, 2, 18))
        self.assertEqual(dates[-1], datetime.date(2026, 3, 18))
        self.assertEqual({date.weekday() for date in dates}, {2, 4})
        self.assertFalse(blocks.filter(date=FIXED_TODAY, locked=True).exists())
        self.assertFalse(blocks.filter(date__lt=FIXED_TODAY, locked=False).exists())
        last_year = EighthBlock.objects.get(comments="Last school year")
        self.assertEqual(last_year.date, datetime.date(2025, 6, 2))

    def test_announcements_before_date(self):
        latest = Announcement.objects.order_by("-added").first().added.date()
        self.assertLess(latest, FIXED_TODAY)
