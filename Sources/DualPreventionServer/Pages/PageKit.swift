import DualPrevention
import Foundation
import Hummingbird
import MultipartKit
import Mustache
import NIOCore

/// The Mustache templates and static files shipped with the server (`Templates/`, `Static/`), loaded once.
public struct PageAssets: Sendable {
    let library: MustacheLibrary
    let statics: [String: (contentType: String, bytes: [UInt8])]

    /// Loads every `*.mustache` template and every static file; a template that does not parse is an error naming it.
    public init() throws {
        guard let root = Bundle.module.resourceURL else { throw Problem.missingAssets("resources") }
        var library = MustacheLibrary()
        let templates = root.appendingPathComponent("Templates")
        for name in try FileManager.default.contentsOfDirectory(atPath: templates.path).sorted() where name.hasSuffix(".mustache") {
            let text = try String(contentsOf: templates.appendingPathComponent(name), encoding: .utf8)
            try library.register(text, named: String(name.dropLast(".mustache".count)))
        }
        var statics: [String: (String, [UInt8])] = [:]
        let folder = root.appendingPathComponent("Static")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let type =
                name.hasSuffix(".css")
                ? "text/css; charset=utf-8" : name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : "application/octet-stream"
            statics[name] = (type, Array(try Data(contentsOf: folder.appendingPathComponent(name))))
        }
        self.library = library
        self.statics = statics
    }

    /// The names of the loaded templates (for the test that every `t.` key a template uses is translated).
    public static func templateSources() throws -> [String: String] {
        guard let root = Bundle.module.resourceURL?.appendingPathComponent("Templates") else { throw Problem.missingAssets("Templates") }
        var sources: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: root.path) where name.hasSuffix(".mustache") {
            sources[name] = try String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)
        }
        return sources
    }

    func render(_ template: String, _ view: Any) throws -> String {
        guard let html = library.render(view, withTemplate: template) else { throw Problem.missingAssets("template \(template)") }
        return html
    }
}

extension Problem {
    static func missingAssets(_ what: String) -> Problem {
        Problem(status: .internalServerError, rule: "ASSETS", title: "server assets missing", detail: "cannot load \(what)")
    }
}

/// An HTML page as a response.
struct HTML: ResponseGenerator {
    var text: String
    var status: HTTPResponse.Status = .ok
    var cookies: [Cookie] = []

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        // Pages load only their own scripts, styles and images; nothing may frame them.
        headers[.contentSecurityPolicy] =
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'"
        headers[.init("x-content-type-options")!] = "nosniff"
        var response = Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }
}

/// A redirect after a form (303, so that a reload does not post again).
struct SeeOther: ResponseGenerator {
    var location: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }
}

/// One entry of the navigation bar.
struct NavItem {
    var href: String
    var label: String
    var current: Bool
}

/// What every page shows around its content: language, the person, the navigation, the CSRF token for its forms.
struct Chrome {
    var t: [String: String]
    var lang: String
    var otherLang: String
    var otherLangLabel: String
    var title: String
    var personName: String?
    var roleLabel: String?
    var csrf: String
    var nav: [NavItem]
    var path: String
    /// What waits for the person and is not yet read; nil when nothing does.
    var inboxUnread: Int?
    /// How many hazards wait for the person; nil when none do.
    var myWork: Int?
    /// A regional director's enterprises to act for (the header's switcher); nil for everyone else.
    var serving: [SwitchOption]?
    /// Whether to show the switcher (templates cannot ask whether a list is empty).
    var switching = false
}

/// One enterprise in a regional director's switcher.
struct SwitchOption {
    var id: Int64
    var name: String
    var selected: Bool
}

/// A page's view: the chrome and the page's own model, under `chrome` and `page` in the templates.
struct PageView {
    var chrome: Chrome
    var page: Any
}

/// Form fields of a page POST (URL-encoded or multipart), with any uploaded files, read only after its CSRF token
/// matched: every page form goes through here, so none can skip the check.
struct PageForm {
    struct Upload {
        var field: String
        var fileName: String
        var bytes: [UInt8]
    }

    var fields: [String: String]
    var uploads: [Upload]

    /// Photos come only as multipart forms; anything else is a few fields.
    static let maxBytes = 25 * 1_024 * 1_024
    static let maxFieldBytes = 256 * 1_024

