#!/usr/bin/env python3
"""Write the stand-in's response to every API case, one JSON file per case,
for the app's model tests to decode.

    python dump_contract.py --mode accepting|as-ion-today OUT_DIR

Runs the stand-in inside this process (Django's test client, a fresh
temporary database, Host 127.0.0.1:8000) and exits 1 if a response's status
differs from Ion's. Each file, OUT_DIR/<case name>.json, holds exactly:

    {"mode", "name", "method", "path", "origin", "status", "content_type",
     "body_text", "model"}

`origin` is the Origin header sent (null for none). `body_text` is the raw
body as text, or base64 when `model` is "Picture". `model` names the app
model that decodes the body, or "Error" for a failure answer.

Accepting mode sends every request from the app's origin,
http://127.0.0.1:8080, as the browser would. As-ion-today mode sends the
same requests from the stand-in's own origin, which pass, plus cross-origin
ones from http://127.0.0.1:8080, which get Ion's empty 401.
"""

import argparse
import base64
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

HOST = "127.0.0.1:8000"
STANDIN_ORIGIN = f"http://{HOST}"
APP_ORIGIN = "http://127.0.0.1:8080"

MODELS = (
    "ApiRoot",
    "Profile",
    "Paginated<SearchResult>",
    "Paginated<Announcement>",
    "Announcement",
    "Paginated<Block>",
    "BlockDetail",
    "Paginated<ActivitySummary>",
    "ActivityDetail",
    "Vec<Signup>",
    "Paginated<ScheduleDay>",
    "ScheduleDay",
    "Emergency",
    "Picture",
    "Error",
)


@dataclass
class Case:
    name: str
    path: str
    model: str
    status: int
    # Key of the token to send (see issue_tokens), a literal "Bearer …" value
    # under "raw:", or None for no Authorization header.
    token: str | None = "jane"
    method: str = "GET"
    # None: the mode's default origin. "" : no Origin header.
    origin: str | None = None
    headers: dict = field(default_factory=dict)
    data: dict | None = None
    # Called before the request (and `after` after it) to set run-time state.
    before: object = None
    after: object = None


def setup_django(mode: str, data_dir: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "standin.settings"
    os.environ["STANDIN_MODE"] = mode
    os.environ["STANDIN_APP_ORIGINS"] = APP_ORIGIN
    os.environ["STANDIN_DB"] = str(Path(data_dir) / "db.sqlite3")
    sys.path.insert(0, str(Path(__file__).resolve().parent))

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)

    from django.test.utils import setup_test_environment

    # Lets the test client run outside the test runner.
    setup_test_environment()

    from standin.seed import seed

    seed([APP_ORIGIN], mode, standin_origin=STANDIN_ORIGIN)


def issue_tokens(mode: str) -> dict:
    """Tokens for the cases, through the mode's real flow: the implicit app in
    accepting mode, the code app with PKCE in as-ion-today mode (where the
    implicit app is refused). Requests carry no Origin, like a server's."""
    import datetime

    from django.utils import timezone
    from oauth2_provider.models import get_access_token_model

    from standin import testing
    from standin.seed import CLIENT_ID, CODE_CLIENT_ID
    from standin.modes import MODE_ACCEPTING

    def issue(username: str) -> str:
        if mode == MODE_ACCEPTING:
            return testing.implicit_token(username, HTTP_HOST=HOST)
        return testing.code_token(username, HTTP_HOST=HOST)["access_token"]

    tokens = {key: issue(username) for key, username in (
        ("jane", "2027jdoe"),
        ("teacher", "kwright"),
        ("alum", "2024rpark"),
        ("expired", "2027jdoe"),
        ("revoked", "2027jdoe"),
    )}
    expired = get_access_token_model().objects.filter(user__username="2027jdoe").order_by("-id")[1]
    expired.expires = timezone.now() - datetime.timedelta(seconds=1)
    expired.save()
    client_id = CLIENT_ID if mode == MODE_ACCEPTING else CODE_CLIENT_ID
    revoked = testing.revoke(tokens["revoked"], client_id=client_id, HTTP_HOST=HOST)
    if revoked.status_code != 200:
        raise SystemExit(f"Revoking a token failed with HTTP {revoked.status_code}.")
    return tokens


