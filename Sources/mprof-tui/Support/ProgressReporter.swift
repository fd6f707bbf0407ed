import Foundation
import ProfileModel

/// A one-line progress bar on stderr (only when stderr is a terminal).
final class ProgressReporter: @unchecked Sendable {
  private let name: String
  private let start = Date()
  private let lock = NSLock()
  private var lastDraw = Date.distantPast
  private var drew = false

  private init(name: String) { self.name = name }

  static func forStandardError(name: String) -> ProgressReporter? {
    isatty(2) != 0 ? ProgressReporter(name: name) : nil
  }

  var handler: ProfileLoader.ProgressHandler {
    { [self] stage, done, total in
      draw(stage: stage, done: done, total: total)
      return true
    }
  }

  private func draw(stage: ProfileLoader.Stage, done: UInt64, total: UInt64) {
    lock.lock()
    defer { lock.unlock() }
    let now = Date()
    guard now.timeIntervalSince(lastDraw) > 0.1, stage != .done else { return }
    lastDraw = now
    drew = true
    let fraction = total == 0 ? 0 : Double(done) / Double(total)
    let width = 30
    let filled = Int(fraction * Double(width))
    let elapsed = now.timeIntervalSince(start)
    let rate = elapsed > 0 ? Double(done) / elapsed / 1_048_576 : 0
    let left = fraction > 0.01 ? elapsed / fraction - elapsed : 0
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    let line = String(
      format: "\r%@ [%@] %3.0f%% %@ %.0f MB/s %.0fs left ", name, bar, fraction * 100, stage.rawValue, rate, left)
    FileHandle.standardError.write(Data(line.utf8))
  }

  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if drew { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
  }
}
