import Foundation
import Testing

@testable import DualPrevention

/// The rules of DOMAIN.md §13: who appoints a regional quality safety director, at most one director in office per
/// enterprise, the cap on one director's enterprises, ending, and acting as director under an appointment.
@Suite struct DirectorAppointmentTests {
    static let regulator = Actor(id: 2, name: "路桥分局 赵敏", role: .regulator, jurisdictionID: 30)
    static let director = Person(id: 40, name: "周丽", role: .regionalDirector, jurisdictionID: 30)

    static func context(
        inReach: Bool = true,
        inJurisdiction: Bool = true,
        own: [String] = [],
        enterprise: [(DirectorAppointment, String)] = [],
        directors: [DirectorAppointment] = []
    ) -> AppointmentContext {
        AppointmentContext(
            enterpriseName: "台州小微五金厂",
            enterpriseInReach: inReach,
            inDirectorsJurisdiction: inJurisdiction,
            ownDirectors: own,
            enterpriseAppointments: enterprise,
            directorsAppointments: directors
        )
    }

    /// An appointment of director 40 (or `director`) to `enterprise` for days `from` to `to`.
    static func held(
        _ id: Int64,
        enterprise: Int64 = 9,
        director: Int64 = 40,
        from: Double = -10,
        to: Double = 100,
        ended: Double? = nil
    )
        -> DirectorAppointment
    {
        DirectorAppointment(
            id: id,
            directorID: director,
            enterpriseID: enterprise,
            startsAt: Clock.days(from),
            endsAt: Clock.days(to),
            appointedBy: 2,
            appointedAt: Clock.days(from),
            endedBy: ended.map { _ in 2 },
            endedAt: ended.map { Clock.days($0) },
            endNote: ended == nil ? "" : "企业已配备专职总监"
        )
    }

    /// The rule code of what `body` threw, nil when it did not throw.
    static func code(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let refusal as Refusal {
            return refusal.rule
        } catch {
            return "not a refusal: \(error)"
        }
    }

    struct AppointCase: Sendable, CustomTestStringConvertible {
        var name: String
        var actor: Actor = DirectorAppointmentTests.regulator
        var person: Person = DirectorAppointmentTests.director
        var context: AppointmentContext = DirectorAppointmentTests.context()
        var from: Double = 0
        var to: Double = 365
        var cap = 3
        var expected: String?
        var testDescription: String { name }
    }

    static let appointCases: [AppointCase] = [
        AppointCase(name: "a regulator over the enterprise appoints a regional director", expected: nil),
        AppointCase(name: "a regulator not over it may not", context: context(inReach: false), expected: "APPOINT-WHO"),
        AppointCase(
            name: "nor the enterprise's principal",
            actor: Actor(id: 5, name: "厂长", role: .principal, enterpriseID: 9),
            expected: "APPOINT-WHO"
        ),
        AppointCase(name: "nor an administrator", actor: Actor(id: 1, name: "管理员", role: .admin), expected: "APPOINT-WHO"),
        AppointCase(
            name: "only a person of the regional director role",
            person: Person(id: 41, name: "某总监", role: .director, enterpriseID: 8),
            expected: "APPOINT-ROLE"
        ),
        AppointCase(name: "only in the director's jurisdiction", context: context(inJurisdiction: false), expected: "APPOINT-AREA"),
        AppointCase(name: "a term ending before it starts", from: 10, to: 5, expected: "APPOINT-TERM"),
        AppointCase(name: "a term already over", from: -30, to: -1, expected: "APPOINT-TERM"),
        AppointCase(name: "not while the enterprise has its own director", context: context(own: ["王芳"]), expected: "APPOINT-ONE-DIRECTOR"),
        AppointCase(
            name: "not while another regional director is in office in the term",
            context: context(enterprise: [(held(1, director: 50, from: -10, to: 30), "李强")]),
            expected: "APPOINT-ONE-DIRECTOR"
        ),
        AppointCase(
            name: "after the other's term ends",
            context: context(enterprise: [(held(1, director: 50, from: -100, to: -1), "李强")]),
            expected: nil
        ),
        AppointCase(
            name: "after the other was ended early",
            context: context(enterprise: [(held(1, director: 50, from: -100, to: 300, ended: -1), "李强")]),
            expected: nil
        ),
        AppointCase(
            name: "the cap: three enterprises served in the term, cap 3",
            context: context(directors: [held(1, enterprise: 1), held(2, enterprise: 2), held(3, enterprise: 3)]),
            expected: "APPOINT-CAP"
        ),
        AppointCase(
            name: "two served, cap 3",
            context: context(directors: [held(1, enterprise: 1), held(2, enterprise: 2)]),
            expected: nil
        ),
        AppointCase(
            name: "three, one of them over before this term starts",
            context: context(directors: [held(1, enterprise: 1), held(2, enterprise: 2), held(3, enterprise: 3, from: -100, to: -1)]),
            expected: nil
        ),
        AppointCase(
            name: "three, cap 4",
            context: context(directors: [held(1, enterprise: 1), held(2, enterprise: 2), held(3, enterprise: 3)]),
            cap: 4,
            expected: nil
        ),
    ]

