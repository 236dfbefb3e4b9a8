package io.qat4j.eval;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import io.qat4j.core.io.AtomicFiles;

/** Writes a whole output file atomically, so an interrupted run never leaves half a report. */
public final class OutputFiles {
    private OutputFiles() {}

    public static void write(Path dest, byte[] bytes) throws IOException {
        AtomicFiles.write(dest, bytes.length, ch -> {
            var buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        });
    }

    public static void write(Path dest, String text) throws IOException {
        write(dest, text.getBytes(StandardCharsets.UTF_8));
    }
}
