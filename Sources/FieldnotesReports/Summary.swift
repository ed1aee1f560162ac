import FieldnotesCore
import FieldnotesSupport

/// The portfolio on one page: a row per account, totals per stage and owner, and a coverage
/// matrix of accounts × checklist categories.
public struct Summary {
    public var accounts: [AccountFacts]
    public var checklist: Checklist

    public init(accounts: [AccountFacts], checklist: Checklist) {
        // Sorted by stage, then account, then path: stable on every machine.
        // Each name is folded once, not at every comparison.
        let keys = accounts.map {
            (stage: $0.stage?.index ?? Stage.allCases.count, name: Suggest.fold($0.name), path: $0.path)
        }
        self.accounts = keys.indices.sorted { i, j in
            let a = keys[i], b = keys[j]
            if a.stage != b.stage { return a.stage < b.stage }
            if a.name != b.name { return a.name < b.name }
            return a.path < b.path
        }.map { accounts[$0] }
        self.checklist = checklist
    }

    package struct Total {
        package var name: String
        package var accounts = 0
        package var open = 0
        /// Accounts with at least one risk flag.
        package var atRisk = 0
    }

    package func totals(by key: (AccountFacts) -> String, order: [String]) -> [Total] {
        var map: [String: Total] = [:]
        for a in accounts {
            let k = key(a)
            var t = map[k] ?? Total(name: k)
            t.accounts += 1
            t.open += a.open.count
            t.atRisk += a.risks.isEmpty ? 0 : 1
            map[k] = t
        }
        return order.compactMap { map[$0] } + map.keys.filter { !order.contains($0) }.sorted().map { map[$0]! }
    }

    package var stageTotals: [Total] {
        totals(by: { $0.stage?.rawValue ?? "(no stage)" }, order: Stage.allCases.map(\.rawValue))
    }
    package var ownerTotals: [Total] { totals(by: { $0.owner ?? "(no owner)" }, order: []) }

    package static func cell(_ due: Int, _ answered: Int) -> String { due == 0 ? "–" : "\(answered)/\(due)" }

    package func riskText(_ a: AccountFacts) -> String {
        a.risksKnown ? a.risks.map(\.rawValue).joined(separator: ", ") : "(stage unknown)"
    }

    package var overview: String {
        "\(accounts.count) \(accounts.count == 1 ? "account" : "accounts"), \(accounts.reduce(0) { $0 + $1.open.count }) open questions, \(accounts.filter { !$0.risks.isEmpty }.count) at risk."
    }

    package func accountLabel(_ a: AccountFacts) -> String {
        a.errorCount > 0 ? "\(a.name) (\(a.errorCount) \(a.errorCount == 1 ? "error" : "errors"))" : a.name
    }

    // MARK: - Markdown

    public func markdown() -> String {
        var out = "# Pipeline summary\n\n" + overview + "\n"
        guard !accounts.isEmpty else { return out }
        out += "\n"
        out +=
            "| Account | Owner | Stage | Coverage | Open | Last contact | Next meeting | Risks |\n|---|---|---|---|---|---|---|---|\n"
        for a in accounts {
            let cells = [
                accountLabel(a), a.owner ?? "", a.stage?.rawValue ?? "", a.coverage, "\(a.open.count)",
                a.lastContact.map { "\($0)" } ?? "", a.report.fields.nextMeeting.map { "\($0.value)" } ?? "",
                riskText(a),
            ]
            out += "| " + cells.map(MarkdownText.inline).joined(separator: " | ") + " |\n"
        }
        out += "\n## By stage\n\n| Stage | Accounts | Open questions | Accounts at risk |\n|---|---|---|---|\n"
        for t in stageTotals { out += "| \(t.name) | \(t.accounts) | \(t.open) | \(t.atRisk) |\n" }
        out += "\n## By owner\n\n| Owner | Accounts | Open questions | Accounts at risk |\n|---|---|---|---|\n"
        for t in ownerTotals { out += "| \(MarkdownText.inline(t.name)) | \(t.accounts) | \(t.open) | \(t.atRisk) |\n" }
        let categories = checklist.categories
        out += "\n## Coverage by category\n\nAnswered / due at each account's stage.\n\n"
        out += "| Account | " + categories.map(MarkdownText.inline).joined(separator: " | ") + " |\n"
        out += "|---|" + String(repeating: "---|", count: categories.count) + "\n"
        for a in accounts {
            out +=
                "| \(MarkdownText.inline(a.name)) | "
                + a.categories.map { Self.cell($0.due, $0.answered) }.joined(separator: " | ") + " |\n"
        }
        return TerminalText.escapedKeepingLines(out)
    }

