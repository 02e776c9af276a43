"""DRF's TokenAuthentication over the `auth_tokens` table (its model is pluggable)."""
from rest_framework import authentication

from .models import Token


class TokenAuthentication(authentication.TokenAuthentication):
    model = Token
