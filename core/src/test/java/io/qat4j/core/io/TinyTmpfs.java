package io.qat4j.core.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs for provoking a real "No space left on device", without root: a helper process
 * enters its own user and mount namespace ({@code unshare --user --map-root-user --mount}), mounts
 * the tmpfs there and sleeps; this JVM reaches the mount through {@code /proc/PID/root}. Returns
 * null where that is not possible (not Linux, no unshare, user namespaces disabled).
 */
final class TinyTmpfs implements AutoCloseable {
    private final Process helper;
    private final Path root;

    private TinyTmpfs(Process helper, Path root) {
        this.helper = helper;
        this.root = root;
    }

    static TinyTmpfs mount(Path mountPoint, int kib) {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return null;
        }
        Process p;
        try {
            p = new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", "sh", "-c",
                    "mount -t tmpfs -o size=" + kib + "k tmpfs \"$0\" && echo ready && exec sleep 300",
                    mountPoint.toAbsolutePath().toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return null;
        }
        var reader = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        try {
            line = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.readLine();
                } catch (IOException e) {
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            line = null;
        }
        Path root = Path.of("/proc", Long.toString(p.pid()), "root").resolve(mountPoint.toAbsolutePath().toString().substring(1));
        if (!"ready".equals(line) || !Files.isWritable(root)) {
            p.destroyForcibly();
            return null;
        }
        return new TinyTmpfs(p, root);
    }

    /** The mounted file system, as this JVM sees it. */
    Path root() {
        return root;
    }

    @Override
    public void close() throws InterruptedException {
        helper.destroy();
        helper.waitFor(10, TimeUnit.SECONDS);
    }
}
