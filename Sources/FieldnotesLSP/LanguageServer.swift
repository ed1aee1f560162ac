import FieldnotesCore
import FieldnotesSupport
import Foundation

/// `fieldnotes lsp`: the notes checked as they are typed, with the same pipeline as
/// `fieldnotes check`, plus completion, hover and quick fixes.
///
/// The server is single-threaded and driven by its connection: `receive` handles one message,
/// `flush` publishes the diagnostics whose debounce delay has passed.
public final class LanguageServer {
    /// Where outgoing messages go (set by the connection).
    public var send: (JSONValue) -> Void
    /// Where the server's own problems are logged (stderr: editors show it in their LSP log).
    public var logError: (String) -> Void
    public var today: () -> Day
    /// Seconds to wait after a change before checking (typing bursts are checked once).
    public var debounce: Double

    public private(set) var exitCode: Int32?
    public private(set) var shutdownRequested = false
    public var clientGone = false
    private var initialized = false

    private var documents: [String: TextDocument] = [:]
    /// Documents to check, with when.
    private var due: [String: Double] = [:]
    /// The last analysis of each open document, for code actions and hover.
    private var analyses: [String: Analysis] = [:]
    /// URIs that received diagnostics for a config or checklist problem (cleared once fixed).
    private var settingsDiagnosticURIs: Set<String> = []

    public init(
        today: @escaping () -> Day = Day.today, debounce: Double = 0.15,
        send: @escaping (JSONValue) -> Void = { _ in }, logError: @escaping (String) -> Void = { _ in }
    ) {
        self.today = today
        self.debounce = debounce
        self.send = send
        self.logError = logError
    }

    public static func now() -> Double { Date().timeIntervalSince1970 }

    // MARK: - Messages

    package enum ErrorCode {
        package static let parseError = -32700
        package static let invalidRequest = -32600
        package static let methodNotFound = -32601
        package static let invalidParams = -32602
        package static let serverNotInitialized = -32002
    }

    /// Handles one message body (JSON text).
    public func receive(_ body: [UInt8]) {
        let message: JSONValue
        do {
            message = try JSONParser.parse(body)
        } catch {
            respondError(id: .null, code: ErrorCode.parseError, "invalid JSON: \(error)")
            return
        }
        guard case .object = message else {
            respondError(id: .null, code: ErrorCode.invalidRequest, "a message must be a JSON object")
            return
        }
        guard let method = message["method"]?.string else {
            // A response to a request of ours (we send none that need an answer) or garbage.
            if message["id"] == nil {
                respondError(id: .null, code: ErrorCode.invalidRequest, "a message needs a 'method'")
            }
            return
        }
        let id = message["id"]
        if let id, !isValidID(id) {
            respondError(id: .null, code: ErrorCode.invalidRequest, "'id' must be a number or a string")
            return
        }
        let params = message["params"] ?? .null
        handle(method: method, id: id, params: params)
    }

    private func isValidID(_ id: JSONValue) -> Bool {
        switch id {
        case .int, .string: return true
        default: return false
        }
    }

    private func handle(method: String, id: JSONValue?, params: JSONValue) {
        if method == "exit" {
            exitCode = shutdownRequested ? 0 : 1
            return
        }
        if shutdownRequested {
            if let id { respondError(id: id, code: ErrorCode.invalidRequest, "the server is shutting down") }
            return
        }
        if !initialized && method != "initialize" {
            // Before initialize, requests get an error and notifications are dropped.
            if let id { respondError(id: id, code: ErrorCode.serverNotInitialized, "the server is not initialized") }
            return
        }
        do {
            switch method {
            case "initialize":
                guard let id else { return }
                initialized = true
                // Editors (and tests) may set the delay between a change and its check.
                if let ms = params["initializationOptions"]?["debounceMs"]?.int, ms >= 0, ms <= 10_000 {
                    debounce = Double(ms) / 1000
                }
                respond(id: id, initializeResult())
            case "initialized", "$/setTrace", "workspace/didChangeConfiguration", "$/cancelRequest":
                break
            case "shutdown":
                guard let id else { return }
                shutdownRequested = true
                respond(id: id, .null)
            case "textDocument/didOpen":
                try didOpen(params)
            case "textDocument/didChange":
                try didChange(params)
            case "textDocument/didSave":
                didSave(params)
            case "textDocument/didClose":
                try didClose(params)
            case "workspace/didChangeWatchedFiles":
                scheduleAll()
            case "textDocument/completion", "textDocument/hover", "textDocument/codeAction":
                guard let id else { return }
                respond(id: id, try feature(method, params))
            default:
                if let id {
                    respondError(id: id, code: ErrorCode.methodNotFound, "unknown method '\(method)'")
                }
            // Unknown notifications ($/… or not) are ignored, as the protocol asks.
            }
        } catch let error as ParamsError {
            if let id {
                respondError(id: id, code: ErrorCode.invalidParams, error.message)
            } else {
                logError("fieldnotes lsp: \(method): \(error.message)")
            }
        } catch {
            if let id { respondError(id: id, code: ErrorCode.invalidParams, "\(error)") }
        }
    }

