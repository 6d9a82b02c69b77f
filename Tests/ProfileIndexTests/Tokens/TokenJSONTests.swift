import Testing
@testable import ProfileIndex

// Each expectation below is what Python's json.loads (botocore's reader) does with the document,
// checked with CPython 3.11.

@Test("documents Python's json accepts are read", arguments: [
    #"{"a": 1e400}"#,
    #"{"a": NaN, "b": -Infinity}"#,
    #"{"a": "\ud800x"}"#,
    #"{"a": [1, {"b": [true, false, null]}, {}], "c": {}}"#,
    " \n{\"a\":1} \r\n",
    #"{"a": -0.5e+3}"#,
    String(repeating: "[", count: 800) + String(repeating: "]", count: 800),
    #"{"a":"# + String(repeating: "[", count: 899) + String(repeating: "]", count: 899) + "}",
])
func acceptedDocuments(text: String) {
    #expect(JSONValue.parse(Array(text.utf8)) != nil)
}

@Test("documents Python's json refuses are not read", arguments: [
    #"{"a": 1,}"#, "[1,]", "{\"a\": \"x\ty\"}", #"{"a": 01}"#, #"{"a": .5}"#, #"{"a": 1.}"#,
    #"{"a":1} x"#, #"{"a" 1}"#, #"{"a": "\x"}"#, #"{"a": tru}"#, "// c\n{}", "{'a': 1}", "",
    String(repeating: "[", count: 100_000),
])
func refusedDocuments(text: String) {
    #expect(JSONValue.parse(Array(text.utf8)) == nil)
}

@Test("a repeated key keeps its last value, as in Python (Foundation keeps the first)")
func repeatedKeyLastWins() {
    #expect(JSONValue.parse(Array(#"{"a": "1", "a": "2"}"#.utf8)) == .object(["a": .string("2")]))
}

@Test("string escapes decode like Python's, surrogate pairs included")
func escapes() {
    let value = JSONValue.parse(Array(#"{"a": "\u00e9\ud83d\ude00\n\/\"", "b": "é"}"#.utf8))
    #expect(value == .object(["a": .string("é😀\n/\""), "b": .string("é")]))
}

@Test("only the top-level object's members keep values; nested ones are reduced to their kind")
func shallowMembers() {
    let value = JSONValue.parse(Array(#"{"s": "x", "n": 5, "o": {"secret": "x"}, "l": ["x"], "t": true, "z": null}"#.utf8))
    #expect(value == .object(["s": .string("x"), "n": .number, "o": .object([:]), "l": .array, "t": .bool, "z": .null]))
    #expect(JSONValue.parse(Array("[\"x\"]".utf8)) == .array)
}
