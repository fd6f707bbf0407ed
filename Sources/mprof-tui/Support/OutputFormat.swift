import ArgumentParser

/// How a batch command prints its data.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, csv, json
}

/// Quotes a CSV field when it needs it.
func csvField(_ text: String) -> String {
  if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
  return text
}

/// Pads or clips to a width (left-aligned unless `right`).
func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
  if text.count >= width { return right ? text : String(text.prefix(width)) }
  let fill = String(repeating: " ", count: width - text.count)
  return right ? fill + text : text + fill
}
