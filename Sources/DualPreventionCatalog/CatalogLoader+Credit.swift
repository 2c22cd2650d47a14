import DualPrevention
import Yams

extension CatalogLoader {
    static func creditRules(_ root: Node?, _ reader: NodeReader) -> CreditRules? {
        guard
            let top = reader.fields(root, "", required: ["kind", "version", "name", "groups", "deductions", "bonus", "bands", "vetoes", "measures"])
        else { return nil }
        let version = reader.integer(top["version"], "version", in: 1...9_999)
        let name = text(top["name"], "name", reader)
        let groups = (reader.list(top["groups"], "groups", minItems: 1) ?? []).enumerated().compactMap { creditGroup($1, "groups[\($0)]", reader) }
        let deductions = creditGroup(top["deductions"], "deductions", reader)
        let bonus = creditGroup(top["bonus"], "bonus", reader)
        let grades = CreditGrade.allCases.map { ($0.rawValue, $0) }
        let bands = (reader.list(top["bands"], "bands", minItems: 4) ?? []).enumerated().compactMap { index, node -> CreditRules.Band? in
            let path = "bands[\(index)]"
            guard let f = reader.fields(node, path, required: ["grade", "from"]),
                let grade = reader.choice(f["grade"], path + ".grade", grades)
            else { return nil }
            guard let from = f["from"]?.float, (0...100).contains(from) else {
                reader.report(f["from"], path + ".from", expected: "a number from 0 to 100")
                return nil
            }
            return CreditRules.Band(grade: grade, from: from)
        }
        let vetoes = (reader.list(top["vetoes"], "vetoes", minItems: 0) ?? []).enumerated().compactMap { index, node -> CreditRules.Veto? in
            let path = "vetoes[\(index)]"
            guard let f = reader.fields(node, path, required: ["code", "name", "metric"]),
                let code = reader.string(f["code"], path + ".code", pattern: "^[a-z][a-zA-Z]*$"),
                let name = text(f["name"], path + ".name", reader),
                let metric = self.metric(f["metric"], path + ".metric", reader)
            else { return nil }
            return CreditRules.Veto(code: code, name: name, metric: metric)
        }
        let measures = (reader.list(top["measures"], "measures", minItems: 0) ?? []).enumerated().compactMap { index, node -> CreditRules.Measure? in
            let path = "measures[\(index)]"
            guard let f = reader.fields(node, path, required: ["grade", "text"]),
                let grade = reader.choice(f["grade"], path + ".grade", grades),
                let text = text(f["text"], path + ".text", reader)
            else { return nil }
            return CreditRules.Measure(grade: grade, text: text)
        }
        guard let version, let name, let deductions, let bonus else { return nil }
        let rules = CreditRules(
            version: version,
            name: name,
            groups: groups,
            deductions: deductions,
            bonus: bonus,
            bands: bands,
            vetoes: vetoes,
            measures: measures
        )
        // Whole-file rules (sums, order) are reported at the file's first line, after the field errors.
        for problem in rules.problems() { reader.report(nil, "(rules)", found: problem, expected: "consistent rules", near: root) }
        return rules
    }

    static func creditGroup(_ node: Node?, _ path: String, _ reader: NodeReader) -> CreditRules.Group? {
        guard let f = reader.fields(node, path, required: ["code", "name", "points", "items"]),
            let code = reader.string(f["code"], path + ".code", pattern: "^[a-z][a-zA-Z]*$"),
            let name = text(f["name"], path + ".name", reader),
            let points = reader.positive(f["points"], path + ".points")
        else { return nil }
        let items = (reader.list(f["items"], path + ".items", minItems: 1) ?? []).enumerated().compactMap { index, item -> CreditRules.Item? in
            let itemPath = "\(path).items[\(index)]"
            guard let i = reader.fields(item, itemPath, required: ["code", "name", "points", "metric", "scoring"]),
                let code = reader.string(i["code"], itemPath + ".code", pattern: "^[a-z][a-zA-Z]*\\.[a-zA-Z]+$"),
                let name = text(i["name"], itemPath + ".name", reader),
                let points = reader.positive(i["points"], itemPath + ".points"),
                let metric = metric(i["metric"], itemPath + ".metric", reader),
                let scoring = scoring(i["scoring"], itemPath + ".scoring", reader)
            else { return nil }
            return CreditRules.Item(code: code, name: name, points: points, metric: metric, scoring: scoring)
        }
        return CreditRules.Group(code: code, name: name, points: points, items: items)
    }

    static func metric(_ node: Node?, _ path: String, _ reader: NodeReader) -> String? {
        guard let key = node?.string, CreditMetric.isKnown(key) else {
            reader.report(node, path, expected: "a metric of the catalog (schemas/credit-rules.schema.json) or veto.<code>")
            return nil
        }
        return key
    }

    static func scoring(_ node: Node?, _ path: String, _ reader: NodeReader) -> CreditRules.Scoring? {
        let expected = "one of linear: {zeroAt, fullAt}, atLeast: n, atMost: n, perCount: n"
        guard case .mapping(let mapping)? = node, mapping.count == 1, let (key, value) = mapping.first.map({ ($0.key.string ?? "", $0.value) }) else {
            reader.report(node, path, expected: expected)
            return nil
        }
        func number(_ node: Node?, _ at: String) -> Double? {
            guard let value = node?.float, value.isFinite else {
                reader.report(node, at, expected: "a number", near: value)
                return nil
            }
            return value
        }
        switch key {
        case "linear":
            guard let f = reader.fields(value, path + ".linear", required: ["zeroAt", "fullAt"]),
                let zero = number(f["zeroAt"], path + ".linear.zeroAt"), let full = number(f["fullAt"], path + ".linear.fullAt")
            else { return nil }
            return .linear(zeroAt: zero, fullAt: full)
        case "atLeast": return number(value, path + ".atLeast").map(CreditRules.Scoring.atLeast)
        case "atMost": return number(value, path + ".atMost").map(CreditRules.Scoring.atMost)
        case "perCount": return reader.positive(value, path + ".perCount").map(CreditRules.Scoring.perCount)
        default:
            reader.report(mapping.keys.first, path, found: "\"\(key)\"", expected: expected)
            return nil
        }
    }
}
