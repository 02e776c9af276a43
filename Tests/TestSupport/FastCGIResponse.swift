import Foundation

/// What a responder answered: the raw streams, the end status, and the CGI response parsed
/// from FCGI_STDOUT.
public struct FastCGIResponse: Sendable {
    public let stdout: [UInt8]
    public let stderr: [UInt8]
    public let appStatus: UInt32
    public let protocolStatus: UInt8
    /// From the `Status:` header; 200 when there is none (CGI's default).
    public let status: Int
    public let headers: [(name: String, value: String)]
    public let body: [UInt8]

    public var text: String { String(decoding: body, as: UTF8.self) }
    public func header(_ name: String) -> String? { headerValues(name).first }
    public func headerValues(_ name: String) -> [String] {
        headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
    }

    init(stdout: [UInt8], stderr: [UInt8], appStatus: UInt32, protocolStatus: UInt8) throws {
        self.stdout = stdout
        self.stderr = stderr
        self.appStatus = appStatus
        self.protocolStatus = protocolStatus
        guard let end = stdout.indices.first(where: { stdout[$0...].starts(with: [13, 10, 13, 10]) }) else {
            throw TestSupportError("no end of CGI headers in stdout: \(String(decoding: stdout, as: UTF8.self))")
        }
        var status = 200
        var headers: [(name: String, value: String)] = []
        for line in String(decoding: stdout[..<end], as: UTF8.self).components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon]), value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if name.lowercased() == "status" {
                status = Int(value.prefix(3)) ?? 0
            } else {
                headers.append((name, value))
            }
        }
        self.status = status
        self.headers = headers
        body = Array(stdout[(end + 4)...])
    }
}
