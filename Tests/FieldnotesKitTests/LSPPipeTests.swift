import Foundation
import Testing

@testable import FieldnotesCLI
@testable import FieldnotesCore
@testable import FieldnotesLSP
@testable import FieldnotesReports
@testable import FieldnotesSupport

/// `fieldnotes lsp` as an editor runs it: a child process spoken to over pipes, with
/// Content-Length framing, and never waited on without a time limit.
final class LSPProcess: @unchecked Sendable {
    let process = Process()
    private let input = Pipe(), output = Pipe(), errors = Pipe()
    private let lock = NSLock()
    private var framer = MessageFramer()
    private var received: [JSONValue] = []
    private var stderrData = Data()
    /// Whether standard error has reached its end (everything the process wrote has arrived).
    private var stderrEnded = false
    private let arrived = DispatchSemaphore(value: 0)

    init(in directory: URL = Project.template) throws {
        process.executableURL = Project.binary
        process.arguments = ["lsp"]
        process.currentDirectoryURL = directory
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            guard let self else { return }
            let data = handle.availableData
            self.lock.lock()
            self.framer.append(Array(data))
            while case .message(let body)? = self.framer.next() {
                if let value = try? JSONParser.parse(body) { self.received.append(value); self.arrived.signal() }
            }
            self.lock.unlock()
            if data.isEmpty { handle.readabilityHandler = nil }
        }
        errors.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.lock()
            self?.stderrData.append(data)
            if data.isEmpty { self?.stderrEnded = true }
            self?.lock.unlock()
            if data.isEmpty { handle.readabilityHandler = nil }
        }
        try process.run()
    }

    func write(_ bytes: [UInt8]) { try? input.fileHandleForWriting.write(contentsOf: Data(bytes)) }

    func send(_ json: String) { write(MessageFramer.frame(json)) }

    func closeInput() { try? input.fileHandleForWriting.close() }

    var stderr: String { lock.lock(); defer { lock.unlock() }; return String(decoding: stderrData, as: UTF8.self) }

    /// The first message received that matches, waiting at most `timeout` seconds.
    func wait(timeout: Double = 20, _ matches: (JSONValue) -> Bool) -> JSONValue? {
        let deadline = Date().addingTimeInterval(timeout)
        var seen = 0
        while true {
            lock.lock()
            let all = received
            lock.unlock()
            if let hit = all[seen...].first(where: matches) { return hit }
            seen = all.count
            if arrived.wait(timeout: .now() + max(0, deadline.timeIntervalSinceNow)) == .timedOut { return nil }
        }
    }

    func response(_ id: Int) -> JSONValue? { wait { $0["id"]?.int == id } }

    /// The exit status, or nil if the process is still running after `timeout` (it is then killed).
    func exitStatus(timeout: Double = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate(); return nil }
        // The exit can be seen before the last of standard error is read: wait for its end.
        while Date() < deadline {
            lock.lock(); let ended = stderrEnded; lock.unlock()
            if ended { break }
            usleep(10_000)
        }
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate() } }
}

private let initialize =
    #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":"#
    + #"{"processId":null,"rootUri":null,"capabilities":{},"initializationOptions":{"debounceMs":0}}}"#

