from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "standin.users"
    label = "users"
