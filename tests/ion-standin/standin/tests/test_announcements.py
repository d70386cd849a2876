"""`/api/announcements[/<id>]`."""

import datetime
import re

from standin.announcements.models import Announcement
from standin.seed.announcements import HOSTILE_MARKER

from .base import TEST_ORIGIN, AsIonTodayTestCase, StandinTestCase

FIELDS = ["url", "id", "title", "content", "author", "user", "added", "updated", "groups", "pinned"]
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$")


class AnnouncementTests(StandinTestCase):
    def setUp(self):
        super().setUp()
        self.token = self.token_for()

    def all_pages(self, token) -> list[dict]:
        results = []
        path = "/api/announcements"
        while path:
            body = self.api_json(path, token)
            results += body["results"]
            path = body["next"]
        return results

    def test_first_page_has_50(self):
        body = self.api_json("/api/announcements", self.token)
        self.assertEqual(list(body), ["count", "next", "previous", "results"])
        self.assertGreater(body["count"], 50)
        self.assertEqual(len(body["results"]), 50)
        self.assertEqual(body["next"], f"{TEST_ORIGIN}/api/announcements?page=2")
        self.assertIsNone(body["previous"])

    def test_second_page_links_back(self):
        body = self.api_json("/api/announcements?page=2", self.token)
        self.assertEqual(len(body["results"]), body["count"] - 50)
        self.assertIsNone(body["next"])
        self.assertEqual(body["previous"], f"{TEST_ORIGIN}/api/announcements")

    def test_invalid_page_is_404(self):
        for page in ("99", "0", "abc"):
            with self.subTest(page=page):
                response = self.api_get(f"/api/announcements?page={page}", self.token)
                self.assertEqual(response.status_code, 404)
                self.assertEqual(response.json(), {"detail": "Invalid page."})

    def test_links_keep_format_and_host(self):
        body = self.api_json("/api/announcements?format=json", self.token)
        self.assertEqual(body["next"], f"{TEST_ORIGIN}/api/announcements?format=json&page=2")
        response = self.api_get("/api/announcements", self.token, HTTP_HOST="localhost:8123")
        self.assertEqual(response.json()["next"], "http://localhost:8123/api/announcements?page=2")

    def test_pinned_first_then_newest(self):
        results = self.all_pages(self.token)
        pinned = [item["pinned"] for item in results]
        self.assertEqual(pinned, sorted(pinned, reverse=True))
        self.assertGreaterEqual(pinned.count(True), 1)
        for group in (True, False):
            added = [item["added"] for item in results if item["pinned"] is group]
            self.assertEqual(added, sorted(added, reverse=True))

    def test_fields_and_formats(self):
        for item in self.all_pages(self.token):
            with self.subTest(id=item["id"]):
                self.assertEqual(list(item), FIELDS)
                self.assertEqual(item["url"], f"{TEST_ORIGIN}/api/announcements/{item['id']}")
                self.assertRegex(item["added"], ISO_UTC)
                self.assertRegex(item["updated"], ISO_UTC)
                self.assertLessEqual(len(item["title"]), 127)

    def test_microseconds_are_written(self):
        item = next(i for i in self.all_pages(self.token) if i["title"] == "Added with microseconds")
        self.assertRegex(item["added"], r"\.123456Z$")

    def test_nothing_is_in_the_future(self):
        now = datetime.datetime.now(datetime.timezone.utc).isoformat()
        for item in self.all_pages(self.token):
            self.assertLess(item["added"], now)

    def test_hostile_html_is_returned_unchanged(self):
        by_title = {item["title"]: item["content"] for item in self.all_pages(self.token)}
        expected = {
            "[hostile] script element": "<script>",
            "[hostile] event handler attributes": "onerror=",
            "[hostile] javascript: links": 'href="javascript:',
            "[hostile] iframe": "<iframe ",
            "[hostile] image from another origin": 'src="https://tracker.example.org/',
            "[hostile] image from the Ion origin": f'src="{TEST_ORIGIN}/static/img/standin-logo.png"',
            "[hostile] form": "<form ",
            "[hostile] style element": "<style>",
        }
        for title, fragment in expected.items():
            with self.subTest(title=title):
                self.assertIn(fragment, by_title[title])
        self.assertIn("onclick=", by_title["[hostile] event handler attributes"])
        self.assertIn(HOSTILE_MARKER, by_title["[hostile] script element"])

    def test_own_origin_image_loads(self):
        response = self.api_get("/static/img/standin-logo.png")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/png")

    def test_group_announcement_visibility(self):
        group_only = Announcement.objects.get(title__contains="senior portraits")
        student_titles = [item["title"] for item in self.all_pages(self.token)]
        self.assertIn(group_only.title, student_titles)
        teacher = self.token_for("kwright")
        self.assertNotIn(group_only.title, [item["title"] for item in self.all_pages(teacher)])
        response = self.api_get(f"/api/announcements/{group_only.id}", teacher)
        self.assertEqual(response.status_code, 404)
        body = self.api_json(f"/api/announcements/{group_only.id}", self.token)
        self.assertEqual(len(body["groups"]), 1)

    def test_detail_matches_list_item(self):
        first = self.api_json("/api/announcements", self.token)["results"][0]
        self.assertEqual(self.api_json(f"/api/announcements/{first['id']}", self.token), first)

    def test_author_and_user_can_be_null(self):
        item = next(i for i in self.all_pages(self.token) if i["title"] == "Announcement without an author")
        self.assertIsNone(item["author"])
        self.assertIsNone(item["user"])

    def test_missing_id_is_ion_404(self):
        response = self.api_get("/api/announcements/999999", self.token)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json(), {"detail": "No Announcement matches the given query."})


class AsIonTodayAnnouncementTests(AsIonTodayTestCase):
    def test_list_is_the_same(self):
        body = self.api_json("/api/announcements", self.token_for())
        self.assertEqual(len(body["results"]), 50)
        self.assertEqual(list(body["results"][0]), FIELDS)
