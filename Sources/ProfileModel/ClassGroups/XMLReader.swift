/// A small XML reader for class-groups files, written to be safe with any input: no DTD, no
/// entities beyond XML's five and character references, no external resources of any kind, a
/// size and a depth limit, and errors that give the line and column in plain words.
///
/// MemoryProfiler2's files are plain elements, attributes, text and comments in UTF-16 (UE3) or
/// UTF-8 (UE4); that is what it reads. A `<!DOCTYPE` is refused rather than ignored.
struct XMLReader {
  /// One element: its name, attributes in file order, child elements and its own text.
  struct Element: Equatable {
    var name: String
    var attributes: [(name: String, value: String)]
    var children: [Element]
    /// The text directly inside the element (CDATA included), entities resolved.
    var text: String

    static func == (a: Element, b: Element) -> Bool {
      a.name == b.name && a.attributes.map(\.name) == b.attributes.map(\.name)
        && a.attributes.map(\.value) == b.attributes.map(\.value) && a.children == b.children && a.text == b.text
    }

    func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
    func elements(named name: String) -> [Element] { children.filter { $0.name == name } }
  }

  /// Why a document was refused: the message says where (line and column) and what was expected.
  struct ReadError: Error, Equatable {
    let message: String
  }

  /// Files larger than this are refused (real class-groups files are well under a megabyte).
  static let maxBytes = 64 << 20
  /// Elements nested deeper than this are refused (real files nest five deep).
  static let maxDepth = 256

  private let scalars: [Unicode.Scalar]
  private var position = 0
  private var line = 1
  private var column = 1

  /// Reads a whole document and returns its root element.
  ///
  /// - Throws: `ReadError` for anything that is not a well-formed document within the limits.
  static func read(_ bytes: [UInt8]) throws -> Element {
    guard bytes.count <= maxBytes else {
      throw ReadError(
        message: "the file is \(bytes.count >> 20) MB; class-groups files are limited to \(maxBytes >> 20) MB")
    }
    var reader = XMLReader(scalars: try decode(bytes))
    return try reader.document()
  }

  private init(scalars: [Unicode.Scalar]) { self.scalars = scalars }

