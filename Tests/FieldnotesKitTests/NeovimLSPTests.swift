import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `fieldnotes lsp` driven by a real editor: headless Neovim opens a note with mistakes, starts
/// the server with `vim.lsp`, and writes down what it received (diagnostics, completion, hover,
/// a quick fix, and the diagnostics after two edits). Skipped without `nvim` (a failure in CI).
@Suite struct NeovimLSPTests {
    /// The note, line by line (0-based, as LSP and Neovim count). Line 6 has a 2-byte 'ë', 'ü'
    /// and a 4-byte emoji (two UTF-16 units) before its mistake, so byte, code point and UTF-16
    /// columns all differ there; line 8 has non-ASCII letters inside its flagged value.
    static let lines = [
        "---",
        "account: Globex Castings",
        "owner: sam.okafor",
        "stage: discovry",
        "last_contact: 2026-02-30",
        "contacts:",
        "  - { name: Zoë Müller, title: Werkleiterin 🏭, function: enginering }",
        "  - name: Kenji Watanabe",
        "    reports_to: Zoë Mülller",
        "---",
        "",
        "# Globex Castings",
        "",
        "## What changed",
        "New foundry line announced in October.",
        "",
    ]

    /// Where a text is on a line: its LSP columns (UTF-16 units) and Neovim's (bytes).
    struct Spot {
        var line: Int
        var utf16: Range<Int>
        var bytes: Range<Int>
    }

    static func spot(_ needle: String, line: Int) -> Spot {
        let text = lines[line]
        guard let r = text.range(of: needle) else { fatalError("'\(needle)' is not on line \(line)") }
        let before = text[..<r.lowerBound], through = text[..<r.upperBound]
        return Spot(
            line: line, utf16: before.utf16.count..<through.utf16.count, bytes: before.utf8.count..<through.utf8.count)
    }

    /// An expected diagnostic, written as the test compares them.
    struct Finding {
        var code: String
        var severity: Int
        var at: Spot
        var message: String
        func line(columns: Range<Int>) -> String {
            "\(at.line):\(columns.lowerBound)-\(at.line):\(columns.upperBound) severity \(severity) "
                + "\(code) [fieldnotes] \(message)"
        }
    }

    @Test(.needs("nvim")) func neovimGetsDiagnosticsCompletionHoverAndQuickFixes() throws {
        guard let nvim = requireTool("nvim") else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fieldnotes-nvim-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let root = dir.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Project.template, to: root)
        let note = root.appendingPathComponent("accounts/globex-castings.md")
        try Self.lines.joined(separator: "\n").write(to: note, atomically: true, encoding: .utf8)

        let stage = Self.spot("discovry", line: 3)
        let date = Self.spot("2026-02-30", line: 4)
        let function = Self.spot("enginering", line: 6)
        let reportsTo = Self.spot("Zoë Mülller", line: 8)
        // The point of line 6: each way of counting columns gives another answer.
        let scalarColumn = Self.lines[6].components(separatedBy: "enginering")[0].unicodeScalars.count
        #expect(Set([function.utf16.lowerBound, function.bytes.lowerBound, scalarColumn]).count == 3)

        // What Neovim is asked to do, read by init.lua.
        let params: [String: Any] = [
            "binary": Project.binary.path, "root": root.path, "note": note.path,
            "out": dir.appendingPathComponent("out.json").path,
            "completion": ["line": 3, "character": Self.lines[3].utf16.count],  // after "stage: discovry"
            "hover": ["line": 3, "character": 2],  // on "stage"
            "code_action": ["line": 8, "character": reportsTo.utf16.lowerBound + 5],  // inside "Zoë Mülller"
            "edit": ["line": 6, "old": "enginering", "new": "engineering"],
        ]
        let paramsFile = dir.appendingPathComponent("params.json")
        try JSONSerialization.data(withJSONObject: params).write(to: paramsFile)
        let initFile = dir.appendingPathComponent("init.lua")
        try Self.initLua.write(to: initFile, atomically: true, encoding: .utf8)

