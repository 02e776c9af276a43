-- The reference API's schema (shared/spec/reference-api.md, "Schema"): table and column names,
-- types, defaults and constraints are part of the contract. Run by `migrate` inside a
-- transaction of its own, hence no BEGIN/COMMIT here.

CREATE TABLE users (
    id          bigserial PRIMARY KEY,
    username    varchar(150) NOT NULL UNIQUE,
    email       varchar(254) NOT NULL DEFAULT '',
    first_name  varchar(150) NOT NULL DEFAULT '',
    last_name   varchar(150) NOT NULL DEFAULT '',
    password    varchar(128) NOT NULL DEFAULT '',
    is_staff    boolean NOT NULL DEFAULT false,
    is_active   boolean NOT NULL DEFAULT true,
    last_login  timestamptz NULL,
    date_joined timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE auth_tokens (
    key     varchar(40) PRIMARY KEY,
    user_id bigint NOT NULL UNIQUE REFERENCES users ON DELETE CASCADE,
    created timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
    id          bigserial PRIMARY KEY,
    name        varchar(100) NOT NULL,
    description text NOT NULL DEFAULT '',
    owner_id    bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    created     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE account_members (
    account_id bigint REFERENCES accounts ON DELETE CASCADE,
    user_id    bigint REFERENCES users ON DELETE CASCADE,
    is_admin   boolean NOT NULL DEFAULT false,
    PRIMARY KEY (account_id, user_id)
);

CREATE TABLE notes (
    id        bigserial PRIMARY KEY,
    title     varchar(200) NOT NULL,
    body      text NOT NULL DEFAULT '',
    author_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    created   timestamptz NOT NULL DEFAULT now()
);

-- Foreign keys are not indexed by PostgreSQL itself: these serve the ON DELETE CASCADEs and the
-- per-user lookups (an account's owner, a user's memberships, a user's notes). The primary key
-- of account_members already covers lookups by account_id; auth_tokens.user_id is UNIQUE.
CREATE INDEX accounts_owner_id_idx ON accounts (owner_id);
CREATE INDEX account_members_user_id_idx ON account_members (user_id);
CREATE INDEX notes_author_id_idx ON notes (author_id);

-- users/recent_users/: ORDER BY last_login DESC NULLS LAST, id.
CREATE INDEX users_recent_idx ON users (last_login DESC NULLS LAST, id);
