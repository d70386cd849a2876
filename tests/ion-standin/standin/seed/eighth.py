"""Seeded eighth period. A and B blocks fall on every Wednesday and Friday
from two weeks ago to two weeks ahead, except the day without school, and
past blocks are locked. One more block belongs to last school year. The
activities carry every flag, one scheduled activity is cancelled and one is
full, and the students have signups."""

import datetime

from standin.api.formats import school_year_bounds
from standin.eighth.models import (
    EighthActivity,
    EighthBlock,
    EighthRoom,
    EighthScheduledActivity,
    EighthSignup,
    EighthSponsor,
)

from .schedule import special_dates

BLOCK_WEEKDAYS = (2, 4)  # Wednesday, Friday
BLOCK_RANGE_DAYS = 14
# The full scheduled activity's capacity; its roster count equals it.
FULL_CAPACITY = 3

ROOMS = {
    "201": ("Room 201", 25),
    "robotics": ("Robotics Lab", 30),
    "planetarium": ("Planetarium", 40),
    "105": ("Room 105", 20),
    "114": ("Room 114", 30),
    "art": ("Art Room", 12),
    "auditorium": ("Auditorium", 200),
    "library": ("Library", 100),
    "theater": ("Little Theater", 60),
}

SPONSORS = {"wright": ("Kevin", "Wright"), "patel": ("Priya", "Patel"), "okafor": ("Daniel", "Okafor")}

# name -> (description, flags, rooms, sponsors)
ACTIVITIES = {
    "Chess Club": ("Casual and rated games. Boards provided.", {}, ["201"], ["wright"]),
    "Robotics Lab": (
        # Markup in a description is text: clients must not render it.
        "Build and test robots. <b>Bring</b> safety glasses & closed-toe shoes. <script>alert('description')</script>",
        {"both_blocks": True},
        ["robotics"],
        ["wright", "okafor"],
    ),
    "Astronomy Society": ("Telescope nights and talks. Members only.", {"restricted": True}, ["planetarium"], ["patel"]),
    "Debate Practice": ("Practice rounds for the weekend tournament.", {"sticky": True}, ["105"], ["okafor"]),
    "Math Team": ("Contest preparation.", {"special": True}, ["114"], ["patel"]),
    "Ceramics Studio": ("Wheel throwing and glazing.", {}, ["art"], ["wright"]),
    "Field Trip Prep": ("Permission forms and bus assignments.", {"presign": True, "one_a_day": True}, ["auditorium"], ["okafor"]),
    "Z - Study Hall": ("Assigned to students who did not sign up.", {"administrative": True}, ["library"], []),
    "Old Film Club": ("No longer meets.", {"deleted": True}, ["theater"], ["patel"]),
}


def block_dates(today: datetime.date) -> list[datetime.date]:
    """Wednesdays and Fridays around today, except the seeded day without
    school."""
    _, no_school_day = special_dates(today)
    dates = []
    for offset in range(-BLOCK_RANGE_DAYS, BLOCK_RANGE_DAYS + 1):
        date = today + datetime.timedelta(days=offset)
        if date.weekday() in BLOCK_WEEKDAYS and date != no_school_day:
            dates.append(date)
    return dates


def seed_eighth(users: dict, today: datetime.date) -> None:
    rooms = {key: EighthRoom.objects.create(name=name, capacity=capacity) for key, (name, capacity) in ROOMS.items()}
    sponsors = {
        key: EighthSponsor.objects.create(first_name=first, last_name=last) for key, (first, last) in SPONSORS.items()
    }
    activities = {}
    for name, (description, flags, room_keys, sponsor_keys) in ACTIVITIES.items():
        activity = EighthActivity.objects.create(name=name, description=description, **flags)
        activity.rooms.set([rooms[key] for key in room_keys])
        activity.sponsors.set([sponsors[key] for key in sponsor_keys])
        activities[name] = activity

    jane = users["2027jdoe"]
    activities["Chess Club"].favorites.add(jane)

    blocks = []
    for date in block_dates(today):
        for letter in ("A", "B"):
            blocks.append(EighthBlock.objects.create(date=date, block_letter=letter, locked=date < today))
    past = [block for block in blocks if block.date < today]
    upcoming = [block for block in blocks if block.date >= today]
    upcoming[2].comments = "Two-hour delay: eighth period is shortened."
    upcoming[2].save()

    school_year_start, _ = school_year_bounds(today)
    EighthBlock.objects.create(
        date=school_year_start - datetime.timedelta(days=60), block_letter="A", locked=True, comments="Last school year"
    )

    scheduled = {}
    current = [activity for activity in activities.values() if not activity.deleted]
    for block in blocks:
        for activity in current:
            scheduled[block.id, activity.name] = EighthScheduledActivity.objects.create(block=block, activity=activity)
    first_block = blocks[0]
    scheduled[first_block.id, "Old Film Club"] = EighthScheduledActivity.objects.create(
        block=first_block, activity=activities["Old Film Club"], comments="Last meeting"
    )

    # The next block: Ceramics Studio is full.
    full = scheduled[upcoming[0].id, "Ceramics Studio"]
    full.capacity = FULL_CAPACITY
    full.title = "Glazing day"
    full.save()
    for username in ("2027jdoe", "2028asmith", "2030znunez"):
        EighthSignup.objects.create(user=users[username], scheduled_activity=full)

    # The block after: Chess Club is cancelled, with Jane still signed up.
    cancelled = scheduled[upcoming[1].id, "Chess Club"]
    cancelled.cancelled = True
    cancelled.comments = "Sponsor absent."
    cancelled.save()
    EighthSignup.objects.create(user=jane, scheduled_activity=cancelled)

    # Past blocks: Jane in Chess Club on A blocks and Debate Practice (sticky) on B blocks.
    for block in past:
        name = "Chess Club" if block.block_letter == "A" else "Debate Practice"
        EighthSignup.objects.create(user=jane, scheduled_activity=scheduled[block.id, name])
    EighthSignup.objects.create(user=users["2028asmith"], scheduled_activity=scheduled[first_block.id, "Old Film Club"])
    EighthSignup.objects.create(user=users["2029mvandenberghe"], scheduled_activity=scheduled[upcoming[0].id, "Math Team"])
