/// The shells `sw` can drive.
public enum Shell: String, Sendable, CaseIterable {
    case bash, zsh, fish
}
