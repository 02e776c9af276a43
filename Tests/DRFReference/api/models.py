"""Models over the reference API's tables (shared/spec/reference-api.md and reference-api-2.md,
"Schema").

The tables belong to the migrations in migrations/: every model is
`managed = False`, so Django never creates or alters them.
"""
import secrets
import uuid

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.hashers import check_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone


class User(AbstractBaseUser):
    """The `users` table: Django's user columns, without groups and permissions."""

    username = models.CharField(
        max_length=150,
        unique=True,
        validators=[UnicodeUsernameValidator()],
        error_messages={"unique": "A user with that username already exists."},
    )
    email = models.EmailField(max_length=254, blank=True)
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = BaseUserManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"

    class Meta:
        managed = False
        db_table = "users"

    def check_password(self, raw_password):
        # The spec: hashes are verified with the iterations they carry and never rehashed on
        # login (AbstractBaseUser.check_password would upgrade them and save).
        return check_password(raw_password, self.password)


class Token(models.Model):
    """The `auth_tokens` table, in the shape of rest_framework.authtoken's Token."""

    key = models.CharField(max_length=40, primary_key=True)
    user = models.OneToOneField(User, related_name="token", on_delete=models.CASCADE)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        managed = False
        db_table = "auth_tokens"

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = secrets.token_hex(20)
        return super().save(*args, **kwargs)


class Account(models.Model):
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True, default="")
    owner = models.ForeignKey(User, related_name="owned_accounts", on_delete=models.CASCADE)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        managed = False
        db_table = "accounts"


class AccountMember(models.Model):
    pk = models.CompositePrimaryKey("account_id", "user_id")
    account = models.ForeignKey(Account, related_name="memberships", on_delete=models.CASCADE)
    user = models.ForeignKey(User, related_name="memberships", on_delete=models.CASCADE)
    is_admin = models.BooleanField(default=False)

    class Meta:
        managed = False
        db_table = "account_members"


class Note(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, default="")
    author = models.ForeignKey(User, related_name="notes", on_delete=models.CASCADE)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        managed = False
        db_table = "notes"


# Part 2 (shared/spec/reference-api-2.md, "Schema"): tags, projects, tasks and Django's join
# table of a task's tags (migrations/0002_projects.sql). `on_delete` is what the schema's
# foreign keys say, so Django's collector does in Python what PostgreSQL would do anyway.


class Tag(models.Model):
    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        managed = False
        db_table = "tags"
        ordering = ["slug"]  # a task's tags render in slug order (prefetch_related keeps it)


class Project(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        ACTIVE = "active", "Active"
        DONE = "done", "Done"

    # The column's DEFAULT gen_random_uuid() is for other writers; Django makes the key itself.
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    account = models.ForeignKey(Account, related_name="projects", on_delete=models.CASCADE)
    name = models.CharField(max_length=100)
    lead = models.ForeignKey(User, null=True, blank=True, related_name="led_projects", on_delete=models.SET_NULL)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PLANNED)
    budget = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    starts = models.DateField(null=True, blank=True)
    ends = models.DateField(null=True, blank=True)
    settings = models.JSONField(default=dict, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        managed = False
        db_table = "projects"
        unique_together = [("account", "name")]


class Task(models.Model):
    class Priority(models.IntegerChoices):
        HIGH = 1, "high"
        NORMAL = 2, "normal"
        LOW = 3, "low"

    project = models.ForeignKey(Project, related_name="tasks", on_delete=models.CASCADE)
    title = models.CharField(max_length=200)
    assignee = models.ForeignKey(User, null=True, blank=True, related_name="tasks", on_delete=models.SET_NULL)
    priority = models.SmallIntegerField(choices=Priority.choices, default=Priority.NORMAL)
    done = models.BooleanField(default=False)
    due = models.DateField(null=True, blank=True)
    estimate = models.DurationField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    # The join table Django makes for this field is the schema's task_tags (id, task_id, tag_id).
    tags = models.ManyToManyField(Tag, related_name="tasks", blank=True, db_table="task_tags")

    class Meta:
        managed = False
        db_table = "tasks"


class Session(AbstractBaseSession):
    """Django's session model over migrations/0003_sessions.sql's `sessions` table (the
    `django_session` layout under another name), for SessionAuthentication (api/sessions.py)."""

    class Meta:
        managed = False
        db_table = "sessions"
