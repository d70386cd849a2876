"""Eighth-period endpoints `/api/blocks`, `/api/activities` and
`/api/signups/…`, rewritten from the documented behaviour of Ion's. All need
an unrestricted user."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from rest_framework.exceptions import NotFound
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response
from rest_framework.views import APIView

from standin.api.formats import parse_query_date, school_year_bounds
from standin.api.pagination import BlockPagination, IonPagination
from standin.api.permissions import IsUnrestrictedUser

from . import serializers
from .models import EighthActivity, EighthBlock, EighthScheduledActivity, EighthSignup


def filter_by_date(queryset, request, date_field: str, default_order: list[str]):
    """Ion's date filters for blocks and signups: `?date=` that day,
    `?start_date=` that day on (both ordered by id), otherwise this school
    year in `default_order`. An invalid date is a 400 bare array."""
    date = parse_query_date(request, "date")
    start_date = parse_query_date(request, "start_date")
    if date is not None:
        return queryset.filter(**{date_field: date}).order_by("id")
    if start_date is not None:
        return queryset.filter(**{f"{date_field}__gte": start_date}).order_by("id")
    first, last = school_year_bounds(timezone.localdate())
    return queryset.filter(**{f"{date_field}__range": (first, last)}).order_by(*default_order)


class BlockListView(APIView):
    permission_classes = (IsUnrestrictedUser,)

    def get(self, request):
        blocks = filter_by_date(EighthBlock.objects.all(), request, "date", ["date", "block_letter"])
        paginator = BlockPagination()
        page = paginator.paginate_queryset(blocks, request, view=self)
        return paginator.get_paginated_response([serializers.block_summary(block, request) for block in page])


class BlockDetailView(APIView):
    permission_classes = (IsUnrestrictedUser,)

    def get(self, request, block_id):
        block = EighthBlock.objects.filter(pk=block_id).first()
        if block is None:
            raise NotFound()
        return Response(serializers.block_detail(block, request.user, request))


class ActivityListView(APIView):
    """Activities by id, deleted ones left out, 50 a page."""

    permission_classes = (IsUnrestrictedUser,)

    def get(self, request):
        paginator = IonPagination()
        page = paginator.paginate_queryset(EighthActivity.objects.filter(deleted=False).order_by("id"), request, view=self)
        return paginator.get_paginated_response([serializers.activity_summary(activity, request) for activity in page])


class ActivityDetailView(APIView):
    """NOTE: a missing or deleted id gets DRF's message for a missing object;
    Ion's exact body here is unconfirmed."""

    permission_classes = (IsUnrestrictedUser,)

    def get(self, request, activity_id):
        activity = get_object_or_404(EighthActivity.objects.filter(deleted=False), pk=activity_id)
        return Response(serializers.activity_detail(activity, request))


class UserSignupListView(APIView):
    """`GET /api/signups/user[/<user_id>]`: a plain array, not paginated,
    ordered by block date then letter.

    NOTE: every signup counts as private here, so a non-admin requesting
    another user's signups gets []."""

    permission_classes = (IsUnrestrictedUser,)

    def get(self, request, user_id=None):
        user = request.user if user_id is None else get_user_model().objects.get(pk=user_id)
        if user != request.user and not request.user.is_eighth_admin:
            return Response([])
        signups = EighthSignup.objects.filter(user=user).select_related(
            "scheduled_activity__block", "scheduled_activity__activity"
        )
        signups = filter_by_date(
            signups,
            request,
            "scheduled_activity__block__date",
            ["scheduled_activity__block__date", "scheduled_activity__block__block_letter"],
        )
        return Response([serializers.signup(item, request) for item in signups])


class ScheduledActivityView(APIView):
    permission_classes = (IsUnrestrictedUser,)

    def get(self, request, scheduled_activity_id):
        scheduled = get_object_or_404(
            EighthScheduledActivity.objects.select_related("block", "activity"), pk=scheduled_activity_id
        )
        return Response(serializers.scheduled_activity_roster(scheduled, request.user, request))
