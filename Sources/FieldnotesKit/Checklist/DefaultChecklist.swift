/// The built-in checklist: notes-template/checklist.yml, embedded in the binary.
enum DefaultChecklist {
    static let text: String = EmbeddedTemplate.files.first { $0.path == "checklist.yml" }!.contents
}
