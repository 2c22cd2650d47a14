import DualPrevention
import Yams

extension CatalogLoader {
    static func benchmarkRules(_ root: Node?, _ reader: NodeReader) -> BenchmarkRules? {
        guard
            let top = reader.fields(
                root,
                "",
                required: [
                    "kind", "version", "name", "items", "passScore", "minimumItemShare",
                    "indicatorsImprovedAtLeast", "referenceEnterprises", "reference",
                ]
            )
        else { return nil }
        let version = reader.integer(top["version"], "version", in: 1...9_999)
        let name = text(top["name"], "name", reader)
        let written = reader.list(top["items"], "items", minItems: 1) ?? []
        let items = written.enumerated().compactMap { index, node -> BenchmarkRules.Item? in
            let path = "items[\(index)]"
            guard let f = reader.fields(node, path, required: ["code", "name", "points", "measure"]) else { return nil }
            let code = reader.string(f["code"], path + ".code", pattern: "^[a-z][a-zA-Z]*$")
            let name = text(f["name"], path + ".name", reader)
            let points = reader.positive(f["points"], path + ".points")
            let measure = reader.choice(f["measure"], path + ".measure", BenchmarkMeasure.allCases.map { ($0.rawValue, $0) })
            guard let code, let name, let points, let measure else { return nil }
            return BenchmarkRules.Item(code: code, name: name, points: points, measure: measure)
        }
        let passScore = number(top["passScore"], "passScore", in: 0...100, reader)
        let share = number(top["minimumItemShare"], "minimumItemShare", in: 0...1, reader)
        let improved = reader.integer(top["indicatorsImprovedAtLeast"], "indicatorsImprovedAtLeast", in: 0...BenchmarkIndicator.allCases.count)
        let enterprises = reader.integer(top["referenceEnterprises"], "referenceEnterprises", in: 1...1_000_000)
        let reference = benchmarkReference(top["reference"], "reference", reader)
        guard let version, let name, let passScore, let share, let improved, let enterprises, let reference else { return nil }
        let rules = BenchmarkRules(
            version: version,
            name: name,
            items: items,
            passScore: passScore,
            minimumItemShare: share,
            indicatorsImprovedAtLeast: improved,
            referenceEnterprises: enterprises,
            reference: reference
        )
        // Whole-list rules (the sum, codes and measures used once) are reported at the items list, after its entries'
        // own errors; an entry that did not read would only add a misleading sum.
        if items.count == written.count {
            for problem in rules.problems() {
                reader.report(top["items"], "items", found: problem, expected: "items worth 100 points in all, each code and measure once")
            }
        }
        return rules
    }

    /// Taizhou's figures: a relative change per rate (any sign), and the count of hazards resolved (0 or more).
    static func benchmarkReference(_ node: Node?, _ path: String, _ reader: NodeReader) -> BenchmarkRules.Reference? {
        let keys = BenchmarkIndicator.allCases.map(\.rawValue)
        guard let f = reader.fields(node, path, required: keys) else { return nil }
        var figures: [BenchmarkIndicator: Double] = [:]
        for indicator in BenchmarkIndicator.allCases {
            let at = path + "." + indicator.rawValue
            figures[indicator] =
                indicator.referenceIsChange
                ? number(f[indicator.rawValue], at, in: -1...100, reader, expected: "a relative change such as -0.52 for −52 %")
                : number(f[indicator.rawValue], at, in: 0...Double(Int32.max), reader, expected: "a count of 0 or more")
        }
        guard let nonconformity = figures[.nonconformityRate], let discovery = figures[.hazardDiscoveryRate],
            let resolved = figures[.hazardsResolved],
            let cost = figures[.qualityCostRate], let loss = figures[.qualityLossRate], let complaints = figures[.complaintRate]
        else { return nil }
        return BenchmarkRules.Reference(
            nonconformityRate: nonconformity,
            hazardDiscoveryRate: discovery,
            hazardsResolved: resolved,
            qualityCostRate: cost,
            qualityLossRate: loss,
            complaintRate: complaints
        )
    }

    static func number(_ node: Node?, _ path: String, in range: ClosedRange<Double>, _ reader: NodeReader, expected: String? = nil) -> Double? {
        guard let value = node?.float, value.isFinite, range.contains(value) else {
            if node != nil {
                reader.report(
                    node,
                    path,
                    expected: expected
                        ?? "a number from \(BenchmarkNumber.plain(range.lowerBound, decimals: 3)) to \(BenchmarkNumber.plain(range.upperBound, decimals: 3))"
                )
            }
            return nil
        }
        return value
    }
}
