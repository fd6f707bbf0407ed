/// A JSON value with ordered keys, written without Foundation's reordering.
public indirect enum JSONValue: Sendable, Equatable {
  case object([(String, JSONValue)])
  case array([JSONValue])
  case string(String)
  case int(Int64)
  case double(Double)
  case bool(Bool)
  case null

  public static func == (a: JSONValue, b: JSONValue) -> Bool { a.text() == b.text() }

  /// The text, compact or indented by two spaces.
  public func text(pretty: Bool = false) -> String {
    var out = ""
    write(into: &out, pretty: pretty, indent: 0)
    return out
  }

  /// The text of a value that sits `indent` levels deep in a larger document (streamed output).
  public func text(pretty: Bool, indent: Int) -> String {
    var out = ""
    write(into: &out, pretty: pretty, indent: indent)
    return out
  }

  private func write(into out: inout String, pretty: Bool, indent: Int) {
    switch self {
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      out += "{"
      for (i, (key, value)) in members.enumerated() {
        if i > 0 { out += "," }
        if pretty { out += "\n" + String(repeating: "  ", count: indent + 1) }
        Self.writeString(key, into: &out)
        out += pretty ? ": " : ":"
        value.write(into: &out, pretty: pretty, indent: indent + 1)
      }
      if pretty { out += "\n" + String(repeating: "  ", count: indent) }
      out += "}"
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      out += "["
      let simple = items.allSatisfy {
        if case .object = $0 { return false } else if case .array = $0 { return false } else { return true }
      }
      for (i, item) in items.enumerated() {
        if i > 0 { out += pretty && simple ? ", " : "," }
        if pretty && !simple { out += "\n" + String(repeating: "  ", count: indent + 1) }
        item.write(into: &out, pretty: pretty, indent: indent + 1)
      }
      if pretty && !simple { out += "\n" + String(repeating: "  ", count: indent) }
      out += "]"
    case .string(let s): Self.writeString(s, into: &out)
    case .int(let n): out += String(n)
    case .double(let d):
      if d.isFinite {
        out += d == d.rounded() && abs(d) < 1e15 ? String(format1: d) : "\(d)"
      } else {
        out += "null"
      }
    case .bool(let b): out += b ? "true" : "false"
    case .null: out += "null"
    }
  }

  static func writeString(_ s: String, into out: inout String) {
    out += "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        // C0 and C1 controls and DEL as escapes: raw, they could drive a terminal.
        if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0) {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}

extension String {
  /// `1.0`-style text for whole doubles (as Python and most JSON readers print them).
  init(format1 d: Double) {
    self = "\(Int64(d)).0"
  }
}
