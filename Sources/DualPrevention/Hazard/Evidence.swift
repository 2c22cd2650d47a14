import Foundation

/// A file to attach as evidence; the store copies it in, content-addressed.
public struct EvidenceFile: Sendable, Hashable {
    public var path: String
    /// `before`, `after` or `document`.
    public var label: String

    public init(path: String, label: String = "document") {
        self.path = path
        self.label = label
    }
}

public struct EvidenceItem: Sendable, Hashable, Codable {
    public var sha256: String
    /// The file's name as this attachment gave it.
    public var fileName: String
    public var size: Int64
    public var attachedTo: String
    public var label: String
    public var attachedAt: Date

    public init(sha256: String, fileName: String, size: Int64, attachedTo: String, label: String, attachedAt: Date) {
        self.sha256 = sha256
        self.fileName = fileName
        self.size = size
        self.attachedTo = attachedTo
        self.label = label
        self.attachedAt = attachedAt
    }
}
