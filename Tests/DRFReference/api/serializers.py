from rest_framework import serializers

from .models import Account, Note, User


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
