import Foundation

/// The enterprise's own risk analysis table (工业产品质量风险分析表) as a table of cells: the paper table's columns, with
/// Chinese or English headers. Every row is checked before anything is imported; one bad row stops the file.
public enum RiskTable {
    public enum Column: String, CaseIterable, Sendable {
        case number, workshop, team, post, category, dimension, controlStage, name, description, measures, target
        case frequency, owner, method, l, e, c, s

        /// Header names accepted for the column (the first is what export writes).
        public var headers: [String] {
            switch self {
            case .number: ["序号", "no", "#"]
            case .workshop: ["车间", "workshop"]
            case .team: ["班组", "team"]
            case .post: ["岗位", "post"]
            case .category: ["产品类别", "category", "product category"]
            case .dimension: ["风险维度", "维度", "dimension"]
            case .controlStage: ["风险控制环节", "控制环节", "control stage", "controlStage"]
            case .name: ["风险点", "risk point", "name"]
            case .description: ["风险描述及后果", "风险描述", "description", "what can go wrong"]
            case .measures: ["管控措施", "measures", "control measures"]
            case .target: ["管控目标", "target", "control target"]
            case .frequency: ["管控频次", "频次", "frequency"]
            case .owner: ["责任人", "owner", "responsible person"]
            case .method: ["评级方法", "method", "grading method"]
            case .l: ["L"]
            case .e: ["E"]
            case .c: ["C"]
            case .s: ["S"]
            }
        }

        public var isRequired: Bool {
            [.workshop, .dimension, .controlStage, .name, .description, .measures, .target, .frequency, .owner].contains(self)
        }

        static func matching(_ header: String) -> Column? {
            let key = header.trimmingCharacters(in: .whitespaces).lowercased()
            return allCases.first { $0.headers.contains { $0.lowercased() == key } }
        }
    }

    /// A row that did not pass, with its row number (1 = the first data row) and line in the file.
    public struct RowError: Sendable, Hashable, Codable, CustomStringConvertible {
        public var row: Int
        public var line: Int
        public var column: String
        public var problem: String

        public var description: String { "row \(row) (line \(line)), \(column): \(problem)" }

        public init(row: Int, line: Int, column: String, problem: String) {
            self.row = row
            self.line = line
            self.column = column
            self.problem = problem
        }
    }

    /// What makes a risk point the same one: its workshop, control stage and name.
    public struct RowKey: Sendable, Hashable {
        public var workshopID: Int64
        public var controlStage: String
        public var name: String

        public init(workshopID: Int64, controlStage: String, name: String) {
            self.workshopID = workshopID
            self.controlStage = controlStage
            self.name = name
        }
    }

    /// The people and places of one enterprise, by name, to resolve the table's text.
    public struct Lookup: Sendable {
        public var workshops: [String: Int64]
        public var teams: [Int64: [String: Int64]]
        public var posts: [Int64: [String: Int64]]
        public var people: [String: [Int64]]
        public var defaultCategory: String
        /// Risk points already in the register, so that a table is not imported twice.
        public var existing: [RowKey: Int64]

        public init(
            workshops: [String: Int64],
            teams: [Int64: [String: Int64]],
            posts: [Int64: [String: Int64]],
            people: [String: [Int64]],
            defaultCategory: String,
            existing: [RowKey: Int64] = [:]
        ) {
            self.existing = existing
            self.workshops = workshops
            self.teams = teams
            self.posts = posts
            self.people = people
            self.defaultCategory = defaultCategory
        }
    }

    public struct Row: Sendable, Hashable {
        public var line: Int
        public var point: RiskPoint
        public var grading: GradingInput?
    }

