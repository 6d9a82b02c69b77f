/// What a profile switch does to the calling shell's environment: variables to set and variables
/// to remove, in order. Holds at most one operation per name.
public struct EnvironmentChange: Sendable, Equatable {
    public enum Operation: Sendable, Equatable {
        case set(name: String, value: String)
        case unset(name: String)

        public var name: String {
            switch self {
            case .set(let name, _), .unset(let name): name
            }
        }
    }

    /// The operations in the order they were last requested. A later operation on a name removes
    /// the earlier one and is appended, so each name appears once.
    public private(set) var operations: [Operation] = []

    public init() {}

    /// Sets `name` to `value`. `name` must satisfy ``VariableName/isValid(_:)`` and `value` must
    /// not contain NUL (no shell can hold it); both are programmer errors and trap.
    public mutating func set(_ name: String, _ value: String) {
        precondition(VariableName.isValid(name), "invalid environment variable name")
        precondition(!value.utf8.contains(0), "environment values cannot contain NUL")
        record(.set(name: name, value: value))
    }

    /// Removes `name` from the environment. `name` must satisfy ``VariableName/isValid(_:)``.
    public mutating func unset(_ name: String) {
        precondition(VariableName.isValid(name), "invalid environment variable name")
        record(.unset(name: name))
    }

    public var isEmpty: Bool { operations.isEmpty }

    private mutating func record(_ operation: Operation) {
        operations.removeAll { $0.name == operation.name }
        operations.append(operation)
    }
}

/// Rules for the names of environment variables that every supported shell can assign.
public enum VariableName {
    /// `true` when `name` matches `^[A-Za-z_][A-Za-z0-9_]*$` (ASCII only).
    public static func isValid(_ name: String) -> Bool {
        var bytes = name.utf8.makeIterator()
        guard let first = bytes.next(), isLetter(first) || first == UInt8(ascii: "_") else {
            return false
        }
        while let byte = bytes.next() {
            guard isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") else { return false }
        }
        return true
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
