-- Links HR publishes to a department's progress page, readable without logging in until they
-- expire or HR revokes them. Only a SHA-256 of the token is kept: the link itself is shown
-- once, to HR, when it is made.
CREATE TABLE progress_links (
    id         TEXT PRIMARY KEY NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    department TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT
);