    package struct ParamsError: Error { var message: String }

    private func respond(id: JSONValue, _ result: JSONValue) {
        send(.object([("jsonrpc", .string("2.0")), ("id", id), ("result", result)]))
    }

    private func respondError(id: JSONValue, code: Int, _ message: String) {
        send(
            .object([
                ("jsonrpc", .string("2.0")), ("id", id),
                ("error", .object([("code", .int(code)), ("message", .string(message))])),
            ]))
    }

    private func notify(_ method: String, _ params: JSONValue) {
        send(.object([("jsonrpc", .string("2.0")), ("method", .string(method)), ("params", params)]))
    }

    private func initializeResult() -> JSONValue {
        .object([
            (
                "capabilities",
                .object([
                    ("positionEncoding", .string("utf-16")),
                    (
                        "textDocumentSync",
                        .object([
                            ("openClose", .bool(true)),
                            ("change", .int(2)),  // incremental
                            ("save", .object([("includeText", .bool(false))])),
                        ])
                    ),
                    (
                        "completionProvider",
                        .object([
                            ("triggerCharacters", .array([":", " ", "[", ",", "#"].map { .string($0) }))
                        ])
                    ),
                    ("hoverProvider", .bool(true)),
                    ("codeActionProvider", .object([("codeActionKinds", .array([.string("quickfix")]))])),
                ])
            ),
            ("serverInfo", .object([("name", .string("fieldnotes")), ("version", .string(Version.current))])),
        ])
    }

    // MARK: - Documents

    private func didOpen(_ params: JSONValue) throws {
        guard let item = params["textDocument"], let uri = item["uri"]?.string, let text = item["text"]?.string else {
            throw ParamsError(message: "didOpen needs textDocument.uri and textDocument.text")
        }
        documents[uri] = TextDocument(uri: uri, version: item["version"]?.int ?? 0, text: text)
        // A newly opened document is checked at once; a settings file re-checks the others.
        due[uri] = 0
        if isSettingsFile(uri) { scheduleAll() }
    }

    private func didChange(_ params: JSONValue) throws {
        guard let uri = params["textDocument"]?["uri"]?.string, let changes = params["contentChanges"]?.array else {
            throw ParamsError(message: "didChange needs textDocument.uri and contentChanges")
        }
        guard documents[uri] != nil else {
            throw ParamsError(message: "didChange for a document that is not open: \(uri)")
        }
        var edits: [(range: (start: (line: Int, character: Int), end: (line: Int, character: Int))?, text: String)] = []
        for change in changes {
            guard let text = change["text"]?.string else { throw ParamsError(message: "a content change needs 'text'") }
            if let range = change["range"] {
                guard let s = range["start"], let e = range["end"], let sl = s["line"]?.int,
                    let sc = s["character"]?.int,
                    let el = e["line"]?.int, let ec = e["character"]?.int
                else {
                    throw ParamsError(message: "a content change has an invalid range")
                }
                edits.append((((sl, sc), (el, ec)), text))
            } else {
                edits.append((nil, text))
            }
        }
        do {
            if edits.count == 1 {
                // In place, so a keystroke does not copy the whole text (a failed edit changes nothing).
                try documents[uri]?.apply(range: edits[0].range, text: edits[0].text)
            } else {
                // On a copy, so a change that fails leaves the document as it was.
                var doc = documents[uri]
                for edit in edits { try doc?.apply(range: edit.range, text: edit.text) }
                documents[uri] = doc
            }
        } catch {
            throw ParamsError(message: "a content change's range ends before it starts")
        }
        if let version = params["textDocument"]?["version"]?.int { documents[uri]?.version = version }
        analyses[uri] = nil
        due[uri] = Self.now() + debounce
        if isSettingsFile(uri) { scheduleAll(delay: debounce) }
    }

