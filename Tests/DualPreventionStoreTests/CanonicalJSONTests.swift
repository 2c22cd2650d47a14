import DualPrevention
import Foundation
import Testing

@testable import DualPreventionStore

/// Audit payloads are written by `CanonicalJSON`, to a stated format that does not depend on Foundation's encoder,
/// yet reads back as the same JSON values Foundation's encoder wrote, so that logs written before still verify.
@Suite struct CanonicalJSONTests {
    struct Sample: Encodable {
        var zeta: Int64
        var alpha: String
        var missing: String?
        var present: Bool?
        var when: Date
        var share: Double
        var whole: Double
        var list: [Int64]
        var effect: Transition.Effect
    }

    static let sample = Sample(
        zeta: -3,
        alpha: "引号\"反斜杠\\换行\n制表\t\u{01}/",
        missing: nil,
        present: false,
        // Stored to the millisecond: 0.9996 s rounds to the next second, as the database keeps it.
        when: Date(timeIntervalSince1970: 1_790_000_000.9996),
        share: 0.07,
        whole: 2,
        list: [3, 1, 2],
        effect: .regradeRiskPoint(riskPointID: 5)
    )

    @Test(arguments: [
        (["b": 1, "a": 2, "B": 3, "é": 4, "aa": 5] as [String: Int64], #"{"B":3,"a":2,"aa":5,"b":1,"é":4}"#),
        ([:] as [String: Int64], "{}"),
    ])
    func keysAreSortedByTheirBytes(_ value: [String: Int64], expected: String) throws {
        #expect(try CanonicalJSON.string(value) == expected)
    }

    @Test func aValueIsWrittenToTheStatedFormat() throws {
        let text = try CanonicalJSON.string(Self.sample)
        #expect(
            text
                == #"{"alpha":"引号\"反斜杠\\换行\n制表\t\u0001/","effect":{"regradeRiskPoint":{"riskPointID":5}},"list":[3,1,2],"present":false,"#
                + #""share":0.07,"when":"2026-09-21 14:13:21.000","whole":2,"zeta":-3}"#
        )
    }

    @Test func integersAndFloatsOfEverySizeAreNumbers() throws {
        struct Sizes: Encodable {
            var a: Int8 = -8
            var b: UInt8 = 255
            var c: Int16 = -16
            var d: UInt16 = 16
            var e: Int32 = -32
            var f: UInt32 = 32
            var g: UInt64 = 18_446_744_073_709_551_615
            var h: UInt = 7
            var i: Float = 0.5
            var j: [UInt8] = [1, 2]
            var k: Double? = 2.5
        }
        #expect(
            try CanonicalJSON.string(Sizes())
                == #"{"a":-8,"b":255,"c":-16,"d":16,"e":-32,"f":32,"g":18446744073709551615,"h":7,"i":0.5,"j":[1,2],"k":2.5}"#
        )
    }

    @Test func aNumberWithNoJSONFormIsRefused() {
        struct Bad: Encodable { var x = Double.nan }
        #expect(throws: CanonicalJSON.Unencodable.self) { try CanonicalJSON.string(Bad()) }
        #expect(StoreRepository.payload(Bad()) == "{}")
    }

    /// Foundation's encoder, as the payloads were first written.
    static func foundation(_ value: some Encodable) throws -> Any {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(String.fromDatabaseValue(date.databaseValue) ?? "")
        }
        return try JSONSerialization.jsonObject(with: encoder.encode(value))
    }

    static func parsed(_ value: some Encodable) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(CanonicalJSON.string(value).utf8))
    }

    @Test(arguments: TestStore.all) func recordsReadBackAsFoundationWroteThem(store: TestStore) async throws {
        let f = try await Fixture.on(store)
        let point = try await f.addRiskPoint(f.a)
        let hazard = try await f.awaitingAcceptance(f.a, riskPointID: point.id)
        #expect(RecordCheck.same(try Self.parsed(Self.sample), try Self.foundation(Self.sample)))
        #expect(RecordCheck.same(try Self.parsed(hazard), try Self.foundation(hazard)))
        #expect(RecordCheck.same(try Self.parsed(point), try Self.foundation(point)))
        #expect(RecordCheck.same(try Self.parsed(f.a.enterprise), try Self.foundation(f.a.enterprise)))
        // And the comparison can tell them apart when they differ.
        var other = hazard
        other.description += "（改）"
        #expect(!RecordCheck.same(try Self.parsed(other), try Self.foundation(hazard)))
    }
}