    @Test(arguments: appointCases)
    func appointing(_ c: AppointCase) {
        let rules = AppointmentRules(regionalDirectorCap: c.cap, source: "appointment-rules.yaml")
        var made: DirectorAppointment?
        let refused = Self.code {
            made = try DirectorAppointment.appoint(
                c.person,
                enterpriseID: 9,
                from: Clock.days(c.from),
                until: Clock.days(c.to),
                context: c.context,
                rules: rules,
                by: c.actor,
                id: 7,
                at: Clock.base
            )
        }
        #expect(refused == c.expected)
        guard let made else { return }
        #expect(made.number == "RD-0007")
        #expect(made.directorID == c.person.id && made.enterpriseID == 9 && made.appointedBy == c.actor.id)
        #expect(made.inOffice(at: Clock.days(c.from)) && !made.inOffice(at: Clock.days(c.to)))
    }

    @Test func theCapRefusalNamesTheRuleAndItsFile() throws {
        let busy = Self.context(directors: [Self.held(1, enterprise: 1), Self.held(2, enterprise: 2), Self.held(3, enterprise: 3)])
        let rules = AppointmentRules(regionalDirectorCap: 3, source: "appointment-rules.yaml")
        do {
            _ = try DirectorAppointment.appoint(
                Self.director,
                enterpriseID: 9,
                from: Clock.base,
                until: Clock.days(365),
                context: busy,
                rules: rules,
                by: Self.regulator,
                id: 7,
                at: Clock.base
            )
            Issue.record("a fourth appointment was made")
        } catch {
            #expect(error.rule == "APPOINT-CAP")
            #expect(error.message.en.contains("appointment-rules.yaml: regionalDirectorCap = 3"), "\(error.message.en)")
            #expect(error.message.zh.contains("周丽") && error.message.zh.contains("3 家"))
        }
        #expect(AppointmentRules.defaults.regionalDirectorCap == 20)
    }

    struct InOfficeCase: Sendable, CustomTestStringConvertible {
        var name: String
        var appointment: DirectorAppointment
        var at: Double
        var inOffice: Bool
        var testDescription: String { name }
    }

    static let inOfficeCases: [InOfficeCase] = [
        InOfficeCase(name: "before the term", appointment: held(1, from: 5, to: 10), at: 4.9, inOffice: false),
        InOfficeCase(name: "at its start", appointment: held(1, from: 5, to: 10), at: 5, inOffice: true),
        InOfficeCase(name: "inside it", appointment: held(1, from: 5, to: 10), at: 9.99, inOffice: true),
        InOfficeCase(name: "at its end (exclusive)", appointment: held(1, from: 5, to: 10), at: 10, inOffice: false),
        InOfficeCase(name: "ended early, before the end", appointment: held(1, from: 5, to: 10, ended: 7), at: 6, inOffice: false),
    ]

    @Test(arguments: inOfficeCases)
    func inOffice(_ c: InOfficeCase) {
        #expect(c.appointment.inOffice(at: Clock.days(c.at)) == c.inOffice)
    }

    @Test func anEndedAppointmentOverlapsOnlyUpToItsEnding() {
        let ended = Self.held(1, from: 0, to: 100, ended: 20)
        #expect(ended.effectiveEnd == Clock.days(20))
        #expect(ended.overlaps(from: Clock.days(10), until: Clock.days(30)))
        #expect(!ended.overlaps(from: Clock.days(20), until: Clock.days(30)))
        #expect(!Self.held(2, from: 0, to: 100).overlaps(from: Clock.days(100), until: Clock.days(200)))
    }

    @Test func endingNeedsTheRegulatorOverTheEnterpriseAReasonAndHappensOnce() {
        var appointment = Self.held(1)
        #expect(Self.code { try appointment.end(note: "到期前解除", by: Self.regulator, enterpriseInReach: false, at: Clock.base) } == "APPOINT-WHO")
        let asDirector = Self.director.actor
        #expect(Self.code { try appointment.end(note: "辞任", by: asDirector, enterpriseInReach: true, at: Clock.base) } == "APPOINT-WHO")
        #expect(Self.code { try appointment.end(note: "  ", by: Self.regulator, enterpriseInReach: true, at: Clock.base) } == "APPOINT-END-NOTE")
        #expect(Self.code { try appointment.end(note: "企业已配备专职总监", by: Self.regulator, enterpriseInReach: true, at: Clock.base) } == nil)
        #expect(appointment.endedAt == Clock.base && appointment.endedBy == Self.regulator.id && !appointment.inOffice(at: Clock.base))
        #expect(Self.code { try appointment.end(note: "再次", by: Self.regulator, enterpriseInReach: true, at: Clock.base) } == "APPOINT-ENDED")
    }

