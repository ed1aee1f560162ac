import FieldnotesSupport

/// The built-in checklist: notes-template/checklist.yml, embedded in the binary.
package enum DefaultChecklist {
    package static let text: String = EmbeddedTemplate.files.first { $0.path == "checklist.yml" }!.contents
}