def seeded_values() -> dict:
    """Ids and dates of seeded records that the case paths name."""
    import datetime

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from standin.announcements.models import Announcement
    from standin.eighth.models import EighthActivity, EighthBlock
    from standin.schedule.models import Day
    from standin.seed.schedule import special_dates

    today = timezone.localdate()
    users = {user.username: user.id for user in get_user_model().objects.all()}
    next_block = EighthBlock.objects.filter(date__gte=today).order_by("date", "block_letter").first()
    special_day, no_school_day = special_dates(today)
    school_day = Day.objects.filter(date__gte=today).exclude(date=special_day).first().date
    return {
        "users": users,
        "today": today.isoformat(),
        "tomorrow": (today + datetime.timedelta(days=1)).isoformat(),
        "next_block": next_block,
        "pinned": Announcement.objects.filter(pinned=True).order_by("-added").first().id,
        "script": Announcement.objects.get(title="[hostile] script element").id,
        "chess": EighthActivity.objects.get(name="Chess Club").id,
        "school_day": school_day.isoformat(),
        "special_day": special_day.isoformat(),
        "no_school_day": no_school_day.isoformat(),
    }


def build_cases(mode: str) -> list[Case]:
    from standin.control import state
    from standin.modes import MODE_AS_ION_TODAY

    v = seeded_values()
    users = v["users"]
    block = v["next_block"]
    bogus = "raw:Bearer notarealtokennotarealtoken0000"

    def fail_once(path):
        return lambda: state.faults.add(state.parse_fault(path, "500", 1))

    cases = [
        Case("api-root", "/api", "ApiRoot", 200, token=None),
        Case("api-root-format-json", "/api?format=json", "ApiRoot", 200, token=None),
        Case("api-root-bogus-token", "/api", "ApiRoot", 200, token=bogus),
        Case("profile", "/api/profile", "Profile", 200),
        Case("profile-trailing-slash", "/api/profile/", "Profile", 200),
        Case("profile-by-id", f"/api/profile/{users['kwright']}", "Profile", 200),
        Case("profile-by-username-mixed-case", "/api/profile/2027JDoe", "Profile", 200),
        Case("profile-non-ascii-name", "/api/profile/2030znunez", "Profile", 200),
        Case("profile-long-name", "/api/profile/2029mvandenberghe", "Profile", 200),
        Case("profile-seen-by-teacher", "/api/profile/2027jdoe", "Profile", 200, token="teacher"),
        Case("profile-restricted-user-own", "/api/profile", "Profile", 200, token="alum"),
        Case("profile-unknown-user", "/api/profile/nosuchuser", "Error", 404),
        Case("profile-no-token", "/api/profile", "Error", 403, token=None),
        Case("profile-bogus-token", "/api/profile", "Error", 403, token=bogus),
        Case("profile-expired-token", "/api/profile", "Error", 403, token="expired"),
        Case("profile-revoked-token", "/api/profile", "Error", 403, token="revoked"),
        Case("picture", f"/api/profile/{users['2027jdoe']}/picture", "Picture", 200),
        Case("picture-by-username-photo-year", "/api/profile/2027jdoe/picture/junior", "Picture", 200),
        Case("picture-default-png", f"/api/profile/{users['2028asmith']}/picture", "Picture", 200),
        Case("picture-no-token", f"/api/profile/{users['2027jdoe']}/picture", "Error", 403, token=None),
        Case("picture-restricted-user", f"/api/profile/{users['2027jdoe']}/picture", "Error", 403, token="alum"),
        Case("picture-unknown-user", "/api/profile/nosuchuser/picture", "Error", 404),
        Case("search", "/api/search/jane+doe", "Paginated<SearchResult>", 200),
        Case("search-or-non-ascii", "/api/search/" + quote("zoë OR smith"), "Paginated<SearchResult>", 200),
        Case("search-staff-without-grade", "/api/search/wright", "Paginated<SearchResult>", 200),
        Case("search-no-results", "/api/search/nobodyhere", "Paginated<SearchResult>", 200),
        Case("search-restricted-user", "/api/search/jane", "Error", 403, token="alum"),
        Case("announcements", "/api/announcements", "Paginated<Announcement>", 200),
        Case("announcements-page-2", "/api/announcements?page=2", "Paginated<Announcement>", 200),
        Case("announcements-format-json", "/api/announcements?format=json", "Paginated<Announcement>", 200),
        Case("announcements-invalid-page", "/api/announcements?page=99", "Error", 404),
        Case("announcements-restricted-user", "/api/announcements", "Error", 403, token="alum"),
        Case("announcements-unknown-error", "/api/announcements", "Error", 500, before=fail_once("/api/announcements")),
        Case("announcement", f"/api/announcements/{v['pinned']}", "Announcement", 200),
        Case("announcement-hostile-script", f"/api/announcements/{v['script']}", "Announcement", 200),
        Case("announcement-missing", "/api/announcements/999999", "Error", 404),
        Case("blocks", "/api/blocks", "Paginated<Block>", 200),
        Case("blocks-page-size", "/api/blocks?page_size=2", "Paginated<Block>", 200),
        Case("blocks-date", f"/api/blocks?date={block.date.isoformat()}", "Paginated<Block>", 200),
        Case("blocks-start-date", f"/api/blocks?start_date={v['today']}", "Paginated<Block>", 200),
        Case("blocks-invalid-date", "/api/blocks?date=tomorrow", "Error", 400),
        Case("blocks-invalid-start-date", "/api/blocks?start_date=2026-02-30", "Error", 400),
        Case("block", f"/api/blocks/{block.id}", "BlockDetail", 200),
        Case("block-missing", "/api/blocks/999999", "Error", 404),
        Case("activities", "/api/activities", "Paginated<ActivitySummary>", 200),
        Case("activity", f"/api/activities/{v['chess']}", "ActivityDetail", 200),
        Case("activity-missing", "/api/activities/999999", "Error", 404),
        Case("signups", "/api/signups/user", "Vec<Signup>", 200),
        Case("signups-empty", "/api/signups/user", "Vec<Signup>", 200, token="teacher"),
        Case("signups-start-date", f"/api/signups/user?start_date={v['today']}", "Vec<Signup>", 200),
        Case("signups-invalid-date", "/api/signups/user?date=12/04/2026", "Error", 400),
        Case("schedule", "/api/schedule", "Paginated<ScheduleDay>", 200, token=None),
        Case("schedule-page-size-7", "/api/schedule?page_size=7", "Paginated<ScheduleDay>", 200, token=None),
        Case("schedule-page-size-over-maximum", "/api/schedule?page_size=50", "Paginated<ScheduleDay>", 200, token=None),
        Case("schedule-bogus-token", "/api/schedule", "Paginated<ScheduleDay>", 200, token=bogus),
        Case("schedule-day", f"/api/schedule/{v['school_day']}", "ScheduleDay", 200, token=None),
        Case("schedule-special-day", f"/api/schedule/{v['special_day']}", "ScheduleDay", 200, token=None),
        Case("schedule-no-school", f"/api/schedule/{v['no_school_day']}", "ScheduleDay", 200, token=None),
        Case("schedule-invalid-date", "/api/schedule/2026-13-45", "Error", 400, token=None),
        Case("emergency-off", "/api/emerg", "Emergency", 200, token=None),
        Case(
            "emergency-on",
            "/api/emerg",
            "Emergency",
            200,
            token=None,
            before=lambda: state.emergency.turn_on(state.DEFAULT_EMERGENCY_HTML),
            after=state.emergency.turn_off,
        ),
        Case(
            "emergency-no-source",
            "/api/emerg",
            "Emergency",
            200,
            token=None,
            before=lambda: state.emergency.set(None, None),
            after=state.emergency.turn_off,
        ),
    ]

    if mode == MODE_AS_ION_TODAY:
        preflight = {
            "HTTP_ACCESS_CONTROL_REQUEST_METHOD": "GET",
            "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "authorization",
        }
        cases += [
            Case("cross-origin-preflight-profile", "/api/profile", "Error", 401, token=None, method="OPTIONS",
                 origin=APP_ORIGIN, headers=preflight),
            Case("cross-origin-profile", "/api/profile", "Error", 401, origin=APP_ORIGIN),
            Case("cross-origin-api-root", "/api", "Error", 401, token=None, origin=APP_ORIGIN),
            Case("cross-origin-schedule", "/api/schedule", "Error", 401, token=None, origin=APP_ORIGIN),
            Case("cross-origin-emergency", "/api/emerg", "Error", 401, token=None, origin=APP_ORIGIN),
            Case("cross-origin-null-origin", "/api/profile", "Error", 401, origin="null"),
            Case("cross-origin-token-endpoint", "/oauth/token/", "Error", 401, token=None, method="POST",
                 origin=APP_ORIGIN, data={"grant_type": "authorization_code", "code": "x", "client_id": "x"}),
            Case("same-origin-no-origin-header", "/api/profile", "Profile", 200, origin=""),
        ]
    return cases


