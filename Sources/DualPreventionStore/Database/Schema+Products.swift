extension Schema {
    /// Issue 16 (DOMAIN.md §12): the batches a hazard affects, its production stops, the recall of what was shipped and
    /// what came back. The domain decides (`ProductBatch.record`, `ProductionStop`, `Recall`); these CHECKs and
    /// triggers hold the same lines for a write that does not go through it. Nothing here is ever deleted; a batch and
    /// a return are never edited, a stop only lifted, a recall only closed. The PostgreSQL schema's version 3 is the
    /// same.
    static let v15 = """
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
        CREATE TRIGGER product_batch_no_update BEFORE UPDATE ON product_batch
        BEGIN SELECT RAISE(ABORT, 'a batch is named once and never edited'); END;
        CREATE TRIGGER product_batch_no_delete BEFORE DELETE ON product_batch
        BEGIN SELECT RAISE(ABORT, 'a batch is named once and never edited'); END;

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
        CREATE INDEX production_stop_by_hazard ON production_stop(hazard_id, id);
        CREATE UNIQUE INDEX production_stop_in_force ON production_stop(hazard_id) WHERE lifted_at IS NULL;
        CREATE TRIGGER production_stop_only_lifted BEFORE UPDATE ON production_stop
        WHEN OLD.lifted_at IS NOT NULL OR NEW.hazard_id IS NOT OLD.hazard_id OR NEW.scope IS NOT OLD.scope
            OR NEW.ordered_by IS NOT OLD.ordered_by OR NEW.ordered_at IS NOT OLD.ordered_at
        BEGIN SELECT RAISE(ABORT, 'a production stop is only lifted, once'); END;
        CREATE TRIGGER production_stop_no_delete BEFORE DELETE ON production_stop
        BEGIN SELECT RAISE(ABORT, 'a production stop stays on record'); END;

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
        CREATE INDEX recall_by_enterprise ON recall(enterprise_id, deadline);
        CREATE TRIGGER recall_only_closed BEFORE UPDATE ON recall
        WHEN OLD.closed_at IS NOT NULL OR NEW.hazard_id IS NOT OLD.hazard_id OR NEW.enterprise_id IS NOT OLD.enterprise_id
            OR NEW.scope IS NOT OLD.scope OR NEW.method IS NOT OLD.method OR NEW.channels IS NOT OLD.channels
            OR NEW.deadline IS NOT OLD.deadline OR NEW.disposal IS NOT OLD.disposal OR NEW.planned_by IS NOT OLD.planned_by
            OR NEW.planned_at IS NOT OLD.planned_at
        BEGIN SELECT RAISE(ABORT, 'a recall plan is kept as planned and closed once'); END;
        CREATE TRIGGER recall_no_delete BEFORE DELETE ON recall
        BEGIN SELECT RAISE(ABORT, 'a recall stays on record'); END;

        CREATE TABLE recall_return (
            id INTEGER PRIMARY KEY,
            recall_id INTEGER NOT NULL REFERENCES recall(id),
            batch_id INTEGER NOT NULL REFERENCES product_batch(id),
            quantity INTEGER NOT NULL CHECK (quantity > 0 AND quantity <= 1000000000),
            disposal TEXT NOT NULL CHECK (length(trim(disposal)) > 0),
            recorded_by INTEGER NOT NULL REFERENCES person(id),
            recorded_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX recall_return_by_recall ON recall_return(recall_id, batch_id);
        CREATE TRIGGER recall_return_within_shipped BEFORE INSERT ON recall_return
        WHEN NEW.quantity + (SELECT coalesce(sum(quantity), 0) FROM recall_return WHERE recall_id = NEW.recall_id AND batch_id = NEW.batch_id)
            > (SELECT b.quantity_shipped FROM product_batch b JOIN recall r ON r.hazard_id = b.hazard_id
               WHERE b.id = NEW.batch_id AND r.id = NEW.recall_id)
            OR NOT EXISTS (SELECT 1 FROM product_batch b JOIN recall r ON r.hazard_id = b.hazard_id
               WHERE b.id = NEW.batch_id AND r.id = NEW.recall_id)
        BEGIN SELECT RAISE(ABORT, 'goods come back only of a batch of the recalled hazard, never more than were shipped'); END;
        CREATE TRIGGER recall_return_no_update BEFORE UPDATE ON recall_return
        BEGIN SELECT RAISE(ABORT, 'a return is recorded once and never edited'); END;
        CREATE TRIGGER recall_return_no_delete BEFORE DELETE ON recall_return
        BEGIN SELECT RAISE(ABORT, 'a return is recorded once and never edited'); END;
        """
}
