import Foundation
import Testing

@testable import DualPrevention

@Suite struct JurisdictionTests {
    static let province = Jurisdiction(id: 10, name: "福建省", level: .province, parentID: nil)
    static let city = Jurisdiction(id: 20, name: "福州市", level: .city, parentID: 10)
    static let district = Jurisdiction(id: 30, name: "鼓楼区", level: .district, parentID: 20)
    static let town = Jurisdiction(id: 40, name: "东街街道", level: .town, parentID: 30)

    static func rule(_ name: String, _ level: JurisdictionLevel, _ parent: Jurisdiction?) -> String? {
        do throws(InputError) {
            try Jurisdiction.validate(name: name, level: level, parent: parent)
            return nil
        } catch {
            return error.rule
        }
    }

    @Test(arguments: [
        ("福建省", JurisdictionLevel.province, nil as Jurisdiction?),
        ("福州市", .city, province), ("鼓楼区", .district, city), ("东街街道", .town, district),
        ("平潭综合实验区", .district, province),  // a child may sit more than one level below
        ("某镇", .town, city),
    ])
    func validChildren(_ name: String, _ level: JurisdictionLevel, _ parent: Jurisdiction?) {
        #expect(Self.rule(name, level, parent) == nil)
    }

    @Test(arguments: [JurisdictionLevel.city, .district, .town])
    func onlyAProvinceMayBeARoot(_ level: JurisdictionLevel) {
        #expect(Self.rule("某地", level, nil) == "JURISDICTION-ROOT")
    }

    @Test(arguments: [
        (JurisdictionLevel.province, province), (.province, city), (.city, city), (.city, district),
        (.district, town), (.town, town),
    ])
    func childMustBeBelowItsParent(_ level: JurisdictionLevel, _ parent: Jurisdiction) {
        #expect(Self.rule("某地", level, parent) == "JURISDICTION-LEVEL")
    }

    @Test func levelMessageNamesTheParent() {
        #expect {
            try Jurisdiction.validate(name: "某市", level: .city, parent: Self.district)
        } throws: { error in
            (error as? InputError)?.message.en == "a city cannot sit under the district/county 鼓楼区"
        }
    }

    @Test(arguments: ["", "   ", "\n"])
    func nameIsRequired(_ name: String) {
        #expect(Self.rule(name, .province, nil) == "INPUT-REQUIRED")
    }

    @Test func levelsAreOrderedFromProvinceDown() {
        #expect(JurisdictionLevel.allCases.sorted() == [.province, .city, .district, .town])
        #expect(JurisdictionLevel.province < .town)
    }
}

@Suite struct PersonTests {
    static func rule(_ person: Person) -> String? {
        do throws(InputError) {
            try person.validate()
            return nil
        } catch {
            return error.rule
        }
    }

    @Test(arguments: [Role.principal, .director, .officer, .workshopHead, .teamLeader, .postWorker])
    func enterpriseRolesNeedAnEnterprise(_ role: Role) {
        #expect(Self.rule(Person(id: 1, name: "张三", role: role, enterpriseID: 1)) == nil)
        #expect(Self.rule(Person(id: 1, name: "张三", role: role)) == "PERSON-ENTERPRISE")
        #expect(role.isEnterpriseRole)
    }

    @Test func regulatorNeedsAJurisdictionAndNoEnterprise() {
        #expect(Self.rule(Person(id: 1, name: "监管员", role: .regulator, jurisdictionID: 20)) == nil)
        #expect(Self.rule(Person(id: 1, name: "监管员", role: .regulator)) == "PERSON-JURISDICTION")
        #expect(Self.rule(Person(id: 1, name: "监管员", role: .regulator, enterpriseID: 1, jurisdictionID: 20)) == "PERSON-ENTERPRISE")
    }

    @Test(arguments: [Role.assessor, .admin])
    func nonEnterpriseRolesMustNotBelongToAnEnterprise(_ role: Role) {
        #expect(Self.rule(Person(id: 1, name: "李四", role: role)) == nil)
        #expect(Self.rule(Person(id: 1, name: "李四", role: role, enterpriseID: 1)) == "PERSON-ENTERPRISE")
        #expect(!role.isEnterpriseRole && role.rank == 0)
    }

