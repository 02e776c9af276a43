-- Sessions of the browsable API's sign-in (SessionAuthentication, shared/spec/reference-api-2.md,
-- "Browsable API"): Django's `django_session` layout (AbstractBaseSession), so a Django session
-- model can map onto it. `session_data` is a JSON object: `_auth_user_id`, `_auth_user_backend`,
-- `_auth_user_hash`. Expired rows are cleared at every sign-in and by `api-admin clearsessions`.

CREATE TABLE sessions (
    session_key  varchar(40) PRIMARY KEY,
    session_data text NOT NULL,
    expire_date  timestamptz NOT NULL
);

CREATE INDEX sessions_expire_date_idx ON sessions (expire_date);
