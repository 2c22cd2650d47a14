import DualPrevention
import DualPreventionPresentation
import Foundation
import Testing

@testable import dualprev

/// `credit grade --all` writes its grades by hand (`JSONWriter`); every byte must be what the encoder writes, as
/// `credit grade --enterprise` prints through `Output.encoded`.
@Suite struct PrettyJSONTests {
    /// What the encoder prints for a grade as an element of the result's `grades` array (two levels in).
    static func encoded(_ graded: CreditCommands.Grade.Graded) throws -> String {
        let lines = try Output.encoded([graded]).split(separator: "\n", omittingEmptySubsequences: false).dropFirst().dropLast()
        return lines.map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }

    static func written(_ graded: CreditCommands.Grade.Graded) -> String {
        var json = JSONWriter(depth: 2)
        json.line { $0.graded(graded) }
        return String(decoding: json.bytes, as: UTF8.self)
    }

    /// A record with every optional present and text that needs escaping: quotes, backslashes, slashes, control
    /// characters, Chinese, a line separator; numbers integral, fractional, negative, tiny and huge.
    static let tricky = """
        {"id": 7, "enterpriseID": 3, "asOf": "2026-11-29T15:59:59Z", "since": "2025-11-29T16:00:00Z", "computedBy": 12,
         "computedAt": "2026-11-30T01:02:03Z", "rulesVersion": 2, "score": 59.9, "grade": "D", "previousID": 5,
         "previousGrade": "B", "honoursToRevoke": ["quality_record#4", "a/b \\"c\\""],
         "assessment": {"rulesVersion": 2, "score": 59.9, "grade": "D", "gradeByScore": "C",
           "measure": {"zh": "限期整改", "en": "rectify\\nby a date"}, "rule": {"zh": "否决", "en": "veto\\t\\u0001\\u001f\\u2028"},
           "lines": [{"group": "total", "item": "total.round", "name": {"zh": "取整", "en": "rounding"}, "points": -0.05,
                      "maximum": 0, "evidence": []},
                     {"group": "dp", "item": "dp.rate", "name": {"zh": "闭环率", "en": "rate \\\\ 100%"}, "points": 12.345,
                      "maximum": 15, "value": 1e-7, "evidence": ["hazard#1", "hazard#22"]},
                     {"group": "dp", "item": "dp.big", "name": {"zh": "大", "en": "big"}, "points": 1e21, "maximum": -5,
                      "value": 123456789012345678, "evidence": ["\\b\\f\\r"]}],
           "vetoes": [{"code": "fraud", "name": {"zh": "造假", "en": "fraud"}, "evidence": ["list_entry#9"]}]},
         "changes": [{"item": "dp.rate", "name": {"zh": "闭环率", "en": "rate"}, "before": 10, "after": 12.345,
                      "newEvidence": ["hazard#22"]},
                     {"item": "dp.gone", "name": {"zh": "去", "en": "gone"}, "before": 3, "newEvidence": []},
                     {"item": "veto.fraud", "name": {"zh": "造假", "en": "fraud"}, "after": 1, "newEvidence": []}]}
        """

    @Test func aRecordWithEverythingWritesTheEncodersBytes() throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let record = try decoder.decode(CreditGradeRecord.self, from: Data(Self.tricky.utf8))
        #expect(record.previousGrade == .b && record.assessment.measure != nil && record.changes.count == 3)
        for stored in [true, false] {
            let graded = CreditCommands.Grade.Graded(enterpriseName: "椒江\"合成\"/企业\\1", stored: stored, grade: record)
            #expect(Self.written(graded) == (try Self.encoded(graded)))
        }
        // A record without any optional: no previous grade, no measure, no values, nothing changed.
        var bare = record
        bare.previousGrade = nil
        bare.previousID = nil
        bare.assessment.measure = nil
        bare.assessment.vetoes = []
        bare.changes = []
        bare.honoursToRevoke = []
        bare.assessment.lines = bare.assessment.lines.map { line in
            var line = line
            line.value = nil
            return line
        }
        let graded = CreditCommands.Grade.Graded(enterpriseName: "", stored: false, grade: bare)
        #expect(Self.written(graded) == (try Self.encoded(graded)))
    }

    /// Every grade of the demo, at three dates, as the program computes them.
    @Test func theDemosGradesWriteTheEncodersBytes() throws {
        let cli = try CreditListsCLITests.demo()
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var count = 0
        for asOf in [Shanghai.day(-200), Shanghai.day(-30), Shanghai.day()] {
            let text = try cli.ok(["credit", "grade", "--all", "--as", CreditListsCLITests.city, "--preview", "--as-of", asOf, "--format", "json"])
            struct Printed: Decodable { var grades: [Entry] }
            struct Entry: Decodable {
                var enterpriseName: String
                var stored: Bool
                var grade: CreditGradeRecord
            }
            for entry in try decoder.decode(Printed.self, from: Data(text.utf8)).grades {
                let graded = CreditCommands.Grade.Graded(enterpriseName: entry.enterpriseName, stored: entry.stored, grade: entry.grade)
                #expect(Self.written(graded) == (try Self.encoded(graded)), "\(entry.enterpriseName) at \(asOf)")
                count += 1
            }
        }
        #expect(count == 18, "three dates, six enterprises")
    }
}
