package io.qat4j.infer.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the operating system says about this process: resident memory (current and peak) from
 * /proc/self/status, CPU time from the scheduler's per-thread counters, and package energy from RAPL counters where the machine
 * exposes them.
 */
public final class ProcessStats {
    private ProcessStats() {}

    /** Current resident set size in bytes (VmRSS), or -1 off Linux. */
    public static long rssBytes() {
        return statusField("VmRSS:");
    }

    /** Peak resident set size in bytes (VmHWM), or -1 off Linux. */
    public static long peakRssBytes() {
        return statusField("VmHWM:");
    }

    /**
     * Process CPU time (user + system) in nanoseconds, or -1 when neither Linux nor the JVM can tell. On Linux
     * it is the sum over the process's threads of the scheduler's exact run time: the JVM's own figure comes
     * from times(2) in clock ticks (10 ms), too coarse for a decode phase of a few milliseconds.
     */
    public static long cpuNanos() {
        long threads = threadRunNanos();
        if (threads >= 0) {
            return threads;
        }
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    /**
     * Cumulative package energy in microjoules summed over RAPL domains, or empty when the machine
     * exposes no readable counter (virtual machines usually don't).
     */
    public static Optional<Long> energyMicrojoules() {
        Path root = Path.of("/sys/class/powercap");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (var dirs = Files.list(root)) {
            List<Path> domains = dirs.filter(d -> d.getFileName().toString().matches("intel-rapl:\\d+")).toList();
            long sum = 0;
            boolean any = false;
            for (Path d : domains) {
                Path f = d.resolve("energy_uj");
                if (Files.isReadable(f)) {
                    sum += Long.parseLong(Files.readString(f).trim());
                    any = true;
                }
            }
            return any ? Optional.of(sum) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Σ over the threads in /proc/self/task of their schedstat's first field (nanoseconds on a CPU), or -1 off Linux. */
    private static long threadRunNanos() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long sum = 0;
        try (var threads = Files.newDirectoryStream(tasks)) {
            for (Path t : threads) {
                try {
                    String stat = Files.readString(t.resolve("schedstat"));
                    sum += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
                } catch (IOException | RuntimeException ended) {
                    // the thread ended while the directory was read: it no longer counts
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }

    private static long statusField(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
