/// The SQL of each migration. Append-only: a released migration is never edited, a new one is added.
enum Schema {
    static let roles = "'principal','director','officer','workshopHead','teamLeader','postWorker','regulator','assessor','admin'"
    static let enterpriseRoles = "'principal','director','officer','workshopHead','teamLeader','postWorker'"
    static let colours = "'red','orange','yellow','blue'"
    static let hazardStates = "'reported','notified','rectifying','awaitingAcceptance','closed','cancelled'"

    static let v1 = """
        CREATE TABLE jurisdiction (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            level TEXT NOT NULL CHECK (level IN ('province','city','district','town')),
            parent_id INTEGER REFERENCES jurisdiction(id),
            CHECK ((parent_id IS NULL) = (level = 'province'))
        ) STRICT;

        CREATE TABLE enterprise (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            credit_code TEXT NOT NULL UNIQUE CHECK (length(credit_code) = 18 AND credit_code NOT GLOB '*[^0-9ABCDEFGHJKLMNPQRTUWXY]*'),
            jurisdiction_id INTEGER NOT NULL REFERENCES jurisdiction(id),
            product_category TEXT NOT NULL CHECK (length(trim(product_category)) > 0),
            address TEXT NOT NULL DEFAULT '',
            time_zone_id TEXT NOT NULL DEFAULT 'Asia/Shanghai'
        ) STRICT;

        CREATE TABLE workshop (
            id INTEGER PRIMARY KEY,
            enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            UNIQUE (enterprise_id, name)
        ) STRICT;

        CREATE TABLE team (
            id INTEGER PRIMARY KEY,
            workshop_id INTEGER NOT NULL REFERENCES workshop(id),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            UNIQUE (workshop_id, name)
        ) STRICT;

        CREATE TABLE post (
            id INTEGER PRIMARY KEY,
            team_id INTEGER NOT NULL REFERENCES team(id),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            UNIQUE (team_id, name)
        ) STRICT;

        CREATE TABLE person (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            role TEXT NOT NULL CHECK (role IN (\(roles))),
            enterprise_id INTEGER REFERENCES enterprise(id),
            workshop_id INTEGER REFERENCES workshop(id),
            jurisdiction_id INTEGER REFERENCES jurisdiction(id),
            phone TEXT NOT NULL DEFAULT '',
            CHECK ((role IN (\(enterpriseRoles))) = (enterprise_id IS NOT NULL)),
            CHECK (role <> 'regulator' OR jurisdiction_id IS NOT NULL)
        ) STRICT;

        CREATE TABLE risk_point (
            id INTEGER PRIMARY KEY,
            enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
            workshop_id INTEGER NOT NULL REFERENCES workshop(id),
            team_id INTEGER REFERENCES team(id),
            post_id INTEGER REFERENCES post(id),
            dimension TEXT NOT NULL CHECK (length(trim(dimension)) > 0),
            control_stage TEXT NOT NULL CHECK (length(trim(control_stage)) > 0),
            name TEXT NOT NULL CHECK (length(trim(name)) > 0),
            hazard_description TEXT NOT NULL CHECK (length(trim(hazard_description)) > 0),
            measures TEXT NOT NULL CHECK (length(trim(measures)) > 0),
            target TEXT NOT NULL CHECK (length(trim(target)) > 0),
            frequency TEXT NOT NULL CHECK (frequency IN ('perShift','daily','weekly','monthly','quarterly')),
            owner_id INTEGER NOT NULL REFERENCES person(id),
            product_category TEXT NOT NULL DEFAULT '',
            colour TEXT CHECK (colour IS NULL OR colour IN (\(colours))),
            regrade_due INTEGER NOT NULL DEFAULT 0 CHECK (regrade_due IN (0, 1))
        ) STRICT;
        CREATE INDEX risk_point_by_enterprise ON risk_point(enterprise_id, workshop_id, colour);

        CREATE TABLE risk_grading (
            risk_point_id INTEGER NOT NULL REFERENCES risk_point(id),
            sequence INTEGER NOT NULL CHECK (sequence > 0),
            method TEXT NOT NULL CHECK (method IN ('lec','ls')),
            l REAL NOT NULL,
            e REAL,
            c REAL,
            s INTEGER,
            score REAL NOT NULL CHECK (score > 0),
            colour TEXT NOT NULL CHECK (colour IN (\(colours))),
            graded_by INTEGER NOT NULL REFERENCES person(id),
            graded_at TEXT NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (risk_point_id, sequence),
            CHECK ((method = 'lec' AND e IS NOT NULL AND c IS NOT NULL AND s IS NULL)
                OR (method = 'ls' AND s BETWEEN 1 AND 5 AND l BETWEEN 1 AND 5 AND e IS NULL AND c IS NULL))
        ) STRICT;

        -- Gradings are history: appended, never overwritten.
        CREATE TRIGGER risk_grading_no_update BEFORE UPDATE ON risk_grading
        BEGIN SELECT RAISE(ABORT, 'gradings are kept, never overwritten'); END;
        CREATE TRIGGER risk_grading_no_delete BEFORE DELETE ON risk_grading
        BEGIN SELECT RAISE(ABORT, 'gradings are kept, never overwritten'); END;

        CREATE TABLE document_counter (
            enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
            kind TEXT NOT NULL CHECK (kind IN ('ZG','YH')),
            year INTEGER NOT NULL,
            last INTEGER NOT NULL CHECK (last > 0),
            PRIMARY KEY (enterprise_id, kind, year)
        ) STRICT;

        CREATE TABLE hazard (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL,
            enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
            workshop_id INTEGER NOT NULL REFERENCES workshop(id),
            team_id INTEGER REFERENCES team(id),
            post_id INTEGER REFERENCES post(id),
            risk_point_id INTEGER REFERENCES risk_point(id),
            check_item_ref TEXT,
            source TEXT NOT NULL CHECK (source IN ('dailyCheck','weeklyCheck','monthlyCheck','spotCheck','complaint','report')),
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
        CREATE INDEX hazard_by_enterprise ON hazard(enterprise_id, state);

        CREATE TABLE rectification_notice (
            hazard_id INTEGER PRIMARY KEY REFERENCES hazard(id),
            number TEXT NOT NULL,
            issued_by INTEGER NOT NULL REFERENCES person(id),
            issued_at TEXT NOT NULL,
            receiver_id INTEGER NOT NULL REFERENCES person(id),
            responsible_unit TEXT NOT NULL,
            nature TEXT NOT NULL,
            required_measures TEXT NOT NULL CHECK (length(trim(required_measures)) > 0),
            deadline TEXT NOT NULL CHECK (deadline > issued_at),
            acknowledged_at TEXT
        ) STRICT;
        -- Numbers are unique per enterprise and year (document_counter); looked up by number.
        CREATE INDEX rectification_notice_by_number ON rectification_notice(number);
        CREATE TRIGGER rectification_notice_number_per_enterprise BEFORE INSERT ON rectification_notice
        WHEN EXISTS (SELECT 1 FROM rectification_notice n JOIN hazard h ON h.id = n.hazard_id
                     WHERE n.number = NEW.number
                       AND h.enterprise_id = (SELECT enterprise_id FROM hazard WHERE id = NEW.hazard_id))
        BEGIN SELECT RAISE(ABORT, 'notice number already used in this enterprise'); END;

        CREATE TABLE governance_plan (
            hazard_id INTEGER NOT NULL REFERENCES hazard(id),
            sequence INTEGER NOT NULL CHECK (sequence > 0),
            target TEXT NOT NULL CHECK (length(trim(target)) > 0),
            methods TEXT NOT NULL CHECK (length(trim(methods)) > 0),
            funds TEXT NOT NULL CHECK (length(trim(funds)) > 0),
            organisation TEXT NOT NULL CHECK (length(trim(organisation)) > 0),
            time_limit TEXT NOT NULL,
            safety_measures TEXT NOT NULL CHECK (length(trim(safety_measures)) > 0),
            author_id INTEGER NOT NULL REFERENCES person(id),
            submitted_at TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('submitted','approved','rejected')),
            decided_by INTEGER REFERENCES person(id),
            decided_at TEXT,
            decision_note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (hazard_id, sequence),
            CHECK ((state = 'submitted') = (decided_by IS NULL)),
            CHECK (decided_by IS NULL OR decided_by <> author_id)
        ) STRICT;

        CREATE TABLE extension_request (
            hazard_id INTEGER PRIMARY KEY REFERENCES hazard(id),
            requested_by INTEGER NOT NULL REFERENCES person(id),
            requester_role TEXT NOT NULL CHECK (requester_role IN (\(enterpriseRoles))),
            requested_at TEXT NOT NULL CHECK (requested_at <= previous_deadline),
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
            previous_deadline TEXT NOT NULL,
            requested_deadline TEXT NOT NULL CHECK (requested_deadline > previous_deadline),
            state TEXT NOT NULL CHECK (state IN ('requested','granted','denied')),
            decided_by INTEGER REFERENCES person(id),
            decided_at TEXT,
            decision_note TEXT NOT NULL DEFAULT '',
            CHECK ((state = 'requested') = (decided_by IS NULL)),
            CHECK (decided_by IS NULL OR decided_by <> requested_by)
        ) STRICT;

        CREATE TABLE rectification_submission (
            hazard_id INTEGER NOT NULL REFERENCES hazard(id),
            sequence INTEGER NOT NULL CHECK (sequence > 0),
            rectifier_id INTEGER NOT NULL REFERENCES person(id),
            submitted_at TEXT NOT NULL,
            measures_taken TEXT NOT NULL CHECK (length(trim(measures_taken)) > 0),
            completed_at TEXT NOT NULL CHECK (completed_at <= submitted_at),
            funds TEXT NOT NULL DEFAULT '',
            evidence TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence)),
            PRIMARY KEY (hazard_id, sequence)
        ) STRICT;

        CREATE TABLE acceptance (
            hazard_id INTEGER NOT NULL REFERENCES hazard(id),
            sequence INTEGER NOT NULL CHECK (sequence > 0),
            acceptor_id INTEGER NOT NULL REFERENCES person(id),
            accepted_at TEXT NOT NULL,
            passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
            criteria TEXT NOT NULL CHECK (length(trim(criteria)) > 0),
            opinion TEXT NOT NULL CHECK (length(trim(opinion)) > 0),
            evidence TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence)),
            PRIMARY KEY (hazard_id, sequence)
        ) STRICT;

        -- Separation of duties, again in the database: the acceptor is never the last rectifier.
        CREATE TRIGGER acceptance_not_by_rectifier BEFORE INSERT ON acceptance
        WHEN NEW.acceptor_id = (SELECT rectifier_id FROM rectification_submission
                                WHERE hazard_id = NEW.hazard_id ORDER BY sequence DESC LIMIT 1)
        BEGIN SELECT RAISE(ABORT, 'acceptance by the rectifier is forbidden'); END;

        CREATE TABLE supervision_listing (
            hazard_id INTEGER NOT NULL REFERENCES hazard(id),
            sequence INTEGER NOT NULL CHECK (sequence > 0),
            listed_by INTEGER NOT NULL REFERENCES person(id),
            jurisdiction_id INTEGER NOT NULL REFERENCES jurisdiction(id),
            listed_at TEXT NOT NULL,
            "order" TEXT NOT NULL CHECK (length(trim("order")) > 0),
            lifted_by INTEGER REFERENCES person(id),
            lifted_at TEXT,
            lift_note TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (hazard_id, sequence),
            CHECK ((lifted_by IS NULL) = (lifted_at IS NULL))
        ) STRICT;

        CREATE TABLE hazard_cancellation (
            hazard_id INTEGER PRIMARY KEY REFERENCES hazard(id),
            cancelled_by INTEGER NOT NULL REFERENCES person(id),
            cancelled_at TEXT NOT NULL,
            reason TEXT NOT NULL CHECK (length(trim(reason)) > 0)
        ) STRICT;

        CREATE TABLE evidence (
            sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
            file_name TEXT NOT NULL,
            size INTEGER NOT NULL CHECK (size >= 0),
            stored_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE evidence_link (
            sha256 TEXT NOT NULL REFERENCES evidence(sha256),
            object_type TEXT NOT NULL CHECK (object_type IN ('hazard','submission','acceptance')),
            hazard_id INTEGER NOT NULL REFERENCES hazard(id),
            label TEXT NOT NULL CHECK (label IN ('before','after','document')),
            attached_by INTEGER NOT NULL REFERENCES person(id),
            attached_at TEXT NOT NULL,
            PRIMARY KEY (sha256, object_type, hazard_id, label)
        ) STRICT;

        CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY CHECK (seq > 0),
            at TEXT NOT NULL,
            actor_id INTEGER NOT NULL,
            actor_name TEXT NOT NULL,
            action TEXT NOT NULL,
            object_type TEXT NOT NULL,
            object_id INTEGER NOT NULL,
            enterprise_id INTEGER,
            summary TEXT NOT NULL,
            payload TEXT NOT NULL CHECK (json_valid(payload)),
            evidence TEXT NOT NULL CHECK (json_valid(evidence)),
            prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
            hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
        ) STRICT;
        CREATE INDEX audit_by_object ON audit_log(object_type, object_id);

        -- The audit log is append-only: the database itself refuses to change or remove an entry.
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        """

