"""`/api/profile…`, profile pictures and `/api/search/<query>`."""

from django.contrib.auth import get_user_model

from standin.users.pictures import default_picture_png

from .base import TEST_ORIGIN, UNKNOWN_USER, AsIonTodayTestCase, StandinTestCase

PROFILE_FIELDS = [
    "id", "ion_username", "sex", "title", "display_name", "full_name", "short_name", "first_name", "last_name",
    "nickname", "tj_email", "grade", "graduation_year", "user_type", "counselor", "administrator", "picture",
    "is_eighth_admin", "is_teacher", "is_student",
]
SUMMARY_FIELDS = ["id", "url", "user_type", "username", "full_name", "first_name", "last_name"]
JPEG_MAGIC = b"\xff\xd8\xff"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def user_id(username: str) -> int:
    return get_user_model().objects.get(username=username).id


class ProfileTests(StandinTestCase):
    def setUp(self):
        super().setUp()
        self.token = self.token_for()

    def test_profile_has_ion_fields_in_order(self):
        body = self.api_json("/api/profile", self.token)
        self.assertEqual(list(body), PROFILE_FIELDS)
        self.assertEqual(body["ion_username"], "2027jdoe")
        self.assertEqual(body["display_name"], "Jane Doe")
        self.assertEqual(body["grade"], {"number": 12, "name": "senior"})
        self.assertEqual(body["tj_email"], "2027jdoe@tjhsst.edu")
        self.assertEqual(body["picture"], f"{TEST_ORIGIN}/api/profile/{body['id']}/picture")
        self.assertTrue(body["is_student"])

    def test_counselor_is_nested_summary(self):
        counselor = self.api_json("/api/profile", self.token)["counselor"]
        self.assertEqual(list(counselor), SUMMARY_FIELDS)
        self.assertEqual(counselor["username"], "cmiller")
        self.assertEqual(counselor["url"], f"{TEST_ORIGIN}/api/profile/{counselor['id']}")

    def test_profile_by_id_and_username(self):
        teacher_id = user_id("kwright")
        for path in (f"/api/profile/{teacher_id}", "/api/profile/kwright", "/api/profile/KWright"):
            with self.subTest(path=path):
                body = self.api_json(path, self.token)
                self.assertEqual(body["id"], teacher_id)
                self.assertEqual(body["title"], "mr")
                self.assertEqual(body["grade"], {"number": 13, "name": "graduate"})
                self.assertTrue(body["is_teacher"])

    def test_query_parameters_are_ignored(self):
        body = self.api_json("/api/profile/kwright?username=2027jdoe&id=1", self.token)
        self.assertEqual(body["ion_username"], "kwright")

    def test_student_id_only_for_staff(self):
        self.assertNotIn("student_id", self.api_json("/api/profile/2028asmith", self.token))
        body = self.api_json("/api/profile/2028asmith", self.token_for("kwright"))
        self.assertEqual(body["student_id"], "1234568")
        self.assertEqual(list(body).index("student_id"), PROFILE_FIELDS.index("tj_email") + 1)

    def test_unknown_user_is_details_404(self):
        for path in ("/api/profile/nosuchuser", "/api/profile/999999"):
            with self.subTest(path=path):
                response = self.api_get(path, self.token)
                self.assertEqual(response.status_code, 404)
                self.assertEqual(response.json(), UNKNOWN_USER)

    def test_edge_case_names(self):
        long_name = self.api_json("/api/profile/2029mvandenberghe", self.token)
        self.assertGreater(len(long_name["full_name"]), 70)
        self.assertEqual(long_name["short_name"], "Max")
        self.assertEqual(long_name["nickname"], "Max")
        accented = self.api_json("/api/profile/2030znunez", self.token)
        self.assertEqual(accented["full_name"], "Zoë Ñúñez-Łukasiewicz")
        self.assertEqual(accented["sex"], "non-binary")
        self.assertEqual(accented["grade"], {"number": 9, "name": "freshman"})

    def test_non_ascii_is_utf8_json(self):
        response = self.api_get("/api/profile/2030znunez", self.token)
        self.assertIn("Zoë Ñúñez-Łukasiewicz".encode(), response.content)


