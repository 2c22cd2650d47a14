-- The SQL schema as the migrations build it (v1-closed-loop, v2-risk-point-templates, v3-scheduled-checks, v4-credit-and-lists, v5-accounts, v6-assessment-assignments, v7-overview-indexes, v8-grading-indexes, v9-overview-current-state, v10-check-runs-by-instant, v11-evidence-names-per-attachment, v12-regulator-side, v13-sessions, v14-lookups, v15-products, v16-regional-directors).
-- Generated; a test fails when it drifts from the migrations.

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

CREATE TABLE account (
    person_id INTEGER PRIMARY KEY REFERENCES person(id),
    password_hash TEXT NOT NULL CHECK (password_hash GLOB '$2[aby]$[0-3][0-9]$*' AND length(password_hash) = 60),
    changed_at TEXT NOT NULL,
    disabled_at TEXT
) STRICT;

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

CREATE TABLE document_counter (
    enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
    kind TEXT NOT NULL CHECK (kind IN ('ZG','YH')),
    year INTEGER NOT NULL,
    last INTEGER NOT NULL CHECK (last > 0),
    PRIMARY KEY (enterprise_id, kind, year)
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
    attached_at TEXT NOT NULL, file_name TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (sha256, object_type, hazard_id, label)
) STRICT;

CREATE TABLE extension_request (
    hazard_id INTEGER PRIMARY KEY REFERENCES hazard(id),
    requested_by INTEGER NOT NULL REFERENCES person(id),
    requester_role TEXT NOT NULL CHECK (requester_role IN ('principal','director','officer','workshopHead','teamLeader','postWorker')),
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

CREATE TABLE "hazard" (
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
    state TEXT NOT NULL CHECK (state IN ('reported','notified','rectifying','awaitingAcceptance','closed','cancelled')),
    owner_id INTEGER REFERENCES person(id),
    owner_role TEXT CHECK (owner_role IS NULL OR owner_role IN ('principal','director','officer','workshopHead','teamLeader','postWorker')),
    deadline TEXT,
    closed_at TEXT,
    UNIQUE (enterprise_id, number),
    CHECK (state IN ('reported','cancelled') OR (owner_id IS NOT NULL AND deadline IS NOT NULL)),
    CHECK ((state = 'closed') = (closed_at IS NOT NULL))
) STRICT;

CREATE TABLE hazard_cancellation (
    hazard_id INTEGER PRIMARY KEY REFERENCES hazard(id),
    cancelled_by INTEGER NOT NULL REFERENCES person(id),
    cancelled_at TEXT NOT NULL,
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0)
) STRICT;

CREATE TABLE hazard_origin (
    hazard_id INTEGER PRIMARY KEY REFERENCES hazard(id),
    kind TEXT NOT NULL CHECK (kind IN ('warning','inspection')),
    record_id INTEGER NOT NULL,
    record_number TEXT NOT NULL,
    accepting_office INTEGER REFERENCES jurisdiction(id)
) STRICT;

CREATE TABLE inbox_read (
    person_id INTEGER NOT NULL REFERENCES person(id),
    item_key TEXT NOT NULL,
    read_at TEXT NOT NULL,
    PRIMARY KEY (person_id, item_key)
) STRICT;

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

CREATE TABLE jurisdiction (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    level TEXT NOT NULL CHECK (level IN ('province','city','district','town')),
    parent_id INTEGER REFERENCES jurisdiction(id),
    CHECK ((parent_id IS NULL) = (level = 'province'))
) STRICT;

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

CREATE TABLE login_failure (
    login_key TEXT NOT NULL,
    at TEXT NOT NULL
) STRICT;

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

CREATE TABLE office_counter (
    jurisdiction_id INTEGER NOT NULL REFERENCES jurisdiction(id),
    kind TEXT NOT NULL CHECK (kind IN ('YJ','JC')),
    year INTEGER NOT NULL,
    last INTEGER NOT NULL CHECK (last > 0),
    PRIMARY KEY (jurisdiction_id, kind, year)
) STRICT;

