CREATE TABLE todos (
    id bigserial PRIMARY KEY,
    title varchar(200) NOT NULL,
    done boolean NOT NULL DEFAULT false,
    created timestamptz NOT NULL DEFAULT now()
);
