import Foundation
import Testing

@testable import FieldnotesCore
@testable import FieldnotesSupport

/// one-sided-language on next steps as reps write them: what it reads, what it finds, how it rewrites.
struct OneSidedLanguageTests {
    static let contacts = """
        contacts:
          - name: Jenny Park
            roles: [economic_buyer]
          - name: Raj Patel
            roles: [technical_buyer]
          - name: Kenji Watanabe
          - name: Marta Silva
          - name: Zoë Müller
          - name: Tom Berg

        """

    /// A note at the solution stage with `front` in its front matter and `body` after its title.
    static func note(_ front: String, body: String = "", contacts: String = Self.contacts) -> String {
        "---\naccount: Binford Tools\nowner: dana.reyes\nstage: solution\n\(contacts)\(front)---\n\n# Binford Tools\n"
            + body
    }

    static func findings(_ text: String) -> [(line: Int, column: Int, d: Diagnostic)] {
        let report = checkText(text)
        return report.diagnostics.filter { $0.rule == .oneSidedLanguage }.map {
            let l = report.source.location(of: $0.range.start)
            return (l.line, l.column, $0)
        }
    }

    /// A step as `next_step`, double-quoted.
    static func findings(step: String) -> [Diagnostic] {
        let quoted = step.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return findings(note("next_step: \"\(quoted)\"\n")).map(\.d)
    }

    /// Fixtures/next-steps.txt: labelled next steps, half one-sided, half done together.
    static func labelledSteps() throws -> [(oneSided: Bool, step: String)] {
        let url = Project.fixtures.appendingPathComponent("next-steps.txt")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        return try lines.filter { !$0.hasPrefix("#") && !$0.isEmpty }.map { line in
            let parts = line.split(separator: "\t", maxSplits: 1)
            let label = try #require(parts.count == 2 ? String(parts[0]) : nil, "no label in '\(line)'")
            #expect(label == "one-sided" || label == "together", "unknown label in '\(line)'")
            return (label == "one-sided", String(parts[1]))
        }
    }

    @Test func precisionAndRecallOnLabelledSteps() throws {
        let steps = try Self.labelledSteps()
        #expect(steps.count >= 40)
        #expect(steps.filter(\.oneSided).count * 2 == steps.count, "half one-sided, half together")
        var truePositives = 0
        var falsePositives: [String] = []
        var falseNegatives: [String] = []
        for (oneSided, step) in steps {
            let flagged = !Self.findings(step: step).isEmpty
            if flagged && oneSided { truePositives += 1 }
            if flagged && !oneSided { falsePositives.append(step) }
            if !flagged && oneSided { falseNegatives.append(step) }
        }
        let precision = Double(truePositives) / Double(max(1, truePositives + falsePositives.count))
        let recall = Double(truePositives) / Double(max(1, truePositives + falseNegatives.count))
        let numbers = String(format: "precision %.3f, recall %.3f over %d steps", precision, recall, steps.count)
        print("one-sided-language on Fixtures/next-steps.txt: \(numbers)")
        #expect(precision >= 0.9, "\(numbers); flagged though done together: \(falsePositives)")
        #expect(recall >= 0.9, "\(numbers); missed: \(falseNegatives)")
    }

