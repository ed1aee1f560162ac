import Foundation
import Testing

@testable import FieldnotesCore
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// The checklist gives a brief its order (by category, then question) and, under `brief:`,
/// the headings it shows some sections under.
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
          - id: trial
            ask: What did the trial show?
            category: Change
            from: discovery
            section: Trial
        """

    static func load(_ text: String) -> Result<Checklist, ToolError> {
        ChecklistLoader.load(SourceFile(path: "checklist.yml", text: text))
    }

    /// `brief:` renames; the order stays the checklist's, whatever order `brief:` lists them in.
    @Test func briefRenamesHeadingsTheChecklistGivesTheOrder() throws {
        let text = Self.questions + "\nbrief:\n  politics: Who gains, who loses\n  site_visit: On site\n"
        let checklist = try Self.load(text).get()
        let outline = BriefOutline(checklist: checklist)
        // By category in the checklist's order: Change (site_visit, trial), then People (politics).
        #expect(outline.sections.map(\.id) == ["site_visit", "trial", "politics"])
        #expect(outline.sections.map(\.heading) == ["On site", "Trial", "Who gains, who loses"])
        #expect(outline.sections.map(\.category) == ["Change", "Change", "People"])
        let shared = BriefOutline(checklist: checklist, share: true, internalQuestions: ["politics"])
        #expect(shared.sections.map(\.id) == ["site_visit", "trial"] && shared.leftOut == ["Who gains, who loses"])
    }

    @Test func withoutBriefTheSectionsFirstTitles() throws {
        let checklist = try Self.load(Self.questions).get()
        #expect(checklist.brief == nil)
        let outline = BriefOutline(checklist: checklist)
        #expect(outline.sections.map(\.id) == ["site_visit", "trial", "politics"])
        #expect(outline.sections.map(\.heading) == ["Site visit", "Trial", "Politics"])
    }

    @Test func theBuiltInChecklistRenamesWhatChanged() {
        #expect(Checklist.builtIn.brief?.map(\.id) == ["what_changed"])
        #expect(BriefOutline(checklist: .builtIn).sections.first?.heading == "What changed on their end")
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

    /// Which sections are plans (read for one-sided language like next_step) is the checklist's
    /// say too: `plans:`.
    @Test func aChecklistSaysWhichSectionsArePlans() throws {
        let own = try Self.load(Self.questions + "\nplans: [site_visit]\n").get()
        #expect(own.plans == ["site_visit"])
        #expect(OneSidedLanguage.isPlanSection("site visit", checklist: own))
        #expect(!OneSidedLanguage.isPlanSection("politics", checklist: own))
        #expect(OneSidedLanguage.isPlanSection("next steps", checklist: own))  // the title says so
        #expect(Checklist.builtIn.plans == ["shared_goals"])
        #expect(OneSidedLanguage.isPlanSection("shared goals", checklist: .builtIn))
    }

    @Test func withoutPlansTheBuiltInPlansAmongItsQuestions() throws {
        let text =
            Self.questions + """

                  - id: shared_goals
                    ask: What do we aim for together?
                    category: Relationship
                    from: solution
                    section: [Shared goals, What we do together]
                """
        let checklist = try Self.load(text).get()
        #expect(checklist.plans == nil)
        #expect(OneSidedLanguage.isPlanSection("what we do together", checklist: checklist))
        #expect(!OneSidedLanguage.isPlanSection("site visit", checklist: checklist))
    }

    @Test func aPlanThatIsNoSectionQuestionIsAnError() throws {
        guard case .failure(let error) = Self.load(Self.questions + "\nplans: [next_step, site_vist]\n") else {
            Issue.record("a checklist naming a field question in 'plans' loaded")
            return
        }
        let messages = error.files.flatMap(\.diagnostics).map(\.message)
        #expect(messages.contains { $0.contains("'next_step', which is answered by a field") })
        #expect(messages.contains { $0.contains("'site_vist', which is not a question") })
    }
}