        // No user config, plugins or state, and Neovim's logs (lsp.log has the server's stderr) in `dir`.
        var environment = ["FIELDNOTES_NVIM_PARAMS": paramsFile.path]
        for name in ["CONFIG", "DATA", "STATE", "CACHE"] {
            environment["XDG_\(name)_HOME"] = dir.appendingPathComponent(name.lowercased()).path
        }
        let started = Date()
        let run = try Self.run(
            nvim, ["--headless", "--clean", "-u", initFile.path], in: root, environment: environment,
            output: dir.appendingPathComponent("nvim-output.txt"), timeout: 60)
        let seconds = Date().timeIntervalSince(started)
        print("NeovimLSPTests: Neovim ran for \(String(format: "%.2f", seconds)) s")
        let lspLog =
            (try? String(contentsOf: dir.appendingPathComponent("state/nvim/lsp.log"), encoding: .utf8))
            ?? (try? String(contentsOf: dir.appendingPathComponent("cache/nvim/lsp.log"), encoding: .utf8)) ?? ""
        let context =
            "nvim exit status \(run.status)\(run.timedOut ? " (killed after 60 s)" : "")\n"
            + "output: \(run.output)\nlsp.log: \(lspLog.suffix(4000))"

        #expect(!run.timedOut, "Neovim did not finish in 60 s\n\(context)")
        guard let data = try? Data(contentsOf: dir.appendingPathComponent("out.json")) else {
            Issue.record("init.lua wrote no result\n\(context)")
            return
        }
        let result = try JSONDecoder().decode(NvimResult.self, from: data)
        print("NeovimLSPTests: Neovim \(result.nvim)")
        if let error = result.error {
            Issue.record("init.lua failed: \(error)\n\(context)")
        }
        #expect(run.status == 0, "\(context)")
        #expect(result.offsetEncoding == "utf-16")

