from django.contrib.auth import get_user_model
from django.http import Http404
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from . import serializers


class ApiRoot(APIView):
    """`/api`: open, like Ion's; lists the routes with example URLs."""

    permission_classes = (AllowAny,)

    def get(self, request):
        def entry(description, name, *args):
            return [description, reverse(name, args=args, request=request)]

        return Response(
            {
                "profile": {
                    "Current user profile": entry("Current user profile", "api_profile"),
                    "Profile by id": entry("Profile by id", "api_profile_detail", 1),
                },
            }
        )


class ProfileView(APIView):
    """`/api/profile` and `/api/profile/<id or username>`."""

    def get(self, request, user_id=None, username=None):
        User = get_user_model()
        if user_id is None and username is None:
            user = request.user
        else:
            lookup = {"pk": user_id} if user_id is not None else {"username__iexact": username}
            user = User.objects.filter(**lookup).first()
            if user is None:
                return Response({"details": ["Object does not exist (in database)."]}, status=404)
        return Response(serializers.profile(user, request))


class ProfilePictureView(APIView):
    """Placeholder route so that profile `picture` URLs resolve."""

    def get(self, request, user_id):
        raise Http404