    /// Risk points imported from a checklist remember the template row they came from, once per workshop.
    static let v2 = """
        ALTER TABLE risk_point ADD COLUMN template_ref TEXT CHECK (template_ref IS NULL OR template_ref GLOB '*/*');
        ALTER TABLE risk_point ADD COLUMN template_snapshot TEXT CHECK (template_snapshot IS NULL OR json_valid(template_snapshot));
        CREATE UNIQUE INDEX risk_point_template ON risk_point(workshop_id, template_ref) WHERE template_ref IS NOT NULL;
        """

    /// Scheduled checks: one plan per enterprise and kind, one record per plan and period.
    static let v3 = """
        CREATE TABLE check_plan (
            id INTEGER PRIMARY KEY,
            enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
            kind TEXT NOT NULL CHECK (kind IN ('daily','weekly','monthly')),
            responsible_id INTEGER NOT NULL REFERENCES person(id),
            starts_on TEXT NOT NULL,
            UNIQUE (enterprise_id, kind)
        ) STRICT;

        CREATE TABLE check_run (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES check_plan(id),
            enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
            kind TEXT NOT NULL CHECK (kind IN ('daily','weekly','monthly')),
            period TEXT NOT NULL CHECK (length(period) >= 7),
            performed_by INTEGER NOT NULL REFERENCES person(id),
            performed_at TEXT NOT NULL,
            results TEXT NOT NULL CHECK (json_valid(results) AND json_type(results) = 'array'),
            minutes TEXT CHECK (minutes IS NULL OR json_valid(minutes)),
            UNIQUE (plan_id, period),
            CHECK (kind <> 'monthly' OR minutes IS NOT NULL)
        ) STRICT;
        CREATE INDEX check_run_by_enterprise ON check_run(enterprise_id, kind, period);
        """

