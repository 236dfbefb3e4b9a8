package io.qat4j.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

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
        Path tmp = createTemporary(dir, dest);
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
        } catch (IOException e) {
            deleteAfterFailure(tmp, e);
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            if (msg.contains("No space left") || msg.contains("Disk quota exceeded")) {
                throw new IOException(dest + ": disk full while writing (" + msg + "); nothing was changed", e);
            }
            throw e;
        } catch (RuntimeException | Error e) {
            deleteAfterFailure(tmp, e);
            throw e;
        }
        fsyncDirectory(dir);
    }

    /**
     * A temporary file beside {@code dest}. {@code createTempFile} alone would make it owner-only
     * (0600), and the rename would hand that mode to the model file; instead an existing
     * destination keeps its permissions and a new one gets the usual rw-r--r-- (less the umask).
     */
    private static Path createTemporary(Path dir, Path dest) throws IOException {
        String prefix = "." + dest.getFileName() + ".";
        if (!Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return Files.createTempFile(dir, prefix, ".tmp");
        }
        Set<PosixFilePermission> perms = Files.isRegularFile(dest)
                ? Files.getPosixFilePermissions(dest)
                : PosixFilePermissions.fromString("rw-r--r--");
        Path tmp = Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(perms));
        if (Files.isRegularFile(dest)) {
            Files.setPosixFilePermissions(tmp, perms); // exactly the old mode, whatever the umask
        }
        return tmp;
    }

    /** Removes the temporary file; a failure to do so is attached to the error being reported. */
    private static void deleteAfterFailure(Path tmp, Throwable cause) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            cause.addSuppressed(e);
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