    struct ActingCase: Sendable, CustomTestStringConvertible {
        var name: String
        var person: Person = DirectorAppointmentTests.director
        var appointment: DirectorAppointment
        var at: Double
        var expected: String?
        var testDescription: String { name }
    }

    static let actingCases: [ActingCase] = [
        ActingCase(name: "in office", appointment: held(3), at: 0, expected: nil),
        ActingCase(name: "ended", appointment: held(3, ended: -1), at: 0, expected: "APPOINT-NOT-IN-OFFICE"),
        ActingCase(name: "ended, though at an instant before the ending", appointment: held(3, ended: 1), at: 0, expected: "APPOINT-NOT-IN-OFFICE"),
        ActingCase(name: "not begun", appointment: held(3, from: 1, to: 100), at: 0, expected: "APPOINT-NOT-IN-OFFICE"),
        ActingCase(name: "run out", appointment: held(3, from: -100, to: -1), at: 0, expected: "APPOINT-NOT-IN-OFFICE"),
        ActingCase(name: "someone else's", appointment: held(3, director: 50), at: 0, expected: "APPOINT-NOT-YOURS"),
        ActingCase(
            name: "a person who is no longer a regional director",
            person: Person(id: 40, name: "周丽", role: .officer, enterpriseID: 9),
            appointment: held(3),
            at: 0,
            expected: "APPOINT-NOT-YOURS"
        ),
    ]

    @Test(arguments: actingCases)
    func acting(_ c: ActingCase) {
        var acting: Person?
        #expect(Self.code { acting = try c.appointment.acting(c.person, enterpriseName: "台州小微五金厂", at: Clock.days(c.at)) } == c.expected)
        guard let acting else { return }
        #expect(acting.role == .director && acting.enterpriseID == 9 && acting.jurisdictionID == nil && acting.id == c.person.id)
        let actor = acting.actor
        #expect(actor.appointment == ActingAppointment(id: 3, enterpriseName: "台州小微五金厂"))
        #expect(actor.belongs(to: 9) && !actor.belongs(to: 8))
        #expect(actor.signature == "周丽（区域质量安全总监 RD-0003，台州小微五金厂）")
    }

    @Test func aSignatureIsTheNameForEveryoneElse() {
        #expect(Self.regulator.signature == "路桥分局 赵敏")
        #expect(Self.director.actor.signature == "周丽")
    }

    @Test func anActingPersonIsNeverStoredAsActing() throws {
        let acting = try Self.held(3).acting(Self.director, enterpriseName: "台州小微五金厂", at: Clock.base)
        let json = String(decoding: try JSONEncoder().encode(acting), as: UTF8.self)
        #expect(!json.contains("acting") && !json.contains("RD-"))
    }

    static func enterprise(_ id: Int64, _ name: String) throws -> Enterprise {
        Enterprise(id: id, name: name, creditCode: try CreditCode.completing("91331004MA2C0000\(id)"), jurisdictionID: 30, productCategory: "五金")
    }

    @Test func choosingTheEnterpriseToActFor() throws {
        let one = [(Self.held(1, enterprise: 1), try Self.enterprise(1, "甲五金厂"))]
        let three =
            one + [(Self.held(2, enterprise: 2), try Self.enterprise(2, "乙五金厂")), (Self.held(3, enterprise: 3), try Self.enterprise(3, "丙五金厂"))]
        #expect(try DirectorAppointment.choose(one, enterprise: nil, director: "周丽").0.id == 1)
        #expect(try DirectorAppointment.choose(three, enterprise: "2", director: "周丽").0.id == 2)
        #expect(try DirectorAppointment.choose(three, enterprise: "丙五金厂", director: "周丽").0.id == 3)
        #expect(try DirectorAppointment.choose(three, enterprise: three[1].1.creditCode.value.lowercased(), director: "周丽").0.id == 2)
        #expect(Self.code { _ = try DirectorAppointment.choose(three, enterprise: nil, director: "周丽") } == "APPOINT-WHICH")
        #expect(Self.code { _ = try DirectorAppointment.choose(three, enterprise: "9", director: "周丽") } == "APPOINT-WHICH")
        #expect(Self.code { _ = try DirectorAppointment.choose([], enterprise: nil, director: "周丽") } == "APPOINT-WHICH")
        do {
            _ = try DirectorAppointment.choose(three, enterprise: nil, director: "周丽")
        } catch {
            #expect(error.message.en.contains("--enterprise") && error.message.zh.contains("甲五金厂、乙五金厂、丙五金厂"))
        }
    }

