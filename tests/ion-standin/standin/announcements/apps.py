from django.apps import AppConfig


class AnnouncementsConfig(AppConfig):
    name = "standin.announcements"
    label = "announcements"
