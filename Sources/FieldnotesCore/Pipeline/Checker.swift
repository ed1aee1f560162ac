import FieldnotesSupport

/// The pipeline for one account: split → parse YAML → type against the schema → scan the
/// body → evaluate the checklist → rules → severities → suppression comments.
public enum Checker {
    /// The findings a check makes.
    public enum Findings: Sendable {
        /// Every finding, as `fieldnotes check` shows them.
        case all
        /// The errors only, as `all` gives them (at the team's severities, suppression comments
        /// applied): what a report drawn from the notes' facts needs (an account's errors are
        /// counted; no other finding is shown). A rule that cannot give an error is not run.
        case errors
    }

    public static func check(
        _ file: SourceFile, path: String, context: CheckContext, findings: Findings = .all
    ) -> AccountReport {
        let read = self.read(file, context: context)
        // A comment that silenced nothing can be told only when every finding was made: when the
        // team makes that an error, every rule runs.
        let errorsOnly = findings == .errors && context.config.severity(of: .unusedSuppression) != .error
        func runs(_ rule: Rule) -> Bool { !errorsOnly || context.config.severity(of: rule) == .error }
        var diagnostics = read.diagnostics
        if runs(.unansweredQuestion) {
            diagnostics += UnansweredQuestion.check(
                read.results, checklist: context.checklist, fields: read.fields, schema: context.schema,
                lostFields: read.lostFields, body: read.body, source: file)
        }
        diagnostics += DateRules.check(
            read.fields, body: read.body, asOf: context.asOf, staleAfter: context.config.staleAfter, runs: runs)
        if runs(.oneSidedLanguage) {
            diagnostics += OneSidedLanguage.check(
                file, fields: read.fields, body: read.body, checklist: context.checklist)
        }
        var kept =
            errorsOnly
            ? errors(diagnostics, file: file, body: read.body, context: context)
            : finish(diagnostics, file: file, body: read.body, context: context)
        if findings == .errors { kept = kept.filter { $0.severity == .error } }
        let report = FileDiagnostics(path: path, source: file, diagnostics: kept)
        return AccountReport(
            path: path, source: file, fields: read.fields, body: read.body, results: read.results,
            diagnostics: report.sorted)
    }

    /// The last steps: the team's severities (a rule turned off drops its findings), then the
    /// file's suppression comments. `reportUnused`: whether a comment that silenced nothing is
    /// said (not when only some of the findings were made, as the history's reading of a version).
    package static func finish(
        _ diagnostics: [Diagnostic], file: SourceFile, body: Body, context: CheckContext, reportUnused: Bool = true
    ) -> [Diagnostic] {
        let configured: [Diagnostic] = diagnostics.compactMap { d in
            guard let rule = d.rule else { return d }
            guard let severity = context.config.severity(of: rule) else { return nil }
            var d = d
            d.severity = severity
            return d
        }
        return Suppressions.apply(
            configured, file: file, body: body, config: context.config, reportUnused: reportUnused)
    }

    /// The errors among what reading a file found (`diagnostics`), as `finish` leaves them: at the
    /// team's severities, suppression comments applied (what the history counts of each version).
    /// Only the errors are weighed against the comments, and the comments are not read at all
    /// when there is none (and a malformed comment is not itself an error).
    package static func errors(
        _ diagnostics: [Diagnostic], file: SourceFile, body: Body, context: CheckContext
    ) -> [Diagnostic] {
        let errors = diagnostics.filter { d in
            d.rule.map { context.config.severity(of: $0) == .error } ?? (d.severity == .error)
        }
        guard !errors.isEmpty || context.config.severity(of: .invalidSuppression) == .error else { return [] }
        return finish(errors, file: file, body: body, context: context, reportUnused: false).filter {
            $0.severity == .error
        }
    }

    /// What reading an account gives before any rule runs: its typed fields, its body, the
    /// checklist's answers, and the problems found while reading (syntax, types, values).
    public struct Reading: Sendable {
        public var fields: AccountFields
        public var body: Body
        public var results: [QuestionResult]
        /// Problems of reading, with their default severities (rules not applied).
        public var diagnostics: [Diagnostic]
        /// Whether a syntax error may have lost fields.
        public var lostFields: Bool
    }

