extension String {
    /// The text padded with spaces to `width` display columns (a CJK character takes two), and at
    /// least one space after it, for aligned human output.
    func padding(_ width: Int) -> String {
        let columns = displayWidth
        return columns >= width ? self + " " : self + String(repeating: " ", count: width - columns)
    }

    /// The text on one line: each newline written as `\n`. Most texts have no newline: their
    /// bytes are checked, not their Characters.
    var replacingNewlines: String {
        guard utf8.contains(0x0A) else { return self }
        return split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\\n")
    }

    /// nil for the empty string: an unset and an empty variable or field read the same.
    var nonEmpty: String? { isEmpty ? nil : self }
}
