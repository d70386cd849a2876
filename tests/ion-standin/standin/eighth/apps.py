from django.apps import AppConfig


class EighthConfig(AppConfig):
    name = "standin.eighth"
    label = "eighth"