        // 1. The diagnostics as the server sent them (UTF-16 columns) and as Neovim stored them
        //    (byte columns, converted with the negotiated encoding): both land on the mistakes.
        let help = "\nhelp: "
        let expected = [
            Finding(
                code: "invalid-value", severity: 1, at: stage,
                message: "unknown stage 'discovry'" + help + "did you mean 'discovery'?"),
            Finding(
                code: "invalid-date", severity: 1, at: date,
                message: "no such day '2026-02-30': February 2026 has 28 days" + help
                    + "correct the day; dates are YYYY-MM-DD"),
            Finding(
                code: "invalid-value", severity: 1, at: function,
                message: "unknown function 'enginering'" + help + "did you mean 'engineering'?"),
            Finding(
                code: "unknown-contact", severity: 2, at: reportsTo,
                message: "'Kenji Watanabe' reports to 'Zoë Mülller', who is not in contacts" + help
                    + "did you mean 'Zoë Müller'?"),
        ]
        func lspLines(_ findings: [Finding]) -> [String] { findings.map { $0.line(columns: $0.at.utf16) } }
        func vimLines(_ findings: [Finding]) -> [String] { findings.map { $0.line(columns: $0.at.bytes) } }
        #expect(result.openedRaw?.items.map(\.line) == lspLines(expected))
        #expect(result.opened?.items.map(\.line) == vimLines(expected))
        // Neovim's byte columns pick out exactly the flagged text.
        for d in result.opened?.items ?? [] {
            let bytes = Array(Self.lines[d.lnum].utf8)
            guard d.col <= d.endCol, d.endCol <= bytes.count else {
                Issue.record("out of the line: \(d.line)"); continue
            }
            let flagged = String(decoding: bytes[d.col..<d.endCol], as: UTF8.self)
            #expect(
                ["discovry", "2026-02-30", "enginering", "Zoë Mülller"].contains(flagged),
                "\(d.line) flags '\(flagged)'")
        }

        // The same findings as `fieldnotes check`: rule, line, message and help.
        let check = try runBinary(["check", "--format", "json", "accounts/globex-castings.md"], in: root)
        let checked = try JSONDecoder().decode(CheckJSON.self, from: Data(check.stdout.utf8))
        #expect(
            checked.diagnostics.map { "\($0.line - 1) \($0.rule) \($0.message)\($0.help.map { help + $0 } ?? "")" }
                == expected.map { "\($0.at.line) \($0.code) \($0.message)" })

        // 2. Completion of the stage's value: every stage, replacing the word typed.
        let completion = result.completion?.result
        #expect(
            completion?.items.items.map(\.label) == Stage.allCases.map(\.rawValue), "\(result.completion?.error ?? "")")
        for item in completion?.items.items ?? [] {
            #expect(item.textEdit?.newText == item.label)
            #expect(item.textEdit?.range.text == "3:\(stage.utf16.lowerBound)-3:\(stage.utf16.upperBound)")
        }

        // 3. Hover on the key: what the field is and its values.
        let hover = result.hover?.result
        #expect(hover?.contents.kind == "markdown", "\(result.hover?.error ?? "")")
        #expect(hover?.contents.value.hasPrefix("**stage**") == true)
        for s in Stage.allCases {
            #expect(hover?.contents.value.contains("`\(s.rawValue)`") == true, "hover lacks \(s.rawValue)")
        }
        #expect(hover?.range?.text == "3:0-3:5")

        // 4. The quick fix for the misspelt contact, its range in UTF-16.
        let actions = result.codeAction?.result?.items ?? []
        #expect(actions.map(\.title) == ["Replace with 'Zoë Müller'"], "\(result.codeAction?.error ?? "")")
        #expect(actions.first?.kind == "quickfix")
        let edits = actions.first?.edit?.changes?[result.uri ?? ""]?.items ?? []
        #expect(
            edits.map { "\($0.range.text) \($0.newText)" } == [
                "8:\(reportsTo.utf16.lowerBound)-8:\(reportsTo.utf16.upperBound) Zoë Müller"
            ])

        // 5. After an edit after the emoji (Neovim sends its range in UTF-16), one finding less;
        //    after Neovim applied the quick fix, another.
        #expect(result.editError == nil)
        #expect(result.edited?.items.map(\.line) == vimLines([expected[0], expected[1], expected[3]]))
        #expect(result.fixed?.items.map(\.line) == vimLines([expected[0], expected[1]]))
        #expect(result.fixedRaw?.items.map(\.line) == lspLines([expected[0], expected[1]]))
        var fixedLines = Self.lines
        fixedLines[6] = fixedLines[6].replacingOccurrences(of: "enginering", with: "engineering")
        fixedLines[8] = "    reports_to: Zoë Müller"
        #expect(result.buffer?.items == Array(fixedLines.dropLast()))  // Neovim has no line after the final newline
    }

    /// Runs `program`, its output (stdout and stderr) to `output`; killed after `timeout` seconds.
    static func run(
        _ program: String, _ arguments: [String], in directory: URL, environment: [String: String],
        output: URL, timeout: TimeInterval
    ) throws -> (status: Int32, timedOut: Bool, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        for name in ["NVIM", "NVIM_APPNAME", "NVIM_LISTEN_ADDRESS", "VIMINIT", "MYVIMRC"] {
            env.removeValue(forKey: name)
        }
        for (k, v) in environment { env[k] = v }
        process.environment = env
        try Data().write(to: output)
        let handle = try FileHandle(forWritingTo: output)
        defer { try? handle.close() }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        try process.run()
        var timedOut = false
        if done.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if done.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                done.wait()
            }
        }
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        return (process.terminationStatus, timedOut, String(text.suffix(4000)))
    }

    /// Opens the note, starts the server as a user's config would, records what arrives, quits.
    /// Every wait has a timeout; whatever happens, it writes its result and quits.
    static let initLua = #"""
        local p = vim.json.decode(assert(io.open(vim.env.FIELDNOTES_NVIM_PARAMS)):read('*a'))
        local v = vim.version()
        local out = { nvim = v.major .. '.' .. v.minor .. '.' .. v.patch }
        local publishes = {}

        -- Every wait is capped so that the whole run ends within 45 s (the test kills Neovim at 60 s).
        local clock = vim.uv or vim.loop
        local deadline = clock.hrtime() + 45e9
        local function budget(ms) return math.max(0, math.min(ms, (deadline - clock.hrtime()) / 1e6)) end

        -- vim.diagnostic's view (byte columns), sorted.
        local function diagnostics(bufnr)
          local list = {}
          for _, d in ipairs(vim.diagnostic.get(bufnr)) do
            table.insert(list, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
              severity = d.severity, code = d.code, source = d.source, message = d.message })
          end
          table.sort(list, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
          return list
        end

        local function last_publish() return publishes[#publishes] and publishes[#publishes].diagnostics or {} end

        -- The answer of one request: { result = ... } or { error = '...' }.
        local function request(bufnr, method, params)
          local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, budget(10000))
          if not responses then return { error = method .. ': no answer: ' .. tostring(err) } end
          for _, r in pairs(responses) do
            if r.err or r.error then return { error = method .. ': ' .. vim.inspect(r.err or r.error) } end
            return { result = r.result }
          end
          return { error = method .. ': no client answered' }
        end

        local function run()
          vim.cmd('edit ' .. vim.fn.fnameescape(p.note))
          local bufnr = vim.api.nvim_get_current_buf()
          local publish = vim.lsp.handlers['textDocument/publishDiagnostics'] or \#
        vim.lsp.diagnostic.on_publish_diagnostics
          local config = {
            name = 'fieldnotes',
            cmd = { p.binary, 'lsp' },
            root_dir = p.root,
            init_options = { debounceMs = 0 },
            flags = { debounce_text_changes = 0 },
            handlers = {
              ['textDocument/publishDiagnostics'] = function(err, result, ctx, cfg)
                table.insert(publishes, result)
                return publish(err, result, ctx, cfg)
              end,
            },
          }
          local client_id
          if vim.lsp.start then
            client_id = vim.lsp.start(config)          -- Neovim 0.8 and later
          else
            client_id = vim.lsp.start_client(config)   -- Neovim 0.7
            vim.lsp.buf_attach_client(bufnr, client_id)
          end
          assert(client_id, 'the language server did not start')

          if not vim.wait(budget(20000), function() return #vim.diagnostic.get(bufnr) > 0 end, 10) then
            error('no diagnostics within 20 s')
          end
          out.opened = diagnostics(bufnr)
          out.opened_raw = last_publish()
          out.offset_encoding = vim.lsp.get_client_by_id(client_id).offset_encoding
          local uri = vim.uri_from_bufnr(bufnr)
          out.uri = uri

          local function position(at) return { textDocument = { uri = uri }, \#
        position = { line = at.line, character = at.character } } end
          out.completion = request(bufnr, 'textDocument/completion', position(p.completion))
          out.hover = request(bufnr, 'textDocument/hover', position(p.hover))
          local at = { line = p.code_action.line, character = p.code_action.character }
          local here = {}
          for _, d in ipairs(last_publish()) do
            if d.range.start.line == at.line then table.insert(here, d) end
          end
          out.code_action = request(bufnr, 'textDocument/codeAction',
            { textDocument = { uri = uri }, range = { start = at, ['end'] = at }, context = { diagnostics = here } })

          -- Typing: replace a word after the emoji (Neovim sends the change with UTF-16 columns).
          local function wait_for(count, what)
            if not vim.wait(budget(10000), function() return #last_publish() == count end, 10) then
              out.edit_error = (out.edit_error or '') .. what .. ': still ' .. #last_publish() .. \#
        ' diagnostics after 10 s; '
            end
          end
          local line = vim.api.nvim_buf_get_lines(bufnr, p.edit.line, p.edit.line + 1, true)[1]
          local s, e = line:find(p.edit.old, 1, true)
          vim.api.nvim_buf_set_text(bufnr, p.edit.line, s - 1, p.edit.line, e, { p.edit.new })
          wait_for(#out.opened - 1, 'after the edit')
          out.edited = diagnostics(bufnr)

          -- The quick fix, applied by Neovim (its edit has UTF-16 columns).
          local action = out.code_action.result and out.code_action.result[1]
          if action and action.edit then
            vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
            wait_for(#out.opened - 2, 'after the quick fix')
          end
          out.fixed = diagnostics(bufnr)
          out.fixed_raw = last_publish()
          out.buffer = vim.api.nvim_buf_get_lines(bufnr, 0, -1, true)
        end

        local ok, err = xpcall(run, debug.traceback)
        if not ok then out.error = tostring(err) end
        local f = assert(io.open(p.out, 'w'))
        f:write(vim.json.encode(out))
        f:close()
        vim.cmd('qa!')
        """#
}

// MARK: - What init.lua writes

/// A list Lua may have written as `{}` when empty.
private struct NvimList<Item: Decodable>: Decodable {
    var items: [Item]
    init(from decoder: Decoder) throws {
        do {
            items = try [Item](from: decoder)
        } catch {
            guard let object = try? decoder.container(keyedBy: NvimAnyKey.self), object.allKeys.isEmpty else {
                throw error
            }
            items = []
        }
    }
}

private struct NvimAnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

private struct NvimResult: Decodable {
    var nvim: String
    var error: String?
    var editError: String?
    var offsetEncoding: String?
    var uri: String?
    var opened, edited, fixed: NvimList<VimDiagnostic>?
    var openedRaw, fixedRaw: NvimList<LSPDiagnostic>?
    var completion: NvimResponse<CompletionList>?
    var hover: NvimResponse<Hover>?
    var codeAction: NvimResponse<NvimList<CodeAction>>?
    var buffer: NvimList<String>?

    enum CodingKeys: String, CodingKey {
        case nvim, error, uri, opened, edited, fixed, completion, hover, buffer
        case editError = "edit_error", offsetEncoding = "offset_encoding", openedRaw = "opened_raw"
        case fixedRaw = "fixed_raw", codeAction = "code_action"
    }

    /// An entry of `vim.diagnostic.get()`: 0-based line, byte columns.
    struct VimDiagnostic: Decodable {
        var lnum, col, endLnum, endCol, severity: Int
        var code, source: String?
        var message: String
        enum CodingKeys: String, CodingKey {
            case lnum, col, severity, code, source, message
            case endLnum = "end_lnum", endCol = "end_col"
        }
        var line: String {
            "\(lnum):\(col)-\(endLnum):\(endCol) severity \(severity) \(code ?? "-") [\(source ?? "-")] \(message)"
        }
    }

    struct LSPPosition: Decodable { var line, character: Int }
    struct LSPRange: Decodable {
        var start, end: LSPPosition
        var text: String { "\(start.line):\(start.character)-\(end.line):\(end.character)" }
    }

    /// A diagnostic as the server published it: UTF-16 columns.
    struct LSPDiagnostic: Decodable {
        var range: LSPRange
        var severity: Int
        var code, source: String?
        var message: String
        var line: String { "\(range.text) severity \(severity) \(code ?? "-") [\(source ?? "-")] \(message)" }
    }

    struct TextEdit: Decodable { var range: LSPRange; var newText: String }
    struct CompletionItem: Decodable { var label: String; var textEdit: TextEdit? }
    struct CompletionList: Decodable { var items: NvimList<CompletionItem> }
    struct Markup: Decodable { var kind: String; var value: String }
    struct Hover: Decodable { var contents: Markup; var range: LSPRange? }
    struct WorkspaceEdit: Decodable { var changes: [String: NvimList<TextEdit>]? }
    struct CodeAction: Decodable { var title: String; var kind: String?; var edit: WorkspaceEdit? }
}

private struct NvimResponse<Result: Decodable>: Decodable {
    var result: Result?
    var error: String?
}

/// `fieldnotes check --format json`, the parts compared.
private struct CheckJSON: Decodable {
    struct Item: Decodable { var line: Int; var rule: String; var message: String; var help: String? }
    var diagnostics: [Item]
}