    /// Issue 5: the inputs of the credit grade, the grades themselves, and the red and black lists.
    static let v4 = """
        CREATE TABLE quality_record (
            id INTEGER PRIMARY KEY,
            enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
            kind TEXT NOT NULL CHECK (kind IN ('spotCheck','licence','certification','award','violation','complaint','injury','recall','veto','indicator','standard')),
            subtype TEXT NOT NULL CHECK (length(subtype) BETWEEN 2 AND 41),
            occurred_on TEXT NOT NULL,
            area TEXT NOT NULL CHECK (area IN ('productQuality','metrology','standardisation','specialEquipment')),
            product TEXT NOT NULL,
            reference TEXT NOT NULL,
            note TEXT NOT NULL,
            value REAL CHECK (value IS NULL OR value >= 0),
            valid_until TEXT CHECK (valid_until IS NULL OR valid_until >= occurred_on),
            recorded_by INTEGER NOT NULL REFERENCES person(id),
            recorded_at TEXT NOT NULL,
            withdrawn_at TEXT,
            withdrawn_by INTEGER REFERENCES person(id),
            withdrawal_reason TEXT,
            CHECK ((kind = 'indicator') = (value IS NOT NULL)),
            CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL) AND (withdrawn_at IS NULL) = (withdrawal_reason IS NULL))
        ) STRICT;
        CREATE INDEX quality_record_by_enterprise ON quality_record(enterprise_id, kind, occurred_on);
        -- The same record twice (a file imported again) would count twice.
        CREATE UNIQUE INDEX quality_record_once ON quality_record(enterprise_id, kind, subtype, occurred_on, product, reference)
        WHERE withdrawn_at IS NULL;
        -- A record is never edited: it may only be withdrawn, once.
        CREATE TRIGGER quality_record_no_edit BEFORE UPDATE ON quality_record
        WHEN OLD.withdrawn_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.enterprise_id IS NOT OLD.enterprise_id OR NEW.kind IS NOT OLD.kind
          OR NEW.subtype IS NOT OLD.subtype OR NEW.occurred_on IS NOT OLD.occurred_on OR NEW.area IS NOT OLD.area OR NEW.product IS NOT OLD.product
          OR NEW.reference IS NOT OLD.reference OR NEW.note IS NOT OLD.note OR NEW.value IS NOT OLD.value OR NEW.valid_until IS NOT OLD.valid_until
          OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.recorded_at IS NOT OLD.recorded_at
        BEGIN SELECT RAISE(ABORT, 'quality records are kept as recorded; withdraw one instead'); END;
        CREATE TRIGGER quality_record_no_delete BEFORE DELETE ON quality_record
        BEGIN SELECT RAISE(ABORT, 'quality records are kept as recorded; withdraw one instead'); END;

        CREATE TABLE credit_grade (
            id INTEGER PRIMARY KEY,
            enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
            as_of TEXT NOT NULL,
            since TEXT NOT NULL CHECK (since <= as_of),
            computed_by INTEGER NOT NULL REFERENCES person(id),
            computed_at TEXT NOT NULL,
            rules_version INTEGER NOT NULL,
            score REAL NOT NULL CHECK (score BETWEEN 0 AND 100),
            grade TEXT NOT NULL CHECK (grade IN ('A','B','C','D')),
            previous_id INTEGER REFERENCES credit_grade(id),
            previous_grade TEXT CHECK (previous_grade IS NULL OR previous_grade IN ('A','B','C','D')),
            assessment TEXT NOT NULL CHECK (json_valid(assessment)),
            changes TEXT NOT NULL CHECK (json_valid(changes) AND json_type(changes) = 'array'),
            honours_to_revoke TEXT NOT NULL CHECK (json_valid(honours_to_revoke) AND json_type(honours_to_revoke) = 'array')
        ) STRICT;
        CREATE INDEX credit_grade_by_enterprise ON credit_grade(enterprise_id, as_of);
        CREATE TRIGGER credit_grade_no_update BEFORE UPDATE ON credit_grade
        BEGIN SELECT RAISE(ABORT, 'grades are kept as computed'); END;
        CREATE TRIGGER credit_grade_no_delete BEFORE DELETE ON credit_grade
        BEGIN SELECT RAISE(ABORT, 'grades are kept as computed'); END;

        CREATE TABLE list_entry (
            id INTEGER PRIMARY KEY,
            quarter TEXT NOT NULL CHECK (quarter GLOB '[12][0-9][0-9][0-9]Q[1-4]'),
            enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
            list TEXT NOT NULL CHECK (list IN ('red','black')),
            area TEXT NOT NULL CHECK (area IN ('productQuality','metrology','standardisation','specialEquipment')),
            criterion TEXT NOT NULL,
            criterion_name TEXT NOT NULL CHECK (json_valid(criterion_name)),
            evidence TEXT NOT NULL CHECK (json_valid(evidence) AND json_type(evidence) = 'array' AND json_array_length(evidence) > 0),
            state TEXT NOT NULL CHECK (state IN ('proposed','approved','rejected','published')),
            proposed_by INTEGER NOT NULL REFERENCES person(id),
            proposed_at TEXT NOT NULL,
            reviewed_by INTEGER REFERENCES person(id),
            reviewed_at TEXT,
            review_note TEXT NOT NULL,
            published_by INTEGER REFERENCES person(id),
            published_at TEXT,
            UNIQUE (quarter, enterprise_id, criterion),
            CHECK (reviewed_by IS NULL OR reviewed_by <> proposed_by),
            CHECK ((state = 'proposed') = (reviewed_by IS NULL)),
            CHECK ((state = 'published') = (published_at IS NOT NULL))
        ) STRICT;
        CREATE INDEX list_entry_by_enterprise ON list_entry(enterprise_id, list);
        -- Only the review (proposed → approved or rejected) and the publication (approved → published) change an entry.
        CREATE TRIGGER list_entry_steps_only BEFORE UPDATE ON list_entry
        WHEN NOT ((OLD.state = 'proposed' AND NEW.state IN ('approved','rejected') AND NEW.published_at IS NULL)
                  OR (OLD.state = 'approved' AND NEW.state = 'published' AND NEW.reviewed_by IS OLD.reviewed_by
                      AND NEW.reviewed_at IS OLD.reviewed_at AND NEW.review_note IS OLD.review_note))
          OR NEW.id IS NOT OLD.id OR NEW.quarter IS NOT OLD.quarter OR NEW.enterprise_id IS NOT OLD.enterprise_id OR NEW.list IS NOT OLD.list
          OR NEW.area IS NOT OLD.area OR NEW.criterion IS NOT OLD.criterion OR NEW.criterion_name IS NOT OLD.criterion_name
          OR NEW.evidence IS NOT OLD.evidence OR NEW.proposed_by IS NOT OLD.proposed_by OR NEW.proposed_at IS NOT OLD.proposed_at
        BEGIN SELECT RAISE(ABORT, 'a list entry changes only by its review and its publication'); END;
        CREATE TRIGGER list_entry_no_delete BEFORE DELETE ON list_entry
        BEGIN SELECT RAISE(ABORT, 'list entries are kept, even when no longer public'); END;
        """

