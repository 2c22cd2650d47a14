import DualPrevention
import Foundation
import Yams

/// Reads the catalog files (checklists, dimensions, grading bands, credit and benchmark rules). Every error of a file is reported in one go,
/// each with its line and column, the field path, what was found and what was expected.
public enum CatalogLoader {
    public static let minimumRiskPoints = 20

    /// What a file holds, by its `kind`.
    public enum Document: Sendable {
        case checklist(Checklist)
        case dimensions(DimensionCatalog)
        case gradingBands(GradingBands)
        case creditRules(CreditRules)
        case listRules(ListRules)
        case benchmarkRules(BenchmarkRules)
        case escalationRules(EscalationRules)
        case appointmentRules(AppointmentRules)
    }

    public static func load(file: String, dimensions: DimensionCatalog = DimensionCatalog()) throws -> Document {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw CatalogError(issues: [
                CatalogIssue(file: file, line: 1, column: 1, path: "(file)", found: "no readable UTF-8 file", expected: "a YAML file")
            ])
        }
        return try parse(text, file: file, dimensions: dimensions)
    }

    public static func parse(_ text: String, file: String, dimensions: DimensionCatalog = DimensionCatalog()) throws -> Document {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw CatalogError(issues: [syntaxIssue(error, file: file)])
        }
        let reader = NodeReader(file: file)
        let kind = reader.choice(
            root?.mapping?["kind"],
            "kind",
            [
                ("checklist", 0), ("dimensions", 1), ("gradingBands", 2), ("creditRules", 3), ("listRules", 4), ("benchmarkRules", 5),
                ("escalationRules", 6), ("appointmentRules", 7),
            ]
        )
        if root?.mapping?["kind"] == nil {
            reader.report(
                nil,
                "kind",
                expected: "checklist, dimensions, gradingBands, creditRules, listRules, benchmarkRules, escalationRules or appointmentRules",
                near: root
            )
        }
        let document: Document?
        switch kind {
        case 0: document = checklist(root, reader, dimensions).map(Document.checklist)
        case 1: document = dimensionCatalog(root, reader).map(Document.dimensions)
        case 2: document = bands(root, reader).map(Document.gradingBands)
        case 3: document = creditRules(root, reader).map(Document.creditRules)
        case 4: document = listRules(root, reader).map(Document.listRules)
        case 5: document = benchmarkRules(root, reader).map(Document.benchmarkRules)
        case 6: document = escalationRules(root, reader).map(Document.escalationRules)
        case 7: document = appointmentRules(root, reader).map(Document.appointmentRules)
        default: document = nil
        }
        guard reader.issues.isEmpty, let document else {
            throw CatalogError(issues: reader.issues.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return document
    }

    static func syntaxIssue(_ error: YamlError, file: String) -> CatalogIssue {
        if case .scanner(_, let problem, let mark, _) = error {
            return CatalogIssue(file: file, line: mark.line, column: mark.column, path: "(syntax)", found: problem, expected: "valid YAML")
        }
        if case .parser(_, let problem, let mark, _) = error {
            return CatalogIssue(file: file, line: mark.line, column: mark.column, path: "(syntax)", found: problem, expected: "valid YAML")
        }
        return CatalogIssue(file: file, line: 1, column: 1, path: "(syntax)", found: "\(error)", expected: "valid YAML")
    }

    static func text(_ node: Node?, _ path: String, _ reader: NodeReader) -> Text? {
        guard let fields = reader.fields(node, path, required: ["zh", "en"]),
            let zh = reader.string(fields["zh"], path + ".zh"), let en = reader.string(fields["en"], path + ".en")
        else { return nil }
        return Text(zh: zh, en: en)
    }

    static func checklist(_ root: Node?, _ reader: NodeReader, _ dimensions: DimensionCatalog) -> Checklist? {
        guard let top = reader.fields(root, "", required: ["kind", "category", "name", "version", "riskPoints"], optional: ["scope", "standards"])
        else { return nil }
        let category = reader.string(top["category"], "category", pattern: "^[a-z][a-z0-9-]{2,40}$")
        let name = text(top["name"], "name", reader)
        let version = reader.integer(top["version"], "version", in: 1...9_999)
        let scope = top["scope"].flatMap { reader.string($0, "scope") } ?? ""
        var standards: [Checklist.Standard] = []
        for (index, node) in (top["standards"].flatMap { reader.list($0, "standards", minItems: 0) } ?? []).enumerated() {
            let path = "standards[\(index)]"
            guard let fields = reader.fields(node, path, required: ["code", "title"]),
                let code = reader.string(fields["code"], path + ".code", pattern: "^(GB|GB/T|AQ|HG|QB|SN|TSG)[ /0-9.T-]+$"),
                let title = reader.string(fields["title"], path + ".title", minLength: 2)
            else { continue }
            standards.append(.init(code: code, title: title))
        }
        var points: [TemplateRiskPoint] = []
        var seen: [String: Int] = [:]
        let items = reader.list(top["riskPoints"], "riskPoints", minItems: minimumRiskPoints) ?? []
        for (index, node) in items.enumerated() {
            guard let point = riskPoint(node, "riskPoints[\(index)]", reader, dimensions, standards) else { continue }
            if let first = seen[point.code] {
                reader.report(
                    node.mapping?["code"],
                    "riskPoints[\(index)].code",
                    found: "\"\(point.code)\"",
                    expected: "a code not used before (riskPoints[\(first)] has it)"
                )
            }
            seen[point.code] = seen[point.code] ?? index
            points.append(point)
        }
        if !items.isEmpty {
            // Counted over the entries as written, so one broken entry does not also hide its dimension.
            let written = Set(items.compactMap { $0.mapping?["dimension"]?.string })
            for dimension in dimensions.dimensions where !written.contains(dimension.code) {
                reader.report(
                    top["riskPoints"],
                    "riskPoints",
                    found: "no risk point of dimension \(dimension.code)",
                    expected: "every dimension covered (\(dimension.label.zh))"
                )
            }
        }
        guard let category, let name, let version else { return nil }
        return Checklist(category: category, name: name, version: version, scope: scope, standards: standards, riskPoints: points)
    }

    static func riskPoint(
        _ node: Node,
        _ path: String,
        _ reader: NodeReader,
        _ dimensions: DimensionCatalog,
        _ standards: [Checklist.Standard]
    ) -> TemplateRiskPoint? {
        guard
            let f = reader.fields(
                node,
                path,
                required: [
                    "code", "dimension", "controlStage", "name", "hazard", "measures", "target",
                    "frequency", "responsibleRole", "grading", "checkItems",
                ],
                optional: ["standard"]
            )
        else { return nil }
        let code = reader.string(f["code"], path + ".code", pattern: "^[A-Z]{2,6}-[A-Z]-[0-9]{2,3}$")
        let dimension = reader.choice(f["dimension"], path + ".dimension", dimensions.dimensions.map { ($0.code, $0.code) })
        let stage = reader.string(f["controlStage"], path + ".controlStage", minLength: 2)
        let name = reader.string(f["name"], path + ".name", minLength: 2)
        let hazard = reader.string(f["hazard"], path + ".hazard", minLength: 6)
        let measures = (reader.list(f["measures"], path + ".measures", minItems: 1) ?? []).enumerated()
            .compactMap { reader.string($1, "\(path).measures[\($0)]", minLength: 4) }
        let target = reader.string(f["target"], path + ".target", minLength: 2)
        let frequency = reader.choice(f["frequency"], path + ".frequency", ControlFrequency.allCases.map { ($0.rawValue, $0) })
        let role = reader.choice(f["responsibleRole"], path + ".responsibleRole", Role.allCases.filter(\.isEnterpriseRole).map { ($0.rawValue, $0) })
        let standard = f["standard"].flatMap { reader.choice($0, path + ".standard", standards.map { ($0.code, $0.code) }) }
        let grading = gradingInput(f["grading"], path + ".grading", reader)
        let checks = (reader.list(f["checkItems"], path + ".checkItems", minItems: 1) ?? []).enumerated().compactMap { index, item -> CheckItem? in
            let itemPath = "\(path).checkItems[\(index)]"
            guard let c = reader.fields(item, itemPath, required: ["item", "verify"]),
                let what = reader.string(c["item"], itemPath + ".item", minLength: 4),
                let how = reader.string(c["verify"], itemPath + ".verify", minLength: 4)
            else { return nil }
            return CheckItem(item: what, verify: how)
        }
        guard let code, let dimension, let stage, let name, let hazard, !measures.isEmpty, let target, let frequency, let role,
            let grading, !checks.isEmpty
        else { return nil }
        return TemplateRiskPoint(
            code: code,
            dimension: dimension,
            controlStage: stage,
            name: name,
            hazard: hazard,
            measures: measures,
            target: target,
            frequency: frequency,
            responsibleRole: role,
            standard: standard,
            grading: grading,
            checkItems: checks
        )
    }

    static func gradingInput(_ node: Node?, _ path: String, _ reader: NodeReader) -> GradingInput? {
        switch node?.mapping?["method"]?.string {
        case "lec":
            guard let f = reader.fields(node, path, required: ["method", "l", "e", "c"]) else { return nil }
            let l = reader.number(f["l"], path + ".l", from: Grader.lecL)
            let e = reader.number(f["e"], path + ".e", from: Grader.lecE)
            let c = reader.number(f["c"], path + ".c", from: Grader.lecC)
            guard let l, let e, let c else { return nil }
            return .lec(l: l, e: e, c: c)
        case "ls":
            guard let f = reader.fields(node, path, required: ["method", "l", "s"]) else { return nil }
            let l = reader.integer(f["l"], path + ".l", in: Grader.lsRange)
            let s = reader.integer(f["s"], path + ".s", in: Grader.lsRange)
            guard let l, let s else { return nil }
            return .ls(l: l, s: s)
        default:
            reader.report(node?.mapping?["method"] ?? node, path + ".method", expected: "lec (with l, e, c) or ls (with l, s)")
            return nil
        }
    }

    static func dimensionCatalog(_ root: Node?, _ reader: NodeReader) -> DimensionCatalog? {
        guard let top = reader.fields(root, "", required: ["kind", "version", "dimensions"]) else { return nil }
        _ = reader.integer(top["version"], "version", in: 1...9_999)
        let list = (reader.list(top["dimensions"], "dimensions", minItems: 1) ?? []).enumerated().compactMap {
            index,
            node -> DualPrevention.Dimension? in
            let path = "dimensions[\(index)]"
            guard let f = reader.fields(node, path, required: ["code", "name"]),
                let code = reader.string(f["code"], path + ".code", pattern: "^[a-z][a-zA-Z]*$"),
                let name = text(f["name"], path + ".name", reader)
            else { return nil }
            return DualPrevention.Dimension(code: code, label: name)
        }
        return list.isEmpty ? nil : DimensionCatalog(list)
    }

    static func bands(_ root: Node?, _ reader: NodeReader) -> GradingBands? {
        guard let top = reader.fields(root, "", required: ["kind", "version", "lec", "ls"]) else { return nil }
        _ = reader.integer(top["version"], "version", in: 1...9_999)
        let lec = reader.fields(top["lec"], "lec", required: ["redAbove", "orangeAbove", "yellowAbove"])
        let ls = reader.fields(top["ls"], "ls", required: ["redFrom", "orangeFrom", "yellowFrom"])
        let red = reader.positive(lec?["redAbove"], "lec.redAbove")
        let orange = reader.positive(lec?["orangeAbove"], "lec.orangeAbove")
        let yellow = reader.positive(lec?["yellowAbove"], "lec.yellowAbove")
        let lsRed = reader.integer(ls?["redFrom"], "ls.redFrom", in: 2...25)
        let lsOrange = reader.integer(ls?["orangeFrom"], "ls.orangeFrom", in: 2...25)
        let lsYellow = reader.integer(ls?["yellowFrom"], "ls.yellowFrom", in: 2...25)
        guard let red, let orange, let yellow, let lsRed, let lsOrange, let lsYellow else { return nil }
        if !(red > orange && orange > yellow) {
            reader.report(top["lec"], "lec", found: "\(red) > \(orange) > \(yellow) does not hold", expected: "redAbove > orangeAbove > yellowAbove")
        }
        if !(lsRed > lsOrange && lsOrange > lsYellow) {
            reader.report(top["ls"], "ls", found: "\(lsRed) > \(lsOrange) > \(lsYellow) does not hold", expected: "redFrom > orangeFrom > yellowFrom")
        }
        return GradingBands(
            lecRedAbove: red,
            lecOrangeAbove: orange,
            lecYellowAbove: yellow,
            lsRedFrom: lsRed,
            lsOrangeFrom: lsOrange,
            lsYellowFrom: lsYellow
        )
    }
}
