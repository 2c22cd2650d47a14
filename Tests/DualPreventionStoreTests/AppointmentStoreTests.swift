import DualPrevention
import Foundation
import GRDB
import Testing

@testable import DualPreventionStore

/// Regional quality safety directors on both stores (DOMAIN.md §13, issue 16): appointed by a regulator, acting as
/// director in each enterprise they serve under one person, within the cap, and out of every one of them as soon as
/// the appointment ends.
@Suite("Regional quality safety directors")
struct AppointmentStoreTests {
    /// A small enterprise of district 1 without a director of its own.
    struct Small {
        let enterprise: Enterprise
        let workshop: Workshop
        let principal: Actor
        let officer: Actor
        let workshopHead: Actor
        let postWorker: Actor
    }

    static func small(_ f: Fixture, _ n: Int) async throws -> Small {
        let repo = f.repository
        let at = Clock.t0
        let enterprise = try await repo.addEnterprise(
            Enterprise(
                id: 0,
                name: "椒江小微五金厂\(n)",
                creditCode: try CreditCode.completing("91331002MA2C0010\(n)"),
                jurisdictionID: f.district1.id,
                productCategory: "五金制品"
            ),
            by: f.admin,
            at: at
        )
        let workshop = try await repo.addWorkshop(enterpriseID: enterprise.id, name: "冲压车间", by: f.admin, at: at)
        func person(_ name: String, _ role: Role, workshop: Int64? = nil) async throws -> Actor {
            try await repo.addPerson(
                Person(id: 0, name: "\(name)\(n)", role: role, enterpriseID: enterprise.id, workshopID: workshop),
                by: f.admin,
                at: at
            )
            .actor
        }
        return Small(
            enterprise: enterprise,
            workshop: workshop,
            principal: try await person("厂长", .principal),
            officer: try await person("安全员", .officer),
            workshopHead: try await person("车间主任", .workshopHead, workshop: workshop.id),
            postWorker: try await person("操作工", .postWorker, workshop: workshop.id)
        )
    }

    /// A general hazard of the small enterprise, rectified by its workshop head and waiting for acceptance.
    static func awaitingAcceptance(_ f: Fixture, _ s: Small) async throws -> Hazard {
        let repo = f.repository
        let reported = try await repo.reportHazard(
            HazardReport(workshopID: s.workshop.id, source: .dailyCheck, grade: .general, description: "冲床光电保护失灵", location: "冲压车间 2 号机"),
            by: s.postWorker,
            at: Clock.hours(1)
        )
        let notice = HazardCommand.issueNotice(
            receiverID: s.workshopHead.id,
            responsibleUnit: s.workshop.name,
            nature: "可能导致人身伤害",
            requiredMeasures: "修复光电保护",
            deadline: Clock.days(7)
        )
        _ = try await repo.perform(notice, on: "\(reported.id)", by: s.officer, at: Clock.hours(2))
        try await f.perform(.acknowledgeNotice, on: reported, by: s.workshopHead, at: Clock.hours(3))
        try await f.perform(.startRectification, on: reported, by: s.workshopHead, at: Clock.hours(4))
        return try await repo.perform(
            .submitRectification(measuresTaken: "更换光电保护装置", completedAt: Clock.hours(5), funds: "600元", evidence: []),
            on: "\(reported.id)",
            by: s.workshopHead,
            at: Clock.hours(6)
        ).0
    }

    static func accept(_ f: Fixture, _ hazard: Hazard, by actor: Actor, at: Date = Clock.hours(8)) async throws -> Hazard {
        try await f.repository.perform(
            .accept(passed: true, criteria: "光电保护试验 10 次均有效", opinion: "同意验收", evidence: []),
            on: "\(hazard.id)",
            by: actor,
            at: at
        ).0
    }

    static let term = (from: Clock.t0, until: Clock.days(365))
    /// A bcrypt hash as the store keeps it (its shape only matters here).
    static let hash = "$2b$04$" + String(repeating: "a", count: 53)
    static let capThree = AppointmentRules(regionalDirectorCap: 3, source: "appointment-rules.yaml")

    /// The rule code of what `body` threw, nil when it did not throw.
    static func code(_ body: () async throws -> Void) async -> String? {
        do {
            try await body()
            return nil
        } catch let error as any DualPreventionError {
            return error.rule
        } catch {
            return "\(error)"
        }
    }