    /// Whose meetings `read` looks up in the log (`Contact.met`).
    public enum Meetings: Sendable {
        /// Every contact's: the rules and reports read them.
        case all
        /// What a `met: true` question of the checklist needs, whether the contacts it asks about
        /// were met (the history's reading of each version): the log is read only for those of
        /// them without a `last_met` already past; a `met` may then be earlier than the log says,
        /// and the others' `met` is their `last_met` or unset.
        case checklist
    }

    /// The first steps of the pipeline: split → parse YAML → type against the schema → scan the
    /// body → evaluate the checklist. The history of an account reads each version this far.
    public static func read(_ file: SourceFile, context: CheckContext, meetings: Meetings = .all) -> Reading {
        var diagnostics: [Diagnostic] = []
        var fields = AccountFields()
        var body = Body()
        var opening = SourceRange(0, 0)
        var lostFields = false
        switch FrontMatterSplit.split(file) {
        case .failure(let diagnostic):
            diagnostics.append(diagnostic)
            if diagnostic.rule == .frontMatterMissing && !file.bytes.isEmpty {
                body = BodyScanner.scan(file, from: 0)
            }
        case .success(let split):
            opening = split.openingRange
            let document = YAMLParser.parse(file, lines: split.yamlLines)
            diagnostics += document.issues.map(Diagnostic.init(yamlIssue:))
            let fatal = document.issues.contains { $0.kind != .duplicateKey }
            lostFields = fatal
            let decoded = AccountDecoder.decode(document.root, schema: context.schema, opening: opening, source: file)
            fields = decoded.fields
            // After a syntax error some fields may be lost: do not also report them as missing.
            diagnostics +=
                fatal
                ? decoded.diagnostics.filter {
                    $0.rule != .missingField || $0.range != opening && $0.range != fields.stage?.range
                } : decoded.diagnostics
            if document.root == nil && !fatal {
                diagnostics +=
                    AccountDecoder.decode(YAMLNode(.mapping([]), opening), schema: context.schema, opening: opening)
                    .diagnostics
            }
            body = BodyScanner.scan(file, from: split.bodyStart)
        }
        diagnostics += body.diagnostics
        switch meetings {
        case .all: ContactMeetings.resolve(&fields, body: body, source: file, asOf: context.asOf)
        case .checklist:
            // The checklist asks whether a contact was met, not when: one whose last_met is
            // already past was, without looking through the log.
            let asked = ChecklistEvaluator.contactsWhoseMeetingsCount(context.checklist, fields: fields)
            if !asked.isEmpty {
                let unknown = asked.filter { i in fields.contacts[i].lastMet.map { $0.value > context.asOf } ?? true }
                ContactMeetings.resolve(&fields, body: body, source: file, asOf: context.asOf, only: unknown)
            }
        }
        let results = ChecklistEvaluator.evaluate(context.checklist, fields: fields, body: body)
        return Reading(fields: fields, body: body, results: results, diagnostics: diagnostics, lostFields: lostFields)
    }

    /// Checks what reading a file gave: its text, or the reason it is not usable text.
    public static func check(
        _ outcome: FileReader.Outcome, path: String, context: CheckContext, findings: Findings = .all
    ) -> AccountReport {
        switch outcome {
        case .text(let source): return check(source, path: path, context: context, findings: findings)
        case .unreadable(let source, let diagnostic):
            var report = unreadable(path, source: source, diagnostic: diagnostic, context: context)
            if findings == .errors { report.diagnostics = report.diagnostics.filter { $0.severity == .error } }
            return report
        }
    }

    /// Checks a file that could not be read as text: the report holds only that diagnostic.
    public static func unreadable(
        _ path: String, source: SourceFile, diagnostic: Diagnostic, context: CheckContext
    ) -> AccountReport {
        var d = diagnostic
        if let rule = d.rule { d.severity = context.config.severity(of: rule) ?? .error }
        return AccountReport(
            path: path, source: source, fields: AccountFields(), body: Body(), results: [], diagnostics: [d])
    }
}
