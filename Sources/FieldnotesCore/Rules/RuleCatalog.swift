import FieldnotesSupport

/// Rule metadata as data: `explain`, SARIF rule entries and the rule tests all read it.
package enum RuleCatalog {
    /// A small valid note at prospecting; examples vary one thing from it.
    private static func note(_ front: String, body: String = "") -> String {
        "---\naccount: Binford Tools\nowner: dana.reyes\n\(front)---\n\n# Binford Tools\n\n## What changed\nNew plant manager since October.\n\n## Current feedback\nSamples passed their first checks.\n\(body)"
    }

    package static func info(_ rule: Rule) -> Rule.Info {
        switch rule {
        case .encoding:
            return .init(
                severity: .error,
                summary: "the file is not UTF-8 text, contains a NUL byte, or is larger than 10 MB",
                rationale:
                    "Notes are plain text that every editor, git diff and review tool can read. A file in another encoding, or a binary file saved under a .md name, cannot be checked and would show as garbage in a brief.",
                fix:
                    "Save the file as UTF-8 in your editor (\"Save with encoding\" or \"Reopen with encoding\"). Remove binary content; keep attachments out of the notes folder.",
                bad: "---\naccount: Binford Tools\nowner: dana.reyes\nstage: prospecting\n---\nNUL byte here: \u{0}\n",
                good: note("stage: prospecting\n"))
        case .frontMatterMissing:
            return .init(
                severity: .error,
                summary: "the file does not start with a '---' front matter block",
                rationale:
                    "The front matter holds the account's structured facts (stage, owner, contacts). Without it, fieldnotes cannot know the account's stage, so it cannot say which questions are due.",
                fix:
                    "Start the file with a line '---', the fields (at least account, owner and stage), and a closing '---' line. Copy accounts/_template.md to start a new account.",
                bad: "# Binford Tools\n\nstage: discovery\n",
                good: note("stage: prospecting\n"))
        case .frontMatterUnclosed:
            return .init(
                severity: .error,
                summary: "the front matter has no closing '---' line",
                rationale:
                    "Without the closing marker, the whole note would be read as YAML, and the Markdown sections would be lost.",
                fix: "Add a line with exactly '---' after the last field and before the first heading.",
                bad: "---\naccount: Binford Tools\nowner: dana.reyes\nstage: prospecting\n\n# Binford Tools\n",
                good: note("stage: prospecting\n"))
        case .yamlSyntax:
            return .init(
                severity: .error,
                summary: "the front matter is not well-formed YAML (indentation, tabs, quotes, colons)",
                rationale:
                    "A malformed line could be read in more than one way. fieldnotes refuses to guess, so that a brief never shows a value you did not write.",
                fix:
                    "Follow the help line: indent with spaces (never tabs), align keys of the same level, close every quote, and quote values that contain ': ' or start with a special character.",
                bad: note("stage: prospecting\nnext_step: Call Jenny: agree on the sample plan\n"),
                good: note("stage: prospecting\nnext_step: \"Call Jenny: agree on the sample plan\"\n"))
        case .yamlUnsupported:
            return .init(
                severity: .error,
                summary:
                    "the front matter uses a YAML feature outside the safe subset (anchor, alias, tag, directive, several documents, complex key)",
                rationale:
                    "Anchors, aliases and tags make a value depend on text elsewhere or change its type. Notes stay readable by people and by fieldnotes only with plain keys and values.",
                fix:
                    "Write the value out in full instead of using '&anchor' and '*alias'; remove '!tags'; use simple 'key: value' entries instead of '? key'.",
                bad: note("stage: prospecting\nowner_backup: &dana dana.reyes\n"),
                good: note("stage: prospecting\n"))
        case .duplicateKey:
            return .init(
                severity: .error,
                summary: "the same key appears twice in one mapping",
                rationale:
                    "With two values for one key, one of them is silently ignored by most tools. Usually one was meant to replace the other.",
                fix: "Keep one of the two lines, with the right value.",
                bad: note("stage: prospecting\nstage: discovery\n"),
                good: note("stage: prospecting\n"))
        case .missingField:
            return .init(
                severity: .error,
                summary: "a required field is absent, empty or only a placeholder for the account's stage",
                rationale:
                    "account, owner and stage are always needed; from discovery on, a deal needs a last contact date, a next step and the people involved. Those are what a manager reviews first. A placeholder (TBD, TODO, ?, ..., -) is not an answer: 'next_step: TBD' is a field left empty.",
                fix:
                    "Add the field named in the message to the front matter, or replace its placeholder with the real value. The help line shows its form.",
                bad: "---\naccount: Binford Tools\nstage: prospecting\n---\n",
                good: note("stage: prospecting\n"))
        case .unknownField:
            return .init(
                severity: .warning,
                summary: "a field that is not in the schema (often a typo)",
                rationale:
                    "A misspelled field is silently ignored: 'last_contcat' would leave the account with no contact date. Teams add their own fields in fieldnotes.yml so they are checked too.",
                fix:
                    "Fix the spelling (the help suggests the closest field), or declare the field under 'fields:' in fieldnotes.yml.",
                bad: note("stage: prospecting\nlast_contcat: 2026-11-18\n"),
                good: note("stage: prospecting\nlast_contact: 2026-11-18\n"))
        case .wrongType:
            return .init(
                severity: .error,
                summary:
                    "a value of the wrong kind: a list where text belongs, text where a list belongs, 'yes' for a boolean",
                rationale:
                    "fieldnotes never guesses types (\"yes\" is not true, \"no\" is not false), so a value must be written in the form its field expects.",
                fix:
                    "Write the value as the help line shows: a list as [a, b] or '- item' lines, a boolean as true or false, a number without separators.",
                bad: note("stage: prospecting\ncompetitors:\n  - name: Acme Fixtures\n    incumbent: yes\n"),
                good: note("stage: prospecting\ncompetitors:\n  - name: Acme Fixtures\n    incumbent: true\n"))
        case .invalidDate:
            return .init(
                severity: .error,
                summary: "a date that is not YYYY-MM-DD, or a day that does not exist",
                rationale:
                    "Dates drive the stale-contact and past-meeting checks and the briefs. '18/11/2026' is read differently in different countries, and 2026-02-30 does not exist.",
                fix: "Write dates as YYYY-MM-DD, e.g. 2026-11-18, and check the day exists.",
                bad: note("stage: prospecting\nlast_contact: 2026-02-30\n"),
                good: note("stage: prospecting\nlast_contact: 2026-02-28\n"))
        case .invalidValue:
            return .init(
                severity: .error,
                summary: "a value that is not one of the field's allowed values",
                rationale:
                    "Stages, roles and statuses come from fixed lists so that the summary can count and sort them. A typo would put an account in no stage at all.",
                fix:
                    "Use one of the allowed values: the help line suggests the closest one, or lists them all. The README of the notes repository lists the allowed values of every field.",
                bad: note("stage: prospectin\n"),
                good: note("stage: prospecting\n"))
        case .duplicateContact:
            return .init(
                severity: .error,
                summary: "two contacts with the same name",
                rationale:
                    "reports_to and the brief's people table refer to contacts by name; two entries with one name make both ambiguous.",
                fix: "Merge the two entries into one, or tell the people apart by their full names.",
                bad: note("stage: prospecting\ncontacts:\n  - name: Jenny Park\n  - name: Jenny Park\n"),
                good: note("stage: prospecting\ncontacts:\n  - name: Jenny Park\n  - name: Raj Patel\n"))
        case .unknownContact:
            return .init(
                severity: .warning,
                summary: "reports_to names someone who is not in the account's contacts",
                rationale:
                    "The reporting line is how you find who influences whom. A name that matches no contact is usually a typo, or a person you have not written down yet.",
                fix: "Fix the name so it matches a contact exactly, or add that person to contacts.",
                bad: note(
                    "stage: prospecting\ncontacts:\n  - name: Jenny Park\n    reports_to: Tom Alvarz\n  - name: Tom Alvarez\n"
                ),
                good: note(
                    "stage: prospecting\ncontacts:\n  - name: Jenny Park\n    reports_to: Tom Alvarez\n  - name: Tom Alvarez\n"
                ))
        case .futureDate:
            return .init(
                severity: .error,
                summary: "last_contact, last_visit or a log entry dated after today",
                rationale:
                    "A contact that has not happened yet is a typo in the date, and it would hide a stale account. Planned meetings go in next_meeting.",
                fix: "Correct the date; put planned meetings in next_meeting.",
                bad: note("stage: prospecting\nlast_contact: 2027-11-18\n"),
                good: note("stage: prospecting\nlast_contact: 2026-11-18\n"))
        case .staleContact:
            return .init(
                severity: .warning,
                summary: "no contact for more than stale_after_days (30 by default)",
                rationale:
                    "Things change on the customer's side all the time: new people, new priorities, a competitor's visit. After a month of silence, what you know may be out of date.",
                fix:
                    "Get in touch and ask what has changed on their end since you last spoke; then update last_contact and the log.",
                bad: note("stage: prospecting\nlast_contact: 2026-09-01\n"),
                good: note("stage: prospecting\nlast_contact: 2026-11-18\n"))
        case .pastMeeting:
            return .init(
                severity: .warning,
                summary: "next_meeting is in the past",
                rationale:
                    "A meeting date that has passed means the notes were not updated after the meeting, or that the deal has no next meeting.",
                fix:
                    "Write what happened in the log, update last_contact, and set next_meeting to the next date agreed with the customer.",
                bad: note("stage: prospecting\nnext_meeting: 2026-11-02\n"),
                good: note("stage: prospecting\nnext_meeting: 2026-12-02\n"))
        case .logAhead:
            return .init(
                severity: .warning,
                summary: "the newest log entry is newer than last_contact",
                rationale:
                    "The log says you spoke to them more recently than last_contact does, so the front matter is out of date and the summary shows the wrong date.",
                fix: "Set last_contact to the date of the newest log entry.",
                bad: note(
                    "stage: prospecting\nlast_contact: 2026-11-02\n",
                    body: "\n## Log\n\n### 2026-11-18 — Call with Jenny\nThey moved the trial.\n"),
                good: note(
                    "stage: prospecting\nlast_contact: 2026-11-18\n",
                    body: "\n## Log\n\n### 2026-11-18 — Call with Jenny\nThey moved the trial.\n"))
        case .duplicateSection:
            return .init(
                severity: .warning,
                summary: "two sections with the same title",
                rationale:
                    "Only the first of two sections with one title answers its checklist question; what is written in the second is easily missed.",
                fix: "Merge the two sections into one.",
                bad: note("stage: prospecting\n", body: "\n## What changed\nThey hired a new buyer.\n"),
                good: note(
                    "stage: prospecting\n", body: "\n## Why they are buying\nThey are consolidating two lines.\n"))
        case .unansweredQuestion:
            return .init(
                severity: .warning,
                summary: "a checklist question due at the account's stage is missing, partly answered, or only assumed",
                rationale:
                    "Deals are lost because a rep does not know the customer's process: who decides, how, against whom, and what has changed. The checklist says which of those you should know by each stage; an assumption is not an answer until the customer confirms it.",
                fix:
                    "Ask the customer (the help line has the question and how to ask it), then write the answer in the section or field named. A placeholder (TBD, ?, …) in a field is not an answer. Only '##' headings with a checklist title answer a question: when a heading is close to one ('## Why are they buying?', '### Decision process'), the help says which title was meant and the editor's quick fix renames it. 'fieldnotes missing' lists every open question with its hint: the agenda for your next meeting.",
                bad:
                    "---\naccount: Binford Tools\nowner: dana.reyes\nstage: prospecting\n---\n\n# Binford Tools\n\n## What changed\nAssumption: their volumes grew.\n\n## Current feedback\nSamples passed their first checks.\n",
                good: note("stage: prospecting\n"))
        case .oneSidedLanguage:
            return .init(
                severity: .note,
                summary:
                    "a next step written as something done to the customer ('close them', 'push', 'handle their objections')",
                rationale:
                    "Customers buy with people who work with them. A next step written as a move against the customer is usually one they have not agreed to; a step written as what we do together is one they will show up for.",
                fix:
                    "Rewrite the step as something done with the customer, e.g. 'agree with Jenny on the evaluation steps' instead of 'close Jenny'.",
                bad: note("stage: prospecting\nnext_step: Push them to sign before Christmas\n"),
                good: note(
                    "stage: prospecting\nnext_step: Agree with Jenny on the steps to a signature before Christmas\n"))
        }
    }
}
