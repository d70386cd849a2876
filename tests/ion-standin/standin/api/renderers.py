from rest_framework.renderers import BaseRenderer


class JPEGRenderer(BaseRenderer):
    """The only renderer of Ion's picture endpoint: it passes image bytes
    through, labelled image/jpeg whatever their real format.

    NOTE: Ion's error bodies here are unconfirmed. This renderer returns error
    data unchanged as a simple pass-through renderer would, so Django writes
    the keys of the error dict: a 403 or 404 body is the bare text `detail`
    or `details`, still labelled image/jpeg."""

    media_type = "image/jpeg"
    format = "jpg"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data
