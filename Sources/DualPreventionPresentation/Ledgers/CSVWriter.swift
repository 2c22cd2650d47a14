import DualPrevention

/// RFC 4180 CSV as the ledgers write it, for spreadsheets: a byte-order mark, CRLF line ends, and no cell a spreadsheet
/// would run as a formula. `CSVReader.parse` reads back what this writes.
public enum CSVWriter {
    /// Written first, so that spreadsheets read the file as UTF-8.
    public static let byteOrderMark = "\u{FEFF}"

    /// First bytes that make a spreadsheet read a cell as a formula (OWASP's CSV injection list).
    static let formulaStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D]

    public static func escape(_ text: String) -> String {
        // Judged on the UTF-8 bytes (all the characters that matter are ASCII): a ledger has millions of cells.
        // A cell a spreadsheet would run as a formula (=, +, -, @, or a TAB or CR before one, which spreadsheets skip)
        // is written as text; plain numbers stay numbers.
        let formula = text.utf8.first.map { formulaStarts.contains($0) } ?? false
        let safe = formula && Double(text) == nil ? "'" + text : text
        let quoted = safe.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        return quoted ? "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : safe
    }

    /// A whole file: BOM, header, rows, CRLF line ends as spreadsheet programs expect.
    public static func document(header: [String], rows: [[String]]) -> String {
        byteOrderMark + ([header] + rows).map(line).joined()
    }

    /// One record with its CRLF line end: a file written a line at a time is `document` of all of them.
    public static func line(_ cells: [String]) -> String {
        cells.map(escape).joined(separator: ",") + "\r\n"
    }
}