    @Test(arguments: TestStore.all)
    func oneRegionalDirectorAcceptsInThreeEnterprisesIsCappedAtThreeAndLosesAccessWhenAnAppointmentEnds(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let repo = f.repository
        let smalls = [try await Self.small(f, 1), try await Self.small(f, 2), try await Self.small(f, 3), try await Self.small(f, 4)]
        let zhou = try await repo.addPerson(
            Person(id: 0, name: "周丽", role: .regionalDirector, jurisdictionID: f.district1.id),
            by: f.admin,
            at: Clock.t0
        )
        // The third enterprise's own director left: the account is disabled, so no director of its own is in office.
        let former = try await repo.addPerson(
            Person(id: 0, name: "孙总监", role: .director, enterpriseID: smalls[2].enterprise.id),
            by: f.admin,
            at: Clock.t0
        )
        _ = try await repo.setPassword(personID: former.id, passwordHash: Self.hash, by: f.admin, at: Clock.t0)
        _ = try await repo.disableAccount(personID: former.id, by: f.admin, at: Clock.t0)

        var appointments: [DirectorAppointment] = []
        for s in smalls.prefix(3) {
            appointments.append(
                try await repo.appoint(
                    directorID: zhou.id,
                    enterpriseID: s.enterprise.id,
                    from: Self.term.from,
                    until: Self.term.until,
                    rules: Self.capThree,
                    by: f.regulator1,
                    at: Clock.hours(0.5)
                )
            )
        }
        #expect(appointments.map(\.number) == appointments.map { DirectorAppointment.number($0.id) })
        // Enabling the former director's account again would put a second director in office: refused.
        #expect(
            await Self.code { _ = try await repo.setPassword(personID: former.id, passwordHash: Self.hash, by: f.admin, at: Clock.hours(1)) }
                == "APPOINT-ONE-DIRECTOR"
        )

        // The fourth is refused by the cap of the rules file, naming it; nothing is saved.
        do {
            _ = try await repo.appoint(
                directorID: zhou.id,
                enterpriseID: smalls[3].enterprise.id,
                from: Self.term.from,
                until: Self.term.until,
                rules: Self.capThree,
                by: f.regulator1,
                at: Clock.hours(0.5)
            )
            Issue.record("a fourth appointment was made over the cap of 3")
        } catch let refusal as Refusal {
            #expect(refusal.rule == "APPOINT-CAP")
            #expect(refusal.message.en.contains("appointment-rules.yaml: regionalDirectorCap = 3"), "\(refusal.message.en)")
        }
        #expect(try await f.count("director_appointment") == 3)

        // One login, three enterprises: the director accepts a hazard in each, as that enterprise's director.
        let inOffice = try await repo.appointmentsInOffice(of: zhou.id, at: Clock.hours(7))
        #expect(inOffice.map(\.1.id) == smalls.prefix(3).map(\.enterprise.id))
        var waiting: [Hazard] = []
        for s in smalls.prefix(3) { waiting.append(try await Self.awaitingAcceptance(f, s)) }
        for (index, s) in smalls.prefix(3).enumerated() {
            let acting = try await repo.acting(zhou, enterprise: s.enterprise.name, at: Clock.hours(8)).actor
            #expect(acting.role == .director && acting.enterpriseID == s.enterprise.id && acting.appointment?.id == appointments[index].id)
            let closed = try await Self.accept(f, waiting[index], by: acting)
            #expect(closed.state == .closed)
            #expect(closed.acceptances.last?.acceptorID == zhou.id)
            // The sign-off names the appointment and the enterprise.
            let entries = try await repo.history(objectType: "hazard", objectID: closed.id, visibleTo: .system)
            let signed = try #require(entries.last(where: { $0.action == "hazard.acceptPass" }))
            #expect(signed.actorID == zhou.id)
            #expect(signed.actorName == "周丽（区域质量安全总监 \(appointments[index].number)，\(s.enterprise.name)）")
            #expect(signed.enterpriseID == s.enterprise.id)
        }

