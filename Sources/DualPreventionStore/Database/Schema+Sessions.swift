extension Schema {
    /// Issue 15: logins and failed logins in the database, so that several server processes share them (a login made
    /// on one is honoured by the others, a logout on one ends it everywhere, failures count across all). A login is
    /// kept by the SHA-256 of its token, never the token. The PostgreSQL schema has the same two tables.
    static let v13 = """
        CREATE TABLE web_session (
            token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'),
            person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
            opened_at TEXT NOT NULL,
            last_used_at TEXT NOT NULL,
            credential TEXT NOT NULL
        ) STRICT;
        CREATE INDEX web_session_by_person ON web_session(person_id);
        CREATE TABLE login_failure (
            login_key TEXT NOT NULL,
            at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX login_failure_by_key ON login_failure(login_key, at);
        """
}
