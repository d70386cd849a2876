from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import include, path

from standin.announcements import api as announcements
from standin.api import views as api
from standin.control import views as control
from standin.eighth import api as eighth
from standin.schedule import api as schedule
from standin.users import api as users
from standin.users.pictures import default_picture_png


def static_logo(request):
    """A public image on the stand-in's own origin, which seeded announcements
    embed to test how the app treats same-origin images."""
    return HttpResponse(default_picture_png(), content_type="image/png")


urlpatterns = [
    path("login", auth_views.LoginView.as_view(template_name="login.html"), name="login"),
    path("logout", auth_views.LogoutView.as_view(next_page="/login"), name="logout"),
    path("oauth/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("static/img/standin-logo.png", static_logo, name="static_logo"),
    # Ion's API. Numeric segments hit the id routes first.
    path("api", api.ApiRoot.as_view(), name="api_root"),
    path("api/profile", users.ProfileView.as_view(), name="api_profile"),
    path("api/profile/<int:user_id>", users.ProfileView.as_view(), name="api_profile_detail"),
    path("api/profile/<int:user_id>/picture", users.ProfilePictureView.as_view(), name="api_profile_picture"),
    path(
        "api/profile/<int:user_id>/picture/<str:photo_year>",
        users.ProfilePictureView.as_view(),
        name="api_profile_picture_year",
    ),
    path("api/profile/<str:username>", users.ProfileView.as_view(), name="api_profile_by_username"),
    path("api/profile/<str:username>/picture", users.ProfilePictureView.as_view()),
    path("api/profile/<str:username>/picture/<str:photo_year>", users.ProfilePictureView.as_view()),
    path("api/search/<str:query>", users.SearchView.as_view(), name="api_search"),
    path("api/announcements", announcements.AnnouncementListView.as_view(), name="api_announcements"),
    path(
        "api/announcements/<int:announcement_id>",
        announcements.AnnouncementDetailView.as_view(),
        name="api_announcement_detail",
    ),
    path("api/blocks", eighth.BlockListView.as_view(), name="api_blocks"),
    path("api/blocks/<int:block_id>", eighth.BlockDetailView.as_view(), name="api_block_detail"),
    path("api/activities", eighth.ActivityListView.as_view(), name="api_activities"),
    path("api/activities/<int:activity_id>", eighth.ActivityDetailView.as_view(), name="api_activity_detail"),
    path("api/signups/user", eighth.UserSignupListView.as_view(), name="api_user_signups"),
    path("api/signups/user/<int:user_id>", eighth.UserSignupListView.as_view(), name="api_user_signups_of"),
    path(
        "api/signups/scheduled_activity/<int:scheduled_activity_id>",
        eighth.ScheduledActivityView.as_view(),
        name="api_scheduled_activity",
    ),
    path("api/schedule", schedule.ScheduleListView.as_view(), name="api_schedule"),
    path("api/schedule/<str:date>", schedule.ScheduleDayView.as_view(), name="api_schedule_day"),
    path("api/emerg", api.EmergencyView.as_view(), name="api_emergency"),
    # The stand-in's control API for tests; not part of Ion.
    path("_standin", control.index, name="control_index"),
    path("_standin/faults", control.faults, name="control_faults"),
    path("_standin/emergency", control.emergency, name="control_emergency"),
    path("_standin/revoke-all", control.revoke_all, name="control_revoke_all"),
]
