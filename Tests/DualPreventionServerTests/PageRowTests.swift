import Mustache
import Testing

@testable import DualPreventionServer

/// The page rows that name their own fields for Mustache give, for every field, what the mirror would: a field added
/// to a row but not to its `child(named:)` fails here instead of rendering empty.
@Suite struct PageRowTests {
    static let figures = RegulatorPages.Figures(
        enterprises: 12,
        found: 40,
        open: 7,
        closedLoop: "82.5%",
        onTime: "75.0%",
        overdue: 3,
        badMajor: 1,
        missedChecks: 5
    )
    static let hazard = EnterprisePages.HazardRow(
        key: "17",
        number: "YH-2026-0017",
        description: "配料间温湿度超限",
        enterprise: "台州合成企业",
        state: "整改中",
        grade: "重大",
        major: true,
        deadline: "2026-12-01 09:00",
        overdue: false,
        owner: "王伟",
        listed: true
    )
    static let enterprise = RegulatorPages.EnterpriseRow(id: 3, name: "台州合成企业", figures: figures, grade: "A (92.0)")
    static let node = RegulatorPages.NodeView(
        id: 2,
        name: "台州市",
        level: "市",
        depth: 1,
        indent: 18,
        figures: figures,
        enterprises: [enterprise],
        more: 4
    )

    static func expectSameAsMirror(_ row: some MustacheParent) {
        let fields = Mirror(reflecting: row).children.compactMap { child in child.label.map { ($0, child.value) } }
        #expect(!fields.isEmpty)
        /// A value as a template gets it: an optional's content, or nil.
        func flat(_ value: Any) -> String? {
            let mirror = Mirror(reflecting: value)
            guard mirror.displayStyle == .optional else { return String(describing: value) }
            return mirror.children.first.map { String(describing: $0.value) }
        }
        for (label, value) in fields {
            let named = row.child(named: label)
            #expect(named != nil || flat(value) == nil, "\(type(of: row)).\(label) is not named")
            #expect(named.map { String(describing: $0) } == flat(value), "\(type(of: row)).\(label)")
        }
        #expect(row.child(named: "notAField") == nil)
    }

    @Test func aRegionWithNoMoreEnterprisesHasNoMoreRow() {
        var node = Self.node
        node.more = nil
        #expect(node.child(named: "more") == nil)
        Self.expectSameAsMirror(node)
    }

    @Test func everyFieldIsNamedAsTheMirrorHasIt() {
        Self.expectSameAsMirror(Self.figures)
        Self.expectSameAsMirror(Self.hazard)
        Self.expectSameAsMirror(Self.enterprise)
        Self.expectSameAsMirror(Self.node)
    }

    @Test func aRowRendersItsFieldsAndClimbsForOthers() throws {
        let template = try MustacheTemplate(string: "{{#rows}}{{number}} {{state}} {{#major}}major{{/major}} {{label}};{{/rows}}")
        struct Page {
            var label: String
            var rows: [EnterprisePages.HazardRow]
        }
        #expect(template.render(Page(label: "above", rows: [Self.hazard])) == "YH-2026-0017 整改中 major above;")
    }
}
