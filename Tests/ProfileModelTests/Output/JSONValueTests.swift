import Testing

@testable import ProfileModel

/// The JSON writer: the same text as before for ordinary documents, and no recursion or
/// quadratic indentation for deep ones.
@Suite struct JSONValueTests {
  @Test func prettyAndCompact() {
    let value = JSONValue.object([
      ("name", .string("a\"b")), ("list", .array([.int(1), .int(2)])), ("empty", .object([])),
      ("nested", .array([.object([("x", .null)])])),
    ])
    #expect(value.text() == #"{"name":"a\"b","list":[1,2],"empty":{},"nested":[{"x":null}]}"#)
    #expect(
      value.text(pretty: true) == """
        {
          "name": "a\\"b",
          "list": [1, 2],
          "empty": {},
          "nested": [
            {
              "x": null
            }
          ]
        }
        """)
  }

  /// 4,096 levels (the deepest callstack): written without recursion; past `prettyDepth` levels compact,
  /// so the text grows linearly with the depth.
  @Test func deepDocumentsAreWrittenWithoutRecursion() {
    var value = JSONValue.int(7)
    for _ in 0..<4_096 { value = .object([("c", .array([value]))]) }
    let text = value.text(pretty: true)
    #expect(text.hasPrefix("{\n  \"c\": [\n"))
    #expect(text.filter { $0 == "{" }.count == 4_096)
    #expect(text.count < 4_096 * 12 + JSONValue.prettyDepth * JSONValue.prettyDepth * 8)
    #expect(value.text().count == 4_096 * 8 + 1)
  }
}