    @Test func readsNextStepAtThePhraseWithARewrite() throws {
        let found = Self.findings(Self.note("next_step: Send them the revised tooling quote by Friday\n"))
        let f = try #require(found.first)
        #expect(found.count == 1)
        #expect((f.line, f.column) == (14, 12))
        #expect(f.d.subject == "Send them the revised tooling quote")
        #expect(f.d.message.contains("only we take"))
        #expect(f.d.severity == .note)
        // Nobody named: the rewrite names the first contact (no next meeting), and keeps the date.
        #expect(
            f.d.help == "write it as something done together, e.g. 'review the revised tooling quote "
                + "together with Jenny by Friday'")
    }

    @Test func readsEachOpportunitysNextStep() throws {
        let front = """
            opportunities:
              - name: Cell 3 fixtures
                next_step: Pitch the quick-change tooling system to Raj

            """
        let f = try #require(Self.findings(Self.note(front)).first)
        #expect((f.line, f.column) == (16, 16))
        #expect(f.d.subject == "Pitch the quick-change tooling system")
        #expect(f.d.help?.contains("agree with Raj what the quick-change tooling system has to do") == true)
    }

    @Test func readsTheNextMeetingGoalForPhrasesOnly() throws {
        let present = Self.findings(
            Self.note("next_meeting_with: [Marta Silva]\nnext_meeting_goal: Present our automation solution\n"))
        let f = try #require(present.first)
        #expect((f.line, f.column) == (15, 20))
        #expect(f.d.subject == "Present our automation solution")
        // The rewrite names the next meeting's attendee.
        #expect(f.d.help?.contains("agree with Marta what our automation solution has to show") == true)
        // A meeting is with them: a goal in which only we seem to act is not a finding.
        #expect(
            Self.findings(Self.note("next_meeting_goal: Review the changeover times of the first quarter\n")).isEmpty)
    }

    @Test func readsPlanSectionsStepByStep() throws {
        let body = """

            ## Next steps
            - Prepare the quote for the 4-cavity mould
            - Raj to confirm the annual volumes
              by Friday, so we can size the tool

            ## Shared goals
            Follow up with Raj
            """
        let found = Self.findings(Self.note("", body: body))
        #expect(found.map(\.line) == [19, 24])
        #expect(found.first?.column == 3)
        #expect(found.first?.d.subject == "Prepare the quote for the 4-cavity mould")
        #expect(found.first?.d.help?.hasPrefix("add what Jenny does and when, e.g. 'prepare the quote") == true)
        #expect(found.last?.d.message == "'Follow up' leaves the next step open: it names no date and no topic")
        #expect(found.last?.d.help?.contains("call Raj on <date> to agree the next step together") == true)
    }

    @Test func noFindingInCollaborativeSteps() {
        let front = """
            next_meeting_with: [Jenny Park, Raj Patel]
            next_meeting_goal: Agree the decision criteria with Marta and Raj
            next_step: Jenny walks us through the PPAP steps; we bring a sample part
            opportunities:
              - name: Line 3
                next_step: Joint trial on line 3 with Kenji, 12 Jan

            """
        let body = """

            ## Next steps
            - Review the proposal together with Jenny on Dec 15
            - Kenji runs 500 parts on the new die; we log the changeovers with him
            - Check the thread pitch on the M8 insert with Raj
            - Their quality team qualifies the new tool in week 3

            ## Shared goals
            A sample running on cell 3 by Jan 9, measured by Zoë. Together: a concept review
            at the line, then we quote the tooling.
            """
        #expect(Self.findings(Self.note(front, body: body)).map(\.d.message) == [])
    }

    @Test func rewritesWithoutContactsNameAPlaceholder() throws {
        let f = try #require(Self.findings(Self.note("next_step: I will call next week\n", contacts: "")).first)
        #expect(f.d.subject == "I will call next week")
        #expect(
            f.d.help == "add what <contact> does and when, e.g. 'I will call next week to agree the next step; "
                + "<contact> confirms it next week'")
    }

    @Test func movesAgainstTheCustomerAreFoundEvenInSharedSteps() {
        for step in [
            "Agree the timeline with Jenny, then ask for the order", "Get the PO signed with Raj before year end",
            "Qualify Kenji on budget at the joint trial",
        ] {
            #expect(Self.findings(step: step).count == 1, "\(step)")
        }
        #expect(Self.findings(step: "Get the PO number from Jenny").isEmpty)
        #expect(Self.findings(step: "Qualify the new tool on line 3 with Kenji").isEmpty)
    }

    @Test func aStepMayHoldTwoPhrases() {
        let found = Self.findings(step: "Send them the proposal and follow up")
        #expect(found.map(\.subject) == ["Send them the proposal", "follow up"])
        #expect(
            found.map(\.messageID) == [
                MessageID(OneSidedLanguage.Message.onlyWe), MessageID(OneSidedLanguage.Message.openFollowUp),
            ])
        // A follow-up that says when and what is a step like any other: fine when done with them.
        #expect(Self.findings(step: "Follow up with Raj on Dec 3 about the PPAP timing").isEmpty)
        #expect(
            Self.findings(step: "Follow up on the PPAP timing on Dec 3").map(\.subject) == [
                "Follow up on the PPAP timing on Dec 3"
            ])
    }
}

extension OneSidedLanguageTests {
    /// A step of nothing but pitches gets a few notes, in linear time.
    @Test func aLongHostileStepStaysBounded() {
        let step = String(repeating: "pitch them ", count: 20_000)
        let clock = ContinuousClock()
        let start = clock.now
        let found = Self.findings(Self.note("", body: "\n## Next steps\n\(step)\n"))
        #expect(found.count == StepReader.maxFindings)
        #expect(clock.now - start < .seconds(60))  // quadratic would take many minutes
    }
}

extension OneSidedLanguageTests {
    /// Many steps, each with a note: linear too.
    @Test func manyOneSidedStepsStayLinear() {
        let steps = String(repeating: "- Close them on the pilot\n- Pitch the tool to Raj\n", count: 5_000)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(Self.findings(Self.note("", body: "\n## Next steps\n\(steps)")).count == 10_000)
        #expect(clock.now - start < .seconds(60))  // quadratic would take many minutes
    }
}
