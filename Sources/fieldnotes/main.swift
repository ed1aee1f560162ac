import FieldnotesCLI
import FieldnotesSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// A closed pipe is an error a write returns, not a signal that kills the run: git may stop
// reading its input early (a damaged object), and a report piped into `head` stops being read.
signal(SIGPIPE, SIG_IGN)

// The executable is thin: it hands the command line, environment and terminals to the library.
// Output is written as it is, not copied first: a report of 50k accounts is tens of megabytes.
var environment = CommandEnvironment(
    arguments: Array(CommandLine.arguments.dropFirst()),
    variables: ProcessInfo.processInfo.environment,
    cwd: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true),
    stdoutIsTerminal: isatty(1) != 0,
    today: Day.today(),
    stdout: { _ = FileSystem.writeAll(1, $0) },
    stderr: { _ = FileSystem.writeAll(2, $0) })
environment.stdoutBytes = { _ = FileSystem.writeAll(1, $0) }
// Help is wrapped to the terminal's width.
var window = winsize()
if isatty(1) != 0 && ioctl(1, UInt(TIOCGWINSZ), &window) == 0 && window.ws_col > 0 {
    environment.terminalColumns = Int(window.ws_col)
}
exit(CLI.run(environment))
