package io.qat4j.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a crash, a kill or a full disk never leaves a half-written file under the
 * final name: write to a temporary file in the same directory, fsync it, then rename it over the
 * destination.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** What fills the temporary file. */
    @FunctionalInterface
    public interface Body {
        void write(FileChannel channel) throws IOException;
    }

    /**
     * Writes {@code dest} atomically. When {@code expectedBytes} is positive and the file system
     * reports less usable space, fails before writing anything.
     */
    public static void write(Path dest, long expectedBytes, Body body) throws IOException {
        Path dir = dest.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (expectedBytes > 0) {
            FileStore store = Files.getFileStore(dir);
            long usable = store.getUsableSpace();
            if (usable < expectedBytes) {
                throw new IOException(dest + ": not enough disk space (needs " + expectedBytes + " bytes, "
                        + usable + " available)");
            }
        }
        // createFile (unlike createTempFile) applies the umask, so the result gets normal permissions.
        Path tmp = dir.resolve("." + dest.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
        Files.createFile(tmp);
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                body.write(ch);
                ch.force(true);
            }
            try {
                Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING);
            }
            fsyncDirectory(dir);
            done = true;
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            if (msg.contains("No space left")) {
                throw new IOException(dest + ": disk full while writing (" + msg + "); nothing was changed", e);
            }
            throw e;
        } finally {
            if (!done) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Makes the rename itself durable; not every platform can open a directory, which is fine. */
    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Best effort: the data itself was already forced.
        }
    }
}
