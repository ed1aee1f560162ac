import FieldnotesSupport

// The syntax findings: a file that cannot be read as a note, front matter that cannot be found,
// YAML that cannot be read. The reader, the splitter and the parser detect them; these build them.

/// encoding: the file is not UTF-8 text, holds a NUL byte, or could not be read at all.
package enum Encoding: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        /// Refused without being read (too large, a link outside the repository, a git conflict, …).
        case refused
        case tooLarge
        case missing, folder, notRegular, denied, unreadable
        case invalidUTF8, nulByte
        package static let rule = Rule.encoding
    }

    package static let info = Rule.Info(
        severity: .error,
        summary: "the file is not UTF-8 text, contains a NUL byte, or is larger than 10 MB",
        tableSummary: "not UTF-8, a NUL byte, or larger than 10 MB",
        rationale:
            "Notes are plain text that every editor, git diff and review tool can read. A file in another encoding, "
            + "or a binary file saved under a .md name, cannot be checked and would show as garbage in a brief.",
        fix:
            "Save the file as UTF-8 in your editor (\"Save with encoding\" or \"Reopen with encoding\"). Remove "
            + "binary content; keep attachments out of the notes folder.",
        bad: "---\naccount: Binford Tools\nowner: dana.reyes\nstage: prospecting\n---\nNUL byte here: \u{0}\n",
        good: exampleNote("stage: prospecting\n"))

    /// Problems of the whole file are located at its start.
    private static let start = SourceRange(0, 0)

    package static func refused(_ refusal: FileReader.Refusal) -> Diagnostic {
        Diagnostic(refusal.messageID, refusal.message, at: start, help: refusal.help)
    }

    /// A note larger than `FileReader.maxSize` (the working copy, the index or the history alike).
    package static func tooLarge(_ size: Int) -> FileReader.Refusal {
        FileReader.Refusal(
            Message.tooLarge, "the file is larger than 10 MB (\(FileReader.describeSize(size)))",
            help: "account notes are text; keep attachments and exports out of the notes folder")
    }

    package static func missing() -> Diagnostic {
        Diagnostic(Message.missing, "cannot read the file: it does not exist (or is a broken link)", at: start)
    }

    package static func folder() -> Diagnostic {
        Diagnostic(
            Message.folder, "cannot read the file: it is a folder", at: start,
            help: "rename the folder, or change 'accounts' in fieldnotes.yml so it matches only notes")
    }

    package static func notRegular() -> Diagnostic {
        Diagnostic(
            Message.notRegular, "cannot read the file: it is not a regular file", at: start,
            help: "account notes are text files; move this out of the notes folder")
    }

    package static func denied() -> Diagnostic {
        Diagnostic(
            Message.denied, "cannot read the file: permission denied", at: start,
            help: "check the file's permissions")
    }

    package static func unreadable(_ reason: String) -> Diagnostic {
        Diagnostic(Message.unreadable, "cannot read the file: \(reason)", at: start)
    }

    /// `byte` is the first one that is not part of valid UTF-8, at `offset`.
    package static func invalidUTF8(_ byte: UInt8, at offset: Int) -> Diagnostic {
        let hex = String(byte, radix: 16, uppercase: true)
        return Diagnostic(
            Message.invalidUTF8, "the file is not valid UTF-8 (byte 0x\(hex.count == 1 ? "0" : "")\(hex))",
            at: SourceRange(offset, offset + 1), help: "save the file as UTF-8 in your editor")
    }

    package static func nulByte(at offset: Int) -> Diagnostic {
        Diagnostic(
            Message.nulByte, "the file contains a NUL byte: it is not a text file", at: SourceRange(offset, offset + 1),
            help: "remove the binary content, or move the file out of the notes folder")
    }
}

/// front-matter-missing: the file does not start with a `---` line.
package enum FrontMatterMissing: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        case emptyFile, noOpeningLine
        package static let rule = Rule.frontMatterMissing
    }

    package static let info = Rule.Info(
        severity: .error,
        summary: "the file does not start with a '---' front matter block",
        tableSummary: "the file does not start with `---`",
        rationale:
            "The front matter holds the account's structured facts (stage, owner, contacts). Without it, fieldnotes "
            + "cannot know the account's stage, so it cannot say which questions are due.",
        fix:
            "Start the file with a line '---', the fields (at least account, owner and stage), and a closing '---' "
            + "line. Copy accounts/_template.md to start a new account.",
        bad: "# Binford Tools\n\nstage: discovery\n",
        good: exampleNote("stage: prospecting\n"))

    /// `firstLine`: the range of the file's first line.
    package static func diagnostic(emptyFile: Bool, firstLine: Range<Int>) -> Diagnostic {
        Diagnostic(
            emptyFile ? Message.emptyFile : Message.noOpeningLine,
            emptyFile
                ? "the file is empty: an account needs front matter"
                : "the file does not start with '---' front matter",
            at: SourceRange(
                firstLine.lowerBound, emptyFile ? 0 : min(firstLine.upperBound, firstLine.lowerBound + 3)),
            help:
                "start the file with a '---' line, the account's fields (account, owner, stage, …), "
                + "then a closing '---' line")
    }
}

