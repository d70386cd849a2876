"""Ion's bell schedule, as its API exposes it: a Day has a DayType, and a
DayType lists its blocks with start and end times."""

from django.db import models


class DayType(models.Model):
    # HTML: Ion renders day type names unescaped, e.g. "NO SCHOOL<br>".
    name = models.CharField(max_length=100)
    special = models.BooleanField(default=False)


class ScheduleBlock(models.Model):
    day_type = models.ForeignKey(DayType, on_delete=models.CASCADE, related_name="blocks")
    order = models.IntegerField()
    name = models.CharField(max_length=100)
    start = models.TimeField()
    end = models.TimeField()

    class Meta:
        ordering = ["order"]


class Day(models.Model):
    date = models.DateField(unique=True)
    day_type = models.ForeignKey(DayType, on_delete=models.CASCADE)

    class Meta:
        ordering = ["date"]
