import Foundation

/// What the dual-prevention figures read of a hazard: when it was found, closed or cancelled, its grade and risk point,
/// the deadline its notice set and any extension of it, and when it was listed for supervision. No text, no plan,
/// submission or acceptance: grading a province reads hundreds of thousands of hazards, and a loader reads these
/// facts in one statement where the whole hazard takes one per kind of part.
public struct HazardFacts: Sendable, Hashable {
    /// A listing for supervision, from the instant it was made until the instant it was lifted (if it was).
    public struct Listing: Sendable, Hashable {
        public var listedAt: Date
        public var liftedAt: Date?

        public init(listedAt: Date, liftedAt: Date?) {
            self.listedAt = listedAt
            self.liftedAt = liftedAt
        }
    }

    /// An extension request as the deadline reads it: the deadline moves only once the request is granted.
    public struct Extension: Sendable, Hashable {
        public var state: ExtensionState
        public var decidedAt: Date?
        public var previousDeadline: Date
        public var requestedDeadline: Date

        public init(state: ExtensionState, decidedAt: Date?, previousDeadline: Date, requestedDeadline: Date) {
            self.state = state
            self.decidedAt = decidedAt
            self.previousDeadline = previousDeadline
            self.requestedDeadline = requestedDeadline
        }
    }

    public var id: Int64
    public var enterpriseID: Int64
    public var grade: HazardGrade
    public var riskPointID: Int64?
    public var foundAt: Date
    public var closedAt: Date?
    public var cancelledAt: Date?
    /// When the rectification notice was issued and the deadline it set; nil before a notice.
    public var noticeIssuedAt: Date?
    public var noticeDeadline: Date?
    public var extensionRequest: Extension?
    public var listings: [Listing]

    public init(
        id: Int64,
        enterpriseID: Int64,
        grade: HazardGrade,
        riskPointID: Int64?,
        foundAt: Date,
        closedAt: Date?,
        cancelledAt: Date?,
        noticeIssuedAt: Date?,
        noticeDeadline: Date?,
        extensionRequest: Extension?,
        listings: [Listing]
    ) {
        self.id = id
        self.enterpriseID = enterpriseID
        self.grade = grade
        self.riskPointID = riskPointID
        self.foundAt = foundAt
        self.closedAt = closedAt
        self.cancelledAt = cancelledAt
        self.noticeIssuedAt = noticeIssuedAt
        self.noticeDeadline = noticeDeadline
        self.extensionRequest = extensionRequest
        self.listings = listings
    }

    public init(_ hazard: Hazard) {
        self.init(
            id: hazard.id,
            enterpriseID: hazard.enterpriseID,
            grade: hazard.grade,
            riskPointID: hazard.riskPointID,
            foundAt: hazard.foundAt,
            closedAt: hazard.closedAt,
            cancelledAt: hazard.cancellation?.cancelledAt,
            noticeIssuedAt: hazard.notice?.issuedAt,
            noticeDeadline: hazard.notice?.deadline,
            extensionRequest: hazard.extensionRequest.map {
                Extension(state: $0.state, decidedAt: $0.decidedAt, previousDeadline: $0.previousDeadline, requestedDeadline: $0.requestedDeadline)
            },
            listings: hazard.listings.map { Listing(listedAt: $0.listedAt, liftedAt: $0.liftedAt) }
        )
    }

    /// The deadline as it stood at an instant: none before the notice; an extension counts only once granted.
    public func deadline(at date: Date) -> Date? {
        guard let issued = noticeIssuedAt, issued <= date, let deadline = noticeDeadline else { return nil }
        if let request = extensionRequest {
            if request.state == .granted, let decided = request.decidedAt, decided <= date { return request.requestedDeadline }
            return request.previousDeadline
        }
        return deadline
    }

    public func isClosed(by date: Date) -> Bool { closedAt.map { $0 <= date } ?? false }
    public func isCancelled(by date: Date) -> Bool { cancelledAt.map { $0 <= date } ?? false }
    public func isListed(at date: Date) -> Bool { listings.contains { $0.listedAt <= date && ($0.liftedAt.map { $0 > date } ?? true) } }
}