    @Test func anOwnDirectorIsAddedOnlyWithoutARegionalOneInOffice() {
        let own = Person(id: 60, name: "王芳", role: .director, enterpriseID: 9)
        #expect(
            Self.code { try DirectorAppointment.mayAddOwnDirector(own, regionalInOffice: Self.held(3), enterpriseName: "厂") }
                == "APPOINT-ONE-DIRECTOR"
        )
        #expect(Self.code { try DirectorAppointment.mayAddOwnDirector(own, regionalInOffice: nil, enterpriseName: "厂") } == nil)
        let officer = Person(id: 61, name: "李", role: .officer, enterpriseID: 9)
        #expect(Self.code { try DirectorAppointment.mayAddOwnDirector(officer, regionalInOffice: Self.held(3), enterpriseName: "厂") } == nil)
    }

    @Test func aRegionalDirectorBelongsToAJurisdictionAndNoEnterprise() {
        #expect(throws: InputError.self) { try Person(id: 1, name: "周丽", role: .regionalDirector).validate() }
        #expect(throws: InputError.self) { try Person(id: 1, name: "周丽", role: .regionalDirector, enterpriseID: 3, jurisdictionID: 30).validate() }
        #expect(throws: Never.self) { try Person(id: 1, name: "周丽", role: .regionalDirector, jurisdictionID: 30).validate() }
        #expect(Role(parsing: "regional-director") == .regionalDirector && Role(parsing: "区域总监") == .regionalDirector)
        #expect(!Role.regionalDirector.isEnterpriseRole && Role.regionalDirector.controlTier == nil)
    }

    struct StaffCase: Sendable, CustomTestStringConvertible {
        var name: String
        var own: [Role]
        var appointment: DirectorAppointment?
        var at: Double
        var staffed: Bool
        var testDescription: String { name }
    }

    static let staffCases: [StaffCase] = [
        StaffCase(name: "principal and officer, no director", own: [.principal, .officer], appointment: nil, at: 0, staffed: false),
        StaffCase(name: "and a regional director in office", own: [.principal, .officer], appointment: held(3), at: 0, staffed: true),
        StaffCase(name: "before the term begins", own: [.principal, .officer], appointment: held(3, from: 5, to: 100), at: 0, staffed: false),
        StaffCase(name: "after it was ended", own: [.principal, .officer], appointment: held(3, ended: -1), at: 0, staffed: false),
        StaffCase(
            name: "while it was in office, though ended since",
            own: [.principal, .officer],
            appointment: held(3, ended: 5),
            at: 0,
            staffed: true
        ),
        StaffCase(name: "no officer", own: [.principal], appointment: held(3), at: 0, staffed: false),
        StaffCase(name: "an own director", own: [.principal, .director, .officer], appointment: nil, at: 0, staffed: true),
    ]

    /// Credit's "principal, director and officer appointed" and the benchmark's organisation item count a regional
    /// director in office as the enterprise's director (DOMAIN.md §13), naming the appointment.
    @Test(arguments: staffCases)
    func aRegionalDirectorInOfficeStaffsTheEnterprise(_ c: StaffCase) throws {
        let people = c.own.enumerated().map { Person(id: Int64(70 + $0.offset), name: "员\($0.offset)", role: $0.element, enterpriseID: 9) }
        let added = Dictionary(uniqueKeysWithValues: people.map { ($0.id, Clock.days(-30)) })
        let metrics = QualityRecordMetrics(
            records: [],
            people: people,
            peopleAddedAt: added,
            directorAppointments: c.appointment.map { [$0] } ?? []
        )
        let staffed = try #require(metrics.metrics(asOf: Clock.days(c.at), since: Clock.days(-365))["management.staffAppointed"])
        #expect(staffed.value == (c.staffed ? 1 : 0))
        let regional = !c.own.contains(.director) && c.appointment.map { DirectorAppointment.inOffice([$0], at: Clock.days(c.at)) != nil } == true
        #expect(staffed.evidence.contains("RD-0003") == regional)
        var inputs = BenchmarkInputs(
            enterprise: try Self.enterprise(9, "台州小微五金厂"),
            workshops: [],
            people: people,
            peopleAddedAt: added,
            riskPoints: [],
            gradings: [],
            riskPointAddedAt: [:],
            hazards: [],
            plans: [],
            runs: [],
            records: [],
            dimensions: DimensionCatalog(),
            local: try LocalTime()
        )
        inputs.directorAppointments = c.appointment.map { [$0] } ?? []
        let organisation = BenchmarkAssessor.organisation(inputs, end: Clock.days(c.at))
        let director = c.own.contains(.director) || regional
        #expect(organisation.value == Double(Set(c.own).intersection([.principal, .officer]).count + (director ? 1 : 0)) / 3)
    }
}
