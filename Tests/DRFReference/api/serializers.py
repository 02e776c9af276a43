from rest_framework import serializers

from .models import Account, Note, Project, Tag, Task, User


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["url", "id", "username", "email", "first_name", "last_name", "is_staff",
                  "last_login", "date_joined"]
        read_only_fields = ["last_login", "date_joined"]


class PasswordSerializer(serializers.Serializer):
    password = serializers.CharField(min_length=8, max_length=128)


class AccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = Account
        fields = ["url", "id", "name", "description", "owner", "created"]
        read_only_fields = ["owner", "created"]


class PublicAccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = Account
        fields = ["id", "name", "description", "owner", "created"]
        read_only_fields = ["owner", "created"]


class AddMemberSerializer(serializers.Serializer):
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    is_admin = serializers.BooleanField(default=False)


class NoteSerializer(serializers.ModelSerializer):
    author = serializers.ReadOnlyField(source="author.username")

    class Meta:
        model = Note
        fields = ["id", "title", "body", "author", "created"]
        read_only_fields = ["created"]


# Part 2 (shared/spec/reference-api-2.md): tags, projects, tasks.


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["url", "slug", "name"]
        extra_kwargs = {"url": {"lookup_field": "slug"}}


class LeadSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username"]


class AdminAccountField(serializers.PrimaryKeyRelatedField):
    """An account of which the requesting user is an admin member."""

    def get_queryset(self):
        user = self.context["request"].user
        return Account.objects.filter(memberships__user=user, memberships__is_admin=True)


class ProjectSerializer(serializers.ModelSerializer):
    account = AdminAccountField()
    account_name = serializers.ReadOnlyField(source="account.name")
    lead = LeadSerializer(read_only=True)
    lead_id = serializers.PrimaryKeyRelatedField(
        source="lead", queryset=User.objects.all(), write_only=True, required=False, allow_null=True)
    # Annotated by the viewset's queryset; a created project has none yet.
    task_count = serializers.IntegerField(read_only=True, default=0)
    open_task_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Project
        fields = ["url", "id", "account", "account_name", "name", "lead", "lead_id", "status", "budget", "starts",
                  "ends", "settings", "task_count", "open_task_count", "created", "updated"]
        extra_kwargs = {"budget": {"min_value": 0}}

    def validate(self, attrs):
        # A partial update checks the dates it leaves as they are too.
        starts = attrs.get("starts", getattr(self.instance, "starts", None))
        ends = attrs.get("ends", getattr(self.instance, "ends", None))
        if starts is not None and ends is not None and ends < starts:
            raise serializers.ValidationError("The project cannot end before it starts.")
        return attrs


class AdminProjectField(serializers.HyperlinkedRelatedField):
    """A project of an account of which the requesting user is an admin member."""

    view_name = "project-detail"

    def get_queryset(self):
        user = self.context["request"].user
        return Project.objects.filter(account__memberships__user=user, account__memberships__is_admin=True)


class TaskSerializer(serializers.ModelSerializer):
    project = AdminProjectField()
    project_name = serializers.ReadOnlyField(source="project.name")
    assignee = serializers.SlugRelatedField(
        slug_field="username", queryset=User.objects.filter(is_active=True), required=False, allow_null=True)
    tags = serializers.SlugRelatedField(slug_field="slug", queryset=Tag.objects.all(), many=True, required=False)
    priority_display = serializers.CharField(source="get_priority_display", read_only=True)

    class Meta:
        model = Task
        fields = ["url", "id", "project", "project_name", "title", "assignee", "tags", "priority",
                  "priority_display", "done", "due", "estimate", "created"]


class ProjectSummarySerializer(serializers.Serializer):
    count = serializers.IntegerField()
    by_status = serializers.DictField(child=serializers.IntegerField())
    budget_total = serializers.DecimalField(max_digits=None, decimal_places=2)
