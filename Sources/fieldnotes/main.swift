import FieldnotesCLI
import FieldnotesSupport
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The executable is thin: it hands the command line, environment and terminals to the library.
let stdoutHandle = FileHandle.standardOutput
let stderrHandle = FileHandle.standardError
var environment = CommandEnvironment(
    arguments: Array(CommandLine.arguments.dropFirst()),
    variables: ProcessInfo.processInfo.environment,
    cwd: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true),
    stdoutIsTerminal: isatty(1) != 0,
    today: Day.today(),
    stdout: { stdoutHandle.write(Data($0.utf8)) },
    stderr: { stderrHandle.write(Data($0.utf8)) })
environment.stdoutBytes = { stdoutHandle.write(Data($0)) }
exit(CLI.run(environment))