    /// Every row as a risk point draft, or every error of every row; the first record is the header.
    public static func read(_ records: [ImportedRow], enterpriseID: Int64, lookup: Lookup, dimensions: DimensionCatalog) -> Result<[Row], TableErrors>
    {
        guard let header = records.first else {
            return .failure(TableErrors(errors: [RowError(row: 0, line: 1, column: "(file)", problem: "the file is empty; expected a header row")]))
        }
        var columns: [Column: Int] = [:]
        var errors: [RowError] = []
        for (index, name) in header.fields.enumerated() {
            if derivedHeaders.contains(name.trimmingCharacters(in: .whitespaces).lowercased()) { continue }
            guard let column = Column.matching(name) else {
                errors.append(
                    RowError(
                        row: 0,
                        line: header.line,
                        column: name,
                        problem: "unknown column; expected one of " + Column.allCases.map { $0.headers[0] }.joined(separator: ", ")
                    )
                )
                continue
            }
            guard columns[column] == nil else {
                errors.append(RowError(row: 0, line: header.line, column: name, problem: "the column appears twice"))
                continue
            }
            columns[column] = index
        }
        for column in Column.allCases where column.isRequired && columns[column] == nil {
            errors.append(RowError(row: 0, line: header.line, column: column.headers[0], problem: "the column is missing"))
        }
        guard errors.isEmpty else { return .failure(TableErrors(errors: errors)) }

        var rows: [Row] = []
        var seen: [RowKey: Int] = [:]
        for (offset, record) in records.dropFirst().enumerated() {
            let number = offset + 1
            func value(_ column: Column) -> String {
                columns[column].flatMap { $0 < record.fields.count ? record.fields[$0] : nil }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            }
            func fail(_ column: Column, _ problem: String) {
                errors.append(RowError(row: number, line: record.line, column: column.headers[0], problem: problem))
            }
            if record.fields.count > header.fields.count {
                errors.append(
                    RowError(
                        row: number,
                        line: record.line,
                        column: "(row)",
                        problem: "\(record.fields.count) fields under a header of \(header.fields.count); a comma inside a value needs quotes"
                    )
                )
            }
            for column in Column.allCases where column.isRequired && value(column).isEmpty { fail(column, "empty; a value is required") }
            let workshopID = lookup.workshops[value(.workshop)]
            if workshopID == nil, !value(.workshop).isEmpty { fail(.workshop, "no workshop \"\(value(.workshop))\" in this enterprise") }
            var teamID: Int64?
            if let workshopID, !value(.team).isEmpty {
                teamID = lookup.teams[workshopID]?[value(.team)]
                if teamID == nil { fail(.team, "no team \"\(value(.team))\" in workshop \"\(value(.workshop))\"") }
            }
            var postID: Int64?
            if let teamID, !value(.post).isEmpty {
                postID = lookup.posts[teamID]?[value(.post)]
                if postID == nil { fail(.post, "no post \"\(value(.post))\" in team \"\(value(.team))\"") }
            }
            var dimension = ""
            if !value(.dimension).isEmpty {
                do { dimension = try dimensions.resolve(value(.dimension)).code } catch {
                    fail(.dimension, "\"\(value(.dimension))\" is not a dimension; \(error.hint?.en ?? "")")
                }
            }
            let frequency = ControlFrequency(parsing: value(.frequency))
            if frequency == nil, !value(.frequency).isEmpty {
                fail(
                    .frequency,
                    "\"\(value(.frequency))\" is not a frequency; use "
                        + ControlFrequency.allCases.map { "\($0.label.zh)/\($0.rawValue)" }.joined(separator: ", ")
                )
            }
            let owners = lookup.people[value(.owner)] ?? []
            if owners.count != 1, !value(.owner).isEmpty {
                fail(
                    .owner,
                    owners.isEmpty
                        ? "no person \"\(value(.owner))\" in this enterprise" : "\"\(value(.owner))\" names \(owners.count) people; use a unique name"
                )
            }
            let grading = readGrading(method: value(.method), l: value(.l), e: value(.e), c: value(.c), s: value(.s)) { problem in
                fail(.method, problem)
            }
            guard let workshopID, let frequency, owners.count == 1, !dimension.isEmpty,
                errors.last?.row != number
            else { continue }
            let point = RiskPoint(
                id: 0,
                enterpriseID: enterpriseID,
                workshopID: workshopID,
                teamID: teamID,
                postID: postID,
                dimension: dimension,
                controlStage: value(.controlStage),
                name: value(.name),
                hazardDescription: value(.description),
                measures: value(.measures),
                target: value(.target),
                frequency: frequency,
                ownerID: owners[0],
                productCategory: value(.category).isEmpty ? lookup.defaultCategory : value(.category)
            )
            let key = RowKey(workshopID: workshopID, controlStage: point.controlStage, name: point.name)
            if let existing = lookup.existing[key] {
                fail(.name, "already in the register as risk point #\(existing); change it there (risk grade) rather than import it again")
                continue
            }
            if let earlier = seen[key] {
                fail(.name, "the same workshop, control stage and risk point as row \(earlier)")
                continue
            }
            seen[key] = number
            rows.append(Row(line: record.line, point: point, grading: grading))
        }
        if records.count == 1 { errors.append(RowError(row: 0, line: header.line, column: "(file)", problem: "no data rows under the header")) }
        return errors.isEmpty ? .success(rows) : .failure(TableErrors(errors: errors))
    }

    static func readGrading(method: String, l: String, e: String, c: String, s: String, fail: (String) -> Void) -> GradingInput? {
        let kind = method.lowercased()
        guard !kind.isEmpty else {
            if !(l + e + c + s).isEmpty { fail("grading values given without a method; write LEC or LS") }
            return nil
        }
        let input: GradingInput
        switch kind {
        case "lec":
            guard let l = Double(l), let e = Double(e), let c = Double(c) else {
                fail("LEC needs numbers in L, E and C")
                return nil
            }
            input = .lec(l: l, e: e, c: c)
        case "ls":
            guard let l = Int(l), let s = Int(s) else {
                fail("LS needs whole numbers in L and S")
                return nil
            }
            input = .ls(l: l, s: s)
        default:
            fail("\"\(method)\" is not a grading method; write LEC or LS")
            return nil
        }
        do {
            _ = try Grader.grade(input)
            return input
        } catch {
            fail("\(error.message.en); \(error.hint?.en ?? "")")
            return nil
        }
    }

    /// Columns an export adds that are computed, not read: an edited export imports again as it is.
    static let derivedHeaders: Set<String> = ["分值", "风险等级", "管控层级", "score", "colour", "tier"]

    /// The register as the table's columns, so an export can be edited and imported again.
    public static let exportHeader =
        [
            Column.number, .workshop, .team, .post, .category, .dimension, .controlStage, .name, .description,
            .measures, .target, .frequency, .owner, .method, .l, .e, .c, .s,
        ].map { $0.headers[0] } + ["分值", "风险等级", "管控层级"]
}

/// Every bad row of a table; nothing of the file is imported.
public struct TableErrors: DualPreventionError, Equatable {
    public var errors: [RiskTable.RowError]
    public var kind: FailureKind { .badInput }

    public init(errors: [RiskTable.RowError]) {
        self.errors = errors
    }
    public var rule: String { "TABLE-ROWS" }

    public var message: Text {
        let lines = errors.map(\.description).joined(separator: "\n  ")
        return Text("riskTable.errorsNothingImported", "\(errors.count)", "\(lines)")
    }

    public var hint: Text? {
        Text("riskTable.fixTheseRowsImport")
    }
}
