package io.qat4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.gguf.GgufWriter;

/**
 * No data loss: a write that fails for any reason (a failing tensor source, a full disk, a failed
 * precheck) leaves an existing destination byte for byte as it was, and no temporary file behind.
 */
class AtomicWriteTest {
    @TempDir
    Path dir;

    private static GgufWriter writerWith(GgufWriter.TensorData second) {
        return new GgufWriter().putString("general.name", "new")
                .addTensor("a", GgmlType.F32, new long[] {1024}, MemorySegment.ofArray(new float[1024]))
                .addTensor("b", GgmlType.F32, new long[] {1024}, second)
                .addTensor("c", GgmlType.F32, new long[] {8}, MemorySegment.ofArray(new float[8]));
    }

    /** An existing, valid model file at {@code p}; returns its bytes. */
    private static byte[] existingModel(Path p) throws IOException {
        new GgufWriter().putString("general.name", "old")
                .addTensor("w", GgmlType.F32, new long[] {4}, MemorySegment.ofArray(new float[] {1, 2, 3, 4})).write(p);
        return Files.readAllBytes(p);
    }

    private static List<Path> filesIn(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void tensorDataFailingHalfwayLeavesTheDestinationUntouched() throws Exception {
        Path dest = dir.resolve("model.gguf");
        byte[] before = existingModel(dest);
        var w = writerWith(() -> {
            throw new IOException("simulated read error in tensor b");
        });
        assertThatThrownBy(() -> w.write(dest)).isInstanceOf(IOException.class)
                .hasMessage("simulated read error in tensor b");
        assertThat(Files.readAllBytes(dest)).isEqualTo(before);
        assertThat(filesIn(dir)).containsExactly(dest);
    }

    @Test
    void uncheckedFailuresAlsoLeaveNothingBehind() throws Exception {
        Path dest = dir.resolve("model.gguf");
        byte[] before = existingModel(dest);
        var w = writerWith(() -> {
            throw new IllegalStateException("bug in a quantizer");
        });
        assertThatThrownBy(() -> w.write(dest)).isInstanceOf(IllegalStateException.class);
        assertThat(Files.readAllBytes(dest)).isEqualTo(before);
        assertThat(filesIn(dir)).containsExactly(dest);

        Path fresh = dir.resolve("fresh.gguf");
        assertThatThrownBy(() -> writerWith(() -> MemorySegment.ofArray(new byte[3])).write(fresh))
                .hasMessageContaining("tensor 'b' produced 3 bytes");
        assertThat(filesIn(dir)).containsExactly(dest);
    }

    @Test
    void aBodyThatFailsAfterWritingLeavesTheDestinationUntouched() throws Exception {
        Path dest = dir.resolve("data.bin");
        Files.write(dest, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> AtomicFiles.write(dest, 0, ch -> {
            ch.write(ByteBuffer.allocate(100_000));
            throw new IOException("stopped halfway");
        })).hasMessage("stopped halfway");
        assertThat(Files.readAllBytes(dest)).containsExactly(1, 2, 3);
        assertThat(filesIn(dir)).containsExactly(dest);
    }

    @Test
    void aSuccessfulWriteReplacesTheFileAndLeavesNoTemporary() throws Exception {
        Path dest = dir.resolve("model.gguf");
        existingModel(dest);
        writerWith(() -> MemorySegment.ofArray(new float[1024])).write(dest);
        try (GgufFile f = GgufReader.open(dest)) {
            assertThat(f.metadata().getString("general.name")).isEqualTo("new");
            assertThat(f.tensors()).hasSize(3);
        }
        assertThat(filesIn(dir)).containsExactly(dest);
    }

    @Test
    void freeSpacePrecheckFailsBeforeWritingAnything() throws Exception {
        Path dest = dir.resolve("model.gguf");
        byte[] before = existingModel(dest);
        var bodyRan = new AtomicBoolean();
        assertThatThrownBy(() -> AtomicFiles.write(dest, Long.MAX_VALUE, ch -> bodyRan.set(true)))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(dest + ": not enough disk space")
                .hasMessageContaining("needs " + Long.MAX_VALUE + " bytes")
                .hasMessageContaining("available");
        assertThat(bodyRan).isFalse();

        // A 16 TiB tensor, produced lazily: the writer knows the size up front and never asks for the data.
        var dataAsked = new AtomicBoolean();
        var huge = new GgufWriter().addTensor("w", GgmlType.F32, new long[] {1L << 42}, () -> {
            dataAsked.set(true);
            throw new AssertionError("must not be produced");
        });
        assertThatThrownBy(() -> huge.write(dest)).isInstanceOf(IOException.class)
                .hasMessageContaining("not enough disk space").hasMessageContaining("needs " + huge.fileSize() + " bytes");
        assertThat(dataAsked).isFalse();
        assertThat(Files.readAllBytes(dest)).isEqualTo(before);
        assertThat(filesIn(dir)).containsExactly(dest);
    }

    @Test
    void permissionsOfAnExistingFileAreKeptAndNewFilesAreNotOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path dest = dir.resolve("model.gguf");
        existingModel(dest);
        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-rw----");
        Files.setPosixFilePermissions(dest, shared);
        writerWith(() -> MemorySegment.ofArray(new float[1024])).write(dest);
        assertThat(Files.getPosixFilePermissions(dest)).isEqualTo(shared);

        // A new file gets rw-r--r-- less the umask, like any file a tool creates; probe the umask.
        Path probe = Files.createFile(dir.resolve("probe"));
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(probe);
        expected.retainAll(PosixFilePermissions.fromString("rw-r--r--"));
        Path fresh = dir.resolve("fresh.gguf");
        writerWith(() -> MemorySegment.ofArray(new float[1024])).write(fresh);
        assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(expected);
    }

