"""Eighth period: `/api/blocks`, `/api/activities`, `/api/signups/…`."""

from django.utils import timezone

from standin.api.formats import school_year_bounds
from standin.eighth.models import EighthActivity, EighthBlock, EighthScheduledActivity
from standin.seed.eighth import FULL_CAPACITY

from .base import TEST_ORIGIN, UNKNOWN_USER, AsIonTodayTestCase, StandinTestCase

BLOCK_FIELDS = ["id", "url", "date", "block_letter", "locked"]
BLOCK_ACTIVITY_FIELDS = [
    "id", "aid", "scheduled_activity", "url", "name", "name_with_flags", "name_with_flags_for_user", "description",
    "title", "comments", "cancelled", "favorited", "subscribed_to", "subscriptions_enabled", "roster", "rooms",
    "sponsors", "restricted", "restricted_for_user", "both_blocks", "one_a_day", "special", "administrative",
    "presign", "presign_time", "sticky", "user_sticky", "finance", "display_text", "waitlist_count", "waitlisted",
    "waitlist_position", "is_recommended",
]
ACTIVITY_FIELDS = [
    "id", "name", "description", "administrative", "restricted", "presign", "one_a_day", "both_blocks", "sticky",
    "special", "scheduled_on",
]
SIGNUP_FIELDS = ["id", "block", "activity", "scheduled_activity", "user"]


def next_block() -> EighthBlock:
    return EighthBlock.objects.filter(date__gte=timezone.localdate()).order_by("date", "block_letter").first()


