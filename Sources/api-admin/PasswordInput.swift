// `--password-stdin`: the password from standard input, never from the command line (which
// `ps` shows to every local user and the shell keeps in its history).
#if canImport(Glibc)
import Glibc
#endif

/// Reads create-user's password: at a terminal, a prompt without echo asked twice (as Django's
/// `createsuperuser` does); from a pipe or file, the whole input with one trailing newline
/// dropped (as `docker login --password-stdin` does).
///
///     let password = try PasswordInput.read()
enum PasswordInput {
    struct Refusal: Error, CustomStringConvertible {
        let description: String
        /// The process's exit status (130 for an interrupt, as a shell reports one).
        var status: Int32 = 1
    }

    static func read() throws(Refusal) -> String {
        let password: String
        if isatty(0) == 1 {
            let first = try prompt("Password: ")
            let second = try prompt("Password (again): ")
            guard first == second else { throw Refusal(description: "the passwords didn't match") }
            password = first
        } else {
            var bytes = readAll(0)
            if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            password = String(decoding: bytes, as: UTF8.self)
        }
        guard !password.isEmpty else { throw Refusal(description: "blank passwords aren't allowed") }
        return password
    }

    /// One line from the terminal on fd 0, the prompt on fd 2 (stdout carries only the token).
    /// Echo, line editing and signal keys are off while it reads, so the password never shows
    /// and Ctrl-C cannot leave the terminal without echo: it is read as a byte and ends the
    /// prompt after the settings are restored.
    private static func prompt(_ text: String) throws(Refusal) -> String {
        var saved = termios()
        guard tcgetattr(0, &saved) == 0 else { throw Refusal(description: "cannot read the terminal's settings") }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG)
        withUnsafeMutableBytes(of: &quiet.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(0, TCSAFLUSH, &quiet) == 0 else { throw Refusal(description: "cannot turn the terminal's echo off") }
        defer {
            var restore = saved
            tcsetattr(0, TCSAFLUSH, &restore)
            writeLine("", to: 2)
        }
        writeRaw(text, to: 2)
        var line: [UInt8] = []
        while true {
            var byte: UInt8 = 0
            let got = Glibc.read(0, &byte, 1)
            if got < 0 && errno == EINTR { continue }
            guard got == 1 else { throw Refusal(description: "no password given (end of input)") }
            switch byte {
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                return String(decoding: line, as: UTF8.self)
            case 0x03:  // Ctrl-C
                throw Refusal(description: "interrupted", status: 130)
            case 0x04 where line.isEmpty:  // Ctrl-D on an empty line
                throw Refusal(description: "no password given (end of input)")
            case 0x7F, 0x08:  // backspace: drop the last character, continuation bytes included
                while let last = line.popLast(), last & 0xC0 == 0x80 {}
            case 0x15:  // Ctrl-U: start over
                line.removeAll()
            default:
                line.append(byte)
            }
        }
    }

    private static func readAll(_ descriptor: Int32) -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let got = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { return bytes }
            bytes += buffer[0..<got]
        }
    }

    private static func writeRaw(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { _ = write(descriptor, $0.baseAddress, $0.count) }
    }
}
