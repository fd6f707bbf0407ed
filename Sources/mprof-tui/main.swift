import ProfileModel
import Foundation

let args = CommandLine.arguments
do {
  let p = try ProfileLoader.load(path: args[1])
  print(ProfileDump.json(p).text(pretty: true))
} catch {
  FileHandle.standardError.write("error: \(error)\n".data(using: .utf8)!)
  exit(2)
}
