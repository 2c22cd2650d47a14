import DualPrevention
import Foundation

extension DemoSeed {
    /// Two small makers of Luqiao without a quality safety director of their own, served by one regional director
    /// the district office appointed (DOMAIN.md §13): she has accepted one hazard in the first (signing under her
    /// appointment) and has one waiting in the second, so her one inbox shows the other enterprise's work.
    mutating func regionalDirector(in district: Jurisdiction, regulator: Actor, admin: Actor) async throws -> [Company] {
        let specs = [
            ("台州路桥恒达五金厂", "91331004MA2E3K7P1", "路桥区金清镇工业区8号", "五金制品", "冲压车间", "陆小军", "蒋燕", "林大伟", "朱志刚"),
            ("台州路桥顺发塑料制品厂", "91331004MA2E5N2R6", "路桥区横街镇横街路66号", "食品接触用塑料制品", "注塑车间", "方国庆", "应敏", "卢海", "杨林"),
        ]
        var companies: [Company] = []
        for (name, code, address, category, workshopName, principal, officer, head, worker) in specs {
            let enterprise = try await repository.addEnterprise(
                Enterprise(
                    id: 0,
                    name: name,
                    creditCode: try CreditCode.completing(code),
                    jurisdictionID: district.id,
                    productCategory: category,
                    address: address
                ),
                by: regulator,
                at: tick()
            )
            let workshop = try await repository.addWorkshop(enterpriseID: enterprise.id, name: workshopName, by: admin, at: tick(0.1))
            let team = try await repository.addTeam(workshopID: workshop.id, name: "甲班", by: admin, at: tick(0.1))
            _ = try await repository.addPost(
                teamID: team.id,
                name: workshopName.replacingOccurrences(of: "车间", with: "") + "操作岗",
                by: admin,
                at: tick(0.1)
            )
            var people: [String: Person] = [:]
            for (person, role) in [(principal, Role.principal), (officer, .officer), (head, .workshopHead), (worker, .postWorker)] {
                people[person] = try await repository.addPerson(
                    Person(id: 0, name: person, role: role, enterpriseID: enterprise.id, workshopID: role.rank <= 3 ? workshop.id : nil),
                    by: admin,
                    at: tick(0.1)
                )
            }
            companies.append(Company(enterprise: enterprise, workshops: [workshop], teams: [[team]], people: people, points: []))
        }
        let zhou = try await repository.addPerson(
            Person(id: 0, name: Self.regionalDirectorName, role: .regionalDirector, jurisdictionID: district.id, phone: "13805760123"),
            by: admin,
            at: tick()
        )
        var acting: [Actor] = []
        for c in companies {
            let appointment = try await repository.appoint(
                directorID: zhou.id,
                enterpriseID: c.enterprise.id,
                from: try LocalTime().startOfDay(day(-40)),
                until: try LocalTime().startOfDay(day(325)),
                rules: .defaults,
                by: regulator,
                at: tick()
            )
            acting.append(try appointment.acting(zhou, enterpriseName: c.enterprise.name, at: clock).actor)
        }
        let findings = [
            ("冲床光电保护装置失灵，未能在手进入模区时停机", "更换光电保护装置并每班点检", "光电保护装置已更换，试验10次均有效"),
            ("注塑机料斗未加盖，车间粉尘可能混入食品级原料", "料斗加盖并设置原料专用区", "料斗已加盖，原料区已隔离"),
        ]
        for (index, c) in companies.enumerated() {
            let (description, measures, done) = findings[index]
            let names = Array(c.people.keys)
            let officer = c.people.values.first { $0.role == .officer }?.name ?? names[0]
            let head = c.people.values.first { $0.role == .workshopHead }?.name ?? names[0]
            let worker = c.people.values.first { $0.role == .postWorker }?.name ?? names[0]
            let h = try await report(c, by: worker, workshop: 0, point: nil, source: .dailyCheck, description)
            _ = try await notice(c, h, by: officer, to: head, deadline: day(10), measures: measures)
            try await act(c, h, .event(.acknowledgeNotice), by: c.actor(head))
            try await act(c, h, .event(.startRectification), by: c.actor(head))
            try await act(
                c,
                h,
                .submitRectification(measuresTaken: done, completedAt: clock, funds: "1500元", evidence: []),
                by: c.actor(head)
            )
            // The first is accepted by the regional director, under her appointment; the second waits for her.
            if index == 0 {
                try await act(c, h, .accept(passed: true, criteria: measures, opinion: "整改到位，同意验收", evidence: []), by: acting[0])
            }
        }
        return companies
    }

    /// The demo's regional quality safety director (a demo login).
    public static let regionalDirectorName = "区域总监 周丽"
}
