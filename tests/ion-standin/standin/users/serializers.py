"""Ion's user JSON shapes, field for field and in Ion's order
(tjcsl/ion intranet/apps/users/serializers.py, trimmed in users/api.py)."""

from standin.api.formats import absolute_url


def user_summary(user, request) -> dict | None:
    """A user nested in another object (`counselor`, `administrator`)."""
    if user is None:
        return None
    return {
        "id": user.id,
        "url": absolute_url(request, "api_profile_detail", user.id),
        "user_type": user.user_type,
        "username": user.username,
        "full_name": user.full_name,
        "first_name": user.first_name,
        "last_name": user.last_name,
    }


def profile(user, request) -> dict:
    """`/api/profile[/<id|username>]`. `student_id` appears only when the
    requester is a teacher, counselor or eighth-period admin."""
    body = {
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
    }
    if request.user.sees_student_ids:
        body["student_id"] = user.student_id
    body.update(
        {
            "grade": user.grade,
            "graduation_year": user.graduation_year,
            "user_type": user.user_type,
            "counselor": user_summary(user.counselor, request),
            "administrator": None,
            "picture": absolute_url(request, "api_profile_picture", user.id),
            "is_eighth_admin": user.is_eighth_admin,
            "is_teacher": user.user_type == "teacher",
            "is_student": user.user_type == "student",
        }
    )
    return body


def search_result(user, request) -> dict:
    """One `/api/search/<query>` result. `grade` is present for students only.

    NOTE: that `grade` is the same {number, name} object as in profiles is a
    guess."""
    body = user_summary(user, request)
    if user.user_type == "student":
        body["grade"] = user.grade
    return body
