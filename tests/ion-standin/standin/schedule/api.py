"""`/api/schedule[/<date>]` (tjcsl/ion intranet/apps/schedule/api.py),
rewritten from its documented behaviour. Both are open to anyone."""

import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils import timezone
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from standin.api.formats import absolute_url, hour_minute
from standin.api.pagination import SchedulePagination

from .models import Day, DayType

# The day Ion makes up for a date without a Day record. `special` is the
# model default.
NO_SCHOOL_NAME = "NO SCHOOL<br>"


def serialize_day(date: datetime.date, day_type: DayType | None, request) -> dict:
    if day_type is None:
        day_type_body = {"name": NO_SCHOOL_NAME, "special": False, "blocks": []}
    else:
        day_type_body = {
            "name": day_type.name,
            "special": day_type.special,
            "blocks": [
                {"order": block.order, "name": block.name, "start": hour_minute(block.start), "end": hour_minute(block.end)}
                for block in day_type.blocks.all()
            ],
        }
    return {"url": absolute_url(request, "api_schedule_day", date.isoformat()), "date": date.isoformat(), "day_type": day_type_body}


class ScheduleListView(APIView):
    """Days with a Day record from today on, one a page (`?page_size=` up to 7).
    Like Ion, "today" is the UTC date, so from 19:00 or 20:00 Eastern the
    list starts tomorrow."""

    permission_classes = (AllowAny,)

    def get(self, request):
        utc_today = timezone.now().astimezone(datetime.timezone.utc).date()
        days = Day.objects.filter(date__gte=utc_today).select_related("day_type").prefetch_related("day_type__blocks")
        paginator = SchedulePagination()
        page = paginator.paginate_queryset(days, request, view=self)
        return paginator.get_paginated_response([serialize_day(day.date, day.day_type, request) for day in page])


class ScheduleDayView(APIView):
    permission_classes = (AllowAny,)

    def get(self, request, date):
        try:
            parsed = models.DateField().to_python(date)
        except DjangoValidationError as exc:
            # The message is the Python list rendering of Django's date
            # error, wrapped in a one-string array.
            # NOTE: Ion's exact text for a malformed date is unconfirmed.
            raise ValidationError(str(exc)) from None
        day = Day.objects.filter(date=parsed).select_related("day_type").first()
        return Response(serialize_day(parsed, day.day_type if day else None, request))
