import Foundation

/// A class-group colour as .NET's `ColorConverter` reads and writes it: a known colour name,
/// `R, G, B` (or `A, R, G, B`), or `#RRGGBB`.
public struct GroupColor: Sendable, Equatable, Hashable, CustomStringConvertible {
  public var red: UInt8
  public var green: UInt8
  public var blue: UInt8
  public var alpha: UInt8 = 255
  /// The name it was given by, kept so saving writes the same word back.
  public var name: String?

  public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255, name: String? = nil) {
    self.red = red
    self.green = green
    self.blue = blue
    self.alpha = alpha
    self.name = name
  }

  /// Parses a colour string; `nil` when it is none of the accepted forms.
  public init?(parsing text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if trimmed.hasPrefix("#") {
      let hex = trimmed.dropFirst()
      guard hex.count == 6 || hex.count == 8, let value = UInt32(hex, radix: 16) else { return nil }
      if hex.count == 8 {
        self.init(
          red: UInt8((value >> 16) & 0xFF), green: UInt8((value >> 8) & 0xFF), blue: UInt8(value & 0xFF),
          alpha: UInt8(value >> 24))
      } else {
        self.init(red: UInt8(value >> 16), green: UInt8((value >> 8) & 0xFF), blue: UInt8(value & 0xFF))
      }
      return
    }
    let parts = trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    if parts.count == 3 || parts.count == 4 {
      let numbers = parts.compactMap { UInt8($0) }
      guard numbers.count == parts.count else { return nil }
      if numbers.count == 3 {
        self.init(red: numbers[0], green: numbers[1], blue: numbers[2])
      } else {
        self.init(red: numbers[1], green: numbers[2], blue: numbers[3], alpha: numbers[0])
      }
      return
    }
    guard let known = NamedColors.lookup(trimmed) else { return nil }
    self.init(red: known.0, green: known.1, blue: known.2, name: known.3)
  }

  /// The text written back to XML: the name when it has one, else `R, G, B`.
  public var description: String {
    if let name { return name }
    if alpha != 255 { return "\(alpha), \(red), \(green), \(blue)" }
    return "\(red), \(green), \(blue)"
  }

  /// The nearest colour of the xterm 256-colour palette (cube and greys).
  public var xterm256: Int {
    func level(_ v: UInt8) -> Int { v < 48 ? 0 : v < 115 ? 1 : (Int(v) - 35) / 40 }
    let r = level(red)
    let g = level(green)
    let b = level(blue)
    let cubeValues = [0, 95, 135, 175, 215, 255]
    let cube = 16 + 36 * r + 6 * g + b
    let cubeDistance = sq(cubeValues[r], red) + sq(cubeValues[g], green) + sq(cubeValues[b], blue)
    let average = (Int(red) + Int(green) + Int(blue)) / 3
    let greyIndex = average > 238 ? 23 : max(0, (average - 3) / 10)
    let grey = 8 + 10 * greyIndex
    let greyDistance = sq(grey, red) + sq(grey, green) + sq(grey, blue)
    return greyDistance < cubeDistance ? 232 + greyIndex : cube
  }

  /// The nearest of the 16 basic terminal colours.
  public var ansi16: Int {
    let palette: [(Int, Int, Int)] = [
      (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
      (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
      (255, 255, 255),
    ]
    var best = 0
    var bestDistance = Int.max
    for (i, c) in palette.enumerated() {
      let d = sq(c.0, red) + sq(c.1, green) + sq(c.2, blue)
      if d < bestDistance {
        best = i
        bestDistance = d
      }
    }
    return best
  }

  private func sq(_ a: Int, _ b: UInt8) -> Int { (a - Int(b)) * (a - Int(b)) }

  public static func == (a: GroupColor, b: GroupColor) -> Bool {
    a.red == b.red && a.green == b.green && a.blue == b.blue && a.alpha == b.alpha
  }
  public func hash(into hasher: inout Hasher) {
    hasher.combine(red)
    hasher.combine(green)
    hasher.combine(blue)
    hasher.combine(alpha)
  }
}
