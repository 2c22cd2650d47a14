import DualPrevention
import DualPreventionPresentation

extension JSONWriter {
    /// A grade record, field for field as its synthesized `Encodable` writes it.
    mutating func grade(_ record: CreditGradeRecord) {
        object { json in
            json.key("asOf")
            json.date(record.asOf)
            json.key("assessment")
            json.assessment(record.assessment)
            json.key("changes")
            json.array { json in
                for change in record.changes {
                    json.item()
                    json.object { json in
                        if let after = change.after {
                            json.key("after")
                            json.number(after)
                        }
                        if let before = change.before {
                            json.key("before")
                            json.number(before)
                        }
                        json.key("item")
                        json.string(change.item)
                        json.key("name")
                        json.text(change.name)
                        json.key("newEvidence")
                        json.strings(change.newEvidence)
                    }
                }
            }
            json.key("computedAt")
            json.date(record.computedAt)
            json.key("computedBy")
            json.number(record.computedBy)
            json.key("enterpriseID")
            json.number(record.enterpriseID)
            json.key("grade")
            json.string(record.grade.rawValue)
            json.key("honoursToRevoke")
            json.strings(record.honoursToRevoke)
            json.key("id")
            json.number(record.id)
            if let previous = record.previousGrade {
                json.key("previousGrade")
                json.string(previous.rawValue)
            }
            if let previous = record.previousID {
                json.key("previousID")
                json.number(previous)
            }
            json.key("rulesVersion")
            json.number(record.rulesVersion)
            json.key("score")
            json.number(record.score)
            json.key("since")
            json.date(record.since)
        }
    }

    mutating func assessment(_ assessment: CreditAssessment) {
        object { json in
            json.key("grade")
            json.string(assessment.grade.rawValue)
            json.key("gradeByScore")
            json.string(assessment.gradeByScore.rawValue)
            json.key("lines")
            json.array { json in
                for line in assessment.lines {
                    json.item()
                    json.object { json in
                        json.key("evidence")
                        json.strings(line.evidence)
                        json.key("group")
                        json.string(line.group)
                        json.key("item")
                        json.string(line.item)
                        json.key("maximum")
                        json.number(line.maximum)
                        json.key("name")
                        json.text(line.name)
                        json.key("points")
                        json.number(line.points)
                        if let value = line.value {
                            json.key("value")
                            json.number(value)
                        }
                    }
                }
            }
            if let measure = assessment.measure {
                json.key("measure")
                json.text(measure)
            }
            json.key("rule")
            json.text(assessment.rule)
            json.key("rulesVersion")
            json.number(assessment.rulesVersion)
            json.key("score")
            json.number(assessment.score)
            json.key("vetoes")
            json.array { json in
                for veto in assessment.vetoes {
                    json.item()
                    json.object { json in
                        json.key("code")
                        json.string(veto.code)
                        json.key("evidence")
                        json.strings(veto.evidence)
                        json.key("name")
                        json.text(veto.name)
                    }
                }
            }
        }
    }
}
