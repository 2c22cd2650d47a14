import DualPrevention
import DualPreventionCatalog
import DualPreventionPresentation
import Testing

@Suite("CSV as the ledgers write it")
struct CSVWriterTests {
    @Test func csvDocumentsRoundTrip() throws {
        let rows = [["注塑车间", "含,逗号", "含\"引号"], ["", "多\n行", "x"]]
        let parsed = try CSVReader.parse(CSVWriter.document(header: ["甲", "乙", "丙"], rows: rows))
        #expect(parsed.map(\.fields) == [["甲", "乙", "丙"]] + rows)
        #expect(CSVWriter.document(header: ["甲"], rows: []).hasPrefix(CSVWriter.byteOrderMark))
    }

    @Test func formulaLookingTextIsWrittenAsTextAndNumbersStayNumbers() {
        #expect(CSVWriter.escape("=HYPERLINK(1)") == "'=HYPERLINK(1)")
        #expect(CSVWriter.escape("-5") == "-5")
    }

    @Test(arguments: [
        ("plain", "plain"), ("中文，全角逗号", "中文，全角逗号"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\nbreak", "\"line\nbreak\""), ("crlf\r\nbreak", "\"crlf\r\nbreak\""), ("cr\ronly", "\"cr\ronly\""),
        ("@SUM(A1)", "'@SUM(A1)"), ("+86 576", "'+86 576"), ("+5", "+5"), ("=1,2", "\"'=1,2\""), ("", ""),
        ("\t=cmd|' /C calc'!A0", "'\t=cmd|' /C calc'!A0"), ("\r=1+1", "\"'\r=1+1\""), ("\tplain", "'\tplain"),
    ])
    func cellsAreQuotedWhenTheyMustBe(_ text: String, _ cell: String) {
        #expect(CSVWriter.escape(text) == cell)
        // Every cell reads back as the text written, with the formula guard's apostrophe where one was added.
        let guarded = cell.hasPrefix("'") || cell.hasPrefix("\"'")
        let back = try? CSVReader.parse("h\r\n" + cell + ",end\r\n")
        #expect(back?.last?.fields == [guarded ? "'" + text : text, "end"])
    }
}