@Suite struct LSPPipeTests {
    @Test func lifecycleOverPipes() throws {
        let lsp = try LSPProcess()
        lsp.send(initialize)
        let reply = try #require(lsp.response(1))
        #expect(reply["result"]?["capabilities"]?["textDocumentSync"]?["change"]?.int == 2)
        #expect(reply["result"]?["serverInfo"]?["name"]?.string == "fieldnotes")
        lsp.send(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)
        let uri = templateURI("pipe-test.md")
        let open = didOpenMessage(uri: uri, text: noteWithMistakes)
        // Two messages in one write, then one message a byte at a time: framing must not care.
        lsp.write(
            MessageFramer.frame(open)
                + MessageFramer.frame(
                    #"{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":"#
                        + #"{"textDocument":{"uri":"\#(uri)"},"position":{"line":3,"character":1}}}"#
                ))
        let diagnostics = try #require(lsp.wait { $0["method"]?.string == "textDocument/publishDiagnostics" })
        #expect(
            diagnostics["params"]?["diagnostics"]?.array?.contains { $0["code"]?.string == "invalid-value" } == true)
        #expect(lsp.response(2)?["result"]?["contents"] != nil)
        for byte in MessageFramer.frame(#"{"jsonrpc":"2.0","id":3,"method":"shutdown"}"#) { lsp.write([byte]) }
        #expect(lsp.response(3)?["result"]?.isNull == true)
        lsp.send(#"{"jsonrpc":"2.0","method":"exit"}"#)
        #expect(lsp.exitStatus() == 0)
    }

    @Test func garbageGetsAnErrorAndTheServerGoesOn() throws {
        let lsp = try LSPProcess()
        lsp.send(initialize)
        _ = lsp.response(1)
        lsp.send("{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": ")  // truncated JSON in a well-framed message
        #expect(lsp.wait { $0["error"]?["code"]?.int == -32700 } != nil)
        lsp.send("\u{FEFF}")  // not JSON at all
        lsp.send(#"{"jsonrpc":"2.0","id":4,"method":"workspace/symbol","params":{"query":""}}"#)
        #expect(lsp.response(4)?["error"]?["code"]?.int == -32601)
        lsp.send(#"{"jsonrpc":"2.0","id":5,"method":"shutdown"}"#)
        #expect(lsp.response(5) != nil)
        lsp.send(#"{"jsonrpc":"2.0","method":"exit"}"#)
        #expect(lsp.exitStatus() == 0)
    }

    @Test func aBrokenStreamEndsTheServerCleanly() throws {
        // A header without Content-Length: the stream cannot be trusted; exit 1 with a message.
        let lsp = try LSPProcess()
        lsp.write(Array("Content-Type: application/json\r\n\r\n{}".utf8))
        #expect(lsp.exitStatus() == 1)
        #expect(lsp.stderr.contains("without a Content-Length"))
        // An absurd length is refused rather than waited for.
        let huge = try LSPProcess()
        huge.write(Array("Content-Length: 999999999999\r\n\r\n".utf8))
        #expect(huge.exitStatus() == 1)
        #expect(huge.stderr.contains("larger than"))
    }

    @Test func aVanishedEditorEndsTheServer() throws {
        // The editor dies (its end of stdin closes) without shutdown: the server exits 1, at once.
        let lsp = try LSPProcess()
        lsp.send(initialize)
        _ = lsp.response(1)
        lsp.write(Array("Content-Length: 50\r\n\r\n{\"jsonrpc\"".utf8))  // half a message, then nothing
        lsp.closeInput()
        #expect(lsp.exitStatus(timeout: 10) == 1)
    }

    @Test func aLargeDocumentOverThePipe() throws {
        let lsp = try LSPProcess()
        lsp.send(initialize)
        _ = lsp.response(1)
        let uri = templateURI("pipe-large.md")
        let text =
            noteWithMistakes
            + String(repeating: "A long paragraph of notes about Zoë's plant and its people. 😀\n", count: 40_000)
        lsp.send(
            didOpenMessage(uri: uri, text: text))
        let published = lsp.wait(timeout: 30) { $0["method"]?.string == "textDocument/publishDiagnostics" }
        #expect(published?["params"]?["diagnostics"]?.array?.isEmpty == false)
        lsp.closeInput()
        #expect(lsp.exitStatus() == 1)
    }
}

@Suite struct JSONParserTests {
    @Test func strictRFC8259() throws {
        #expect(
            try JSONParser.parse(#" {"a": [1, -2.5e3, true, false, null, "\u00e9\ud83d\ude00\n"]} "#)["a"]?.array?.count
                == 6)
        #expect(try JSONParser.parse(#""\ud83d\ude00""#).string == "😀")
        for bad in [
            "", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "\"\\x\"", "\"\\ud800\"", "\"a\nb\"", "[1] 2", "nul",
            "{'a':1}", "/* c */ 1", "\"\\udc00\\ud800\"",
        ] {
            #expect(throws: JSONParser.Error.self, "\(bad)") { try JSONParser.parse(bad) }
        }
        // Invalid UTF-8 inside a string is refused, not repaired.
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
        // Deep nesting is refused with an error, not a stack overflow.
        #expect(throws: JSONParser.Error.self) { try JSONParser.parse(String(repeating: "[", count: 100_000)) }
        #expect(
            try JSONParser.parse(String(repeating: "[", count: 500) + String(repeating: "]", count: 500)).array != nil)
    }

    /// The YAML test suite's in.json files: JSON nobody on the team wrote. Expectations from
    /// Python's json module (`Scripts/json-expectations`): a canonical form, or "reject".
    @Test(
        .needsFile(
            Project.shared.appendingPathComponent("corpora/yaml-test-suite"),
            "the YAML test suite in ../shared/corpora is absent"))
    func yamlTestSuiteJSONAgreesWithPython() throws {
        let corpus = Project.shared.appendingPathComponent("corpora/yaml-test-suite")
        let expectations = try String(
            contentsOf: Project.fixtures.appendingPathComponent("json-expectations.tsv"), encoding: .utf8)
        var agreed = 0, rejected = 0
        for line in expectations.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            let bytes = try [UInt8](Data(contentsOf: corpus.appendingPathComponent(parts[0])))
            let ours: String
            do { ours = canonical(try JSONParser.parse(bytes)) } catch { ours = "reject" }
            #expect(ours == parts[1], "\(parts[0])")
            if ours == parts[1] { if ours == "reject" { rejected += 1 } else { agreed += 1 } }
        }
        print("JSON: \(agreed) agreed, \(rejected) rejected by both, of \(expectations.split(separator: "\n").count)")
        #expect(agreed > 200)
    }

    /// The same canonical form as Scripts/json-expectations writes.
    func canonical(_ v: JSONValue) -> String {
        switch v {
        case .null: return "n"
        case .bool(let b): return b ? "t" : "f"
        case .int(let i): return "i\(i)"
        case .double(let d): return "d\(Int((d * 1000).rounded()))"
        case .number(let n): return "r\(n)"
        case .string(let s):
            return "s\(s.unicodeScalars.count):"
                + s.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: ".")
        case .array(let items): return "[" + items.map(canonical).joined(separator: ",") + "]"
        case .object(let members):
            return "{" + members.map { canonical(.string($0.0)) + "=" + canonical($0.1) }.joined(separator: ",") + "}"
        }
    }
}
