-- Wrong-password counts of the login throttle, shared by every server process on this
-- database. `key` is a SHA-256 digest of what is counted (an account from one client, a
-- client, an account from anywhere): no e-mail or client address in clear, though a digest
-- can be matched by trying candidates (every IPv4 address, a staff list). Rows an hour old
-- are swept out at the next login, so the table holds the last hour of tries at most.
CREATE TABLE login_failures (
    key     TEXT PRIMARY KEY NOT NULL,
    count   BIGINT NOT NULL,
    last_at BIGINT NOT NULL
);
CREATE INDEX login_failures_last_at ON login_failures (last_at);
