"""SESSION_ENGINE: Django's database sessions, in the `sessions` table (api.models.Session)."""
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        from .models import Session

        return Session
