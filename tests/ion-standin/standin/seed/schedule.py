"""Seeded bell schedule: weekdays from a week ago to two weeks ahead, with a
special day and one weekday without a Day record (so `/api/schedule/<date>`
makes up "NO SCHOOL<br>" for it)."""

import datetime

from standin.schedule.models import Day, DayType, ScheduleBlock

# (order, name, start, end) per day type. Times are Eastern, 24-hour.
DAY_TYPES = {
    "anchor": (
        "Anchor Day",
        False,
        [
            (1, "Period 1", "8:40", "9:25"),
            (2, "Period 2", "9:35", "10:20"),
            (3, "Period 3", "10:30", "11:15"),
            (4, "Lunch", "11:15", "12:00"),
            (5, "Period 4", "12:00", "12:45"),
            (6, "Period 5", "12:55", "13:40"),
            (7, "Period 6", "13:50", "14:35"),
            (8, "Period 7", "14:45", "15:50"),
        ],
    ),
    "blue": (
        "Blue Day",
        False,
        [
            (1, "Period 1", "8:40", "10:15"),
            (2, "Period 2", "10:25", "11:55"),
            (3, "Lunch", "11:55", "12:40"),
            (4, "Period 3", "12:40", "14:05"),
            (5, "Period 4", "14:15", "15:50"),
        ],
    ),
    "red": (
        "Red Day",
        False,
        [
            (1, "Period 5", "8:40", "10:15"),
            (2, "Period 6", "10:25", "11:55"),
            (3, "Lunch", "11:55", "12:40"),
            (4, "Period 7", "12:40", "14:05"),
            (5, "8A", "14:15", "15:00"),
            (6, "8B", "15:05", "15:50"),
        ],
    ),
    "early_release": (
        "Early Release<br>Blue Day",
        True,
        [
            (1, "Period 1", "8:40", "9:40"),
            (2, "Period 2", "9:50", "10:50"),
            (3, "Period 3", "11:00", "12:00"),
            (4, "Period 4", "12:10", "13:05"),
        ],
    ),
}

# Monday anchor, Tuesday and Thursday blue, Wednesday and Friday red.
WEEKDAY_TYPES = {0: "anchor", 1: "blue", 2: "red", 3: "blue", 4: "red"}

FIRST_DAY_OFFSET = -7
LAST_DAY_OFFSET = 14


def parse_time(text: str) -> datetime.time:
    hour, minute = text.split(":")
    return datetime.time(int(hour), int(minute))


def special_dates(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """(the special day, the weekday without a Day record): the second and
    third weekdays after today."""
    upcoming = []
    day = today
    while len(upcoming) < 3:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            upcoming.append(day)
    return upcoming[1], upcoming[2]


def seed_schedule(today: datetime.date) -> None:
    day_types = {}
    for key, (name, special, blocks) in DAY_TYPES.items():
        day_type = DayType.objects.create(name=name, special=special)
        for order, block_name, start, end in blocks:
            ScheduleBlock.objects.create(
                day_type=day_type, order=order, name=block_name, start=parse_time(start), end=parse_time(end)
            )
        day_types[key] = day_type

    special_day, no_school_day = special_dates(today)
    for offset in range(FIRST_DAY_OFFSET, LAST_DAY_OFFSET + 1):
        date = today + datetime.timedelta(days=offset)
        if date.weekday() >= 5 or date == no_school_day:
            continue
        key = "early_release" if date == special_day else WEEKDAY_TYPES[date.weekday()]
        Day.objects.create(date=date, day_type=day_types[key])