CREATE TABLE "person" (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role TEXT NOT NULL CHECK (role IN ('principal','director','officer','workshopHead','teamLeader','postWorker','regulator','assessor','admin','regionalDirector')),
    enterprise_id INTEGER REFERENCES enterprise(id),
    workshop_id INTEGER REFERENCES workshop(id),
    jurisdiction_id INTEGER REFERENCES jurisdiction(id),
    phone TEXT NOT NULL DEFAULT '',
    CHECK ((role IN ('principal','director','officer','workshopHead','teamLeader','postWorker')) = (enterprise_id IS NOT NULL)),
    CHECK (role NOT IN ('regulator','regionalDirector') OR jurisdiction_id IS NOT NULL)
) STRICT;

CREATE TABLE post (
    id INTEGER PRIMARY KEY,
    team_id INTEGER NOT NULL REFERENCES team(id),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    UNIQUE (team_id, name)
) STRICT;

CREATE TABLE product_batch (
    id INTEGER PRIMARY KEY,
    hazard_id INTEGER NOT NULL REFERENCES hazard(id),
    number TEXT NOT NULL CHECK (length(trim(number)) > 0),
    product TEXT NOT NULL CHECK (length(trim(product)) > 0),
    quantity_made INTEGER NOT NULL CHECK (quantity_made > 0 AND quantity_made <= 1000000000),
    quantity_shipped INTEGER NOT NULL CHECK (quantity_shipped >= 0 AND quantity_shipped <= quantity_made),
    produced_from TEXT NOT NULL,
    produced_to TEXT NOT NULL CHECK (produced_to >= produced_from),
    recorded_by INTEGER NOT NULL REFERENCES person(id),
    recorded_at TEXT NOT NULL CHECK (recorded_at >= produced_to),
    UNIQUE (hazard_id, number)
) STRICT;

CREATE TABLE production_stop (
    id INTEGER PRIMARY KEY,
    hazard_id INTEGER NOT NULL REFERENCES hazard(id),
    scope TEXT NOT NULL CHECK (length(trim(scope)) > 0),
    ordered_by INTEGER NOT NULL REFERENCES person(id),
    ordered_at TEXT NOT NULL,
    lifted_by INTEGER REFERENCES person(id),
    lifted_at TEXT,
    lift_note TEXT NOT NULL DEFAULT '',
    CHECK ((lifted_by IS NULL) = (lifted_at IS NULL)),
    CHECK (lifted_at IS NULL OR (lifted_at >= ordered_at AND length(trim(lift_note)) > 0))
) STRICT;

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

CREATE TABLE recall (
    id INTEGER PRIMARY KEY,
    hazard_id INTEGER NOT NULL UNIQUE REFERENCES hazard(id),
    enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
    scope TEXT NOT NULL CHECK (length(trim(scope)) > 0),
    method TEXT NOT NULL CHECK (length(trim(method)) > 0),
    channels TEXT NOT NULL CHECK (length(trim(channels)) > 0),
    deadline TEXT NOT NULL,
    disposal TEXT NOT NULL CHECK (length(trim(disposal)) > 0),
    planned_by INTEGER NOT NULL REFERENCES person(id),
    planned_at TEXT NOT NULL CHECK (deadline > planned_at),
    closed_done INTEGER CHECK (closed_done IN (0, 1)),
    closed_by INTEGER REFERENCES person(id),
    closed_at TEXT,
    close_note TEXT,
    CHECK ((closed_at IS NULL) = (closed_by IS NULL) AND (closed_at IS NULL) = (closed_done IS NULL)
        AND (closed_at IS NULL) = (close_note IS NULL)),
    CHECK (closed_at IS NULL OR (closed_at >= planned_at AND length(trim(close_note)) > 0)),
    CHECK (closed_done IS NOT 0 OR closed_at >= deadline)
) STRICT;

