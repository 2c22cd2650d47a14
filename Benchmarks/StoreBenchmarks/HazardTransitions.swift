import Benchmark
import DualPrevention
import DualPreventionStore
import Foundation

/// `count` hazard transitions with their audit entries. General hazards are reported first (not
/// timed), then each is driven round the closed loop — issue notice, acknowledge, start, submit,
/// accept — through `StoreRepository.perform`, until `count` transitions are done. The floor
/// writes the same rows per transition through the raw C API: the hazard row update, the part
/// row (notice insert, acknowledgement, submission insert or acceptance insert), the notice
/// counter for a notice, and the hash-chained audit row, one transaction each.
struct HazardTransitions {
    var count: Int

    static let stepsPerHazard = 5

    struct Step {
        var command: HazardCommand
        var key: String
        var actor: Actor
        var now: Date
    }

    private enum PartWrite {
        case insertNotice([SQLValue])
        case acknowledge([SQLValue])
        case insertSubmission([SQLValue])
        case insertAcceptance([SQLValue])
        case none
    }

    private struct FloorTransition {
        var counter: [SQLValue]?
        var hazard: [SQLValue]
        var part: PartWrite
        var audit: AuditValues
    }

    func run(_ benchmark: Benchmark) async throws -> Comparison {
        var fixture = try await Fixture.make("hazards")
        defer { fixture.remove() }
        let hazardIDs = try await Self.reportHazards(count: count, in: fixture.repository, cast: &fixture.cast)
        try fixture.copyForFloor()
        let setupHead = try fixture.auditHead()
        let steps = Self.steps(count: count, hazardIDs: hazardIDs, cast: &fixture.cast)

        benchmark.startMeasurement()
        let store = try await Self.perform(steps, in: fixture.repository)
        benchmark.stopMeasurement()

        let clock = ContinuousClock()
        let transitions = try floorTransitions(fixture, after: setupHead)
        let floor = try RawConnection(path: fixture.floorPath)
        let begin = try floor.prepare("BEGIN IMMEDIATE")
        let commit = try floor.prepare("COMMIT")
        let counter = try floor.prepare(
            """
            INSERT INTO document_counter (enterprise_id, kind, year, last) VALUES (?, 'ZG', ?, 1)
            ON CONFLICT (enterprise_id, kind, year) DO UPDATE SET last = last + 1
            RETURNING last
            """
        )
        let updateHazard = try floor.prepare(
            "UPDATE hazard SET state = ?, owner_id = ?, owner_role = ?, deadline = ?, closed_at = ? WHERE id = ?"
        )
        let insertNotice = try floor.prepare(
            """
            INSERT INTO rectification_notice (hazard_id, number, issued_by, issued_at, receiver_id, responsible_unit, nature,
                                              required_measures, deadline, acknowledged_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        )
        let acknowledge = try floor.prepare("UPDATE rectification_notice SET acknowledged_at = ? WHERE hazard_id = ?")
        let insertSubmission = try floor.prepare(
            """
            INSERT INTO rectification_submission (hazard_id, sequence, rectifier_id, submitted_at, measures_taken, completed_at, funds, evidence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """
        )
        let insertAcceptance = try floor.prepare(
            """
            INSERT INTO acceptance (hazard_id, sequence, acceptor_id, accepted_at, passed, criteria, opinion, evidence)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """
        )
        var chain = try FloorAuditChain(connection: floor)

        let floorStart = clock.now
        for transition in transitions {
            try begin.run()
            if let values = transition.counter { try counter.run(values) }
            try updateHazard.run(transition.hazard)
            switch transition.part {
            case .insertNotice(let values): try insertNotice.run(values)
            case .acknowledge(let values): try acknowledge.run(values)
            case .insertSubmission(let values): try insertSubmission.run(values)
            case .insertAcceptance(let values): try insertAcceptance.run(values)
            case .none: break
            }
            try chain.append(transition.audit)
            try commit.run()
        }
        let floorTime = clock.now - floorStart

        try fixture.verifyFloorMatchesStore(tables: [
            "hazard", "rectification_notice", "rectification_submission", "acceptance", "document_counter", "audit_log",
        ])
        return Comparison(label: "hazard transitions", floorName: "raw SQLite", count: count, store: store, floor: floorTime)
    }

    /// The general hazards the transitions drive round the loop (set-up, not timed): one per five transitions.
    static func reportHazards(count: Int, in repository: StoreRepository, cast: inout Cast) async throws -> [Int64] {
        let hazardCount = (count + stepsPerHazard - 1) / stepsPerHazard
        var hazardIDs: [Int64] = []
        hazardIDs.reserveCapacity(hazardCount)
        for index in 0..<hazardCount {
            let report = HazardReport(
                workshopID: cast.workshopID,
                source: .dailyCheck,
                grade: .general,
                description: "封口机温控偏差导致封口不严 (\(index))",
                location: "一车间 \(index % 12) 号线"
            )
            hazardIDs.append(try await repository.reportHazard(report, by: cast.workshopHead, at: cast.ticks.now()).id)
        }
        return hazardIDs
    }

    /// Issue notice, acknowledge, start, submit, accept for each hazard in turn, until `count` transitions.
    static func steps(count: Int, hazardIDs: [Int64], cast: inout Cast) -> [Step] {
        let officer = cast.officer
        let head = cast.workshopHead
        var steps: [Step] = []
        steps.reserveCapacity(count)
        for id in hazardIDs {
            for step in 0..<stepsPerHazard where steps.count < count {
                let now = cast.ticks.now()
                let (command, actor): (HazardCommand, Actor) =
                    switch step {
                    case 0:
                        (
                            .issueNotice(
                                receiverID: head.id,
                                responsibleUnit: "一车间",
                                nature: "一般隐患：可能导致包装密封不合格",
                                requiredMeasures: "校准温控并复检当班产品",
                                deadline: now.addingTimeInterval(30 * 86_400)
                            ), officer
                        )
                    case 1: (.event(.acknowledgeNotice), head)
                    case 2: (.event(.startRectification), head)
                    case 3: (.submitRectification(measuresTaken: "已校准温控器，复检 200 件全部合格", completedAt: now, funds: "800 元", evidence: []), head)
                    default: (.accept(passed: true, criteria: "封口强度符合 GB 4806 要求", opinion: "整改到位，同意闭环", evidence: []), officer)
                    }
                steps.append(Step(command: command, key: String(id), actor: actor, now: now))
            }
        }
        return steps
    }

    /// The store's timed loop: every step through `StoreRepository.perform`, one transaction each.
    static func perform(_ steps: [Step], in repository: StoreRepository) async throws -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        for step in steps {
            _ = try await repository.perform(step.command, on: step.key, by: step.actor, at: step.now)
        }
        return clock.now - start
    }

    /// The writes of each transition, rebuilt (untimed) from the store's audit log and final rows.
    /// Owner, role and deadline are set by the notice and never change in this loop, so the final
    /// hazard row gives every intermediate one but its state and closing time.
    private func floorTransitions(_ fixture: Fixture, after setupHead: Int64) throws -> [FloorTransition] {
        let source = try RawConnection(path: fixture.storePath)
        func byHazard(_ sql: String) throws -> [Int64: [[SQLValue]]] {
            Dictionary(grouping: try source.rows(sql)) { row in
                if case .integer(let id) = row[0] { id } else { -1 }
            }
        }
        let hazards = try byHazard("SELECT id, owner_id, owner_role, deadline, closed_at FROM hazard")
        let notices = try byHazard(
            """
            SELECT hazard_id, number, issued_by, issued_at, receiver_id, responsible_unit, nature, required_measures, deadline, acknowledged_at
            FROM rectification_notice
            """
        )
        var submissions = try byHazard(
            """
            SELECT hazard_id, sequence, rectifier_id, submitted_at, measures_taken, completed_at, funds, evidence
            FROM rectification_submission ORDER BY hazard_id, sequence
            """
        )
        var acceptances = try byHazard(
            """
            SELECT hazard_id, sequence, acceptor_id, accepted_at, passed, criteria, opinion, evidence
            FROM acceptance ORDER BY hazard_id, sequence
            """
        )
        let counters = try source.rows("SELECT enterprise_id, year FROM document_counter WHERE kind = 'ZG'")
        guard counters.count == 1 else { throw FixtureError.unexpected("notices span \(counters.count) counters; keep the run inside one year") }
        let entries = try source.rows("SELECT \(AuditValues.columns) FROM audit_log WHERE seq > ? ORDER BY seq", [.integer(setupHead)])
            .map(AuditValues.init(row:))
        guard entries.count == count else { throw FixtureError.unexpected("\(entries.count) audit entries for \(count) transitions") }

        return try entries.map { entry in
            let id = entry.objectID
            guard let row = hazards[id]?.first else { throw FixtureError.unexpected("hazard \(id) missing") }
            func hazard(_ state: String, closedAt: SQLValue = .null) -> [SQLValue] {
                [.text(state), row[1], row[2], row[3], closedAt, .integer(id)]
            }
            func next(_ parts: inout [Int64: [[SQLValue]]]) throws -> [SQLValue] {
                guard var list = parts[id], !list.isEmpty else { throw FixtureError.unexpected("part of hazard \(id) missing") }
                let first = list.removeFirst()
                parts[id] = list
                return first
            }
            switch entry.action {
            case "hazard.issueNotice":
                guard var notice = notices[id]?.first else { throw FixtureError.unexpected("notice of hazard \(id) missing") }
                notice[9] = .null
                return FloorTransition(counter: counters[0], hazard: hazard("notified"), part: .insertNotice(notice), audit: entry)
            case "hazard.acknowledgeNotice":
                guard let notice = notices[id]?.first else { throw FixtureError.unexpected("notice of hazard \(id) missing") }
                return FloorTransition(hazard: hazard("notified"), part: .acknowledge([notice[9], .integer(id)]), audit: entry)
            case "hazard.startRectification":
                return FloorTransition(hazard: hazard("rectifying"), part: .none, audit: entry)
            case "hazard.submitRectification":
                return FloorTransition(hazard: hazard("awaitingAcceptance"), part: .insertSubmission(try next(&submissions)), audit: entry)
            case "hazard.acceptPass":
                return FloorTransition(hazard: hazard("closed", closedAt: row[4]), part: .insertAcceptance(try next(&acceptances)), audit: entry)
            default:
                throw FixtureError.unexpected("action \(entry.action)")
            }
        }
    }
}
