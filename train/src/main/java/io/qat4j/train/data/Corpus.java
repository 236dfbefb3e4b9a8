package io.qat4j.train.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * A training corpus: the bytes of one text file, or of every file under a folder (sorted by path, hidden
 * files skipped) joined in that order. Files ending in {@code .gz} are decompressed.
 */
public final class Corpus {
    private Corpus() {}

    public static byte[] read(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "training data not found");
        }
        if (!Files.isDirectory(path)) {
            return readFile(path);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(path)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> !isHidden(path.relativize(p)))
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            throw new IOException(path + ": the folder holds no data files");
        }
        var out = new ByteArrayOutputStream();
        for (Path f : files) {
            out.write(readFile(f));
        }
        return out.toByteArray();
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static byte[] readFile(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Files.readAllBytes(file);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        } catch (java.util.zip.ZipException e) {
            throw new IOException(file + ": not a valid gzip file (" + e.getMessage() + ")", e);
        }
    }
}
