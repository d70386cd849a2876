"""`/api/schedule[/<date>]` and `/api/emerg`, both open to anyone."""

import datetime
import re
from unittest import mock
from zoneinfo import ZoneInfo

from django.test import Client
from django.utils import timezone

from standin.control import state
from standin.schedule.models import Day
from standin.seed.schedule import special_dates

from .base import TEST_ORIGIN, AsIonTodayTestCase, StandinTestCase

EASTERN = ZoneInfo("America/New_York")
HOUR_MINUTE = re.compile(r"^([1-9]|1\d|2[0-3]):[0-5]\d$")


def at_eastern(date: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(date.year, date.month, date.day, hour, minute, tzinfo=EASTERN)


class ScheduleTests(StandinTestCase):
    def test_list_has_page_size_one(self):
        body = Client().get("/api/schedule").json()
        self.assertEqual(list(body), ["count", "next", "previous", "results"])
        self.assertEqual(len(body["results"]), 1)
        self.assertEqual(body["next"], f"{TEST_ORIGIN}/api/schedule?page=2")

    def test_page_size_is_capped_at_7(self):
        for requested, expected in (("3", 3), ("7", 7), ("50", 7)):
            with self.subTest(page_size=requested):
                body = Client().get(f"/api/schedule?page_size={requested}").json()
                self.assertEqual(len(body["results"]), expected)

    def test_day_shape_and_times(self):
        day = Client().get("/api/schedule?page_size=7").json()["results"][0]
        self.assertEqual(list(day), ["url", "date", "day_type"])
        self.assertEqual(list(day["day_type"]), ["name", "special", "blocks"])
        self.assertEqual(day["url"], f"{TEST_ORIGIN}/api/schedule/{day['date']}")
        blocks = day["day_type"]["blocks"]
        self.assertEqual(list(blocks[0]), ["order", "name", "start", "end"])
        self.assertEqual(blocks[0]["start"], "8:40")
        for block in blocks:
            self.assertRegex(block["start"], HOUR_MINUTE)
            self.assertRegex(block["end"], HOUR_MINUTE)
        self.assertTrue(any(int(block["end"].split(":")[0]) >= 13 for block in blocks))

    def test_list_skips_days_without_record(self):
        dates = [day["date"] for day in Client().get("/api/schedule?page_size=7").json()["results"]]
        _, no_school_day = special_dates(timezone.localdate())
        self.assertNotIn(no_school_day.isoformat(), dates)
        self.assertEqual(dates, sorted(dates))

    @staticmethod
    def school_day() -> datetime.date:
        """A seeded date with a Day record, a week after the first one."""
        return Day.objects.filter(date__gte=Day.objects.first().date + datetime.timedelta(days=7)).first().date

    def test_list_starts_at_utc_date(self):
        # 21:00 Eastern is already tomorrow in UTC, so Ion's list starts tomorrow.
        today = self.school_day()
        evening = at_eastern(today, 21)
        first_day = Day.objects.filter(date__gt=today).first().date.isoformat()
        with mock.patch("django.utils.timezone.now", return_value=evening):
            body = Client().get("/api/schedule").json()
        self.assertEqual(body["results"][0]["date"], first_day)

    def test_list_at_morning_starts_today(self):
        today = self.school_day()
        morning = at_eastern(today, 9)
        first_day = today.isoformat()
        with mock.patch("django.utils.timezone.now", return_value=morning):
            body = Client().get("/api/schedule").json()
        self.assertEqual(body["results"][0]["date"], first_day)

    def test_day_without_record_is_no_school(self):
        _, no_school_day = special_dates(timezone.localdate())
        body = Client().get(f"/api/schedule/{no_school_day.isoformat()}").json()
        self.assertEqual(
            body,
            {
                "url": f"{TEST_ORIGIN}/api/schedule/{no_school_day.isoformat()}",
                "date": no_school_day.isoformat(),
                "day_type": {"name": "NO SCHOOL<br>", "special": False, "blocks": []},
            },
        )

    def test_weekend_is_no_school(self):
        saturday = timezone.localdate() + datetime.timedelta(days=(5 - timezone.localdate().weekday()) % 7)
        body = Client().get(f"/api/schedule/{saturday.isoformat()}").json()
        self.assertEqual(body["day_type"]["name"], "NO SCHOOL<br>")

    def test_special_day_has_html_name(self):
        special_day, _ = special_dates(timezone.localdate())
        body = Client().get(f"/api/schedule/{special_day.isoformat()}/").json()
        self.assertTrue(body["day_type"]["special"])
        self.assertEqual(body["day_type"]["name"], "Early Release<br>Blue Day")
        self.assertEqual(body["day_type"]["blocks"][-1]["end"], "13:05")

    def test_invalid_date_is_bare_array(self):
        cases = {
            "2026-13-45": "['“2026-13-45” value has the correct format (YYYY-MM-DD) but it is an invalid date.']",
            "soon": "['“soon” value has an invalid date format. It must be in YYYY-MM-DD format.']",
        }
        for value, message in cases.items():
            with self.subTest(value=value):
                response = Client().get(f"/api/schedule/{value}")
                self.assertEqual(response.status_code, 400)
                self.assertEqual(response.json(), [message])


class EmergencyTests(StandinTestCase):
    def test_off_by_default(self):
        response = Client().get("/api/emerg")
        self.assertEqual(response.content, b'{"status":false,"message":""}')

    def test_control_api_turns_it_on_and_off(self):
        message = '<h3><i class="fa fa-bolt"></i> Power outage</h3><hr /><p>School is closed.</p>'
        response = Client().post("/_standin/emergency", {"message": message}, "application/json")
        self.assertEqual(response.json(), {"status": True, "message": message})
        self.assertEqual(Client().get("/api/emerg").json(), {"status": True, "message": message})
        Client().delete("/_standin/emergency")
        self.assertEqual(Client().get("/api/emerg").json(), {"status": False, "message": ""})

    def test_exact_status_and_message(self):
        for status, message in ((None, None), (False, None)):
            with self.subTest(status=status, message=message):
                Client().post("/_standin/emergency", {"status": status, "message": message}, "application/json")
                self.assertEqual(Client().get("/api/emerg").json(), {"status": status, "message": message})

    def test_unhandled_error_is_ion_500(self):
        with mock.patch.object(state.emergency, "get", side_effect=RuntimeError("emergency source failed")):
            with self.assertLogs("standin.api", "ERROR") as logs:
                response = Client().get("/api/emerg")
        self.assertEqual(response.status_code, 500)
        self.assertEqual(response.json(), {"details": ["Unknown error occurred."]})
        self.assertIn("EmergencyView", logs.output[0])

    def test_invalid_bodies_are_rejected(self):
        for body in ({}, {"message": ""}, {"message": 3}, {"status": "yes", "message": "x"}, [1]):
            with self.subTest(body=body):
                response = Client().post("/_standin/emergency", body, "application/json")
                self.assertEqual(response.status_code, 400)
                self.assertIn("error", response.json())
        self.assertEqual(state.emergency.get(), (False, ""))


class AsIonTodayScheduleTests(AsIonTodayTestCase):
    def test_open_without_token(self):
        self.assertEqual(Client().get("/api/schedule").status_code, 200)
        self.assertEqual(Client().get("/api/emerg").status_code, 200)
