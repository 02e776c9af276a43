#if canImport(Glibc)
import Glibc
#endif

/// Prometheus' standard `process_*` metrics of the rendering process, read from `/proc/self`
/// at each scrape (Linux; elsewhere only the start time).
struct ProcessStatistics {
    var cpuSeconds: Double?
    var residentBytes: Int?
    var virtualBytes: Int?
    var openFDs: Int?
    var maxFDs: Int?
    let startTime: Double

    static func current(startTime: Double) -> ProcessStatistics {
        var statistics = ProcessStatistics(startTime: startTime)
        // /proc/self/stat: "pid (comm) state ..." — fields after the comm's closing parenthesis
        // (a comm may hold spaces and parentheses), utime and stime are the 12th and 13th of
        // them, vsize and rss the 21st and 22nd.
        if let stat = readFile("/proc/self/stat"), let close = stat.lastIndex(of: ")") {
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
            if fields.count > 21, let user = Double(fields[11]), let system = Double(fields[12]), ticks > 0 {
                statistics.cpuSeconds = (user + system) / ticks
                statistics.virtualBytes = Int(fields[20])
                statistics.residentBytes = Int(fields[21]).map { $0 * Int(sysconf(Int32(_SC_PAGESIZE))) }
            }
        }
        if let directory = opendir("/proc/self/fd") {
            var count = 0
            while let entry = readdir(directory) {
                if entry.pointee.d_name.0 != UInt8(ascii: ".") { count += 1 }
            }
            closedir(directory)
            statistics.openFDs = count - 1  // the directory's own descriptor
        }
        var limit = rlimit()
        if getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur != rlim_t.max {
            statistics.maxFDs = Int(limit.rlim_cur)
        }
        return statistics
    }

    func write(to out: inout PrometheusWriter) {
        if let cpuSeconds {
            out.family("process_cpu_seconds_total", .counter, "Total user and system CPU time spent in seconds.")
            out.sample("process_cpu_seconds_total", [], cpuSeconds)
        }
        if let residentBytes {
            out.family("process_resident_memory_bytes", .gauge, "Resident memory size in bytes.")
            out.sample("process_resident_memory_bytes", [], residentBytes)
        }
        if let virtualBytes {
            out.family("process_virtual_memory_bytes", .gauge, "Virtual memory size in bytes.")
            out.sample("process_virtual_memory_bytes", [], virtualBytes)
        }
        if let openFDs {
            out.family("process_open_fds", .gauge, "Number of open file descriptors.")
            out.sample("process_open_fds", [], openFDs)
        }
        if let maxFDs {
            out.family("process_max_fds", .gauge, "Maximum number of open file descriptors.")
            out.sample("process_max_fds", [], maxFDs)
        }
        out.family("process_start_time_seconds", .gauge, "Start time of the process since unix epoch in seconds.")
        out.sample("process_start_time_seconds", [], startTime)
    }

    private static func readFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = read(fd, &buffer, buffer.count)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count], as: UTF8.self)
    }
}