class BlockTests(StandinTestCase):
    def setUp(self):
        super().setUp()
        self.token = self.token_for()

    def test_default_list_is_this_school_year(self):
        body = self.api_json("/api/blocks", self.token)
        first, last = school_year_bounds(timezone.localdate())
        dates = [item["date"] for item in body["results"]]
        self.assertTrue(all(first.isoformat() <= date <= last.isoformat() for date in dates))
        self.assertEqual(body["count"], EighthBlock.objects.filter(date__range=(first, last)).count())
        keys = [(item["date"], item["block_letter"]) for item in body["results"]]
        self.assertEqual(keys, sorted(keys))
        self.assertEqual(list(body["results"][0]), BLOCK_FIELDS)
        self.assertEqual(body["results"][0]["url"], f"{TEST_ORIGIN}/api/blocks/{body['results'][0]['id']}")

    def test_past_blocks_are_locked(self):
        today = timezone.localdate().isoformat()
        for item in self.api_json("/api/blocks", self.token)["results"]:
            with self.subTest(date=item["date"], letter=item["block_letter"]):
                self.assertEqual(item["locked"], item["date"] < today)

    def test_date_filter(self):
        block = next_block()
        body = self.api_json(f"/api/blocks?date={block.date.isoformat()}", self.token)
        self.assertEqual([item["block_letter"] for item in body["results"]], ["A", "B"])

    def test_start_date_includes_last_year(self):
        last_year = EighthBlock.objects.get(comments="Last school year")
        body = self.api_json(f"/api/blocks?start_date={last_year.date.isoformat()}&page_size=200", self.token)
        ids = [item["id"] for item in body["results"]]
        self.assertIn(last_year.id, ids)
        self.assertEqual(ids, sorted(ids))
        default_ids = [item["id"] for item in self.api_json("/api/blocks", self.token)["results"]]
        self.assertNotIn(last_year.id, default_ids)

    def test_invalid_dates_are_bare_arrays(self):
        for parameter in ("date", "start_date"):
            for value in ("tomorrow", "2026-02-30", "12/04/2026", ""):
                with self.subTest(parameter=parameter, value=value):
                    response = self.api_get(f"/api/blocks?{parameter}={value}", self.token)
                    self.assertEqual(response.status_code, 400)
                    self.assertEqual(response.json(), [f"Invalid format for {parameter}."])

    def test_page_size_parameter(self):
        body = self.api_json("/api/blocks?page_size=2", self.token)
        self.assertEqual(len(body["results"]), 2)
        self.assertEqual(body["next"], f"{TEST_ORIGIN}/api/blocks?page=2&page_size=2")

    def test_detail_keys_are_activity_ids(self):
        block = next_block()
        body = self.api_json(f"/api/blocks/{block.id}", self.token)
        self.assertEqual(list(body), ["id", "activities", "date", "block_letter", "comments"])
        for key, activity in body["activities"].items():
            with self.subTest(activity=activity["name"]):
                self.assertEqual(key, str(activity["id"]))
                self.assertEqual(activity["aid"], activity["id"])
                self.assertEqual(list(activity), BLOCK_ACTIVITY_FIELDS)
                self.assertEqual(activity["url"], f"{TEST_ORIGIN}/api/activities/{activity['id']}")
                scheduled_id = activity["scheduled_activity"]["id"]
                roster_url = f"{TEST_ORIGIN}/api/signups/scheduled_activity/{scheduled_id}"
                self.assertEqual(activity["scheduled_activity"]["url"], roster_url)
                self.assertEqual(activity["roster"]["url"], roster_url)

    def test_detail_order_non_administrative_first(self):
        body = self.api_json(f"/api/blocks/{next_block().id}", self.token)
        order = [(activity["administrative"], activity["name"]) for activity in body["activities"].values()]
        self.assertEqual(order, sorted(order))
        self.assertTrue(order[-1][0])

    def test_flags_in_names(self):
        activities = {a["name"]: a for a in self.api_json(f"/api/blocks/{next_block().id}", self.token)["activities"].values()}
        self.assertEqual(activities["Astronomy Society"]["name_with_flags"], "Astronomy Society (R)")
        self.assertTrue(activities["Astronomy Society"]["restricted_for_user"])
        self.assertEqual(activities["Debate Practice"]["name_with_flags"], "Debate Practice (S)")
        self.assertEqual(activities["Robotics Lab"]["name_with_flags"], "Robotics Lab (BB)")
        self.assertEqual(activities["Z - Study Hall"]["name_with_flags"], "Z - Study Hall (A)")
        self.assertEqual(activities["Math Team"]["name_with_flags"], "Special: Math Team")
        self.assertIsNone(activities["Z - Study Hall"]["sponsors"])
        self.assertEqual(activities["Robotics Lab"]["sponsors"], ["Wright, K.", "Okafor, D."])
        self.assertTrue(activities["Chess Club"]["favorited"])
        self.assertIn("<script>", activities["Robotics Lab"]["description"])
        self.assertRegex(activities["Field Trip Prep"]["presign_time"], r"^\w+day, \w+ \d{1,2} at 8:00 PM$")

    def test_deleted_activity_flag(self):
        first_block = EighthBlock.objects.order_by("date", "block_letter").exclude(comments="Last school year").first()
        body = self.api_json(f"/api/blocks/{first_block.id}", self.token)
        film = next(a for a in body["activities"].values() if a["name"] == "Old Film Club")
        self.assertEqual(film["name_with_flags"], "Old Film Club (Deleted)")

    def test_full_and_cancelled_activities(self):
        block = next_block()
        body = self.api_json(f"/api/blocks/{block.id}", self.token)
        ceramics = next(a for a in body["activities"].values() if a["name"] == "Ceramics Studio")
        self.assertEqual(ceramics["roster"]["count"], FULL_CAPACITY)
        self.assertEqual(ceramics["roster"]["capacity"], FULL_CAPACITY)
        cancelled = EighthScheduledActivity.objects.get(cancelled=True)
        body = self.api_json(f"/api/blocks/{cancelled.block_id}", self.token)
        chess = body["activities"][str(cancelled.activity_id)]
        self.assertTrue(chess["cancelled"])
        self.assertEqual(chess["comments"], "Sponsor absent.")

    def test_sticky_signup_is_user_sticky(self):
        past_b = EighthBlock.objects.filter(date__lt=timezone.localdate(), block_letter="B").first()
        body = self.api_json(f"/api/blocks/{past_b.id}", self.token)
        debate = next(a for a in body["activities"].values() if a["name"] == "Debate Practice")
        self.assertTrue(debate["user_sticky"])

    def test_missing_block_is_not_found(self):
        response = self.api_get("/api/blocks/999999", self.token)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "Not found."})


