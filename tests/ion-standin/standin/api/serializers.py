"""Ion's JSON shapes, field for field and in Ion's order."""

from django.urls import reverse


def user_summary(user, request) -> dict | None:
    """A user nested in another object (`counselor`, `administrator`)."""
    if user is None:
        return None
    return {
        "id": user.id,
        "url": request.build_absolute_uri(reverse("api_profile_detail", args=[user.id])),
        "user_type": user.user_type,
        "username": user.username,
        "full_name": user.full_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
    }


def profile(user, request) -> dict:
    """`/api/profile[/<id|username>]`. `student_id` is left out, as Ion does
    for requesters that are not teachers, counselors or eighth admins."""
    return {
        "id": user.id,
        "ion_username": user.username,
        "sex": user.sex,
        "title": user.title,
        "display_name": user.full_name,
        "full_name": user.full_name,
        "short_name": user.short_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "nickname": user.nickname,
        "tj_email": user.tj_email,
        "grade": user.grade,
        "graduation_year": user.graduation_year,
        "user_type": user.user_type,
        "counselor": user_summary(user.counselor, request),
        "administrator": None,
        "picture": request.build_absolute_uri(reverse("api_profile_picture", args=[user.id])),
        "is_eighth_admin": user.is_eighth_admin,
        "is_teacher": user.user_type == "teacher",
        "is_student": user.user_type == "student",
    }
