"""The viewsets of the reference API (shared/spec/reference-api.md and reference-api-2.md, "Routes")."""
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db.models import Count, F, Q, Sum
from django_filters.rest_framework import DjangoFilterBackend
from django.shortcuts import get_object_or_404
from rest_framework import filters, mixins, parsers, renderers, status, viewsets
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAdminUser, IsAuthenticated, IsAuthenticatedOrReadOnly
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Account, AccountMember, Note, Project, Tag, Task, Token, User
from .pagination import LimitOffsetPagination, NoteCursorPagination
from .permissions import IsAccountAdminOrReadOnly, IsAdminOrIsSelf, IsProjectAdminOrReadOnly, IsStaffOrReadOnly
from .serializers import (AccountSerializer, AddMemberSerializer, NoteSerializer, PasswordSerializer,
                          ProjectSerializer, ProjectSummarySerializer, PublicAccountSerializer, TagSerializer,
                          TaskSerializer, UserSerializer)


class UserViewSet(viewsets.ModelViewSet):
    queryset = User.objects.all().order_by("id")
    serializer_class = UserSerializer

    def get_permissions(self):
        if self.action in ("list", "retrieve", "recent_users"):
            permission_classes = [IsAuthenticated]
        elif self.action in ("set_password", "unset_password", "password", "delete_password"):
            permission_classes = [IsAuthenticated, IsAdminOrIsSelf]
        else:
            permission_classes = [IsAdminUser]
        return [permission() for permission in permission_classes]

    def perform_create(self, serializer):
        serializer.save(password=make_password(None))  # an unusable password

    def _change_password(self, request):
        user = self.get_object()
        serializer = PasswordSerializer(data=request.data)
        if not serializer.is_valid():
            return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
        user.set_password(serializer.validated_data["password"])
        user.save()
        return Response({"status": "password set"})

    @action(detail=True, methods=["post"])
    def set_password(self, request, pk=None, format=None):
        return self._change_password(request)

    @action(detail=True, methods=["post", "delete"])
    def unset_password(self, request, pk=None, format=None):
        user = self.get_object()
        user.set_unusable_password()
        user.save()
        return Response({"status": "password unset"})

    @action(detail=True, methods=["put"], name="Change Password")
    def password(self, request, pk=None, format=None):
        return self._change_password(request)

    @password.mapping.delete
    def delete_password(self, request, pk=None, format=None):
        user = self.get_object()
        user.set_unusable_password()
        user.save()
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=False)
    def recent_users(self, request, format=None):
        users = User.objects.order_by(F("last_login").desc(nulls_last=True), "id")
        page = self.paginate_queryset(users)
        if page is not None:
            return self.get_paginated_response(self.get_serializer(page, many=True).data)
        return Response(self.get_serializer(users, many=True).data)


# A plain ViewSet, as in DRF's documentation: list and retrieve written by hand. (No docstrings
# on the views here: DRF would show them as the OPTIONS description, which the spec has empty.)
class SimpleUserViewSet(viewsets.ViewSet):
    def list(self, request, format=None):
        queryset = User.objects.all().order_by("id")
        serializer = UserSerializer(queryset, many=True, context={"request": request})
        return Response(serializer.data)

    def retrieve(self, request, pk=None, format=None):
        user = get_object_or_404(User.objects.all(), pk=pk)
        serializer = UserSerializer(user, context={"request": request})
        return Response(serializer.data)