    /// The text is already in sync (didChange; `includeText` is off). Saving re-checks the note
    /// itself, with the settings as they are on disk now; a saved settings file re-checks every open note.
    private func didSave(_ params: JSONValue) {
        guard let uri = params["textDocument"]?["uri"]?.string, documents[uri] != nil else { return }
        if isSettingsFile(uri) {
            scheduleAll()
        } else {
            due[uri] = Self.now()
        }
    }

    private func didClose(_ params: JSONValue) throws {
        guard let uri = params["textDocument"]?["uri"]?.string else {
            throw ParamsError(message: "didClose needs textDocument.uri")
        }
        documents[uri] = nil
        analyses[uri] = nil
        due[uri] = nil
        publish(uri: uri, version: nil, diagnostics: [])
        if isSettingsFile(uri) { scheduleAll() }
    }

    private func scheduleAll(delay: Double = 0) {
        let when = Self.now() + delay
        for uri in documents.keys { due[uri] = min(due[uri] ?? when, when) }
    }

    private func isSettingsFile(_ uri: String) -> Bool {
        guard let path = TextDocument.path(fromURI: uri) else { return false }
        let name = (path as NSString).lastPathComponent
        return name == Workspace.configName || name.hasSuffix(".yml") || name.hasSuffix(".yaml")
    }

    /// When the next document is due to be checked.
    public func nextDeadline() -> Double? { due.values.min() }

    /// Checks and publishes every document whose time has come.
    public func flush(now: Double) {
        for (uri, when) in due.sorted(by: { $0.key < $1.key }) where when <= now {
            due[uri] = nil
            guard let doc = documents[uri] else { continue }
            let analysis = analyze(doc)
            analyses[uri] = analysis
            publish(analysis)
        }
    }

    // MARK: - Checking

    /// What the server knows of a document after checking it.
    package struct Analysis {
        package var document: TextDocument
        /// The notes repository the document belongs to (nil when its settings are broken).
        package var workspace: Workspace?
        /// The account report, when the document is an account.
        package var report: AccountReport?
        /// Diagnostics per URI: the document's own, and those of a broken config or checklist.
        package var published: [(uri: String, diagnostics: [JSONValue])]
    }

    /// The open documents' text stands in for the files on disk (config and checklist included).
    private func settingsReader() -> Workspace.SettingsReader {
        var overlay: [String: [UInt8]] = [:]
        for doc in documents.values { if let path = doc.path { overlay[path] = doc.bytes } }
        return { [overlay] url, display in
            overlay[url.standardizedFileURL.path].map { FileReader.decode($0, displayPath: display) }
        }
    }

