"""Ion's page sizes. `next` and `previous` are absolute URLs built from the
request's scheme and host, with its other query parameters kept."""

from rest_framework.pagination import PageNumberPagination


class IonPagination(PageNumberPagination):
    page_size = 50


class BlockPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


class SchedulePagination(PageNumberPagination):
    page_size = 1
    page_size_query_param = "page_size"
    max_page_size = 7
