extension PostgresPool {
    /// The schema's changes since `schema.sql` (version 1), in order: the script at index n makes version n + 2.
    /// Each is SQLite's migration of the same change, in PostgreSQL's words; `PostgresPool.migrate` runs those a
    /// database lacks.
    static let upgrades: [String] = [
        // Version 2, SQLite's v14-lookups: the lookups of people by enterprise, office and name, and of a hazard's
        // evidence, read the whole table without these.
        """
        CREATE INDEX person_by_enterprise ON person(enterprise_id, role);
        CREATE INDEX person_by_jurisdiction ON person(jurisdiction_id, role);
        CREATE INDEX person_by_name ON person(name);
        CREATE INDEX evidence_link_by_hazard ON evidence_link(hazard_id);
        """
    ]
}