    /** A real full disk: a 64 KB tmpfs (see {@link TinyTmpfs}); skipped where it cannot be mounted. */
    @Test
    void aRealFullDiskLeavesTheDestinationUntouched() throws Exception {
        Path mountPoint = Files.createDirectory(dir.resolve("tmpfs"));
        try (TinyTmpfs fs = TinyTmpfs.mount(mountPoint, 64)) {
            assumeTrue(fs != null, "cannot mount a tmpfs in a user namespace here");
            Path disk = fs.root();
            Path dest = disk.resolve("model.gguf");
            byte[] before = existingModel(dest);

            // 1. Not even the precheck can see the problem: the body writes more than fits.
            assertThatThrownBy(() -> AtomicFiles.write(dest, 0, ch -> {
                for (int i = 0; i < 32; i++) {
                    ch.write(ByteBuffer.allocate(8192));
                }
            })).isInstanceOf(IOException.class)
                    .hasMessageStartingWith(dest + ": disk full while writing")
                    .hasMessageContaining("No space left on device")
                    .hasMessageContaining("nothing was changed");
            assertThat(Files.readAllBytes(dest)).isEqualTo(before);
            assertThat(filesIn(disk)).containsExactly(dest);

            // 2. The precheck passes, then another process fills the disk while tensors are produced.
            Path filler = disk.resolve("someone-else.bin");
            var w = writerWith(() -> {
                fillUp(filler);
                return MemorySegment.ofArray(new float[1024]);
            });
            assertThat(w.fileSize()).isLessThan(Files.getFileStore(disk).getUsableSpace());
            assertThatThrownBy(() -> w.write(dest)).isInstanceOf(IOException.class)
                    .hasMessageContaining("disk full while writing").hasMessageContaining("model.gguf");
            assertThat(Files.readAllBytes(dest)).isEqualTo(before);
            assertThat(filesIn(disk)).containsExactlyInAnyOrder(dest, filler);
            Files.delete(filler);

            // 3. The precheck itself: a file larger than the whole tmpfs.
            var big = new GgufWriter().addTensor("w", GgmlType.F32, new long[] {32 * 1024},
                    MemorySegment.ofArray(new float[32 * 1024]));
            assertThatThrownBy(() -> big.write(dest)).hasMessageStartingWith(dest + ": not enough disk space")
                    .hasMessageContaining("needs " + big.fileSize() + " bytes");
            assertThat(Files.readAllBytes(dest)).isEqualTo(before);
            assertThat(filesIn(disk)).containsExactly(dest);
        }
    }

    /** Appends to {@code p} until the file system is full. */
    private static void fillUp(Path p) {
        try (var out = Files.newOutputStream(p)) {
            while (true) {
                out.write(new byte[4096]);
                out.flush();
            }
        } catch (IOException full) {
            // the disk is full now
        }
    }
}
