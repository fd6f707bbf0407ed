import Foundation
import Testing

@testable import ProfileModel

/// Class-groups files are input like any other: no entity, DTD or external resource is ever
/// read, limits hold, and every error names the line and column.
@Suite struct XMLReaderTests {
  static func error(_ text: String) -> String? {
    do {
      _ = try ClassGroupSet(xmlData: Data(text.utf8), path: "g.xml")
      return nil
    } catch {
      return "\(error)"
    }
  }

  static let group =
    #"<ClassGroups><ClassGroup Name="A"><CallStackPatterns UseRegexes="true">"#
    + #"<StackFramePatterns>PATTERN</StackFramePatterns></CallStackPatterns></ClassGroup></ClassGroups>"#

  @Test func externalEntitiesAndDoctypesAreRefused() throws {
    let scratch = ScratchFolder()
    let secret = scratch.path("secret.txt")
    try Data("root:x:0:0:SECRET-LINE".utf8).write(to: URL(fileURLWithPath: secret))
    let attacks = [
      #"<!DOCTYPE x [<!ENTITY e SYSTEM "file://\#(secret)">]><SettableOptions>"#
        + Self.group.replacingOccurrences(of: "PATTERN", with: "&e;") + "</SettableOptions>",
      #"<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:9/x">]><SettableOptions>&e;</SettableOptions>"#,
      #"<?xml version="1.0"?><!DOCTYPE SettableOptions SYSTEM "file://\#(secret)"><SettableOptions/>"#,
      #"<!DOCTYPE a [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><SettableOptions>&b;</SettableOptions>"#,
    ]
    for attack in attacks {
      let message = try #require(Self.error(attack))
      #expect(message.contains("DOCTYPE"), "\(message)")
      #expect(!message.contains("SECRET"))
    }
    // An entity without a DTD is refused by name, its text never read.
    let undeclared =
      "<SettableOptions>" + Self.group.replacingOccurrences(of: "PATTERN", with: "&e;")
      + "</SettableOptions>"
    #expect(Self.error(undeclared)?.contains("the entity '&e;'") == true)
    // XInclude is an element like any other here: nothing is fetched.
    let include =
      #"<SettableOptions xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file://\#(secret)" parse="text"/></SettableOptions>"#
    let set = try ClassGroupSet(xmlData: Data(include.utf8), path: "g.xml")
    #expect(set.groups.isEmpty)
  }

  @Test func depthAndSizeLimits() throws {
    let deep =
      "<SettableOptions>" + String(repeating: "<a>", count: 300) + String(repeating: "</a>", count: 300)
      + "</SettableOptions>"
    #expect(Self.error(deep)?.contains("nested deeper than 256 levels") == true)
    // A large real-looking file (13 MB of groups) is read.
    var big = #"<?xml version="1.0" encoding="utf-8"?><SettableOptions><ClassGroups>"#
    let one =
      #"<ClassGroup Name="G" bFilter="true" Color="Red"><CallStackPatterns UseRegexes="false">"#
      + #"<StackFramePatterns>UObject::StaticAllocateObject</StackFramePatterns></CallStackPatterns></ClassGroup>"#
    big += String(repeating: one, count: 13_000_000 / one.utf8.count)
    big += "</ClassGroups></SettableOptions>"
    let set = try ClassGroupSet(xmlData: Data(big.utf8), path: "big.xml")
    #expect(set.groups.count == 13_000_000 / one.utf8.count)
    let huge = [UInt8](repeating: 0x20, count: XMLReader.maxBytes + 1)
    #expect(throws: XMLReader.ReadError.self) { try XMLReader.read(huge) }
  }

  @Test func errorsNameLineColumnAndWhatWasExpected() {
    let cases: [(String, String)] = [
      (
        "<SettableOptions>\n  <ClassGroups>\n  </ClassGroup>\n</SettableOptions>",
        "line 3, column 15: expected </ClassGroups>, found </ClassGroup>"
      ),
      ("<SettableOptions a=1/>", "line 1, column 20: expected a quoted value for the attribute a"),
      ("<SettableOptions>&amp</SettableOptions>", "line 1, column 18: a '&' that starts no entity"),
      ("<SettableOptions>&#0;</SettableOptions>", "'&#0;' is not a valid character"),
      ("", "the file holds no element"),
      ("<SettableOptions/><Second/>", "expected the end of the file after the root element"),
      ("<SettableOptions a='1' a='2'/>", "the attribute a appears twice"),
      ("<SettableOptions><!-- open", "expected '-->' to end the comment"),
    ]
    for (text, expected) in cases {
      let message = Self.error(text) ?? "accepted"
      #expect(message.hasPrefix("g.xml: class groups: ") && message.contains(expected), "\(message)")
    }
    // Invalid UTF-8 names its byte.
    #expect(throws: XMLReader.ReadError(message: "offset 17: not valid UTF-8 (the file should be UTF-8 or UTF-16)")) {
      try XMLReader.read(Array("<SettableOptions>".utf8) + [0xFF] + Array("</SettableOptions>".utf8))
    }
  }

  @Test func entitiesCDATACommentsAndBothEncodingsRead() throws {
    let text =
      #"<?xml version="1.0" encoding="utf-16"?><!-- c --><SettableOptions><ClassGroups>"#
      + ##"<ClassGroup Name="A &amp; B" Color="#FF0000"><CallStackPatterns UseRegexes="true">"##
      + #"<StackFramePatterns>^&lt;x&gt;&#65;&#x42;</StackFramePatterns><!-- note -->"#
      + #"<StackFramePatterns><![CDATA[a<b>&c]]></StackFramePatterns></CallStackPatterns></ClassGroup></ClassGroups>"#
      + "</SettableOptions>"
    var utf16 = Data([0xFF, 0xFE])
    for unit in text.utf16 { utf16.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
    for data in [Data(text.utf8), utf16] {
      let set = try ClassGroupSet(xmlData: data, path: "g.xml")
      #expect(set.groups.first?.name == "A & B")
      #expect(set.groups.first?.patterns.first?.framePatterns == ["^<x>AB", "a<b>&c"])
    }
  }

  @Test func nonRegularFilesAreRefusedBeforeOpening() throws {
    let scratch = ScratchFolder()
    let fifo = scratch.path("ClassGroups.xml")
    #expect(mkfifo(fifo, 0o600) == 0)
    #expect(throws: MprofError.cannotOpen(path: fifo, reason: "is a FIFO, not a class-groups file")) {
      try ClassGroupSet(contentsOf: fifo)
    }
    #expect(throws: MprofError.cannotOpen(path: scratch.url.path, reason: "is a directory, not a class-groups file")) {
      try ClassGroupSet(contentsOf: scratch.url.path)
    }
  }
}
