import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// `brief --format html` and `summary --format html`: self-contained pages, escaped, linked.
@Suite struct HTMLTests {
    @Test func goldenPages() throws {
        let brief = runCLI(["brief", "--no-history", "--format", "html", "accounts/initech.md"], in: Project.template)
        #expect(brief.status == 0)
        try assertGolden(brief.stdout, "html/brief-initech.html")
        let summary = runCLI(["summary", "--no-history", "--format", "html"], in: Project.template)
        try assertGolden(summary.stdout, "html/pipeline.html")
        let shared = runCLI(
            ["brief", "--no-history", "--format", "html", "--share", "accounts/binford-tools.md"], in: Project.template)
        #expect(
            !shared.stdout.contains("POLITICS") && !shared.stdout.contains(">Politics<")
                && !shared.stdout.contains("<th>Relationship</th>"))
        // Several accounts do not make one page.
        let many = runCLI(["brief", "--no-history", "--format", "html"], in: Project.template)
        #expect(many.status == 2 && many.stderr.contains("one page"))
    }

    @Test func everythingFromTheNotesIsEscaped() throws {
        let dir = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        let hostile = """
            ---
            account: <script>alert('name')</script> & "Co"
            owner: <b>dana</b>
            stage: discovery
            last_contact: 2026-11-10
            next_step: <img src=x onerror=alert(1)>
            contacts:
              - name: "<script>alert('contact')</script>"
                title: </td></tr></table><h1>
                roles: [economic_buyer]
            competitors:
              - name: <iframe src="https://evil.example">
                value_proposition: '"><svg onload=alert(2)>'
            ---

            ## What changed
            <script>alert('section')</script>
            - <style>body{display:none}</style>

            ## Log
            ### 2026-11-10 — <script>alert('log')</script>
            Text with </section> and <!-- a comment -->.
            """
        try hostile.write(to: dir.appendingPathComponent("accounts/evil.md"), atomically: true, encoding: .utf8)
        let brief = runCLI(["brief", "--format", "html", "accounts/evil.md"], in: dir).stdout
        _ = runCLI(["brief", "--format", "html", "--out"], in: dir)
        let index = try String(contentsOf: dir.appendingPathComponent("briefs/index.html"), encoding: .utf8)
        let summary = runCLI(["summary", "--format", "html"], in: dir).stdout
        for page in [brief, index, summary] {
            let lower = page.lowercased()
            for tag in ["<script", "<img", "<iframe", "<svg", "<b>dana", "</table><h1>", "<style>body"] {
                #expect(!lower.contains(tag), "\(tag) got through")
            }
            #expect(page.contains("&lt;script&gt;alert(&#39;"))
            #expect(
                !lower.contains("http://") && !lower.contains("https://evil") || lower.contains("&quot;https://evil"))
        }
        #expect(brief.contains("&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"))
        #expect(brief.contains("&lt;style&gt;body{display:none}&lt;/style&gt;"))
        // One <style> element (ours), no <script> element, nothing fetched from elsewhere.
        #expect(brief.components(separatedBy: "<style>").count == 2)
        #expect(!brief.contains("src=\"") && !brief.contains("@import") && !brief.contains("url("))
    }

    @Test func linksBetweenThePipelineAndTheBriefsWork() throws {
        let dir = try copyOfTemplate()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A nested account with a space and an accent in its name.
        let nested = dir.appendingPathComponent("accounts/emea/Zoë Works.md")
        try FileManager.default.createDirectory(
            at: nested.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "---\naccount: Zoë Works\nowner: dana\nstage: prospecting\n---\n".write(
            to: nested, atomically: true, encoding: .utf8)
        let run = runCLI(["brief", "--format", "html", "--out"], in: dir)
        #expect(run.status == 0 && run.stdout.contains("5 created"))
        let briefs = dir.appendingPathComponent("briefs")
        func hrefs(_ file: URL) throws -> [String] {
            let text = try String(contentsOf: file, encoding: .utf8)
            let regex = try NSRegularExpression(pattern: #"href="([^"]*)""#)
            return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
                String(text[Range($0.range(at: 1), in: text)!])
            }
        }
        let index = briefs.appendingPathComponent("index.html")
        let links = try hrefs(index)
        #expect(links.count >= 5)
        for link in links {
            let target = index.deletingLastPathComponent().appendingPathComponent(link.removingPercentEncoding ?? link)
            #expect(FileManager.default.fileExists(atPath: target.path), "\(link)")
            // Each brief links back to the pipeline page.
            for back in try hrefs(target) {
                let page = target.deletingLastPathComponent().appendingPathComponent(back).standardizedFileURL
                #expect(page.path == index.standardizedFileURL.path, "\(link) → \(back)")
            }
        }
        #expect(links.contains("emea/Zo%C3%AB%20Works.html"))
        // Written again: nothing changes; --check agrees.
        #expect(
            runCLI(["brief", "--format", "html", "--out"], in: dir).stdout.contains(
                "0 created, 0 updated, 0 removed, 5 unchanged"))
        #expect(runCLI(["brief", "--format", "html", "--check"], in: dir).status == 0)
        // The summary page saved at the top links into the briefs folder.
        let summary = runCLI(["summary", "--format", "html"], in: dir).stdout
        #expect(
            summary.contains("href=\"briefs/initech.html\"")
                && summary.contains("href=\"briefs/emea/Zo%C3%AB%20Works.html\""))
    }

    @Test func theWeeksMovementOnThePipelinePageWithAsOf() throws {
        let repo = try ChangesTests.scriptedRepository()
        let page = runCLI(["summary", "--format", "html", "--as-of", "2026-11-20"], in: repo.url).stdout
        #expect(page.contains("<h2>Movement since 2026-11-13</h2>"))
        #expect(page.contains("stage: discovery → solution (forward)"))
        // Without --as-of, no movement: what depends on today needs it.
        #expect(!runCLI(["summary", "--format", "html"], in: repo.url).stdout.contains("Movement since"))
        // Nor with --no-history.
        let without = runCLI(["summary", "--format", "html", "--as-of", "2026-11-20", "--no-history"], in: repo.url)
        #expect(!without.stdout.contains("Movement since"))
    }

    @Test(.needs("chromium")) func screenshotsAndOnePagePrintWithChromium() throws {
        guard requireTool("chromium") != nil else { return }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("fieldnotes-shots-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try runProgram(Project.root.appendingPathComponent("Scripts/screenshots").path, [out.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("initech: 1 page(s) on A4") && run.stdout.contains("initech: 1 page(s) on Letter"))
        for name in ["pipeline", "brief-initech", "brief-binford-tools"] {
            let size =
                (try? FileManager.default.attributesOfItem(atPath: out.appendingPathComponent("\(name).png").path)[
                    .size] as? Int) ?? 0
            #expect(size > 10_000, "\(name).png")
        }
    }

    @Test func linksAndListsFromTheNotes() {
        // Link paths and SARIF URIs percent-encode with one helper, each keeping its own characters.
        #expect(HTML.href("a b/é#&?.md") == "a%20b/%C3%A9%23%26%3F.md")
        #expect(SARIFRenderer.percentEncode("a b&é") == "a%20b&%C3%A9")
        // Lists as the notes write them, "1)" as well as "1.".
        #expect(HTML.block("1) one\n2) two") == "<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n")
        #expect(HTML.block("- a\n1. b") == "<ul>\n<li>a</li>\n</ul>\n<ol>\n<li>b</li>\n</ol>\n")
        #expect(HTML.block("12.5 kg a day") == "<p>12.5 kg a day</p>\n")
    }
}
