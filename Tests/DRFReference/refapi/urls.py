"""URL conf: a DefaultRouter at /api/ and the token view beside it; /bench/: the relations
benchmark's fixture (api/bench.py)."""
from django.urls import include, path
from rest_framework.routers import DefaultRouter

from api import bench, views

router = DefaultRouter()
router.register("users", views.UserViewSet)
router.register("simple-users", views.SimpleUserViewSet, basename="simple-user")
router.register("accounts", views.AccountViewSet, basename="account")
router.register("public-accounts", views.PublicAccountViewSet, basename="public-account")
router.register("notes", views.NoteViewSet)
# Part 2 (shared/spec/reference-api-2.md).
router.register("tags", views.TagViewSet, basename="tag")
router.register("projects", views.ProjectViewSet, basename="project")
router.register("tasks", views.TaskViewSet, basename="task")

# The relations benchmark's fixture (api/bench.py), apart from the reference API.
bench_router = DefaultRouter()
bench_router.register("tasks", bench.TaskViewSet, basename="bench-task")  # not the API's task-detail

urlpatterns = [
    path("api/", include(router.urls)),
    path("api/auth-token/", views.ObtainAuthToken.as_view()),
    path("api/auth/", include("rest_framework.urls")),  # login/ and logout/ (sessions)
    path("bench/", include(bench_router.urls)),
]
