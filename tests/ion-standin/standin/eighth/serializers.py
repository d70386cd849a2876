"""Ion's eighth-period JSON shapes in Ion's field order, rewritten from their
documented behaviour."""

import datetime

from standin.api.formats import absolute_url


def block_summary(block, request) -> dict:
    """An item of `/api/blocks`."""
    return {
        "id": block.id,
        "url": absolute_url(request, "api_block_detail", block.id),
        "date": block.date.isoformat(),
        "block_letter": block.block_letter,
        "locked": block.locked,
    }


def flagged_name(activity, show_restricted: bool) -> str:
    """The name with Ion's flags: "Special: " before, and " (R)", " (S)",
    " (BB)", " (A)", " (Deleted)" after, in that order."""
    name = f"Special: {activity.name}" if activity.special else activity.name
    flags = [
        (show_restricted, " (R)"),
        (activity.sticky, " (S)"),
        (activity.both_blocks, " (BB)"),
        (activity.administrative, " (A)"),
        (activity.deleted, " (Deleted)"),
    ]
    return name + "".join(suffix for present, suffix in flags if present)


def presign_time(block) -> str:
    """When signups for a presign activity open, as Ion words it, e.g.
    "Monday, September 8 at 8:00 PM".

    NOTE: the rule (8:00 PM two days before the block) is a guess; only the
    wording is documented."""
    opens = datetime.datetime.combine(block.date - datetime.timedelta(days=2), datetime.time(20, 0))
    hour = opens.hour % 12 or 12
    return f"{opens:%A}, {opens:%B} {opens.day} at {hour}:{opens:%M} {opens:%p}"


def is_restricted_for(activity, user) -> bool:
    return activity.restricted and not user.is_eighth_admin and not activity.users_allowed.filter(pk=user.pk).exists()


def block_activity(scheduled, user, request) -> dict:
    """A value of the `activities` object of `/api/blocks/<id>`."""
    activity = scheduled.activity
    restricted_for_user = is_restricted_for(activity, user)
    signed_up = scheduled.signups.filter(user=user).exists()
    sponsors = [sponsor.name for sponsor in activity.sponsors.all()]
    roster_url = absolute_url(request, "api_scheduled_activity", scheduled.id)
    return {
        "id": activity.id,
        "aid": activity.id,
        "scheduled_activity": {"id": scheduled.id, "url": roster_url},
        "url": absolute_url(request, "api_activity_detail", activity.id),
        "name": activity.name,
        "name_with_flags": flagged_name(activity, activity.restricted),
        # NOTE: that the user's variant shows " (R)" only when the activity
        # is restricted for this user is a guess.
        "name_with_flags_for_user": flagged_name(activity, restricted_for_user),
        "description": activity.description,
        "title": scheduled.title,
        "comments": scheduled.comments,
        "cancelled": scheduled.cancelled,
        "favorited": activity.favorites.filter(pk=user.pk).exists(),
        "subscribed_to": False,
        "subscriptions_enabled": False,
        "roster": {"count": scheduled.signups.count(), "capacity": scheduled.get_capacity(), "url": roster_url},
        "rooms": [room.name for room in activity.rooms.all()],
        # NOTE: null for an activity without sponsors is a guess; Ion
        # documents the field only as a list of names or null.
        "sponsors": sponsors or None,
        "restricted": activity.restricted,
        "restricted_for_user": restricted_for_user,
        "both_blocks": activity.both_blocks,
        "one_a_day": activity.one_a_day,
        "special": activity.special,
        "administrative": activity.administrative,
        "presign": activity.presign,
        "presign_time": presign_time(scheduled.block),
        "sticky": activity.sticky,
        "user_sticky": activity.sticky and signed_up,
        "finance": "",
        "display_text": "",
        "waitlist_count": 0,
        "waitlisted": False,
        "waitlist_position": 0,
        "is_recommended": False,
    }


def block_detail(block, user, request) -> dict:
    """`/api/blocks/<id>`. `activities` is keyed by activity id as a string,
    non-administrative activities first, then by name."""
    scheduled = sorted(
        block.scheduled_activities.select_related("activity", "block"),
        key=lambda item: (item.activity.administrative, item.activity.name),
    )
    return {
        "id": block.id,
        "activities": {str(item.activity.id): block_activity(item, user, request) for item in scheduled},
        "date": block.date.isoformat(),
        "block_letter": block.block_letter,
        "comments": block.comments,
    }


def activity_summary(activity, request) -> dict:
    """An item of `/api/activities`."""
    return {"id": activity.id, "url": absolute_url(request, "api_activity_detail", activity.id), "name": activity.name}


def activity_detail(activity, request) -> dict:
    """`/api/activities/<id>`. `scheduled_on` lists every block the activity
    was ever scheduled on, keyed by block id."""
    scheduled_on = {}
    for scheduled in activity.scheduled_activities.select_related("block").order_by("block__date", "block__block_letter"):
        block = scheduled.block
        scheduled_on[str(block.id)] = {
            "id": block.id,
            "date": block.date.isoformat(),
            "block_letter": block.block_letter,
            "url": absolute_url(request, "api_block_detail", block.id),
            "roster": {"id": scheduled.id, "url": absolute_url(request, "api_scheduled_activity", scheduled.id)},
        }
    return {
        "id": activity.id,
        "name": activity.name,
        "description": activity.description,
        "administrative": activity.administrative,
        "restricted": activity.restricted,
        "presign": activity.presign,
        "one_a_day": activity.one_a_day,
        "both_blocks": activity.both_blocks,
        "sticky": activity.sticky,
        "special": activity.special,
        "scheduled_on": scheduled_on,
    }


def signup(signup, request) -> dict:
    """An item of `GET /api/signups/user`.

    NOTE: that `activity.title` is the activity's name is a guess."""
    scheduled = signup.scheduled_activity
    block = scheduled.block
    activity = scheduled.activity
    return {
        "id": signup.id,
        "block": {
            "id": block.id,
            "date": block.date.isoformat(),
            "url": absolute_url(request, "api_block_detail", block.id),
            "block_letter": block.block_letter,
        },
        "activity": {"id": activity.id, "title": activity.name, "url": absolute_url(request, "api_activity_detail", activity.id)},
        "scheduled_activity": scheduled.id,
        "user": signup.user_id,
    }


def scheduled_activity_roster(scheduled, user, request) -> dict:
    """`/api/signups/scheduled_activity/<id>`. Members are limited to those
    the requester may see.

    NOTE: which members Ion shows is unconfirmed. Here teachers, counselors
    and eighth admins see everyone, and anyone else only themselves."""
    block = scheduled.block
    activity = scheduled.activity
    signups = scheduled.signups.select_related("user").order_by("user__last_name", "user__first_name")
    members = [
        {
            "id": item.user.id,
            "full_name": item.user.full_name,
            "username": item.user.username,
            "url": absolute_url(request, "api_profile_detail", item.user.id),
        }
        for item in signups
        if user.sees_student_ids or item.user_id == user.id
    ]
    return {
        "id": scheduled.id,
        "name": activity.name,
        "block": {"id": block.id, "date": block.date.isoformat(), "url": absolute_url(request, "api_block_detail", block.id)},
        "activity": {"id": activity.id, "title": activity.name, "url": absolute_url(request, "api_activity_detail", activity.id)},
        "signups": {"members": members, "count": len(signups), "viewable_count": len(members)},
        "capacity": scheduled.get_capacity(),
    }