    // MARK: - Text

    public func text() -> String {
        func table(_ header: [String], _ rows: [[String]]) -> String {
            // A cell holds one line: a line break or a control character from the notes is shown escaped.
            let rows = rows.map { $0.map(TerminalText.escaped) }
            var widths = header.map { TextRenderer.displayWidth($0) }
            for row in rows {
                for (i, c) in row.enumerated() { widths[i] = max(widths[i], TextRenderer.displayWidth(c)) }
            }
            func line(_ cells: [String]) -> String {
                var parts: [String] = []
                for (i, c) in cells.enumerated() {
                    parts.append(
                        i == cells.count - 1
                            ? c : c + String(repeating: " ", count: widths[i] - TextRenderer.displayWidth(c)))
                }
                var s = parts.joined(separator: "  ")
                while s.last == " " { s.removeLast() }
                return s + "\n"
            }
            return line(header) + rows.map(line).joined()
        }
        guard !accounts.isEmpty else { return overview + "\n" }
        var out = table(
            ["ACCOUNT", "OWNER", "STAGE", "COVERAGE", "OPEN", "LAST CONTACT", "NEXT MEETING", "RISKS"],
            accounts.map { a in
                [
                    accountLabel(a), a.owner ?? "", a.stage?.rawValue ?? "", a.coverage, "\(a.open.count)",
                    a.lastContact.map { "\($0)" } ?? "", a.report.fields.nextMeeting.map { "\($0.value)" } ?? "",
                    riskText(a),
                ]
            })
        out += "\n" + overview + "\n"
        out +=
            "\n"
            + table(
                ["STAGE", "ACCOUNTS", "OPEN", "AT RISK"],
                stageTotals.map { [$0.name, "\($0.accounts)", "\($0.open)", "\($0.atRisk)"] })
        out +=
            "\n"
            + table(
                ["OWNER", "ACCOUNTS", "OPEN", "AT RISK"],
                ownerTotals.map { [$0.name, "\($0.accounts)", "\($0.open)", "\($0.atRisk)"] })
        out += "\nCoverage by category (answered/due):\n"
        out += table(
            ["ACCOUNT"] + checklist.categories.map { $0.uppercased() },
            accounts.map { a in
                [a.name] + a.categories.map { Self.cell($0.due, $0.answered) }
            })
        return TerminalText.escapedKeepingLines(out)
    }

    // MARK: - JSON

    public func json() -> String {
        func total(_ t: Total) -> JSONValue {
            .object([
                ("name", t.name.hasPrefix("(") ? .null : .string(t.name)), ("accounts", .int(t.accounts)),
                ("open", .int(t.open)), ("at_risk", .int(t.atRisk)),
            ])
        }
        let rows: [JSONValue] = accounts.map { a in
            .object([
                ("path", .string(a.path)), ("account", .string(a.name)),
                ("owner", a.owner.map(JSONValue.string) ?? .null),
                ("stage", a.stage.map { .string($0.rawValue) } ?? .null), ("due", .int(a.due)),
                ("answered", .int(a.answered)),
                ("open", .int(a.open.count)), ("last_contact", a.lastContact.map { .string($0.description) } ?? .null),
                ("next_meeting", a.report.fields.nextMeeting.map { .string($0.value.description) } ?? .null),
                ("risks", a.risksKnown ? .array(a.risks.map { .string($0.rawValue) }) : .null),
                ("errors", .int(a.errorCount)),
                (
                    "categories",
                    .array(
                        a.categories.map {
                            .object([
                                ("category", .string($0.name)), ("due", .int($0.due)), ("answered", .int($0.answered)),
                            ])
                        })
                ),
            ])
        }
        return JSONWriter.pretty(
            .object([
                ("version", .int(1)), ("accounts", .array(rows)),
                (
                    "totals",
                    .object([("stages", .array(stageTotals.map(total))), ("owners", .array(ownerTotals.map(total)))])
                ),
            ])) + "\n"
    }
}