CREATE TABLE recall_return (
    id INTEGER PRIMARY KEY,
    recall_id INTEGER NOT NULL REFERENCES recall(id),
    batch_id INTEGER NOT NULL REFERENCES product_batch(id),
    quantity INTEGER NOT NULL CHECK (quantity > 0 AND quantity <= 1000000000),
    disposal TEXT NOT NULL CHECK (length(trim(disposal)) > 0),
    recorded_by INTEGER NOT NULL REFERENCES person(id),
    recorded_at TEXT NOT NULL
) STRICT;

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

CREATE TABLE risk_grading (
    risk_point_id INTEGER NOT NULL REFERENCES risk_point(id),
    sequence INTEGER NOT NULL CHECK (sequence > 0),
    method TEXT NOT NULL CHECK (method IN ('lec','ls')),
    l REAL NOT NULL,
    e REAL,
    c REAL,
    s INTEGER,
    score REAL NOT NULL CHECK (score > 0),
    colour TEXT NOT NULL CHECK (colour IN ('red','orange','yellow','blue')),
    graded_by INTEGER NOT NULL REFERENCES person(id),
    graded_at TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (risk_point_id, sequence),
    CHECK ((method = 'lec' AND e IS NOT NULL AND c IS NOT NULL AND s IS NULL)
        OR (method = 'ls' AND s BETWEEN 1 AND 5 AND l BETWEEN 1 AND 5 AND e IS NULL AND c IS NULL))
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
    colour TEXT CHECK (colour IS NULL OR colour IN ('red','orange','yellow','blue')),
    regrade_due INTEGER NOT NULL DEFAULT 0 CHECK (regrade_due IN (0, 1))
, template_ref TEXT CHECK (template_ref IS NULL OR template_ref GLOB '*/*'), template_snapshot TEXT CHECK (template_snapshot IS NULL OR json_valid(template_snapshot))) STRICT;

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

CREATE TABLE team (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshop(id),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    UNIQUE (workshop_id, name)
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

CREATE TABLE web_session (
    token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64 AND token_hash NOT GLOB '*[^0-9a-f]*'),
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    opened_at TEXT NOT NULL,
    last_used_at TEXT NOT NULL,
    credential TEXT NOT NULL
) STRICT;

CREATE TABLE workshop (
    id INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprise(id),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    UNIQUE (enterprise_id, name)
) STRICT;

CREATE UNIQUE INDEX assessment_assignment_live ON assessment_assignment(assessor_id, enterprise_id) WHERE ended_at IS NULL;

CREATE INDEX audit_by_instant ON audit_log(at);

CREATE INDEX audit_by_object ON audit_log(object_type, object_id, at, enterprise_id);

CREATE INDEX check_plan_by_responsible ON check_plan(responsible_id);

CREATE INDEX check_run_by_enterprise ON check_run(enterprise_id, kind, period, plan_id, performed_at);

CREATE INDEX check_run_by_instant ON check_run(performed_at, id);

CREATE INDEX check_run_by_kind_period ON check_run(kind, period, plan_id, performed_at, enterprise_id);

CREATE INDEX credit_grade_by_enterprise ON credit_grade(enterprise_id, as_of);

CREATE INDEX delivery_due ON notification_delivery(sender, state, next_attempt_at);

CREATE INDEX director_appointment_by_director ON director_appointment(director_id, ended_at);

CREATE INDEX director_appointment_by_enterprise ON director_appointment(enterprise_id, ended_at);

CREATE INDEX evidence_link_by_hazard ON evidence_link(hazard_id);

CREATE INDEX hazard_by_enterprise ON hazard(enterprise_id, state, closed_at, found_at, deadline, grade);

CREATE INDEX hazard_origin_by_office ON hazard_origin(accepting_office) WHERE accepting_office IS NOT NULL;

CREATE INDEX hazard_origin_by_record ON hazard_origin(kind, record_id);

CREATE INDEX hazard_rectifying_by_deadline ON hazard(deadline) WHERE state IN ('notified','rectifying');

