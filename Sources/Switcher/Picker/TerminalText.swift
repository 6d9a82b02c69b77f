/// Clipping and escaping of what the picker draws, by display columns (`displayWidth`).
enum Text {
    /// `text` cut to at most `columns` columns, with `…` where it was cut.
    static func clip(_ text: String, to columns: Int) -> String {
        guard columns > 0 else { return "" }
        if text.displayWidth <= columns { return text }
        var out = ""
        var used = 0
        for scalar in text.unicodeScalars {
            let w = String(scalar).displayWidth
            if used + w > columns - 1 { break }
            out.unicodeScalars.append(scalar)
            used += w
        }
        return out + "…"
    }

    /// `text` (which may hold ANSI escape sequences) cut to `columns` visible columns; escape
    /// sequences are kept, so colours still end where they should.
    static func clipStyled(_ text: String, to columns: Int) -> String {
        var out = ""
        var used = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                out.unicodeScalars.append(scalar)
                if (0x40...0x7e).contains(scalar.value) && scalar != "[" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" {
                inEscape = true
                out.unicodeScalars.append(scalar)
                continue
            }
            let w = scalar.value < 0x80 ? 1 : String(scalar).displayWidth
            if used + w > columns { continue }  // keep reading: later escapes still reset styles
            out.unicodeScalars.append(scalar)
            used += w
        }
        return out
    }

    /// Control characters shown as `^X`, so the line never moves the cursor by itself.
    static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7f {
                out += "^" + String(Unicode.Scalar(UInt8(scalar.value ^ 0x40)))
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func pad(_ text: String, _ columns: Int) -> String {
        let clipped = clip(text, to: columns)
        return clipped + String(repeating: " ", count: max(0, columns - clipped.displayWidth))
    }
}
