from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    name = "standin.schedule"
    label = "schedule"
