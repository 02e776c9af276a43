"""The relations benchmark's tasks list (Tests/Benchmarks/relations.py): DRF's side of
Tests/Benchmarks/relations-bench, over the part-2 models (Tag, Project, Task in models.py).

Each task with its project's name, the project's account's name, its assignee's username and its
tags' slugs; the to-one relations through select_related, the tags through prefetch_related.
Anyone, no authentication, pages of 100 (`?page_size=10` for smaller ones), ordered by id.
"""
from rest_framework import permissions, serializers, viewsets

from .models import Task
from .pagination import PageNumberPagination


class TaskPagination(PageNumberPagination):
    page_size = 100


class TaskSerializer(serializers.ModelSerializer):
    project = serializers.ReadOnlyField(source="project_id")
    project_name = serializers.ReadOnlyField(source="project.name")
    account_name = serializers.ReadOnlyField(source="project.account.name")
    assignee = serializers.SlugRelatedField(read_only=True, slug_field="username")  # null when unassigned
    tags = serializers.SlugRelatedField(many=True, read_only=True, slug_field="slug")

    class Meta:
        model = Task
        fields = ["id", "project", "project_name", "account_name", "title", "assignee", "tags", "priority",
                  "done", "created"]
        read_only_fields = fields


class TaskViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = (Task.objects.order_by("id").select_related("project", "project__account", "assignee")
                .prefetch_related("tags"))
    serializer_class = TaskSerializer
    pagination_class = TaskPagination
    authentication_classes = []
    permission_classes = [permissions.AllowAny]
