extension Schema {
    /// The roles a person may hold from v16 on: the regional quality safety director joins them (DOMAIN.md §13).
    static let rolesV16 = "\(roles),'regionalDirector'"

    /// Issue 16, DOMAIN.md §13: regional quality safety directors and their appointments. The person table is rebuilt
    /// (the one way SQLite changes a CHECK) so that it takes the new role, which, like a regulator, belongs to a
    /// jurisdiction and to no enterprise; its indexes come back unchanged. An appointment is made once, never edited,
    /// only ended once with a reason, and never deleted.
    static let v16 = """
        CREATE TABLE person_v16 (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            role TEXT NOT NULL CHECK (role IN (\(rolesV16))),
            enterprise_id INTEGER REFERENCES enterprise(id),
            workshop_id INTEGER REFERENCES workshop(id),
            jurisdiction_id INTEGER REFERENCES jurisdiction(id),
            phone TEXT NOT NULL DEFAULT '',
            CHECK ((role IN (\(enterpriseRoles))) = (enterprise_id IS NOT NULL)),
            CHECK (role NOT IN ('regulator','regionalDirector') OR jurisdiction_id IS NOT NULL)
        ) STRICT;
        INSERT INTO person_v16 (id, name, role, enterprise_id, workshop_id, jurisdiction_id, phone)
            SELECT id, name, role, enterprise_id, workshop_id, jurisdiction_id, phone FROM person;
        DROP TABLE person;
        ALTER TABLE person_v16 RENAME TO person;
        CREATE INDEX person_by_enterprise ON person(enterprise_id, role);
        CREATE INDEX person_by_jurisdiction ON person(jurisdiction_id, role);
        CREATE INDEX person_by_name ON person(name);

        CREATE TABLE director_appointment (
            id INTEGER PRIMARY KEY,
            director_id INTEGER NOT NULL REFERENCES person(id),
            enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
            starts_at TEXT NOT NULL,
            ends_at TEXT NOT NULL CHECK (ends_at > starts_at),
            appointed_by INTEGER NOT NULL REFERENCES person(id),
            appointed_at TEXT NOT NULL,
            ended_by INTEGER REFERENCES person(id),
            ended_at TEXT,
            end_note TEXT NOT NULL DEFAULT '',
            CHECK ((ended_by IS NULL) = (ended_at IS NULL)),
            CHECK (ended_at IS NULL OR (ended_at >= appointed_at AND length(trim(end_note)) > 0))
        ) STRICT;
        CREATE INDEX director_appointment_by_director ON director_appointment(director_id, ended_at);
        CREATE INDEX director_appointment_by_enterprise ON director_appointment(enterprise_id, ended_at);
        CREATE TRIGGER director_appointment_only_ended BEFORE UPDATE ON director_appointment
        WHEN OLD.ended_at IS NOT NULL OR NEW.director_id IS NOT OLD.director_id OR NEW.enterprise_id IS NOT OLD.enterprise_id
            OR NEW.starts_at IS NOT OLD.starts_at OR NEW.ends_at IS NOT OLD.ends_at OR NEW.appointed_by IS NOT OLD.appointed_by
            OR NEW.appointed_at IS NOT OLD.appointed_at
        BEGIN SELECT RAISE(ABORT, 'an appointment is kept as made and ended once'); END;
        CREATE TRIGGER director_appointment_no_delete BEFORE DELETE ON director_appointment
        BEGIN SELECT RAISE(ABORT, 'an appointment stays on record'); END;
        """
}
