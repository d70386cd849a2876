"""Ion's announcements, reduced to the fields its API exposes."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import Q


class AnnouncementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public announcements (no groups) plus those of the user's groups.
        Ion filters neither expired nor user-hidden announcements out."""
        return self.filter(Q(groups__isnull=True) | Q(groups__in=user.groups.all())).distinct()


class Announcement(models.Model):
    title = models.CharField(max_length=127)
    # HTML. Ion cleans only announcements posted through its web form, so
    # the API can return any markup.
    content = models.TextField()
    author = models.CharField(max_length=63, null=True, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    added = models.DateTimeField()
    updated = models.DateTimeField()
    groups = models.ManyToManyField(Group, blank=True)
    pinned = models.BooleanField(default=False)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        ordering = ["-pinned", "-added"]
