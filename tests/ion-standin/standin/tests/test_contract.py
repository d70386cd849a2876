"""dump_contract.py writes one well-formed file per case in each mode."""

import base64
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from django.test import SimpleTestCase

from .server import STANDIN_DIR

KEYS = ["mode", "name", "method", "path", "origin", "status", "content_type", "body_text", "model"]
MODELS = {
    "ApiRoot", "Profile", "Paginated<SearchResult>", "Paginated<Announcement>", "Announcement", "Paginated<Block>",
    "BlockDetail", "Paginated<ActivitySummary>", "ActivityDetail", "Vec<Signup>", "Paginated<ScheduleDay>",
    "ScheduleDay", "Emergency", "Picture", "Error",
}


class ContractDumpTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.out_dir = tempfile.TemporaryDirectory(prefix="ion-standin-contract-test-")
        cls.records = {}
        cls.results = {}
        for mode in ("accepting", "as-ion-today"):
            folder = Path(cls.out_dir.name) / mode
            cls.results[mode] = subprocess.run(
                [sys.executable, "dump_contract.py", "--mode", mode, str(folder)],
                cwd=STANDIN_DIR, capture_output=True, text=True, timeout=300,
            )
            cls.records[mode] = {
                path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))
            }

    @classmethod
    def tearDownClass(cls):
        cls.out_dir.cleanup()
        super().tearDownClass()

    def test_dump_succeeds_in_both_modes(self):
        for mode, result in self.results.items():
            with self.subTest(mode=mode):
                self.assertEqual(result.returncode, 0, result.stderr)

    def test_files_have_exact_format(self):
        for mode, records in self.records.items():
            for name, record in records.items():
                with self.subTest(mode=mode, name=name):
                    self.assertEqual(list(record), KEYS)
                    self.assertEqual(record["mode"], mode)
                    self.assertEqual(record["name"], name)
                    self.assertIn(record["model"], MODELS)
                    self.assertIsInstance(record["status"], int)

    def test_every_model_has_a_success_case(self):
        for mode, records in self.records.items():
            with self.subTest(mode=mode):
                succeeded = {record["model"] for record in records.values() if 200 <= record["status"] < 300}
                self.assertEqual(succeeded, MODELS - {"Error"})

    def test_bodies_decode_by_model(self):
        for mode, records in self.records.items():
            for name, record in records.items():
                with self.subTest(mode=mode, name=name):
                    if record["model"] == "Picture":
                        image = base64.b64decode(record["body_text"])
                        self.assertTrue(image.startswith((b"\xff\xd8\xff", b"\x89PNG")))
                    elif record["status"] == 401:
                        self.assertEqual(record["body_text"], "")
                    elif not record["content_type"].startswith("image/"):
                        json.loads(record["body_text"])

    def test_error_shapes_are_present(self):
        bodies = {record["body_text"] for record in self.records["accepting"].values() if record["model"] == "Error"}
        self.assertIn('{"detail":"Authentication credentials were not provided."}', bodies)
        self.assertIn('{"detail":"You do not have permission to perform this action."}', bodies)
        self.assertIn('{"details":["Object does not exist (in database)."]}', bodies)
        self.assertIn('{"details":["Unknown error occurred."]}', bodies)
        self.assertIn('{"detail":"Invalid page."}', bodies)
        self.assertIn('["Invalid format for date."]', bodies)

    def test_as_ion_today_has_cross_origin_cases(self):
        records = self.records["as-ion-today"]
        blocked = [record for record in records.values() if record["status"] == 401]
        self.assertGreaterEqual(len(blocked), 5)
        for record in blocked:
            self.assertIn(record["origin"], ("http://127.0.0.1:8080", "null"))
        self.assertEqual(records["profile"]["origin"], "http://127.0.0.1:8000")
        self.assertEqual(records["profile"]["status"], 200)
        self.assertFalse([record for record in self.records["accepting"].values() if record["status"] == 401])
