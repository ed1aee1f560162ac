import Foundation
import Testing

@testable import FieldnotesCore
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// Which sections a brief shows is said by the checklist (`brief:`), not by the code.
struct ChecklistBriefTests {
    static let questions = """
        questions:
          - id: site_visit
            ask: What did we see on site?
            category: Change
            from: prospecting
            section: Site visit
          - id: politics
            ask: Who stands to gain or lose?
            category: People
            from: discovery
            section: Politics
          - id: next_step
            ask: What is the next step?
            category: Relationship
            from: discovery
            field: next_step
        """

    static func load(_ text: String) -> Result<Checklist, ToolError> {
        ChecklistLoader.load(SourceFile(path: "checklist.yml", text: text))
    }

    @Test func aChecklistSaysWhichSectionsABriefShowsInWhichOrder() throws {
        let text = Self.questions + "\nbrief:\n  politics: Who gains, who loses\n  site_visit: On site\n"
        let checklist = try Self.load(text).get()
        let outline = BriefOutline(checklist: checklist)
        #expect(outline.sections.map(\.id) == ["politics", "site_visit"])
        #expect(outline.sections.map(\.heading) == ["Who gains, who loses", "On site"])
        let shared = BriefOutline(checklist: checklist, share: true, internalQuestions: ["politics"])
        #expect(shared.sections.map(\.id) == ["site_visit"] && shared.leftOut == ["Who gains, who loses"])
    }

    @Test func withoutBriefTheBuiltInChoiceThenTheChecklistsOwnSections() throws {
        let checklist = try Self.load(Self.questions).get()
        #expect(checklist.brief == nil)
        let outline = BriefOutline(checklist: checklist)
        #expect(outline.sections.map(\.id) == ["politics", "site_visit"])
        #expect(outline.sections.map(\.heading) == ["Politics", "Site visit"])
    }

    @Test func theBuiltInChecklistSaysItsBrief() {
        #expect(
            Checklist.builtIn.brief?.map(\.id) == [
                "what_changed", "why_buying", "personal_pain", "decision_process", "decision_criteria", "politics",
                "shared_goals",
            ])
    }

    @Test func anUnknownQuestionOrAFieldQuestionIsAnError() throws {
        let text = Self.questions + "\nbrief:\n  politcs: Politics\n  next_step: Next step\n"
        guard case .failure(let error) = Self.load(text) else {
            Issue.record("a checklist naming an unknown question in 'brief' loaded")
            return
        }
        let diagnostics = error.files.flatMap(\.diagnostics)
        #expect(diagnostics.count == 2)
        #expect(diagnostics.contains { $0.message.contains("'politcs'") && $0.help == "did you mean 'politics'?" })
        #expect(diagnostics.contains { $0.message.contains("answered by a field") })
    }
}
