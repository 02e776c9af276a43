from rest_framework import permissions

from .models import AccountMember, Project


class IsAdminOrIsSelf(permissions.BasePermission):
    """Object level: staff, or the user itself."""

    def has_object_permission(self, request, view, obj):
        return bool(request.user and (request.user.is_staff or obj == request.user))


class IsAccountAdminOrReadOnly(permissions.BasePermission):
    """Safe methods pass; otherwise the user must be an admin member of the account."""

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return AccountMember.objects.filter(account=obj, user=request.user, is_admin=True).exists()


class IsStaffOrReadOnly(permissions.BasePermission):
    """Tags: everyone signed in reads, only staff write."""

    def has_permission(self, request, view):
        return bool(request.method in permissions.SAFE_METHODS or (request.user and request.user.is_staff))


class IsProjectAdminOrReadOnly(permissions.BasePermission):
    """Projects and tasks, object level: safe methods pass (the queryset holds only the user's
    accounts' rows); writes need an admin membership of the account the object belongs to."""

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        account_id = obj.account_id if isinstance(obj, Project) else obj.project.account_id
        return AccountMember.objects.filter(account_id=account_id, user=request.user, is_admin=True).exists()
