import DualPrevention
import Foundation
import Hummingbird
import NIOCore

/// Errors as RFC 9457 problem+json: the status from the error's kind, the rule that refused, and what to do instead.
public struct Problem: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var rule: String
    public var title: String
    public var detail: String
    public var hint: String?
    /// The hint as a page may show it: set only when it names no command line or API call (a refusal's actions
    /// allowed now); other hints stay in the page's details element.
    public var pageHint: String?
    /// The detail as a page says it, when the API's detail speaks of requests.
    var pageText: String?

    var pageDetail: String { pageText ?? detail }

    public init(status: HTTPResponse.Status, rule: String, title: String, detail: String, hint: String? = nil) {
        self.status = status
        self.rule = rule
        self.title = title
        self.detail = detail
        self.hint = hint
    }

    static let unauthenticated = Problem(
        status: .unauthorized,
        rule: "AUTH-REQUIRED",
        title: "login required",
        detail: "log in first: POST /api/v1/session with your login and password",
        pageText: Text("problem.logFirst")
    )

    init(status: HTTPResponse.Status, rule: String, title: String, detail: String, pageText: Text) {
        self.init(status: status, rule: rule, title: title, detail: detail)
        self.pageText = pageText.zh + " / " + pageText.en
    }

    /// A domain or store error in the language asked for.
    public init(_ error: any DualPreventionError, language: Language) {
        let status: HTTPResponse.Status =
            switch error.kind {
            case .refusedByRule: .forbidden
            case .badInput: .unprocessableContent
            case .notFound: .notFound
            case .io: .internalServerError
            case .cannotWrite, .busy: .serviceUnavailable
            }
        self.init(status: status, rule: error.rule, title: error.kind.rawValue, detail: error.message(language), hint: error.hint?(language))
        // A refusal's hint names actions only; other errors' hints may speak of command-line options.
        if error is Refusal { pageHint = hint }
    }

    struct Body: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String
        var rule: String
        var hint: String?
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(
            Body(type: "https://dualprev.example/rules/\(rule)", title: title, status: Int(status.code), detail: detail, rule: rule, hint: hint)
        )
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Problem {
    /// A request body past what the server reads: 413, saying the limit.
    static func tooLarge(limit: Int, what: String) -> Problem {
        Problem(
            status: .contentTooLarge,
            rule: "INPUT-TOO-LARGE",
            title: "request too large",
            detail: "\(what) may be at most \(limit / 1_024) KiB",
            hint: "send smaller or fewer files; photos can be resized on the phone before uploading"
        )
    }
}

/// Turns every error into a problem: domain errors by their kind, Hummingbird's own as they are, the rest as 500
/// without internals.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = ServerContext

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any DualPreventionError {
            throw Problem(error, language: Language.fromLocale(request.headers[.acceptLanguage]))
        } catch let error as Problem {
            throw error
        } catch is NIOTooManyBytesError {
            throw Problem.tooLarge(limit: context.maxUploadSize, what: "a request body")
        } catch let error as HTTPError {
            // Hummingbird's own (a body that is not the JSON expected, a missing parameter) as problems too.
            throw Problem(
                status: error.status,
                rule: error.status == .badRequest ? "INPUT-JSON" : "HTTP-\(error.status.code)",
                title: error.status.reasonPhrase,
                detail: error.body ?? error.status.reasonPhrase
            )
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(error)"])
            throw Problem(
                status: .internalServerError,
                rule: "INTERNAL",
                title: "internal error",
                detail: "the server could not complete the request"
            )
        }
    }
}