CREATE INDEX inspection_by_enterprise ON inspection(enterprise_id, performed_at);

CREATE INDEX list_entry_by_enterprise ON list_entry(enterprise_id, list);

CREATE INDEX login_failure_by_key ON login_failure(login_key, at);

CREATE INDEX notification_by_person ON notification(person_id, id);

CREATE INDEX person_by_enterprise ON person(enterprise_id, role);

CREATE INDEX person_by_jurisdiction ON person(jurisdiction_id, role);

CREATE INDEX person_by_name ON person(name);

CREATE INDEX production_stop_by_hazard ON production_stop(hazard_id, id);

CREATE UNIQUE INDEX production_stop_in_force ON production_stop(hazard_id) WHERE lifted_at IS NULL;

CREATE INDEX quality_record_by_enterprise ON quality_record(enterprise_id, kind, occurred_on);

CREATE UNIQUE INDEX quality_record_once ON quality_record(enterprise_id, kind, subtype, occurred_on, product, reference)
WHERE withdrawn_at IS NULL;

CREATE INDEX recall_by_enterprise ON recall(enterprise_id, deadline);

CREATE INDEX recall_return_by_recall ON recall_return(recall_id, batch_id);

CREATE INDEX rectification_notice_by_number ON rectification_notice(number);

CREATE INDEX risk_point_by_enterprise ON risk_point(enterprise_id, workshop_id, colour);

CREATE UNIQUE INDEX risk_point_template ON risk_point(workshop_id, template_ref) WHERE template_ref IS NOT NULL;

CREATE INDEX submission_latest ON rectification_submission(hazard_id, sequence, submitted_at);

CREATE INDEX warning_by_office ON warning(jurisdiction_id, issued_at);

CREATE INDEX warning_task_by_enterprise ON warning_task(enterprise_id, state);

CREATE INDEX warning_task_open ON warning_task(warning_id) WHERE state IN ('issued','acknowledged');

CREATE INDEX web_session_by_person ON web_session(person_id);

CREATE TRIGGER acceptance_not_by_rectifier BEFORE INSERT ON acceptance
WHEN NEW.acceptor_id = (SELECT rectifier_id FROM rectification_submission
                        WHERE hazard_id = NEW.hazard_id ORDER BY sequence DESC LIMIT 1)
BEGIN SELECT RAISE(ABORT, 'acceptance by the rectifier is forbidden'); END;

CREATE TRIGGER account_no_delete BEFORE DELETE ON account
BEGIN SELECT RAISE(ABORT, 'accounts are disabled, never deleted'); END;

CREATE TRIGGER assessment_assignment_no_delete BEFORE DELETE ON assessment_assignment
BEGIN SELECT RAISE(ABORT, 'assignments are ended, never deleted'); END;

CREATE TRIGGER assessment_assignment_only_ends BEFORE UPDATE ON assessment_assignment
WHEN OLD.ended_at IS NOT NULL OR NEW.assessor_id IS NOT OLD.assessor_id OR NEW.enterprise_id IS NOT OLD.enterprise_id
  OR NEW.assigned_by IS NOT OLD.assigned_by OR NEW.assigned_at IS NOT OLD.assigned_at
BEGIN SELECT RAISE(ABORT, 'an assignment only ends, once'); END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TRIGGER credit_grade_no_delete BEFORE DELETE ON credit_grade
BEGIN SELECT RAISE(ABORT, 'grades are kept as computed'); END;

CREATE TRIGGER credit_grade_no_update BEFORE UPDATE ON credit_grade
BEGIN SELECT RAISE(ABORT, 'grades are kept as computed'); END;

CREATE TRIGGER director_appointment_no_delete BEFORE DELETE ON director_appointment
BEGIN SELECT RAISE(ABORT, 'an appointment stays on record'); END;

