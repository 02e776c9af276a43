from rest_framework import permissions

from .models import AccountMember


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
