/// Rust's legacy symbol names made readable: what llvm-symbolizer leaves of them after its
/// Itanium demangling (`alloc::vec::Vec$LT$T$GT$::push::h0123456789abcdef`) becomes
/// `alloc::vec::Vec<T>::push`, as rustc's own demangler shows them.
enum RustNames {
  /// The escapes of rustc's legacy mangling, by name.
  static let escapes: [String: String] = [
    "SP": "@", "BP": "*", "RF": "&", "LT": "<", "GT": ">", "LP": "(", "RP": ")", "C": ",",
  ]

  /// `name` cleaned when it is a legacy Rust name (it ends in `::h` and 16 hex digits, the
  /// crate hash); any other name unchanged.
  static func readable(_ name: String) -> String {
    let hashLength = 19  // "::h" and 16 hex digits
    guard name.count > hashLength else { return name }
    let hash = name.suffix(hashLength)
    guard hash.hasPrefix("::h"), hash.dropFirst(3).allSatisfy(\.isHexDigit) else { return name }
    // A path element that begins with an escape is written `_$…`: the `_` is not the name's.
    var path = String(name.dropLast(hashLength)).replacingOccurrences(of: "::_$", with: "::$")
    if path.hasPrefix("_$") { path.removeFirst() }
    var out = ""
    var rest = Substring(path)
    while let dollar = rest.firstIndex(of: "$") {
      out += rest[..<dollar].replacingOccurrences(of: "..", with: "::")
      let afterDollar = rest.index(after: dollar)
      guard let close = rest[afterDollar...].firstIndex(of: "$") else {
        out += rest[dollar...]
        rest = ""
        break
      }
      let code = String(rest[afterDollar..<close])
      if let text = escapes[code] {
        out += text
      } else if code.hasPrefix("u"), let scalar = UInt32(code.dropFirst(), radix: 16).flatMap(Unicode.Scalar.init) {
        out.unicodeScalars.append(scalar)
      } else {
        // Not an escape: kept as written.
        out += rest[dollar...close]
      }
      rest = rest[rest.index(after: close)...]
    }
    out += rest.replacingOccurrences(of: "..", with: "::")
    return out
  }
}