CREATE TRIGGER director_appointment_only_ended BEFORE UPDATE ON director_appointment
WHEN OLD.ended_at IS NOT NULL OR NEW.director_id IS NOT OLD.director_id OR NEW.enterprise_id IS NOT OLD.enterprise_id
    OR NEW.starts_at IS NOT OLD.starts_at OR NEW.ends_at IS NOT OLD.ends_at OR NEW.appointed_by IS NOT OLD.appointed_by
    OR NEW.appointed_at IS NOT OLD.appointed_at
BEGIN SELECT RAISE(ABORT, 'an appointment is kept as made and ended once'); END;

CREATE TRIGGER hazard_origin_no_update BEFORE UPDATE ON hazard_origin
BEGIN SELECT RAISE(ABORT, 'where a hazard came from never changes'); END;

CREATE TRIGGER inspection_no_delete BEFORE DELETE ON inspection
BEGIN SELECT RAISE(ABORT, 'an inspection stays on record'); END;

CREATE TRIGGER list_entry_no_delete BEFORE DELETE ON list_entry
BEGIN SELECT RAISE(ABORT, 'list entries are kept, even when no longer public'); END;

CREATE TRIGGER list_entry_steps_only BEFORE UPDATE ON list_entry
WHEN NOT ((OLD.state = 'proposed' AND NEW.state IN ('approved','rejected') AND NEW.published_at IS NULL)
          OR (OLD.state = 'approved' AND NEW.state = 'published' AND NEW.reviewed_by IS OLD.reviewed_by
              AND NEW.reviewed_at IS OLD.reviewed_at AND NEW.review_note IS OLD.review_note))
  OR NEW.id IS NOT OLD.id OR NEW.quarter IS NOT OLD.quarter OR NEW.enterprise_id IS NOT OLD.enterprise_id OR NEW.list IS NOT OLD.list
  OR NEW.area IS NOT OLD.area OR NEW.criterion IS NOT OLD.criterion OR NEW.criterion_name IS NOT OLD.criterion_name
  OR NEW.evidence IS NOT OLD.evidence OR NEW.proposed_by IS NOT OLD.proposed_by OR NEW.proposed_at IS NOT OLD.proposed_at
BEGIN SELECT RAISE(ABORT, 'a list entry changes only by its review and its publication'); END;

CREATE TRIGGER notification_no_change BEFORE UPDATE ON notification
BEGIN SELECT RAISE(ABORT, 'a notification is recorded once'); END;

CREATE TRIGGER notification_no_delete BEFORE DELETE ON notification
BEGIN SELECT RAISE(ABORT, 'a notification is recorded once'); END;

CREATE TRIGGER product_batch_no_delete BEFORE DELETE ON product_batch
BEGIN SELECT RAISE(ABORT, 'a batch is named once and never edited'); END;

CREATE TRIGGER product_batch_no_update BEFORE UPDATE ON product_batch
BEGIN SELECT RAISE(ABORT, 'a batch is named once and never edited'); END;

CREATE TRIGGER production_stop_no_delete BEFORE DELETE ON production_stop
BEGIN SELECT RAISE(ABORT, 'a production stop stays on record'); END;

CREATE TRIGGER production_stop_only_lifted BEFORE UPDATE ON production_stop
WHEN OLD.lifted_at IS NOT NULL OR NEW.hazard_id IS NOT OLD.hazard_id OR NEW.scope IS NOT OLD.scope
    OR NEW.ordered_by IS NOT OLD.ordered_by OR NEW.ordered_at IS NOT OLD.ordered_at
BEGIN SELECT RAISE(ABORT, 'a production stop is only lifted, once'); END;

CREATE TRIGGER quality_record_no_delete BEFORE DELETE ON quality_record
BEGIN SELECT RAISE(ABORT, 'quality records are kept as recorded; withdraw one instead'); END;