class ActivityTests(StandinTestCase):
    def setUp(self):
        super().setUp()
        self.token = self.token_for()

    def test_list_excludes_deleted(self):
        body = self.api_json("/api/activities", self.token)
        names = [item["name"] for item in body["results"]]
        self.assertNotIn("Old Film Club", names)
        self.assertEqual(body["count"], EighthActivity.objects.filter(deleted=False).count())
        self.assertEqual(list(body["results"][0]), ["id", "url", "name"])
        ids = [item["id"] for item in body["results"]]
        self.assertEqual(ids, sorted(ids))

    def test_detail_lists_every_block(self):
        chess = EighthActivity.objects.get(name="Chess Club")
        body = self.api_json(f"/api/activities/{chess.id}", self.token)
        self.assertEqual(list(body), ACTIVITY_FIELDS)
        self.assertEqual(len(body["scheduled_on"]), chess.scheduled_activities.count())
        for key, block in body["scheduled_on"].items():
            with self.subTest(block=key):
                self.assertEqual(key, str(block["id"]))
                self.assertEqual(list(block), ["id", "date", "block_letter", "url", "roster"])
                self.assertEqual(block["url"], f"{TEST_ORIGIN}/api/blocks/{block['id']}")
                self.assertEqual(list(block["roster"]), ["id", "url"])

    def test_missing_or_deleted_is_404(self):
        deleted = EighthActivity.objects.get(deleted=True)
        for activity_id in (999999, deleted.id):
            with self.subTest(activity_id=activity_id):
                response = self.api_get(f"/api/activities/{activity_id}", self.token)
                self.assertEqual(response.status_code, 404)
                self.assertEqual(response.json(), {"detail": "No EighthActivity matches the given query."})

    def test_roster_shows_own_signup(self):
        full = EighthScheduledActivity.objects.get(capacity=FULL_CAPACITY)
        body = self.api_json(f"/api/signups/scheduled_activity/{full.id}", self.token)
        self.assertEqual(body["signups"]["count"], FULL_CAPACITY)
        self.assertEqual([member["username"] for member in body["signups"]["members"]], ["2027jdoe"])
        self.assertEqual(body["signups"]["viewable_count"], 1)
        teacher_view = self.api_json(f"/api/signups/scheduled_activity/{full.id}", self.token_for("kwright"))
        self.assertEqual(teacher_view["signups"]["viewable_count"], FULL_CAPACITY)


class SignupTests(StandinTestCase):
    def setUp(self):
        super().setUp()
        self.token = self.token_for()

    def test_plain_array_by_date_then_letter(self):
        body = self.api_json("/api/signups/user", self.token)
        self.assertIsInstance(body, list)
        self.assertGreater(len(body), 4)
        self.assertEqual(list(body[0]), SIGNUP_FIELDS)
        self.assertEqual(list(body[0]["block"]), ["id", "date", "url", "block_letter"])
        self.assertEqual(list(body[0]["activity"]), ["id", "title", "url"])
        keys = [(item["block"]["date"], item["block"]["block_letter"]) for item in body]
        self.assertEqual(keys, sorted(keys))
        self.assertTrue(all(isinstance(item["scheduled_activity"], int) for item in body))

    def test_signups_include_cancelled_and_full(self):
        body = self.api_json("/api/signups/user", self.token)
        scheduled_ids = {item["scheduled_activity"] for item in body}
        self.assertIn(EighthScheduledActivity.objects.get(cancelled=True).id, scheduled_ids)
        self.assertIn(EighthScheduledActivity.objects.get(capacity=FULL_CAPACITY).id, scheduled_ids)

    def test_no_signups_is_empty_array(self):
        response = self.api_get("/api/signups/user", self.token_for("kwright"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"[]")

    def test_start_date_filter(self):
        today = timezone.localdate()
        body = self.api_json(f"/api/signups/user?start_date={today.isoformat()}", self.token)
        self.assertEqual(len(body), 2)
        self.assertTrue(all(item["block"]["date"] >= today.isoformat() for item in body))

    def test_invalid_date_is_bare_array(self):
        response = self.api_get("/api/signups/user?date=soon", self.token)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(response.json(), ["Invalid format for date."])

    def test_other_users_signups(self):
        jane_id = self.api_json("/api/profile", self.token)["id"]
        self.assertEqual(self.api_json(f"/api/signups/user/{jane_id}", self.token_for("kwright")), [])
        admin_view = self.api_json(f"/api/signups/user/{jane_id}", self.token_for("admin"))
        self.assertEqual(admin_view, self.api_json("/api/signups/user", self.token))
        response = self.api_get("/api/signups/user/999999", self.token)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), UNKNOWN_USER)

    def test_no_block_on_day_without_school(self):
        from standin.seed.schedule import special_dates

        _, no_school_day = special_dates(timezone.localdate())
        body = self.api_json(f"/api/blocks?date={no_school_day.isoformat()}", self.token)
        self.assertEqual(body["count"], 0)


class AsIonTodayEighthTests(AsIonTodayTestCase):
    def test_block_detail_is_the_same(self):
        body = self.api_json(f"/api/blocks/{next_block().id}", self.token_for())
        self.assertEqual(list(next(iter(body["activities"].values()))), BLOCK_ACTIVITY_FIELDS)
