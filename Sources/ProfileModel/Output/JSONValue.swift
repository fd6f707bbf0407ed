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

  /// What is left to write: a value at a depth, or closing text.
  private enum Step {
    case value(JSONValue, indent: Int)
    case text(String)
  }

  /// Levels indented when pretty; deeper ones are written compact, so the indentation of a
  /// document thousands of levels deep does not grow with the square of its depth.
  static let prettyDepth = 64

  /// Writes with an explicit stack, not recursion: a document thousands of levels deep (a call
  /// graph of a 4,096-frame callstack) must not overflow the thread's stack.
  private func write(into out: inout String, pretty prettyAtTop: Bool, indent: Int) {
    var stack: [Step] = [.value(self, indent: indent)]
    func margin(_ level: Int) -> String { "\n" + String(repeating: "  ", count: level) }
    while let step = stack.popLast() {
      guard case .value(let value, let indent) = step else {
        if case .text(let text) = step { out += text }
        continue
      }
      let pretty = prettyAtTop && indent < Self.prettyDepth
      switch value {
      case .object(let members):
        if members.isEmpty {
          out += "{}"
          continue
        }
        out += "{"
        var steps: [Step] = []
        for (i, (key, member)) in members.enumerated() {
          var prefix = i > 0 ? "," : ""
          if pretty { prefix += margin(indent + 1) }
          Self.writeString(key, into: &prefix)
          prefix += pretty ? ": " : ":"
          steps.append(.text(prefix))
          steps.append(.value(member, indent: indent + 1))
        }
        steps.append(.text((pretty ? margin(indent) : "") + "}"))
        stack.append(contentsOf: steps.reversed())
      case .array(let items):
        if items.isEmpty {
          out += "[]"
          continue
        }
        out += "["
        let simple = items.allSatisfy {
          if case .object = $0 { return false } else if case .array = $0 { return false } else { return true }
        }
        var steps: [Step] = []
        for (i, item) in items.enumerated() {
          var prefix = i > 0 ? (pretty && simple ? ", " : ",") : ""
          if pretty && !simple { prefix += margin(indent + 1) }
          if !prefix.isEmpty { steps.append(.text(prefix)) }
          steps.append(.value(item, indent: indent + 1))
        }
        steps.append(.text((pretty && !simple ? margin(indent) : "") + "]"))
        stack.append(contentsOf: steps.reversed())
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
