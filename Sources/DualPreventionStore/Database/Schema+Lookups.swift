extension Schema {
    /// Issue 15: lookups that read a whole table without an index of their own, once per action: an enterprise's
    /// holders of a role (every notification and escalation pass), an enterprise's people (a checklist import), an
    /// office's regulators, a person by name (a login, `--as`), a hazard's evidence. At 50,000 enterprises the person
    /// table holds 350,000 rows. The PostgreSQL schema's version 2 adds the same indexes.
    static let v14 = """
        CREATE INDEX person_by_enterprise ON person(enterprise_id, role);
        CREATE INDEX person_by_jurisdiction ON person(jurisdiction_id, role);
        CREATE INDEX person_by_name ON person(name);
        CREATE INDEX evidence_link_by_hazard ON evidence_link(hazard_id);
        """
}
