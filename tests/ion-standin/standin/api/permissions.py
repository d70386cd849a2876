"""Ion's API permissions, rewritten from their documented behaviour. The
restricted user types are those of tjcsl/ion intranet/apps/users/models.py."""

from rest_framework.permissions import BasePermission


class IsUnrestrictedUser(BasePermission):
    """Most endpoints: an authenticated user who is not restricted (user types
    user, alum and service) and keeps `oauth_and_api_access`. Anonymous
    requests get DRF's "Authentication credentials were not provided." 403,
    others "You do not have permission to perform this action."."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and not user.is_restricted and user.oauth_and_api_access)


class IsAnonymousOrHasApiAccess(BasePermission):
    """`/api`: open, except to a signed-in user without `oauth_and_api_access`."""

    def has_permission(self, request, view):
        user = request.user
        return not (user and user.is_authenticated) or user.oauth_and_api_access