class AccountViewSet(viewsets.ModelViewSet):
    serializer_class = AccountSerializer
    permission_classes = [IsAuthenticated, IsAccountAdminOrReadOnly]

    def get_queryset(self):
        return Account.objects.filter(memberships__user=self.request.user).order_by("id")

    def perform_create(self, serializer):
        account = serializer.save(owner=self.request.user)
        AccountMember.objects.create(account=account, user=self.request.user, is_admin=True)

    @action(detail=True)
    def members(self, request, pk=None, format=None):
        account = self.get_object()
        users = User.objects.filter(memberships__account=account).order_by("id")
        page = self.paginate_queryset(users)
        serializer = UserSerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)

    @action(detail=True, methods=["post"], url_path="add-member", url_name="add-member")
    def add_member(self, request, pk=None, format=None):
        account = self.get_object()
        serializer = AddMemberSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        _, created = AccountMember.objects.update_or_create(
            account=account, user=serializer.validated_data["user"],
            defaults={"is_admin": serializer.validated_data["is_admin"]})
        return Response({"status": "member added"},
                        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class PublicAccountViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Account.objects.all()
    serializer_class = PublicAccountSerializer
    permission_classes = [AllowAny]
    pagination_class = LimitOffsetPagination
    filter_backends = [filters.SearchFilter, filters.OrderingFilter]
    search_fields = ["name", "description"]
    ordering_fields = ["name", "created", "id"]
    ordering = ["id"]


# Create, list and retrieve: DRF's documented custom viewset base.
class CreateListRetrieveViewSet(mixins.CreateModelMixin, mixins.ListModelMixin,
                                mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    pass


class NoteViewSet(CreateListRetrieveViewSet):
    queryset = Note.objects.select_related("author")
    serializer_class = NoteSerializer
    permission_classes = [IsAuthenticatedOrReadOnly]
    pagination_class = NoteCursorPagination

    def perform_create(self, serializer):
        serializer.save(author=self.request.user)


# Part 2 (shared/spec/reference-api-2.md, "Routes"): tags, projects, tasks.


class TagViewSet(viewsets.ModelViewSet):
    queryset = Tag.objects.order_by("slug")
    serializer_class = TagSerializer
    permission_classes = [IsAuthenticated, IsStaffOrReadOnly]
    pagination_class = None
    lookup_field = "slug"


class ProjectViewSet(viewsets.ModelViewSet):
    serializer_class = ProjectSerializer
    permission_classes = [IsAuthenticated, IsProjectAdminOrReadOnly]
    filter_backends = [DjangoFilterBackend, filters.SearchFilter, filters.OrderingFilter]
    filterset_fields = {
        "status": ["exact", "in"],
        "budget": ["gte", "lte"],
        "starts": ["gte", "lte"],
        "account": ["exact"],
        "lead__username": ["exact"],
    }
    search_fields = ["name", "account__name"]
    ordering_fields = ["name", "budget", "starts", "task_count", "created"]

    def get_queryset(self):
        return (Project.objects.filter(account__memberships__user=self.request.user)
                .select_related("account", "lead")
                .annotate(task_count=Count("tasks"), open_task_count=Count("tasks", filter=Q(tasks__done=False)))
                .order_by("name", "id"))

    @action(detail=True, pagination_class=LimitOffsetPagination)
    def tasks(self, request, pk=None, format=None):
        project = self.get_object()
        tasks = (project.tasks.select_related("project__account", "assignee").prefetch_related("tags")
                 .order_by("priority", F("due").asc(nulls_last=True), "id"))
        page = self.paginate_queryset(tasks)
        serializer = TaskSerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data)

    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None, format=None):
        project = self.get_object()
        project.status = Project.Status.DONE
        project.save()
        return Response(self.get_serializer(project).data)

    @action(detail=False)
    def summary(self, request, format=None):
        projects = self.filter_queryset(self.get_queryset())
        totals = projects.aggregate(
            count=Count("pk"),
            budget_total=Sum("budget", default=Decimal("0")),
            **{status: Count("pk", filter=Q(status=status)) for status in Project.Status.values})
        summary = {
            "count": totals["count"],
            "by_status": {status: totals[status] for status in Project.Status.values},
            "budget_total": totals["budget_total"],
        }
        return Response(ProjectSummarySerializer(summary).data)


class TaskViewSet(viewsets.ModelViewSet):
    serializer_class = TaskSerializer
    permission_classes = [IsAuthenticated, IsProjectAdminOrReadOnly]
    filter_backends = [DjangoFilterBackend, filters.SearchFilter, filters.OrderingFilter]
    filterset_fields = {
        "done": ["exact"],
        "priority": ["exact", "in"],
        "due": ["lte", "gte", "isnull"],
        "assignee__username": ["exact"],
        "tags__slug": ["exact"],
        "project": ["exact"],
    }
    search_fields = ["title", "project__name"]
    ordering_fields = ["due", "priority", "created", "title", "id"]

    def get_queryset(self):
        return (Task.objects.filter(project__account__memberships__user=self.request.user)
                .select_related("project__account", "assignee")
                .prefetch_related("tags")
                .order_by("id"))


# rest_framework.authtoken.views.ObtainAuthToken over the `auth_tokens` table. DRF's own view
# hard-codes its Token model (table authtoken_token); this is the same view with our Token, under
# the same class name (the view name "Obtain Auth Token" derives from it).
class ObtainAuthToken(APIView):
    throttle_classes = ()
    permission_classes = ()
    parser_classes = (parsers.FormParser, parsers.MultiPartParser, parsers.JSONParser)
    renderer_classes = (renderers.JSONRenderer,)
    serializer_class = AuthTokenSerializer

    def get_serializer_context(self):
        return {"request": self.request, "format": self.format_kwarg, "view": self}

    def get_serializer(self, *args, **kwargs):
        kwargs["context"] = self.get_serializer_context()
        return self.serializer_class(*args, **kwargs)

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, _ = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})
