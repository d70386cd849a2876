"""Ion's value formats on the wire."""

import datetime

from django.urls import reverse
from rest_framework.exceptions import ValidationError


def iso_utc(value: datetime.datetime) -> str:
    """ISO 8601 in UTC with a `Z`, with microseconds only when non-zero
    (DRF's format with Ion's UTC output)."""
    text = value.astimezone(datetime.timezone.utc).replace(tzinfo=None).isoformat()
    return text + "Z"


def hour_minute(value: datetime.time) -> str:
    """`H:MM`, 24-hour, hour not zero-padded: "8:40", "13:05"."""
    return f"{value.hour}:{value.minute:02d}"


def absolute_url(request, name: str, *args) -> str:
    return request.build_absolute_uri(reverse(name, args=args))


def parse_query_date(request, parameter: str) -> datetime.date | None:
    """The `YYYY-MM-DD` date in query parameter `parameter`, or None when
    absent. An invalid date is a 400 whose body is a bare array, such as
    ["Invalid format for date."]."""
    text = request.query_params.get(parameter)
    if text is None:
        return None
    try:
        return datetime.datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        raise ValidationError(f"Invalid format for {parameter}.") from None


def school_year_bounds(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The school year containing `today`, August 1 to July 31, as Ion's
    eighth-period lists count it."""
    start_year = today.year if today.month >= 8 else today.year - 1
    return datetime.date(start_year, 8, 1), datetime.date(start_year + 1, 7, 31)
