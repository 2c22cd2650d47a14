import DualPrevention
import Yams

extension CatalogLoader {
    static func listRules(_ root: Node?, _ reader: NodeReader) -> ListRules? {
        guard
            let top = reader.fields(
                root,
                "",
                required: ["kind", "version", "name", "criteria", "breaches"],
                optional: ["redDays", "blackPublicMonths"]
            )
        else { return nil }
        let version = reader.integer(top["version"], "version", in: 1...9_999)
        let name = text(top["name"], "name", reader)
        let redDays = top["redDays"].map { reader.integer($0, "redDays", in: 1...3_660) } ?? 365
        let blackMonths = top["blackPublicMonths"].map { reader.integer($0, "blackPublicMonths", in: 1...120) } ?? 12
        let lists = ListKind.allCases.map { ($0.rawValue, $0) }
        let areas = ListArea.allCases.map { ($0.rawValue, $0) }
        let criteria = (reader.list(top["criteria"], "criteria", minItems: 2) ?? []).enumerated().compactMap { index, node -> ListRules.Criterion? in
            let path = "criteria[\(index)]"
            guard
                let f = reader.fields(
                    node,
                    path,
                    required: ["code", "list", "area", "name", "kind"],
                    optional: ["subtypes", "atLeast", "withinMonths", "sameProduct", "noneOf"]
                )
            else { return nil }
            let code = reader.string(f["code"], path + ".code", pattern: "^[a-z][a-zA-Z]{1,40}$")
            let list = reader.choice(f["list"], path + ".list", lists)
            let area = reader.choice(f["area"], path + ".area", areas)
            let name = text(f["name"], path + ".name", reader)
            let match = self.match(f, path, reader)
            let atLeast = f["atLeast"].map { reader.integer($0, path + ".atLeast", in: 1...100) } ?? 1
            let months = f["withinMonths"].map { reader.integer($0, path + ".withinMonths", in: 1...120) } ?? 12
            var sameProduct = false
            if let node = f["sameProduct"] {
                if let value = node.bool { sameProduct = value } else { reader.report(node, path + ".sameProduct", expected: "true or false") }
            }
            let noneOf = strings(f["noneOf"], path + ".noneOf", reader)
            guard let code, let list, let area, let name, let match, let atLeast, let months else { return nil }
            return ListRules.Criterion(
                code: code,
                list: list,
                area: area,
                name: name,
                match: match,
                atLeast: atLeast,
                withinMonths: months,
                sameProduct: sameProduct,
                noneOf: noneOf
            )
        }
        let breaches = (reader.list(top["breaches"], "breaches", minItems: 1) ?? []).enumerated().compactMap { index, node -> ListRules.Match? in
            let path = "breaches[\(index)]"
            guard let f = reader.fields(node, path, required: ["kind"], optional: ["subtypes"]) else { return nil }
            return match(f, path, reader)
        }
        guard let version, let name, let redDays, let blackMonths else { return nil }
        let rules = ListRules(version: version, name: name, redDays: redDays, blackPublicMonths: blackMonths, criteria: criteria, breaches: breaches)
        for problem in rules.problems() { reader.report(nil, "(rules)", found: problem, expected: "consistent rules", near: root) }
        return rules
    }

    /// `kind` and optional `subtypes` of a record, each subtype one the kind allows.
    static func match(_ fields: [String: Node], _ path: String, _ reader: NodeReader) -> ListRules.Match? {
        guard let kind = reader.choice(fields["kind"], path + ".kind", QualityRecordKind.allCases.map { ($0.rawValue, $0) }) else { return nil }
        let subtypes = strings(fields["subtypes"], path + ".subtypes", reader)
        if let allowed = kind.subtypes?.map(\.0) {
            for (index, subtype) in subtypes.enumerated() where !allowed.contains(subtype) {
                reader.report(
                    fields["subtypes"]?.sequence?[index],
                    "\(path).subtypes[\(index)]",
                    expected: "a \(kind.rawValue) subtype: " + allowed.joined(separator: ", ")
                )
            }
        }
        return ListRules.Match(kind: kind, subtypes: subtypes)
    }

    static func strings(_ node: Node?, _ path: String, _ reader: NodeReader) -> [String] {
        guard let node else { return [] }
        return (reader.list(node, path, minItems: 1) ?? []).enumerated().compactMap { reader.string($1, "\(path)[\($0)]") }
    }
}