    package func analyze(_ doc: TextDocument) -> Analysis {
        guard let path = doc.path else {
            return Analysis(document: doc, workspace: nil, report: nil, published: [(doc.uri, [])])
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var workspace: Workspace
        do {
            workspace = try Workspace.open(paths: [path], cwd: directory, configPath: nil, settings: settingsReader())
            if workspace.configFile == nil,
                let root = Self.defaultRoot(for: path, glob: Glob(workspace.config.accounts))
            {
                // No fieldnotes.yml: the notes repository is where the default 'accounts' pattern matches.
                workspace = try Workspace.open(paths: [], cwd: root, configPath: nil, settings: settingsReader())
            }
        } catch let error as ToolError {
            // The settings are broken: say so on the document, and locate the problem in the settings file.
            var published: [(String, [JSONValue])] = []
            var own: [JSONValue] = []
            for file in error.files {
                let fileURL = Workspace.resolve(file.path, directory)
                let uri =
                    documents.values.first { $0.path == fileURL.path }?.uri ?? TextDocument.uri(forPath: fileURL.path)
                let items = file.diagnostics.map { lspDiagnostic($0, in: file.source, uri: uri) }
                if uri == doc.uri { own += items } else { published.append((uri, items)) }
            }
            if !isSettingsFile(doc.uri) || own.isEmpty { own.append(uncheckableDiagnostic(error)) }
            published.append((doc.uri, own))
            return Analysis(document: doc, workspace: nil, report: nil, published: published)
        } catch {
            return Analysis(document: doc, workspace: nil, report: nil, published: [(doc.uri, [])])
        }
        guard isAccount(path, in: workspace) else {
            return Analysis(document: doc, workspace: workspace, report: nil, published: [(doc.uri, [])])
        }
        let display = Workspace.relative(url, to: workspace.root)
        let context = CheckContext(config: workspace.config, checklist: workspace.checklist, asOf: today())
        let report = Checker.check(FileReader.decode(doc.bytes, displayPath: display), path: display, context: context)
        let items = report.diagnostics.map { lspDiagnostic($0, in: report.source, uri: doc.uri) }
        return Analysis(document: doc, workspace: workspace, report: report, published: [(doc.uri, items)])
    }

    /// The nearest folder above `path` from which `path` matches `glob`, if any.
    package static func defaultRoot(for path: String, glob: Glob) -> URL? {
        var dir = URL(fileURLWithPath: path).deletingLastPathComponent()
        while true {
            if glob.matches(Workspace.relative(URL(fileURLWithPath: path), to: dir)) { return dir }
            let parent = dir.deletingLastPathComponent()
            if parent.path == dir.path { return nil }
            dir = parent
        }
    }

    /// Whether `path` is an account of the workspace: what `fieldnotes check` would check.
    package func isAccount(_ path: String, in workspace: Workspace) -> Bool {
        let rel = Workspace.relative(URL(fileURLWithPath: path), to: workspace.root)
        return !rel.hasPrefix("/") && Workspace.isAccountPath(rel, glob: Glob(workspace.config.accounts))
    }

    private func publish(_ analysis: Analysis) {
        for (uri, diagnostics) in analysis.published {
            publish(
                uri: uri, version: uri == analysis.document.uri ? analysis.document.version : nil,
                diagnostics: diagnostics)
            if uri != analysis.document.uri { settingsDiagnosticURIs.insert(uri) }
        }
        // Settings files that are not open and had problems are cleared once the settings read well.
        if analysis.workspace != nil {
            for uri in settingsDiagnosticURIs.sorted() where documents[uri] == nil {
                publish(uri: uri, version: nil, diagnostics: [])
            }
            settingsDiagnosticURIs = []
        }
    }

    private func publish(uri: String, version: Int?, diagnostics: [JSONValue]) {
        var params: [(String, JSONValue)] = [("uri", .string(uri))]
        if let version { params.append(("version", .int(version))) }
        params.append(("diagnostics", .array(diagnostics)))
        notify("textDocument/publishDiagnostics", .object(params))
    }

    /// The up-to-date analysis of the open document a request names.
    private func openAnalysis(_ params: JSONValue) throws -> Analysis {
        guard let uri = params["textDocument"]?["uri"]?.string else {
            throw ParamsError(message: "expected textDocument.uri")
        }
        guard let doc = documents[uri] else { throw ParamsError(message: "the document is not open: \(uri)") }
        return currentAnalysis(doc)
    }

    /// An LSP position as a byte offset in the checked source (nil when the document is not an
    /// account: there is nothing to offer there).
    private func offset(_ position: JSONValue?, in analysis: Analysis) throws -> Int? {
        guard let line = position?["line"]?.int, let character = position?["character"]?.int else {
            throw ParamsError(message: "expected a position with line and character")
        }
        return analysis.report?.source.offset(line: max(0, line), utf16Column: max(0, character))
    }

    /// The analysis and byte offset of a `TextDocumentPositionParams`.
    private func position(_ params: JSONValue) throws -> (Analysis, Int?) {
        let analysis = try openAnalysis(params)
        return (analysis, try offset(params["position"], in: analysis))
    }

    /// The analysis of an open document, brought up to date.
    package func currentAnalysis(_ doc: TextDocument) -> Analysis {
        if let a = analyses[doc.uri], a.document.version == doc.version, a.document.bytes == doc.bytes { return a }
        let a = analyze(doc)
        analyses[doc.uri] = a
        return a
    }

    // MARK: - Features (LSPFeatures.swift)

    /// The answer to a completion, hover or code action request.
    private func feature(_ method: String, _ params: JSONValue) throws -> JSONValue {
        if method == "textDocument/codeAction" { return .array(try codeActions(params)) }
        let (analysis, offset) = try position(params)
        guard let offset else {
            return method == "textDocument/hover"
                ? .null : .object([("isIncomplete", .bool(false)), ("items", .array([]))])
        }
        if method == "textDocument/hover" { return LSPFeatures.hover(analysis, offset: offset, server: self) ?? .null }
        let items = LSPFeatures.completions(analysis, offset: offset, today: today(), server: self)
        return .object([("isIncomplete", .bool(false)), ("items", .array(items))])
    }

    private func codeActions(_ params: JSONValue) throws -> [JSONValue] {
        guard let range = params["range"] else {
            throw ParamsError(message: "codeAction needs textDocument.uri and range")
        }
        let analysis = try openAnalysis(params)
        guard let start = try offset(range["start"], in: analysis), let end = try offset(range["end"], in: analysis)
        else { return [] }
        return LSPFeatures.codeActions(analysis, range: SourceRange(min(start, end), max(start, end)), server: self)
    }
}
