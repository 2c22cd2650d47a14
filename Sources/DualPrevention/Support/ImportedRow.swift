/// One row of an imported table as its reader found it: its cells, and the line of the file it starts on so that errors
/// can name it (a quoted cell may span lines). The file format is the reader's business (`CSVReader` in the catalogue
/// module); the domain checks the cells.
public struct ImportedRow: Sendable, Hashable {
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