def run_case(case: Case, mode: str, tokens: dict) -> dict:
    from django.test import Client

    from standin.modes import MODE_ACCEPTING

    origin = case.origin
    if origin is None:
        origin = APP_ORIGIN if mode == MODE_ACCEPTING else STANDIN_ORIGIN
    headers = dict(case.headers)
    if origin:
        headers["HTTP_ORIGIN"] = origin
    if case.token is not None:
        if case.token.startswith("raw:"):
            headers["HTTP_AUTHORIZATION"] = case.token.removeprefix("raw:")
        else:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {tokens[case.token]}"

    if case.before:
        case.before()
    # A new client per case, because Ion's responses to Bearer calls set a
    # session cookie that would otherwise authenticate the next case.
    client = Client(HTTP_HOST=HOST)
    try:
        if case.method == "GET":
            response = client.get(case.path, **headers)
        elif case.method == "OPTIONS":
            response = client.options(case.path, **headers)
        else:
            response = client.post(case.path, case.data or {}, **headers)
    finally:
        if case.after:
            case.after()

    body = response.content
    body_text = base64.b64encode(body).decode() if case.model == "Picture" else body.decode("utf-8")
    return {
        "mode": mode,
        "name": case.name,
        "method": case.method,
        "path": case.path,
        "origin": origin or None,
        "status": response.status_code,
        "content_type": response.get("Content-Type"),
        "body_text": body_text,
        "model": case.model,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="Write the stand-in's answer to every API case as JSON files.")
    parser.add_argument("--mode", choices=["accepting", "as-ion-today"], required=True, help="policy mode to run in")
    parser.add_argument("out_dir", type=Path, help="folder for the JSON files (created if missing)")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="ion-standin-contract-")
    try:
        setup_django(args.mode, data_dir)
        tokens = issue_tokens(args.mode)
        cases = build_cases(args.mode)
        args.out_dir.mkdir(parents=True, exist_ok=True)
        mismatches = []
        for case in cases:
            if case.model not in MODELS:
                raise SystemExit(f"Case {case.name} names unknown model {case.model!r}.")
            record = run_case(case, args.mode, tokens)
            if record["status"] != case.status:
                mismatches.append(f"{case.name}: HTTP {record['status']}, expected {case.status}")
            path = args.out_dir / f"{case.name}.json"
            path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)

    print(f"Wrote {len(cases)} cases ({args.mode}) to {args.out_dir}.")
    if mismatches:
        print("Responses whose status differs from Ion's:", *mismatches, sep="\n  ", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
