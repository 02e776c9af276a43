"""Models over the reference API's tables (shared/spec/reference-api.md, "Schema").

The tables belong to the migrations in migrations/: every model is
`managed = False`, so Django never creates or alters them.
"""
import secrets

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.hashers import check_password
from django.contrib.auth.validators import UnicodeUsernameValidator
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


# The relations benchmark's fixture (Tests/Benchmarks/relations.sql): the part-2 spec's tags,
# projects and tasks, trimmed to what the benchmark's tasks list reads (api/bench.py). Their keys
# to User and Account are DO_NOTHING: deleting a user or an account must not make Django's
# collector query these tables, which only the benchmark's database has (the schema's ON DELETE
# does the work there).


class Tag(models.Model):
    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        managed = False
        db_table = "tags"
        ordering = ["slug"]


class Project(models.Model):
    id = models.UUIDField(primary_key=True)
    account = models.ForeignKey(Account, on_delete=models.DO_NOTHING)
    name = models.CharField(max_length=100)
    lead = models.ForeignKey(User, null=True, on_delete=models.DO_NOTHING, related_name="led_projects")

    class Meta:
        managed = False
        db_table = "projects"


class Task(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(max_length=200)
    assignee = models.ForeignKey(User, null=True, on_delete=models.DO_NOTHING, related_name="tasks")
    priority = models.SmallIntegerField(default=2)
    done = models.BooleanField(default=False)
    created = models.DateTimeField(auto_now_add=True)
    tags = models.ManyToManyField(Tag, through="TaskTag", related_name="tasks")

    class Meta:
        managed = False
        db_table = "tasks"


class TaskTag(models.Model):
    """The join table as Django makes it for a ManyToManyField (`task_tags`)."""
    task = models.ForeignKey(Task, on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE)

    class Meta:
        managed = False
        db_table = "task_tags"
        unique_together = [("task", "tag")]
