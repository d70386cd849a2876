"""`/api/announcements[/<id>]`, rewritten from the documented behaviour of
Ion's (tjcsl/ion intranet/apps/announcements/serializers.py for the shape)."""

from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from standin.api.formats import absolute_url, iso_utc
from standin.api.pagination import IonPagination
from standin.api.permissions import IsUnrestrictedUser

from .models import Announcement


def serialize(announcement, request) -> dict:
    return {
        "url": absolute_url(request, "api_announcement_detail", announcement.id),
        "id": announcement.id,
        "title": announcement.title,
        "content": announcement.content,
        "author": announcement.author,
        "user": announcement.user_id,
        "added": iso_utc(announcement.added),
        "updated": iso_utc(announcement.updated),
        "groups": sorted(group.id for group in announcement.groups.all()),
        "pinned": announcement.pinned,
    }


def visible_announcements(request):
    return Announcement.objects.visible_to(request.user).prefetch_related("groups").order_by("-pinned", "-added", "-id")


class AnnouncementListView(APIView):
    """Pinned first, then newest `added`, 50 a page."""

    permission_classes = (IsUnrestrictedUser,)

    def get(self, request):
        paginator = IonPagination()
        page = paginator.paginate_queryset(visible_announcements(request), request, view=self)
        return paginator.get_paginated_response([serialize(announcement, request) for announcement in page])


class AnnouncementDetailView(APIView):
    """A missing or invisible id is a 404 with DRF's message for a missing
    object, "No Announcement matches the given query."."""

    permission_classes = (IsUnrestrictedUser,)

    def get(self, request, announcement_id):
        announcement = get_object_or_404(visible_announcements(request), pk=announcement_id)
        return Response(serialize(announcement, request))
