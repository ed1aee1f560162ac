import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// `init` writes the template from the binary alone; `new` starts an account; neither overwrites.
struct InitNewTests {
    func emptyFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fieldnotes-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func initWritesTheTemplateFromAnywhere() throws {
        let base = try emptyFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let run = try runBinary(["init", "my notes"], in: base)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            run.stdout.hasPrefix("created a notes repository in my notes (\(EmbeddedTemplate.files.count) files)\n"))
        let dir = base.appendingPathComponent("my notes")
        for file in EmbeddedTemplate.files {
            #expect(
                try String(contentsOf: dir.appendingPathComponent(file.path), encoding: .utf8) == file.contents,
                "\(file.path)")
        }
        let check = try runBinary(["check", "--as-of", "2026-11-20"], in: dir)
        #expect(check.status == 0)
        #expect(check.stdout.hasSuffix("0 errors, 9 warnings in 1 of 3 files\n"))
        // Nothing is overwritten, and nothing is written when anything is in the way.
        try "mine\n".write(to: dir.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("checklist.yml"))
        let again = try runBinary(["init", "my notes"], in: base)
        #expect(again.status == 2)
        #expect(again.stderr.contains("README.md"))
        #expect(try String(contentsOf: dir.appendingPathComponent("README.md"), encoding: .utf8) == "mine\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("checklist.yml").path))
    }

    @Test func initWithGit() throws {
        let base = try emptyFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        let run = try runBinary(["init", "--git"], in: base)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: base.appendingPathComponent(".git/hooks/pre-commit").path))
        #expect(run.stdout.contains("installed the pre-commit hook"))
    }

    @Test func newAccount() throws {
        let base = try emptyFolder()
        defer { try? FileManager.default.removeItem(at: base) }
        _ = try runBinary(["init"], in: base)
        let run = try runBinary(
            ["new", "Zoë & Co: GmbH", "--owner", "dana.reyes", "--stage", "discovery", "--as-of", "2026-11-20"],
            in: base.appendingPathComponent("accounts"))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "zoe-co-gmbh.md\n")
        let parsed = try runBinary(["parse", "accounts/zoe-co-gmbh.md"], in: base)
        let tree = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: Any])
        #expect(tree["account"] as? String == "Zoë & Co: GmbH")
        #expect(tree["owner"] as? String == "dana.reyes")
        #expect(tree["stage"] as? String == "discovery")
        #expect(tree["last_contact"] as? String == "2026-11-20")
        let text = try String(contentsOf: base.appendingPathComponent("accounts/zoe-co-gmbh.md"), encoding: .utf8)
        #expect(text.contains("\n# Zoë & Co: GmbH\n"))
        #expect(!text.contains("Copy this file"))
        // Never overwrites.
        try "edited\n".write(
            to: base.appendingPathComponent("accounts/zoe-co-gmbh.md"), atomically: true, encoding: .utf8)
        let again = try runBinary(["new", "Zoë & Co: GmbH"], in: base)
        #expect(again.status == 2)
        #expect(again.stderr.contains("already exists"))
        #expect(
            try String(contentsOf: base.appendingPathComponent("accounts/zoe-co-gmbh.md"), encoding: .utf8)
                == "edited\n")
        #expect(
            try runBinary(["new", "X", "--stage", "discvery"], in: base).stderr.contains("did you mean 'discovery'?"))
    }

    @Test func newWithoutATemplateUsesTheBuiltInOne() throws {
        let repo = try TempRepo(["fieldnotes.yml": "accounts: clients/*.md\n"])
        let run = runCLI(["new", "Acme"], in: repo.url)
        #expect(run.status == 0)
        #expect(run.stdout == "clients/acme.md\n")
        #expect(run.stderr.contains("fill in 'owner:'"))
        #expect(
            try String(contentsOf: repo.url.appendingPathComponent("clients/acme.md"), encoding: .utf8).contains(
                "\naccount: Acme "))
    }

    @Test func slugs() {
        #expect(AccountFile.slug("Zoë & Co. GmbH") == "zoe-co-gmbh")
        #expect(AccountFile.slug("  ACME  Corp  ") == "acme-corp")
        #expect(AccountFile.slug("!!!") == "account")
        #expect(AccountFile.slug("株式会社トヨタ") == "株式会社トヨタ")
        #expect(YAMLScalarWriter.scalar("Acme") == "Acme")
        #expect(YAMLScalarWriter.scalar("A: B") == "\"A: B\"")
        #expect(YAMLScalarWriter.scalar("#1 Plant") == "\"#1 Plant\"")
    }
}
