/// The version of fieldnotes: `--version`, the language server's `serverInfo`, SARIF's `driver`.
public enum Version {
    public static let current = "0.1.0"
}
