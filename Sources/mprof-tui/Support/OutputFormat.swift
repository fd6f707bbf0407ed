import ArgumentParser
import ProfileModel

/// How a batch command prints its data.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, csv, json
}

/// A CSV text cell: RFC 4180 quoting, no formula, no control characters but line breaks.
func csvField(_ text: String) -> String { SafeText.csvCell(text) }

/// A capture string in text output: control characters escaped, on one line.
func shown(_ text: String) -> String { SafeText.terminal(text) }

/// A text column of `width`: clipped with `…` and always followed by one space, so columns never
/// run into each other.
func column(_ raw: String, _ width: Int) -> String {
  let text = SafeText.terminal(raw)
  let clipped = text.count > width ? String(text.prefix(width - 1)) + "…" : text
  return pad(clipped, width) + " "
}

/// Pads or clips to a width (left-aligned unless `right`), the text made safe first.
func pad(_ raw: String, _ width: Int, right: Bool = false) -> String {
  let text = SafeText.terminal(raw)
  if text.count >= width { return right ? text : String(text.prefix(width)) }
  let fill = String(repeating: " ", count: width - text.count)
  return right ? fill + text : text + fill
}