class PictureTests(StandinTestCase):
    def setUp(self):
        super().setUp()
        self.token = self.token_for()

    def test_photo_is_jpeg(self):
        response = self.api_get(f"/api/profile/{user_id('2027jdoe')}/picture", self.token)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/jpeg")
        self.assertTrue(response.content.startswith(JPEG_MAGIC))
        self.assertTrue(response.content.endswith(b"\xff\xd9"))

    def test_no_photo_is_png_labelled_jpeg(self):
        response = self.api_get("/api/profile/2028asmith/picture", self.token)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "image/jpeg")
        self.assertTrue(response.content.startswith(PNG_MAGIC))
        self.assertEqual(response.content, default_picture_png())

    def test_photo_years_differ(self):
        junior = self.api_get("/api/profile/2027jdoe/picture/junior", self.token)
        senior = self.api_get("/api/profile/2027jdoe/picture/senior", self.token)
        current = self.api_get("/api/profile/2027jdoe/picture", self.token)
        self.assertTrue(junior.content.startswith(JPEG_MAGIC))
        self.assertNotEqual(junior.content, senior.content)
        self.assertEqual(current.content, senior.content)

    def test_missing_photo_year_is_default(self):
        for path in ("/api/profile/2030znunez/picture/senior", "/api/profile/2027jdoe/picture/staff",
                     "/api/profile/2027jdoe/picture/kindergarten"):
            with self.subTest(path=path):
                response = self.api_get(path, self.token)
                self.assertEqual(response.status_code, 200)
                self.assertTrue(response.content.startswith(PNG_MAGIC))

    def test_staff_photo_year(self):
        response = self.api_get("/api/profile/kwright/picture/staff", self.token)
        self.assertTrue(response.content.startswith(JPEG_MAGIC))

    def test_errors_are_not_json(self):
        cases = [("/api/profile/2027jdoe/picture", None, 403), ("/api/profile/nosuchuser/picture", self.token, 404)]
        for path, token, status in cases:
            with self.subTest(path=path):
                response = self.api_get(path, token)
                self.assertEqual(response.status_code, status)
                self.assertEqual(response["Content-Type"], "image/jpeg")
                self.assertNotIn(b"{", response.content)

    def test_format_json_is_404(self):
        response = self.api_get("/api/profile/2027jdoe/picture?format=json", self.token)
        self.assertEqual(response.status_code, 404)


class SearchTests(StandinTestCase):
    def setUp(self):
        super().setUp()
        self.token = self.token_for()

    def search(self, query: str) -> dict:
        return self.api_json(f"/api/search/{query}", self.token)

    def test_result_shape_and_pagination(self):
        body = self.search("jane+doe")
        self.assertEqual(list(body), ["count", "next", "previous", "results"])
        self.assertEqual(body["count"], 1)
        result = body["results"][0]
        self.assertEqual(list(result), [*SUMMARY_FIELDS, "grade"])
        self.assertEqual(result["username"], "2027jdoe")
        self.assertEqual(result["grade"], {"number": 12, "name": "senior"})
        self.assertEqual(result["url"], f"{TEST_ORIGIN}/api/profile/{result['id']}")

    def test_plus_and_space_are_equal(self):
        self.assertEqual(self.search("jane+doe"), self.search("jane%20doe"))

    def test_or_combines_alternatives(self):
        usernames = [result["username"] for result in self.search("zo%C3%AB+OR+smith")["results"]]
        self.assertEqual(usernames, ["2028asmith", "2030znunez"])

    def test_staff_have_no_grade(self):
        result = self.search("wright")["results"][0]
        self.assertEqual(result["user_type"], "teacher")
        self.assertNotIn("grade", result)

    def test_restricted_users_are_left_out(self):
        self.assertEqual(self.search("riley")["count"], 0)

    def test_no_results(self):
        self.assertEqual(self.search("nobodyhere"), {"count": 0, "next": None, "previous": None, "results": []})

    def test_results_ordered_by_id(self):
        ids = [result["id"] for result in self.search("a")["results"]]
        self.assertEqual(ids, sorted(ids))
        self.assertGreater(len(ids), 3)


class AsIonTodayProfileTests(AsIonTodayTestCase):
    def test_profile_shape_is_the_same(self):
        body = self.api_json("/api/profile", self.token_for())
        self.assertEqual(list(body), PROFILE_FIELDS)
