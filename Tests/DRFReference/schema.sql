-- The reference API's tables as shared/spec/reference-api.md ("Schema") lists them. Used by the DRF
-- reference and the benchmark only while migrations/ is not in the tree; migrations/*.sql win
-- when present. Indexes: the foreign keys the queries use (PostgreSQL does not index them).
CREATE TABLE users (
    id bigserial PRIMARY KEY,
    username varchar(150) NOT NULL UNIQUE,
    email varchar(254) NOT NULL DEFAULT '',
    first_name varchar(150) NOT NULL DEFAULT '',
    last_name varchar(150) NOT NULL DEFAULT '',
    password varchar(128) NOT NULL DEFAULT '',
    is_staff boolean NOT NULL DEFAULT false,
    is_active boolean NOT NULL DEFAULT true,
    last_login timestamptz NULL,
    date_joined timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE auth_tokens (
    key varchar(40) PRIMARY KEY,
    user_id bigint NOT NULL UNIQUE REFERENCES users ON DELETE CASCADE,
    created timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE accounts (
    id bigserial PRIMARY KEY,
    name varchar(100) NOT NULL,
    description text NOT NULL DEFAULT '',
    owner_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    created timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE account_members (
    account_id bigint REFERENCES accounts ON DELETE CASCADE,
    user_id bigint REFERENCES users ON DELETE CASCADE,
    is_admin boolean NOT NULL DEFAULT false,
    PRIMARY KEY (account_id, user_id)
);
CREATE TABLE notes (
    id bigserial PRIMARY KEY,
    title varchar(200) NOT NULL,
    body text NOT NULL DEFAULT '',
    author_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
    created timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ON accounts (owner_id);
CREATE INDEX ON account_members (user_id);
CREATE INDEX ON notes (author_id);
