from django.apps import AppConfig


class OAuthConfig(AppConfig):
    name = "standin.oauth"
    label = "oauth"
