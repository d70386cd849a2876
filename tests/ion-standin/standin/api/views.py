"""`/api` and `/api/emerg`, both open to anyone."""

from django.utils import timezone
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from standin.control import state

from .formats import absolute_url
from .permissions import IsAnonymousOrHasApiAccess

# Sections of `/api`: route -> (description, URL name, example arguments).
# NOTE: Ion's section names and descriptions are unconfirmed; the shape,
# sections mapping each route to [description, example absolute URL], is Ion's.
API_INDEX = {
    "profile": {
        "/api/profile": ("Current user profile", "api_profile", ()),
        "/api/profile/<pk>": ("Profile of the user with an id", "api_profile_detail", (1,)),
        "/api/profile/<username>": ("Profile of the user with a username", "api_profile_by_username", ("2027jdoe",)),
        "/api/profile/<pk>/picture": ("Picture of the user with an id", "api_profile_picture", (1,)),
        "/api/profile/<pk>/picture/<photo_year>": (
            "Picture of the user for one photo year",
            "api_profile_picture_year",
            (1, "senior"),
        ),
    },
    "search": {
        "/api/search/<query>": ("Search users", "api_search", ("jane+doe",)),
    },
    "announcements": {
        "/api/announcements": ("List announcements", "api_announcements", ()),
        "/api/announcements/<pk>": ("Announcement with an id", "api_announcement_detail", (1,)),
    },
    "eighth": {
        "/api/blocks": ("List eighth-period blocks", "api_blocks", ()),
        "/api/blocks/<pk>": ("Eighth-period block with its activities", "api_block_detail", (1,)),
        "/api/activities": ("List eighth-period activities", "api_activities", ()),
        "/api/activities/<pk>": ("Eighth-period activity with its blocks", "api_activity_detail", (1,)),
        "/api/signups/user": ("Your eighth-period signups", "api_user_signups", ()),
        "/api/signups/user/<user_id>": ("Eighth-period signups of a user", "api_user_signups_of", (1,)),
        "/api/signups/scheduled_activity/<pk>": ("Roster of a scheduled activity", "api_scheduled_activity", (1,)),
    },
    "schedule": {
        "/api/schedule": ("Bell schedule from today on", "api_schedule", ()),
        "/api/schedule/<date>": ("Bell schedule of a day (YYYY-MM-DD)", "api_schedule_day", (None,)),
    },
    "emergency": {
        "/api/emerg": ("Emergency announcement", "api_emergency", ()),
    },
}


class ApiRoot(APIView):
    """`/api`: open, except to a signed-in user without API access."""

    permission_classes = (IsAnonymousOrHasApiAccess,)

    def get(self, request):
        today = timezone.localdate().isoformat()
        body = {}
        for section, routes in API_INDEX.items():
            body[section] = {}
            for route, (description, name, args) in routes.items():
                example_args = [today if arg is None else arg for arg in args]
                body[section][route] = [description, absolute_url(request, name, *example_args)]
        return Response(body)


class EmergencyView(APIView):
    """`/api/emerg`: {"status": bool|null, "message": str|null}, set through
    the control API or serve.py's --emergency."""

    permission_classes = (AllowAny,)

    def get(self, request):
        status, message = state.emergency.get()
        return Response({"status": status, "message": message})