    subscript(_ name: String) -> String? {
        guard let value = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    static func read(_ request: Request, context: ServerContext) async throws -> PageForm {
        let expired = Problem(
            status: .forbidden,
            rule: "CSRF",
            title: "form expired",
            detail: "the form's security token did not match; reload the page and send it again"
        )
        // A browser that never loaded a page of this site has no token: refused before its body is read.
        guard request.cookies[Pages.csrfCookie] != nil else { throw expired }
        let type = request.headers[.contentType] ?? ""
        let multipartForm = type.lowercased().hasPrefix("multipart/form-data")
        let limit = multipartForm ? maxBytes : maxFieldBytes
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Problem.tooLarge(limit: limit, what: multipartForm ? "a form with its files" : "a form without files")
        }
        var form = PageForm(fields: [:], uploads: [])
        if multipartForm {
            guard
                let boundary = type.split(separator: ";").lazy.map({ $0.trimmingCharacters(in: .whitespaces) })
                    .first(where: { $0.hasPrefix("boundary=") })?.dropFirst("boundary=".count)
            else {
                throw Problem(status: .badRequest, rule: "INPUT-FORM", title: "bad form", detail: "multipart form without a boundary")
            }
            form = try Self.multipart(buffer, boundary: String(boundary).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        } else {
            for pair in String(buffer: buffer).split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map {
                    String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
                }
                guard let name = parts.first, !name.isEmpty else { continue }
                form.fields[name] = parts.count > 1 ? parts[1] : ""
            }
        }
        guard let sent = form.fields["_csrf"], let expected = context.csrf, constantTimeEqual(sent, expected) else { throw expired }
        return form
    }

    static func multipart(_ buffer: ByteBuffer, boundary: String) throws -> PageForm {
        let parser = MultipartParser(boundary: boundary)
        var form = PageForm(fields: [:], uploads: [])
        var disposition = ""
        var body = ByteBuffer()
        parser.onHeader = { field, value in
            if field.lowercased() == "content-disposition" { disposition = value }
        }
        parser.onBody = { chunk in body.writeBuffer(&chunk) }
        parser.onPartComplete = {
            let name = Self.parameter("name", in: disposition) ?? ""
            if let fileName = Self.parameter("filename", in: disposition) {
                if !fileName.isEmpty, body.readableBytes > 0 {
                    form.uploads.append(Upload(field: name, fileName: fileName, bytes: Array(buffer: body)))
                }
            } else {
                form.fields[name] = String(buffer: body)
            }
            disposition = ""
            body = ByteBuffer()
        }
        do {
            try parser.execute(buffer)
        } catch {
            throw Problem(status: .badRequest, rule: "INPUT-FORM", title: "bad form", detail: "the multipart form could not be read")
        }
        return form
    }

    /// `name="x"` out of a Content-Disposition header.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let part = piece.trimmingCharacters(in: .whitespaces)
            guard part.hasPrefix(key + "=") else { continue }
            return String(part.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    /// Writes the uploads to a private temporary folder under their (sanitised) names, runs the action with them as
    /// evidence files, and removes the folder whatever happens: the store keeps its own copies.
    func withEvidence<T>(label: String, _ action: ([EvidenceFile]) async throws -> T) async throws -> T {
        try await withEvidenceByField(label: label) { files in try await action(files.flatMap(\.value)) }
    }

    /// The uploads as files, grouped by the form field they came in (a check's `photo:<item>` per item).
    func withEvidenceByField<T>(label: String, _ action: ([String: [EvidenceFile]]) async throws -> T) async throws -> T {
        guard !uploads.isEmpty else { return try await action([:]) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dualprev-upload-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String: [EvidenceFile]] = [:]
        for (index, upload) in uploads.enumerated() {
            let safe = upload.fileName.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" ? $0 : "_" }
            let name = String(safe.prefix(80)).trimmingCharacters(in: CharacterSet(charactersIn: "."))
            let subfolder = folder.appendingPathComponent("\(index)")
            try FileManager.default.createDirectory(at: subfolder, withIntermediateDirectories: true)
            let url = subfolder.appendingPathComponent(name.isEmpty ? "photo" : name)
            try Data(upload.bytes).write(to: url)
            files[upload.field, default: []].append(EvidenceFile(path: url.path, label: label))
        }
        return try await action(files)
    }
}

/// Compares two tokens in time that does not depend on where they differ.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8)
    let y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for i in x.indices { difference |= x[i] ^ y[i] }
    return difference == 0
}

/// 32 random bytes as hex, for session and CSRF tokens.
func randomToken() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: .min ... .max, using: &generator)) }.joined()
}
