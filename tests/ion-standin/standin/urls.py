from django.contrib.auth import views as auth_views
from django.urls import include, path

from standin.api import views as api

urlpatterns = [
    path("login", auth_views.LoginView.as_view(template_name="login.html"), name="login"),
    path("logout", auth_views.LogoutView.as_view(next_page="/login"), name="logout"),
    path("oauth/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("api", api.ApiRoot.as_view(), name="api_root"),
    path("api/profile", api.ProfileView.as_view(), name="api_profile"),
    path("api/profile/<int:user_id>", api.ProfileView.as_view(), name="api_profile_detail"),
    path("api/profile/<int:user_id>/picture", api.ProfilePictureView.as_view(), name="api_profile_picture"),
    path("api/profile/<str:username>", api.ProfileView.as_view(), name="api_profile_by_username"),
]
