"""Ion's eighth-period records, reduced to the fields its API exposes."""

from django.conf import settings
from django.db import models


class EighthRoom(models.Model):
    name = models.CharField(max_length=100)
    capacity = models.IntegerField()


class EighthSponsor(models.Model):
    first_name = models.CharField(max_length=63)
    last_name = models.CharField(max_length=63)

    @property
    def name(self) -> str:
        # NOTE: the "Last, F." form of sponsor names is a guess.
        return f"{self.last_name}, {self.first_name[:1]}."


class EighthActivity(models.Model):
    name = models.CharField(max_length=100)
    # Plain text that activity sponsors type; it may contain markup that a
    # client must not render.
    description = models.CharField(max_length=2000, blank=True)
    sponsors = models.ManyToManyField(EighthSponsor, blank=True)
    rooms = models.ManyToManyField(EighthRoom, blank=True)
    restricted = models.BooleanField(default=False)
    users_allowed = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    favorites = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    presign = models.BooleanField(default=False)
    one_a_day = models.BooleanField(default=False)
    both_blocks = models.BooleanField(default=False)
    sticky = models.BooleanField(default=False)
    special = models.BooleanField(default=False)
    administrative = models.BooleanField(default=False)
    deleted = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]


class EighthBlock(models.Model):
    date = models.DateField()
    block_letter = models.CharField(max_length=10)
    locked = models.BooleanField(default=False)
    comments = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["date", "block_letter"]


class EighthScheduledActivity(models.Model):
    block = models.ForeignKey(EighthBlock, on_delete=models.CASCADE, related_name="scheduled_activities")
    activity = models.ForeignKey(EighthActivity, on_delete=models.CASCADE, related_name="scheduled_activities")
    title = models.CharField(max_length=100, blank=True)
    comments = models.CharField(max_length=255, blank=True)
    cancelled = models.BooleanField(default=False)
    # None means the sum of the activity's room capacities, as on Ion.
    capacity = models.IntegerField(null=True, blank=True)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="EighthSignup", related_name="+")

    class Meta:
        unique_together = [("block", "activity")]

    def get_capacity(self) -> int:
        if self.capacity is not None:
            return self.capacity
        return sum(room.capacity for room in self.activity.rooms.all())


class EighthSignup(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    scheduled_activity = models.ForeignKey(EighthScheduledActivity, on_delete=models.CASCADE, related_name="signups")

    class Meta:
        unique_together = [("user", "scheduled_activity")]