        // She may own a risk point of an enterprise she serves, and of no other.
        func point(in s: Small) -> RiskPoint {
            RiskPoint(
                id: 0,
                enterpriseID: s.enterprise.id,
                workshopID: s.workshop.id,
                dimension: "equipment",
                controlStage: "冲压",
                name: "冲床光电保护",
                hazardDescription: "光电保护失灵导致压手",
                measures: "每班试验光电保护",
                target: "10次均有效",
                frequency: .weekly,
                ownerID: zhou.id
            )
        }
        let owned = try await repo.addRiskPoint(point(in: smalls[0]), grading: .lec(l: 6, e: 6, c: 15), by: smalls[0].officer, at: Clock.hours(8.5))
        #expect(owned.ownerID == zhou.id)
        #expect(
            await Self.code {
                _ = try await repo.addRiskPoint(point(in: smalls[3]), grading: .lec(l: 6, e: 6, c: 15), by: smalls[3].officer, at: Clock.hours(8.5))
            } == "NOT-FOUND"
        )

        // Acting for one enterprise gives nothing of another.
        let forFirst = try await repo.acting(zhou, enterprise: String(smalls[0].enterprise.id), at: Clock.hours(9)).actor
        let second = try await Self.awaitingAcceptance(f, smalls[1])
        #expect(await Self.code { _ = try await Self.accept(f, second, by: forFirst, at: Clock.hours(9)) } == "NOT-FOUND")
        // Nor does the person acting for none (several served, none named).
        #expect(await Self.code { _ = try await repo.acting(zhou, enterprise: nil, at: Clock.hours(9)) } == "APPOINT-WHICH")
        #expect(await Self.code { _ = try await Self.accept(f, second, by: zhou.actor, at: Clock.hours(9)) } == "NOT-FOUND")

        // A regulator of another district neither appoints nor ends there.
        #expect(
            await Self.code { _ = try await repo.endAppointment(appointments[1].id, note: "越权", by: f.regulator2, at: Clock.hours(10)) }
                == "NOT-FOUND"
        )

        // Ending the second appointment takes the director out of that enterprise at once: the actor held from
        // before is refused in the very next action, and no new one is made.
        let forSecond = try await repo.acting(zhou, enterprise: String(smalls[1].enterprise.id), at: Clock.hours(9)).actor
        let ended = try await repo.endAppointment(appointments[1].id, note: "企业已配备专职总监", by: f.regulator1, at: Clock.hours(10))
        #expect(ended.endedAt == Clock.hours(10) && ended.endedBy == f.regulator1.id && !ended.inOffice(at: Clock.hours(10)))
        #expect(await Self.code { _ = try await Self.accept(f, second, by: forSecond, at: Clock.hours(11)) } == "APPOINT-NOT-IN-OFFICE")
        #expect(
            await Self.code { _ = try await repo.acting(zhou, enterprise: String(smalls[1].enterprise.id), at: Clock.hours(11)) } == "APPOINT-WHICH"
        )
        #expect(
            try await repo.appointmentsInOffice(of: zhou.id, at: Clock.hours(11)).map(\.1.id) == [smalls[0].enterprise.id, smalls[2].enterprise.id]
        )
        #expect(
            await Self.code { _ = try await repo.endAppointment(appointments[1].id, note: "再次", by: f.regulator1, at: Clock.hours(12)) }
                == "APPOINT-ENDED"
        )

        // With one in office less, the fourth enterprise can now be served.
        let fourth = try await repo.appoint(
            directorID: zhou.id,
            enterpriseID: smalls[3].enterprise.id,
            from: Clock.hours(12),
            until: Self.term.until,
            rules: Self.capThree,
            by: f.regulator1,
            at: Clock.hours(12)
        )
        #expect(fourth.inOffice(at: Clock.hours(13)))

        // At most one director in office: not the enterprise's own beside a regional one, but once that has ended.
        let own = Person(id: 0, name: "王芳", role: .director, enterpriseID: smalls[0].enterprise.id)
        #expect(await Self.code { _ = try await repo.addPerson(own, by: f.admin, at: Clock.hours(13)) } == "APPOINT-ONE-DIRECTOR")
        var ownOfSecond = own
        ownOfSecond.enterpriseID = smalls[1].enterprise.id
        _ = try await repo.addPerson(ownOfSecond, by: f.admin, at: Clock.hours(13))
        // …and then no regional one beside that one.
        #expect(
            await Self.code {
                _ = try await repo.appoint(
                    directorID: zhou.id,
                    enterpriseID: smalls[1].enterprise.id,
                    from: Clock.hours(14),
                    until: Self.term.until,
                    rules: .defaults,
                    by: f.regulator1,
                    at: Clock.hours(14)
                )
            } == "APPOINT-ONE-DIRECTOR"
        )

        // Every appointment and ending is on the audit record, and the chain holds.
        let report = try await repo.verifyAudit(expectedHead: nil)
        #expect(report.isIntact)
        let audited = try await repo.history(objectType: "director_appointment", objectID: appointments[1].id, visibleTo: .system)
        #expect(audited.map(\.action) == ["appointment.appoint", "appointment.end"])

        // The database itself keeps the record: no deletion, no change after the ending.
        await #expect(throws: (any Error).self) { try await f.execute("DELETE FROM director_appointment WHERE id = \(appointments[0].id)") }
        await #expect(throws: (any Error).self) {
            try await f.execute("UPDATE director_appointment SET end_note = 'x' WHERE id = \(appointments[1].id)")
        }
        await #expect(throws: (any Error).self) {
            try await f.execute("UPDATE director_appointment SET enterprise_id = \(smalls[1].enterprise.id) WHERE id = \(appointments[0].id)")
        }
    }

    @Test(arguments: TestStore.all)
    func theOneInboxHoldsTheWorkOfEveryEnterpriseServedAndEscalationReachesTheRegionalDirector(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let repo = f.repository
        let smalls = [try await Self.small(f, 1), try await Self.small(f, 2)]
        let zhou = try await repo.addPerson(
            Person(id: 0, name: "周丽", role: .regionalDirector, jurisdictionID: f.district1.id),
            by: f.admin,
            at: Clock.t0
        )
        var appointments: [DirectorAppointment] = []
        for s in smalls {
            appointments.append(
                try await repo.appoint(
                    directorID: zhou.id,
                    enterpriseID: s.enterprise.id,
                    from: Clock.t0,
                    until: Clock.days(365),
                    rules: .defaults,
                    by: f.regulator1,
                    at: Clock.hours(0.5)
                )
            )
        }
        let waiting = [try await Self.awaitingAcceptance(f, smalls[0]), try await Self.awaitingAcceptance(f, smalls[1])]
        let items = try await repo.inbox(of: zhou.actor, at: Clock.hours(7)).filter { $0.kind == .accept }
        #expect(items.map(\.number).sorted() == waiting.map(\.number).sorted())
        #expect(Set(items.compactMap(\.enterprise)) == Set(smalls.map(\.enterprise.name)))
        for item in items {
            // Numbers repeat across enterprises; the key names the hazard (accept:<id>:<submission>).
            let hazard = try #require(waiting.first { item.key.hasPrefix("accept:\($0.id):") })
            #expect(item.enterprise == smalls.first { $0.enterprise.id == hazard.enterpriseID }?.enterprise.name)
            let appointment = try #require(appointments.first { $0.enterpriseID == hazard.enterpriseID })
            #expect(item.link == "/acting?appointment=\(appointment.id)&next=%2Fhazards%2F\(hazard.id)")
        }
        // The same inbox when they act for one of them.
        let acting = try await repo.acting(zhou, enterprise: smalls[0].enterprise.name, at: Clock.hours(7)).actor
        #expect(try await repo.inbox(of: acting, at: Clock.hours(7)).filter { $0.kind == .accept }.count == 2)
        // A hazard of the second enterprise left past its deadline: the escalation ladder's director is the regional one.
        let late = try await repo.reportHazard(
            HazardReport(workshopID: smalls[1].workshop.id, source: .dailyCheck, grade: .general, description: "冲床防护罩缺失"),
            by: smalls[1].postWorker,
            at: Clock.hours(1)
        )
        let notice = HazardCommand.issueNotice(
            receiverID: smalls[1].workshopHead.id,
            responsibleUnit: smalls[1].workshop.name,
            nature: "可能导致人身伤害",
            requiredMeasures: "加装防护罩",
            deadline: Clock.days(2)
        )
        _ = try await repo.perform(notice, on: "\(late.id)", by: smalls[1].officer, at: Clock.hours(2))
        _ = try await repo.escalate(asOf: Clock.days(4), rules: .defaults, senders: [], at: Clock.days(4))
        let escalated = try await repo.inbox(of: zhou.actor, at: Clock.days(4)).filter { $0.kind == .escalation }
        #expect(escalated.contains { $0.link.contains("%2Fhazards%2F\(late.id)") && $0.enterprise == smalls[1].enterprise.name }, "\(escalated)")

        // An ended appointment's enterprise leaves the inbox: its waiting work and its notifications.
        _ = try await repo.endAppointment(appointments[1].id, note: "任期调整", by: f.regulator1, at: Clock.days(4.1))
        let after = try await repo.inbox(of: zhou.actor, at: Clock.days(4.2))
        #expect(after.filter { $0.kind == .accept }.map(\.key) == ["accept:\(waiting[0].id):1"])
        #expect(
            !after.contains {
                $0.enterprise == smalls[1].enterprise.name || $0.link.contains("hazards/\(late.id)") || $0.link.contains("%2F\(late.id)")
            }
        )

        // The director of an enterprise with none of its own, for the escalation ladder, is its regional one in office.
        let heard = try await repo.database.read { db in
            (
                try StoreRepository.people(.role(.director, enterpriseID: smalls[0].enterprise.id), at: Clock.days(4.2), in: db),
                try StoreRepository.people(.role(.director, enterpriseID: smalls[1].enterprise.id), at: Clock.days(4.2), in: db)
            )
        }
        #expect(heard.0 == [zhou.id])
        #expect(heard.1 == [smalls[1].principal.id], "an ended appointment passes the director's notices to the principal again")
    }
}
