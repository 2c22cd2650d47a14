import DualPreventionServer
import Foundation
import FuzzTargets

// libFuzzer's driver, run from this program's own main (SwiftPM gives an executable target its main, so libFuzzer's
// is not linked): `.ci/fuzz.sh` builds this with -sanitize=fuzzer,address.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// One input, as libFuzzer calls it.
@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    BodyProbe.everyBody(data.map { Data(bytes: $0, count: size) } ?? Data(), now: FuzzTargets.now)
    return 0
}

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runDriver(&argc, &argv, testOneInput))