  /// The text of the bytes: UTF-16 by its byte-order mark or its first `<`, else UTF-8.
  static func decode(_ bytes: [UInt8]) throws -> [Unicode.Scalar] {
    if bytes.starts(with: [0xFF, 0xFE]) { return try utf16(bytes.dropFirst(2), bigEndian: false) }
    if bytes.starts(with: [0xFE, 0xFF]) { return try utf16(bytes.dropFirst(2), bigEndian: true) }
    if bytes.count >= 2 && bytes[0] == 0x3C && bytes[1] == 0 { return try utf16(bytes[...], bigEndian: false) }
    if bytes.count >= 2 && bytes[0] == 0 && bytes[1] == 0x3C { return try utf16(bytes[...], bigEndian: true) }
    let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
    var result: [Unicode.Scalar] = []
    result.reserveCapacity(body.count)
    var decoder = UTF8()
    var iterator = body.makeIterator()
    var offset = body.startIndex
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        result.append(scalar)
        offset += UTF8.width(scalar)
      case .emptyInput:
        return result
      case .error:
        throw ReadError(message: "offset \(offset): not valid UTF-8 (the file should be UTF-8 or UTF-16)")
      }
    }
  }

  private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) throws -> [Unicode.Scalar] {
    guard bytes.count % 2 == 0 else { throw ReadError(message: "a UTF-16 file with an odd number of bytes") }
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var index = bytes.startIndex
    while index < bytes.endIndex {
      let a = UInt16(bytes[index])
      let b = UInt16(bytes[index + 1])
      units.append(bigEndian ? a << 8 | b : b << 8 | a)
      index += 2
    }
    var result: [Unicode.Scalar] = []
    result.reserveCapacity(units.count)
    var decoder = UTF16()
    var iterator = units.makeIterator()
    while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar): result.append(scalar)
      case .emptyInput: return result
      case .error: throw ReadError(message: "code unit \(result.count) is not valid UTF-16")
      }
    }
  }

  // MARK: - Reading

  private func fail(_ what: String) -> ReadError {
    ReadError(message: "line \(line), column \(column): \(what)")
  }

  private var atEnd: Bool { position >= scalars.count }
  private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
    position + offset < scalars.count ? scalars[position + offset] : nil
  }

  private mutating func advance() {
    if scalars[position] == "\n" {
      line += 1
      column = 1
    } else {
      column += 1
    }
    position += 1
  }

  private func looking(at text: String) -> Bool {
    var i = position
    for scalar in text.unicodeScalars {
      guard i < scalars.count, scalars[i] == scalar else { return false }
      i += 1
    }
    return true
  }

  private mutating func skip(_ text: String) {
    for _ in text.unicodeScalars { advance() }
  }

  private mutating func expect(_ text: String, _ what: String) throws {
    guard looking(at: text) else { throw fail("expected \(what), found \(found())") }
    skip(text)
  }

  /// What is at the position, for messages.
  private func found() -> String {
    guard let c = peek() else { return "the end of the file" }
    if c == "\n" { return "the end of the line" }
    let value = c.value < 0x20 || c.value == 0x7F ? "\\x" + String(c.value, radix: 16) : String(c)
    return "'\(value)'"
  }

  private static func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }

  private mutating func skipSpace() {
    while let c = peek(), Self.isSpace(c) { advance() }
  }

  private static func isNameStart(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || c == ":" || c.value >= 0xC0
  }

  private static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
    isNameStart(c) || (c >= "0" && c <= "9") || c == "-" || c == "." || c.value == 0xB7
  }

  private mutating func name(_ what: String) throws -> String {
    guard let first = peek(), Self.isNameStart(first) else { throw fail("expected \(what), found \(found())") }
    var result = String.UnicodeScalarView()
    while let c = peek(), Self.isNameCharacter(c) {
      result.append(c)
      advance()
    }
    return String(result)
  }

  /// Prolog, one root element, then only comments, processing instructions and space.
  private mutating func document() throws -> Element {
    try misc(beforeRoot: true)
    guard peek() == "<" else {
      throw fail(atEnd ? "the file holds no element" : "expected the root element, found \(found())")
    }
    let root = try element(depth: 1)
    try misc(beforeRoot: false)
    guard atEnd else { throw fail("expected the end of the file after the root element, found \(found())") }
    return root
  }

  private mutating func misc(beforeRoot: Bool) throws {
    while true {
      skipSpace()
      if looking(at: "<?") {
        try processingInstruction()
      } else if looking(at: "<!--") {
        try comment()
      } else if looking(at: "<!DOCTYPE") || looking(at: "<!doctype") {
        throw fail("a DOCTYPE declaration: class-groups files have none, and DTDs and entities are not read")
      } else if looking(at: "<!") {
        throw fail("expected an element or a comment, found '<!'")
      } else {
        return
      }
    }
  }

  private mutating func processingInstruction() throws {
    skip("<?")
    while !looking(at: "?>") {
      guard !atEnd else { throw fail("expected '?>' to end the processing instruction") }
      advance()
    }
    skip("?>")
  }

  private mutating func comment() throws {
    skip("<!--")
    while !looking(at: "-->") {
      guard !atEnd else { throw fail("expected '-->' to end the comment") }
      advance()
    }
    skip("-->")
  }

  private mutating func element(depth: Int) throws -> Element {
    guard depth <= Self.maxDepth else { throw fail("elements nested deeper than \(Self.maxDepth) levels") }
    try expect("<", "'<'")
    let tag = try name("an element name")
    var attributes: [(name: String, value: String)] = []
    while true {
      let hadSpace = peek().map(Self.isSpace) ?? false
      skipSpace()
      if looking(at: "/>") {
        skip("/>")
        return Element(name: tag, attributes: attributes, children: [], text: "")
      }
      if peek() == ">" {
        advance()
        break
      }
      guard hadSpace else { throw fail("expected a space, '>' or '/>' in <\(tag)>, found \(found())") }
      let attribute = try name("an attribute name or '>' in <\(tag)>")
      skipSpace()
      try expect("=", "'=' after the attribute \(attribute)")
      skipSpace()
      let value = try attributeValue(attribute)
      guard !attributes.contains(where: { $0.name == attribute }) else {
        throw fail("the attribute \(attribute) appears twice in <\(tag)>")
      }
      attributes.append((attribute, value))
    }
    var children: [Element] = []
    var text = String.UnicodeScalarView()
    while true {
      guard let c = peek() else { throw fail("expected </\(tag)> before the end of the file") }
      if c == "<" {
        if looking(at: "</") {
          skip("</")
          let closing = try name("an element name after '</'")
          guard closing == tag else { throw fail("expected </\(tag)>, found </\(closing)>") }
          skipSpace()
          try expect(">", "'>' to end </\(tag)")
          return Element(name: tag, attributes: attributes, children: children, text: String(text))
        } else if looking(at: "<!--") {
          try comment()
        } else if looking(at: "<![CDATA[") {
          skip("<![CDATA[")
          while !looking(at: "]]>") {
            guard let inner = peek() else { throw fail("expected ']]>' to end the CDATA section") }
            text.append(inner)
            advance()
          }
          skip("]]>")
        } else if looking(at: "<?") {
          try processingInstruction()
        } else if looking(at: "<!") {
          throw fail("a declaration inside <\(tag)>: DTDs and entities are not read")
        } else {
          children.append(try element(depth: depth + 1))
        }
      } else if c == "&" {
        text.append(try reference())
      } else {
        text.append(c)
        advance()
      }
    }
  }

  private mutating func attributeValue(_ attribute: String) throws -> String {
    guard let quote = peek(), quote == "\"" || quote == "'" else {
      throw fail("expected a quoted value for the attribute \(attribute), found \(found())")
    }
    advance()
    var value = String.UnicodeScalarView()
    while true {
      guard let c = peek() else { throw fail("expected the closing quote of the attribute \(attribute)") }
      if c == quote {
        advance()
        return String(value)
      }
      if c == "<" { throw fail("'<' inside the value of the attribute \(attribute)") }
      if c == "&" {
        value.append(try reference())
      } else {
        // Attribute-value normalisation: whitespace characters become spaces.
        value.append(c == "\t" || c == "\n" || c == "\r" ? " " : c)
        advance()
      }
    }
  }

  /// `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` `&#N;` `&#xN;`; anything else is refused.
  private mutating func reference() throws -> Unicode.Scalar {
    let start = (line, column)
    advance()
    var body = String.UnicodeScalarView()
    while let c = peek(), c != ";" {
      guard body.count < 12, c != "<", c != "&", !Self.isSpace(c) else {
        throw ReadError(message: "line \(start.0), column \(start.1): a '&' that starts no entity (write &amp;)")
      }
      body.append(c)
      advance()
    }
    guard peek() == ";" else {
      throw ReadError(message: "line \(start.0), column \(start.1): a '&' that starts no entity (write &amp;)")
    }
    advance()
    let text = String(body)
    switch text {
    case "lt": return "<"
    case "gt": return ">"
    case "amp": return "&"
    case "quot": return "\""
    case "apos": return "'"
    default: break
    }
    if text.hasPrefix("#") {
      let digits = text.dropFirst()
      let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
      if let value, value != 0, let scalar = Unicode.Scalar(value) { return scalar }
      throw ReadError(message: "line \(start.0), column \(start.1): '&\(text);' is not a valid character")
    }
    throw ReadError(
      message: "line \(start.0), column \(start.1): the entity '&\(SafeText.excerpt(text, limit: 16));' "
        + "(only &lt; &gt; &amp; &quot; &apos; and character references are read)")
  }
}