    /// Issue 6: logins. One account per person; the hash is bcrypt, made outside the store.
    static let v5 = """
        CREATE TABLE account (
            person_id INTEGER PRIMARY KEY REFERENCES person(id),
            password_hash TEXT NOT NULL CHECK (password_hash GLOB '$2[aby]$[0-3][0-9]$*' AND length(password_hash) = 60),
            changed_at TEXT NOT NULL,
            disabled_at TEXT
        ) STRICT;
        CREATE TRIGGER account_no_delete BEFORE DELETE ON account
        BEGIN SELECT RAISE(ABORT, 'accounts are disabled, never deleted'); END;
        """

    static let v6 = """
        CREATE TABLE assessment_assignment (
            id INTEGER PRIMARY KEY,
            assessor_id INTEGER NOT NULL REFERENCES person(id),
            enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
            assigned_by INTEGER NOT NULL REFERENCES person(id),
            assigned_at TEXT NOT NULL,
            ended_by INTEGER REFERENCES person(id),
            ended_at TEXT,
            CHECK ((ended_by IS NULL) = (ended_at IS NULL))
        ) STRICT;
        CREATE UNIQUE INDEX assessment_assignment_live ON assessment_assignment(assessor_id, enterprise_id) WHERE ended_at IS NULL;
        CREATE TRIGGER assessment_assignment_no_delete BEFORE DELETE ON assessment_assignment
        BEGIN SELECT RAISE(ABORT, 'assignments are ended, never deleted'); END;
        CREATE TRIGGER assessment_assignment_only_ends BEFORE UPDATE ON assessment_assignment
        WHEN OLD.ended_at IS NOT NULL OR NEW.assessor_id IS NOT OLD.assessor_id OR NEW.enterprise_id IS NOT OLD.enterprise_id
          OR NEW.assigned_by IS NOT OLD.assigned_by OR NEW.assigned_at IS NOT OLD.assigned_at
        BEGIN SELECT RAISE(ABORT, 'an assignment only ends, once'); END;
        """

