"""`/api/profile…` and `/api/search/<query>`, rewritten from the documented
behaviour of Ion's (tjcsl/ion intranet/apps/users/api.py for profiles)."""

import operator
from functools import reduce

from django.contrib.auth import get_user_model
from django.db.models import Q
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from standin.api.pagination import IonPagination
from standin.api.permissions import IsUnrestrictedUser
from standin.api.renderers import JPEGRenderer

from . import pictures, serializers
from .models import GRADE_NAMES, RESTRICTED_USER_TYPES

PHOTO_YEARS = ("freshman", "sophomore", "junior", "senior", "staff")


def find_user(user_id=None, username=None):
    """The user a URL names: numeric segments are ids, others usernames
    (case-insensitive). A missing user raises DoesNotExist, which Ion's
    handler turns into 404 {"details": ["Object does not exist (in database)."]}."""
    users = get_user_model().objects
    if user_id is not None:
        return users.get(pk=user_id)
    return users.get(username__iexact=username)


class ProfileView(APIView):
    """`/api/profile` and `/api/profile/<id or username>`. Needs only an
    authenticated user, so restricted users can read their own profile."""

    def get(self, request, user_id=None, username=None):
        if user_id is None and username is None:
            return Response(serializers.profile(request.user, request))

        user = find_user(user_id, username)
        if user != request.user:
            if not request.user.oauth_and_api_access:
                raise PermissionDenied()
            if request.user.is_restricted:
                # Ion returns 404 when a restricted user requests someone
                # else's profile. NOTE: the `details` body of a missing
                # user is a guess.
                raise get_user_model().DoesNotExist()
        return Response(serializers.profile(user, request))


def photo_years_of(user) -> list[str]:
    """Return the photo years with a photo of `user`: one per grade so far for
    students, `staff` for teachers and counselors, and none for other users."""
    if not user.has_photo:
        return []
    if user.is_staff_member:
        return ["staff"]
    if user.user_type == "student":
        number = user.grade["number"]
        return [GRADE_NAMES[grade] for grade in range(9, min(number, 12) + 1) if grade in GRADE_NAMES]
    return []


class ProfilePictureView(APIView):
    """`/api/profile/<id|username>/picture[/<photo_year>]`: image bytes, always
    labelled image/jpeg. Without a photo for that year, Ion's default
    picture, which is a PNG."""

    permission_classes = (IsUnrestrictedUser,)
    renderer_classes = (JPEGRenderer,)

    def get(self, request, user_id=None, username=None, photo_year=None):
        user = find_user(user_id, username)
        years = photo_years_of(user)
        if photo_year is None:
            photo_year = years[-1] if years else None
        if photo_year in PHOTO_YEARS and photo_year in years:
            return Response(pictures.photo_jpeg(user.id, photo_year))
        return Response(pictures.default_picture_png())


def search_filter(query: str) -> Q:
    """Ion's search syntax, simplified: `+` or spaces separate words, every
    word must match (username, first, last or nickname, case-insensitive, or
    the id for a number), and `OR` between words separates alternatives.

    NOTE: Ion's search supports more syntax than this, but only `+` and `OR`
    are documented for its API."""
    alternatives = []
    for alternative in " ".join(query.replace("+", " ").split()).split(" OR "):
        words = alternative.split()
        if not words:
            continue
        conditions = []
        for word in words:
            condition = (
                Q(username__icontains=word)
                | Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(nickname__icontains=word)
            )
            if word.isdigit():
                condition |= Q(pk=int(word))
            conditions.append(condition)
        alternatives.append(reduce(operator.and_, conditions))
    if not alternatives:
        return Q(pk__in=[])
    return reduce(operator.or_, alternatives)


class SearchView(APIView):
    """`/api/search/<query>`: users ordered by id, 50 a page. Restricted users
    (alumni, service accounts) are left out.

    NOTE: leaving restricted users out of results is a guess."""

    permission_classes = (IsUnrestrictedUser,)

    def get(self, request, query):
        users = (
            get_user_model()
            .objects.filter(search_filter(query), is_active=True)
            .exclude(user_type__in=RESTRICTED_USER_TYPES)
            .order_by("id")
        )
        paginator = IonPagination()
        page = paginator.paginate_queryset(users, request, view=self)
        return paginator.get_paginated_response([serializers.search_result(user, request) for user in page])
