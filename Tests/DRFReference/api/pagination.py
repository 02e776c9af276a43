"""Paginators with the limits of the spec's settings."""
from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    max_limit = 100


class NoteCursorPagination(pagination.CursorPagination):
    ordering = "-id"