    /// Issue 11: the regulator's overview counts check records per plan and period without reading the records.
    static let v7 = """
        CREATE INDEX check_run_by_kind_period ON check_run(kind, period, plan_id, performed_at, enterprise_id);
        """

    /// Issue 11: grading reads each enterprise's check records (which plan, which period, when) and when each risk point
    /// and person was added (their first audit entry). These indexes hold those columns, so grading a province reads
    /// the indexes alone: not every check record with its item results, nor every audit entry with its payload.
    static let v8 = """
        DROP INDEX check_run_by_enterprise;
        CREATE INDEX check_run_by_enterprise ON check_run(enterprise_id, kind, period, plan_id, performed_at);
        DROP INDEX audit_by_object;
        CREATE INDEX audit_by_object ON audit_log(object_type, object_id, at, enterprise_id);
        """

    /// Issue 11: the overview counts a hazard from its own columns when they are what they were at the overview's
    /// instant: when closed by then, or when nothing at all has happened since. `hazard_by_enterprise` holds those
    /// columns (state, when closed and found, the deadline, the grade) after the enterprise, so such counts read the
    /// index alone; `audit_by_instant` gives the latest recorded action in one probe. Whether a hazard awaiting
    /// acceptance was submitted late reads its latest submission's instant from `submission_latest`, not the row.
    static let v9 = """
        DROP INDEX hazard_by_enterprise;
        CREATE INDEX hazard_by_enterprise ON hazard(enterprise_id, state, closed_at, found_at, deadline, grade);
        CREATE INDEX audit_by_instant ON audit_log(at);
        CREATE INDEX submission_latest ON rectification_submission(hazard_id, sequence, submitted_at);
        """

    /// Issue 11: the check records' list is in the order they were performed. For a regulator who sees much of a
    /// province, its first page walks this index and stops at the page's end, where sorting every visible record
    /// (800,000 in a generated province) took a third of a second.
    static let v10 = """
        CREATE INDEX check_run_by_instant ON check_run(performed_at, id);
        """

    /// Each attachment keeps the name it was given: the same bytes attached by two enterprises no longer show the
    /// first one's file name to the second. Links made before keep the name their file was first stored under.
    static let v11 = """
        ALTER TABLE evidence_link ADD COLUMN file_name TEXT NOT NULL DEFAULT '';
        UPDATE evidence_link SET file_name = (SELECT e.file_name FROM evidence e WHERE e.sha256 = evidence_link.sha256);
        """
}
