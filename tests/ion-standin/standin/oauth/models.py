"""Ion's OAuth application model (tjcsl/ion intranet/apps/oauth/models.py):
registration offers only the authorization-code and client-credentials
grants, but a row stored as implicit outside the form is served normally."""

from django.db import models
from oauth2_provider.models import AbstractApplication


class CSLApplication(AbstractApplication):
    GRANT_TYPES = (
        (AbstractApplication.GRANT_AUTHORIZATION_CODE, "Authorization code"),
        (AbstractApplication.GRANT_CLIENT_CREDENTIALS, "Client credentials"),
    )

    authorization_grant_type = models.CharField(max_length=32, choices=GRANT_TYPES)
    sanctioned = models.BooleanField(default=False)

    def save(self, *args, **kwargs):
        if self.sanctioned:
            self.skip_authorization = True
        super().save(*args, **kwargs)