    @Test(arguments: ["", "  "])
    func everyPersonIsNamed(_ name: String) {
        #expect(Self.rule(Person(id: 1, name: name, role: .director, enterpriseID: 1)) == "INPUT-REQUIRED")
    }

    @Test func actorCarriesTheAttachments() {
        let person = Person(id: 5, name: "刘班长", role: .teamLeader, enterpriseID: 1, workshopID: 3, phone: "13800000000")
        #expect(person.actor == Actor(id: 5, name: "刘班长", role: .teamLeader, enterpriseID: 1, workshopID: 3))
    }

    @Test func ranksRiseFromPostWorkerToPrincipal() {
        let ranks = [Role.postWorker, .teamLeader, .workshopHead, .officer, .director, .principal].map(\.rank)
        #expect(ranks == [1, 2, 3, 4, 5, 6])
    }

    @Test(arguments: [
        ("director", Role?.some(.director)), ("Director", .director), ("总监", .director), ("质量安全总监", .director),
        ("workshop-head", .workshopHead), ("workshop_head", .workshopHead), ("安全员", .officer),
        ("质量安全员", .officer), ("regulator", .regulator), ("boss", nil), ("", nil),
    ])
    func rolesParseFromNamesLabelsAndAliases(_ text: String, _ role: Role?) {
        #expect(Role(parsing: text) == role)
    }

    @Test func scopeOfActors() {
        let path: [Int64] = [30, 20, 10]
        #expect(Who.director.actor.belongs(to: 1))
        #expect(!Who.director.actor.belongs(to: 2))
        #expect(!Who.outsider.actor.belongs(to: 1))
        // An admin attached to an enterprise id still is not a member of it.
        #expect(!Actor(id: 8, name: "管理员", role: .admin, enterpriseID: 1).belongs(to: 1))
        #expect(Who.regulatorOnPath.actor.regulates(jurisdictionPath: path))
        #expect(!Who.regulatorOffPath.actor.regulates(jurisdictionPath: path))
        #expect(!Actor(id: 12, name: "评估员", role: .assessor, jurisdictionID: 20).regulates(jurisdictionPath: path))
    }
}

/// Who may appoint an assessor, and whom: every role, in reach of the enterprise or not, appointing an assessor or not.
@Suite struct AssignmentPolicyTests {
    static let assessor = Person(id: 50, name: "评估专家", role: .assessor)
    static let officer = Person(id: 51, name: "质量安全员", role: .officer, enterpriseID: 1)

    @Test(arguments: Role.allCases)
    func onlyAnAdministratorOrARegulatorInReachAppoints(_ role: Role) {
        let actor = Actor(id: 9, name: "x", role: role, enterpriseID: role.isEnterpriseRole ? 1 : nil, jurisdictionID: role == .regulator ? 3 : nil)
        for inReach in [true, false] {
            let allowed = role == .admin || (role == .regulator && inReach)
            let refused = (try? AssignmentPolicy.mayAssign(actor, assessor: Self.assessor, enterpriseInReach: inReach)) == nil
            #expect(refused == !allowed, "\(role) with the enterprise \(inReach ? "in" : "out of") reach")
        }
    }

    @Test(arguments: Role.allCases)
    func endingNeedsTheSamePeopleWhateverTheAssessorBecame(_ role: Role) {
        let actor = Actor(id: 9, name: "x", role: role, enterpriseID: role.isEnterpriseRole ? 1 : nil, jurisdictionID: role == .regulator ? 3 : nil)
        for inReach in [true, false] {
            let allowed = role == .admin || (role == .regulator && inReach)
            #expect(((try? AssignmentPolicy.mayEnd(actor, enterpriseInReach: inReach)) == nil) == !allowed, "\(role), \(inReach)")
        }
    }

    @Test func onlyAnAssessorIsAppointed() {
        let admin = Actor(id: 1, name: "管理员", role: .admin)
        #expect(throws: Refusal.self) { try AssignmentPolicy.mayAssign(admin, assessor: Self.officer, enterpriseInReach: true) }
        #expect(throws: Never.self) { try AssignmentPolicy.mayAssign(admin, assessor: Self.assessor, enterpriseInReach: false) }
    }
}
