extension Schema {
    /// Issue 13: the regulator's side. Hazards may now come from an inspection or a warning (the source check is
    /// widened by rebuilding the table, the one way SQLite changes a CHECK); warnings with a task per enterprise;
    /// inspections; the notifications of the escalation ladder with their deliveries; what each person has read.
    static let v12 = """
        CREATE TABLE hazard_v12 (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL,
            enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
            workshop_id INTEGER NOT NULL REFERENCES workshop(id),
            team_id INTEGER REFERENCES team(id),
            post_id INTEGER REFERENCES post(id),
            risk_point_id INTEGER REFERENCES risk_point(id),
            check_item_ref TEXT,
            source TEXT NOT NULL CHECK (source IN ('dailyCheck','weeklyCheck','monthlyCheck','spotCheck','complaint','report','inspection','warning')),
            grade TEXT NOT NULL CHECK (grade IN ('general','major')),
            description TEXT NOT NULL CHECK (length(trim(description)) > 0),
            location TEXT NOT NULL DEFAULT '',
            found_by INTEGER NOT NULL REFERENCES person(id),
            found_at TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN (\(hazardStates))),
            owner_id INTEGER REFERENCES person(id),
            owner_role TEXT CHECK (owner_role IS NULL OR owner_role IN (\(enterpriseRoles))),
            deadline TEXT,
            closed_at TEXT,
            UNIQUE (enterprise_id, number),
            CHECK (state IN ('reported','cancelled') OR (owner_id IS NOT NULL AND deadline IS NOT NULL)),
            CHECK ((state = 'closed') = (closed_at IS NOT NULL))
        ) STRICT;
        INSERT INTO hazard_v12 SELECT * FROM hazard;
        -- The one trigger that reads the hazard table goes while it is replaced (a rename checks every trigger), then
        -- comes back unchanged.
        DROP TRIGGER rectification_notice_number_per_enterprise;
        DROP TABLE hazard;
        ALTER TABLE hazard_v12 RENAME TO hazard;
        CREATE INDEX hazard_by_enterprise ON hazard(enterprise_id, state, closed_at, found_at, deadline, grade);
        -- The escalation pass reads the hazards being rectified by their deadline, however many are closed.
        CREATE INDEX hazard_rectifying_by_deadline ON hazard(deadline) WHERE state IN ('notified','rectifying');
        CREATE TRIGGER rectification_notice_number_per_enterprise BEFORE INSERT ON rectification_notice
        WHEN EXISTS (SELECT 1 FROM rectification_notice n JOIN hazard h ON h.id = n.hazard_id
                     WHERE n.number = NEW.number
                       AND h.enterprise_id = (SELECT enterprise_id FROM hazard WHERE id = NEW.hazard_id))
        BEGIN SELECT RAISE(ABORT, 'notice number already used in this enterprise'); END;

        CREATE TABLE office_counter (
            jurisdiction_id INTEGER NOT NULL REFERENCES jurisdiction(id),
            kind TEXT NOT NULL CHECK (kind IN ('YJ','JC')),
            year INTEGER NOT NULL,
            last INTEGER NOT NULL CHECK (last > 0),
            PRIMARY KEY (jurisdiction_id, kind, year)
        ) STRICT;

        CREATE TABLE warning (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('warning','investigation')),
            title TEXT NOT NULL CHECK (length(trim(title)) > 0),
            text TEXT NOT NULL CHECK (length(trim(text)) > 0),
            scope TEXT NOT NULL CHECK (json_valid(scope)),
            items TEXT NOT NULL CHECK (json_valid(items) AND json_array_length(items) > 0),
            checklist_id TEXT,
            issued_by INTEGER NOT NULL REFERENCES person(id),
            jurisdiction_id INTEGER NOT NULL REFERENCES jurisdiction(id),
            issued_at TEXT NOT NULL,
            deadline TEXT NOT NULL CHECK (deadline > issued_at),
            UNIQUE (jurisdiction_id, number)
        ) STRICT;
        CREATE INDEX warning_by_office ON warning(jurisdiction_id, issued_at);
        CREATE TRIGGER warning_no_update BEFORE UPDATE ON warning
        BEGIN SELECT RAISE(ABORT, 'a warning is issued once and never edited'); END;
        CREATE TRIGGER warning_no_delete BEFORE DELETE ON warning
        BEGIN SELECT RAISE(ABORT, 'a warning is issued once and never edited'); END;

        CREATE TABLE warning_task (
            id INTEGER PRIMARY KEY,
            warning_id INTEGER NOT NULL REFERENCES warning(id),
            enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
            deadline TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('issued','acknowledged','rectifying','closed')),
            acknowledged_by INTEGER REFERENCES person(id),
            acknowledged_at TEXT,
            answered_by INTEGER REFERENCES person(id),
            answered_at TEXT,
            results TEXT NOT NULL CHECK (json_valid(results)),
            hazard_ids TEXT NOT NULL CHECK (json_valid(hazard_ids)),
            closed_at TEXT,
            UNIQUE (warning_id, enterprise_id),
            CHECK ((state = 'issued') = (acknowledged_at IS NULL)),
            CHECK ((state IN ('issued','acknowledged')) = (answered_at IS NULL)),
            CHECK ((state = 'closed') = (closed_at IS NOT NULL))
        ) STRICT;
        CREATE INDEX warning_task_by_enterprise ON warning_task(enterprise_id, state);
        CREATE INDEX warning_task_open ON warning_task(warning_id) WHERE state IN ('issued','acknowledged');
        CREATE TRIGGER warning_task_no_delete BEFORE DELETE ON warning_task
        BEGIN SELECT RAISE(ABORT, 'a task stays on record'); END;

        CREATE TABLE inspection (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('random','targeted','spotCheck','complaint')),
            enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
            regulator_id INTEGER NOT NULL REFERENCES person(id),
            office_id INTEGER NOT NULL REFERENCES jurisdiction(id),
            performed_at TEXT NOT NULL,
            summary TEXT NOT NULL,
            items TEXT NOT NULL CHECK (json_valid(items) AND json_array_length(items) > 0),
            delegates_acceptance INTEGER NOT NULL CHECK (delegates_acceptance IN (0, 1)),
            recorded_at TEXT NOT NULL,
            UNIQUE (office_id, number)
        ) STRICT;
        CREATE INDEX inspection_by_enterprise ON inspection(enterprise_id, performed_at);
        CREATE TRIGGER inspection_no_delete BEFORE DELETE ON inspection
        BEGIN SELECT RAISE(ABORT, 'an inspection stays on record'); END;

        CREATE TABLE hazard_origin (
            hazard_id INTEGER PRIMARY KEY REFERENCES hazard(id),
            kind TEXT NOT NULL CHECK (kind IN ('warning','inspection')),
            record_id INTEGER NOT NULL,
            record_number TEXT NOT NULL,
            accepting_office INTEGER REFERENCES jurisdiction(id)
        ) STRICT;
        CREATE INDEX hazard_origin_by_record ON hazard_origin(kind, record_id);
        CREATE INDEX hazard_origin_by_office ON hazard_origin(accepting_office) WHERE accepting_office IS NOT NULL;
        -- Each person's inbox asks for the check plans they are responsible for.
        CREATE INDEX check_plan_by_responsible ON check_plan(responsible_id);
        CREATE TRIGGER hazard_origin_no_update BEFORE UPDATE ON hazard_origin
        BEGIN SELECT RAISE(ABORT, 'where a hazard came from never changes'); END;

        CREATE TABLE notification (
            id INTEGER PRIMARY KEY,
            object_type TEXT NOT NULL CHECK (object_type IN ('hazard','warningTask','checkPlan')),
            object_id INTEGER NOT NULL,
            step TEXT NOT NULL,
            period TEXT NOT NULL DEFAULT '',
            person_id INTEGER NOT NULL REFERENCES person(id),
            enterprise_id INTEGER REFERENCES enterprise(id),
            due_at TEXT NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (object_type, object_id, step, period, person_id)
        ) STRICT;
        CREATE INDEX notification_by_person ON notification(person_id, id);
        CREATE TRIGGER notification_no_change BEFORE UPDATE ON notification
        BEGIN SELECT RAISE(ABORT, 'a notification is recorded once'); END;
        CREATE TRIGGER notification_no_delete BEFORE DELETE ON notification
        BEGIN SELECT RAISE(ABORT, 'a notification is recorded once'); END;

        CREATE TABLE notification_delivery (
            notification_id INTEGER NOT NULL REFERENCES notification(id),
            sender TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('pending','delivered','dead')),
            attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            next_attempt_at TEXT NOT NULL,
            last_error TEXT NOT NULL DEFAULT '',
            delivered_at TEXT,
            PRIMARY KEY (notification_id, sender),
            CHECK ((state = 'delivered') = (delivered_at IS NOT NULL))
        ) STRICT;
        CREATE INDEX delivery_due ON notification_delivery(sender, state, next_attempt_at);

        CREATE TABLE inbox_read (
            person_id INTEGER NOT NULL REFERENCES person(id),
            item_key TEXT NOT NULL,
            read_at TEXT NOT NULL,
            PRIMARY KEY (person_id, item_key)
        ) STRICT;
        """
}