/// front-matter-unclosed: the opening `---` has no closing line.
package enum FrontMatterUnclosed: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        case unclosed
        package static let rule = Rule.frontMatterUnclosed
    }

    package static let info = Rule.Info(
        severity: .error,
        summary: "the front matter has no closing '---' line",
        tableSummary: "no closing `---`",
        rationale:
            "Without the closing marker, the whole note would be read as YAML, and the Markdown sections would be "
            + "lost.",
        fix: "Add a line with exactly '---' after the last field and before the first heading.",
        bad: "---\naccount: Binford Tools\nowner: dana.reyes\nstage: prospecting\n\n# Binford Tools\n",
        good: exampleNote("stage: prospecting\n"))

    /// `opening`: the range of the opening `---` line.
    package static func diagnostic(opening: SourceRange) -> Diagnostic {
        Diagnostic(
            Message.unclosed, "the front matter is not closed", at: opening,
            help: "add a line with '---' after the last field, before the notes")
    }
}

/// yaml-syntax: the front matter is not well-formed YAML (or goes past the parser's limits).
package enum YAMLSyntax: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        case syntax, limit
        package static let rule = Rule.yamlSyntax
    }

    package static let info = Rule.Info(
        severity: .error,
        summary: "the front matter is not well-formed YAML (indentation, tabs, quotes, colons)",
        tableSummary: "malformed YAML (indentation, tab indentation, unterminated quote, …)",
        rationale:
            "A malformed line could be read in more than one way. fieldnotes refuses to guess, so that a brief never "
            + "shows a value you did not write.",
        fix:
            "Follow the help line: indent with spaces (never tabs), align keys of the same level, close every quote, "
            + "and quote values that contain ': ' or start with a special character.",
        bad: exampleNote("stage: prospecting\nnext_step: Call Jenny: agree on the sample plan\n"),
        good: exampleNote("stage: prospecting\nnext_step: \"Call Jenny: agree on the sample plan\"\n"))
}

/// yaml-unsupported: a YAML feature outside the safe subset.
package enum YAMLUnsupported: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        case unsupported
        package static let rule = Rule.yamlUnsupported
    }

    package static let info = Rule.Info(
        severity: .error,
        summary:
            "the front matter uses a YAML feature outside the safe subset (anchor, alias, tag, directive, several "
            + "documents, complex key)",
        tableSummary: "anchor, alias, tag, directive, several documents, complex key",
        rationale:
            "Anchors, aliases and tags make a value depend on text elsewhere or change its type. Notes stay readable "
            + "by people and by fieldnotes only with plain keys and values.",
        fix:
            "Write the value out in full instead of using '&anchor' and '*alias'; remove '!tags'; use simple 'key: "
            + "value' entries instead of '? key'.",
        bad: exampleNote("stage: prospecting\nowner_backup: &dana dana.reyes\n"),
        good: exampleNote("stage: prospecting\n"))
}

/// duplicate-key: the same key twice in one mapping.
package enum DuplicateKey: RuleDefinition {
    package enum Message: UInt8, RuleMessage {
        case duplicate
        package static let rule = Rule.duplicateKey
    }

    package static let info = Rule.Info(
        severity: .error,
        summary: "the same key appears twice in one mapping",
        tableSummary: "the same key twice in one mapping",
        rationale:
            "With two values for one key, one of them is silently ignored by most tools. Usually one was meant to "
            + "replace the other.",
        fix: "Keep one of the two lines, with the right value.",
        bad: exampleNote("stage: prospecting\nstage: discovery\n"),
        good: exampleNote("stage: prospecting\n"))
}

extension Diagnostic {
    /// The diagnostic for a YAML parse problem in an account's front matter: the parser words
    /// it, the kind of problem says which rule it breaks.
    public init(yamlIssue issue: YAMLIssue) {
        let notes = issue.related.map { Note($0.message, $0.range) }
        switch issue.kind {
        case .syntax:
            self.init(YAMLSyntax.Message.syntax, issue.message, at: issue.range, help: issue.help, notes: notes)
        case .limit:
            self.init(YAMLSyntax.Message.limit, issue.message, at: issue.range, help: issue.help, notes: notes)
        case .unsupported:
            self.init(
                YAMLUnsupported.Message.unsupported, issue.message, at: issue.range, help: issue.help, notes: notes)
        case .duplicateKey:
            self.init(DuplicateKey.Message.duplicate, issue.message, at: issue.range, help: issue.help, notes: notes)
        }
    }
}