CREATE TRIGGER quality_record_no_edit BEFORE UPDATE ON quality_record
WHEN OLD.withdrawn_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.enterprise_id IS NOT OLD.enterprise_id OR NEW.kind IS NOT OLD.kind
  OR NEW.subtype IS NOT OLD.subtype OR NEW.occurred_on IS NOT OLD.occurred_on OR NEW.area IS NOT OLD.area OR NEW.product IS NOT OLD.product
  OR NEW.reference IS NOT OLD.reference OR NEW.note IS NOT OLD.note OR NEW.value IS NOT OLD.value OR NEW.valid_until IS NOT OLD.valid_until
  OR NEW.recorded_by IS NOT OLD.recorded_by OR NEW.recorded_at IS NOT OLD.recorded_at
BEGIN SELECT RAISE(ABORT, 'quality records are kept as recorded; withdraw one instead'); END;

CREATE TRIGGER recall_no_delete BEFORE DELETE ON recall
BEGIN SELECT RAISE(ABORT, 'a recall stays on record'); END;

CREATE TRIGGER recall_only_closed BEFORE UPDATE ON recall
WHEN OLD.closed_at IS NOT NULL OR NEW.hazard_id IS NOT OLD.hazard_id OR NEW.enterprise_id IS NOT OLD.enterprise_id
    OR NEW.scope IS NOT OLD.scope OR NEW.method IS NOT OLD.method OR NEW.channels IS NOT OLD.channels
    OR NEW.deadline IS NOT OLD.deadline OR NEW.disposal IS NOT OLD.disposal OR NEW.planned_by IS NOT OLD.planned_by
    OR NEW.planned_at IS NOT OLD.planned_at
BEGIN SELECT RAISE(ABORT, 'a recall plan is kept as planned and closed once'); END;

CREATE TRIGGER recall_return_no_delete BEFORE DELETE ON recall_return
BEGIN SELECT RAISE(ABORT, 'a return is recorded once and never edited'); END;

CREATE TRIGGER recall_return_no_update BEFORE UPDATE ON recall_return
BEGIN SELECT RAISE(ABORT, 'a return is recorded once and never edited'); END;

CREATE TRIGGER recall_return_within_shipped BEFORE INSERT ON recall_return
WHEN NEW.quantity + (SELECT coalesce(sum(quantity), 0) FROM recall_return WHERE recall_id = NEW.recall_id AND batch_id = NEW.batch_id)
    > (SELECT b.quantity_shipped FROM product_batch b JOIN recall r ON r.hazard_id = b.hazard_id
       WHERE b.id = NEW.batch_id AND r.id = NEW.recall_id)
    OR NOT EXISTS (SELECT 1 FROM product_batch b JOIN recall r ON r.hazard_id = b.hazard_id
       WHERE b.id = NEW.batch_id AND r.id = NEW.recall_id)
BEGIN SELECT RAISE(ABORT, 'goods come back only of a batch of the recalled hazard, never more than were shipped'); END;

CREATE TRIGGER rectification_notice_number_per_enterprise BEFORE INSERT ON rectification_notice
WHEN EXISTS (SELECT 1 FROM rectification_notice n JOIN hazard h ON h.id = n.hazard_id
             WHERE n.number = NEW.number
               AND h.enterprise_id = (SELECT enterprise_id FROM hazard WHERE id = NEW.hazard_id))
BEGIN SELECT RAISE(ABORT, 'notice number already used in this enterprise'); END;

CREATE TRIGGER risk_grading_no_delete BEFORE DELETE ON risk_grading
BEGIN SELECT RAISE(ABORT, 'gradings are kept, never overwritten'); END;

CREATE TRIGGER risk_grading_no_update BEFORE UPDATE ON risk_grading
BEGIN SELECT RAISE(ABORT, 'gradings are kept, never overwritten'); END;

CREATE TRIGGER warning_no_delete BEFORE DELETE ON warning
BEGIN SELECT RAISE(ABORT, 'a warning is issued once and never edited'); END;

CREATE TRIGGER warning_no_update BEFORE UPDATE ON warning
BEGIN SELECT RAISE(ABORT, 'a warning is issued once and never edited'); END;

CREATE TRIGGER warning_task_no_delete BEFORE DELETE ON warning_task
BEGIN SELECT RAISE(ABORT, 'a task stays on record'); END;
