import Foundation
import Testing

@testable import DualPreventionStore

/// The bytes an audit hash covers are written by hand, to a stated format: the same bytes the chain has always
/// hashed, and bytes another store or language can reproduce.
@Suite struct AuditCanonicalTests {
    /// The same fields through Foundation's encoder, as the chain was first written.
    struct Foundation: Encodable {
        var seq: Int64
        var at: String
        var actorID: Int64
        var actorName: String
        var action: String
        var objectType: String
        var objectID: Int64
        var enterpriseID: Int64?
        var summary: String
        var payload: String
        var evidence: [String]

        init(_ c: AuditLog.Canonical) {
            (seq, at, actorID, actorName, action) = (c.seq, c.at, c.actorID, c.actorName, c.action)
            (objectType, objectID, enterpriseID, summary, payload, evidence) = (
                c.objectType, c.objectID, c.enterpriseID, c.summary, c.payload, c.evidence
            )
        }
    }

    static func entry(summary: String, enterpriseID: Int64?, evidence: [String] = []) -> AuditLog.Canonical {
        AuditLog.Canonical(
            seq: 42,
            at: "2026-09-21T14:13:20.000Z",
            actorID: 7,
            actorName: "林晓燕",
            action: "hazard.accept",
            objectType: "hazard",
            objectID: -3,
            enterpriseID: enterpriseID,
            summary: summary,
            payload: #"{"hazard":{"id":3,"note":"a/b \"q\""}}"#,
            evidence: evidence
        )
    }

    static let awkward: [String] = [
        "", "plain", "中文，全角标点", "emoji 😀 and ‮ bidi", "quote \" backslash \\ slash /", "\u{0}\u{1}\u{7}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{1B}\u{1F}",
        "DEL \u{7F} and U+2028 \u{2028}", "tab\tline\nreturn\r",
    ]

    @Test(arguments: awkward)
    func theBodyIsWhatFoundationWrote(_ text: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for entry in [Self.entry(summary: text, enterpriseID: 9, evidence: [text, "e"]), Self.entry(summary: text, enterpriseID: nil)] {
            #expect(entry.body == Array(try encoder.encode(Foundation(entry))), "\(text.debugDescription)")
        }
    }

    @Test func theFormatIsFixed() {
        let entry = Self.entry(summary: "a\u{1}\n\"/", enterpriseID: nil, evidence: ["x", "y"])
        let expected =
            #"{"action":"hazard.accept","actorID":7,"actorName":"林晓燕","at":"2026-09-21T14:13:20.000Z","evidence":["x","y"],"#
            + #""objectID":-3,"objectType":"hazard","payload":"{\"hazard\":{\"id\":3,\"note\":\"a/b \\\"q\\\"\"}}","seq":42,"#
            + #""summary":"a\u0001\n\"/"}"#
        #expect(String(decoding: entry.body, as: UTF8.self) == expected)
        // SHA-256 of the genesis hash, a line feed and those bytes, from coreutils (`printf '%s\n%s' GENESIS BODY | sha256sum`).
        #expect(entry.hash(after: AuditLog.genesis) == "a06692be4107c92e04503490da7a9894f47691f8aeaf71e84d30653e0d5231b6")
    }

    /// Evidence lists and attachment columns keep the text Foundation's default encoder wrote (slashes escaped).
    @Test func jsonArraysAreWhatFoundationWrote() throws {
        for strings in [[], ["a"], Self.awkward, ["3f/9a", "中文"]] {
            #expect(AuditLog.jsonArray(strings) == String(decoding: try JSONEncoder().encode(strings), as: UTF8.self))
            #expect(AuditLog.decodeArray(AuditLog.jsonArray(strings)) == strings)
        }
    }
}
