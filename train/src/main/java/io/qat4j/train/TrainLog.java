package io.qat4j.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON-lines training log: one object per step ({@code step, loss, lr, grad_norm, tokens_per_s}, plus
 * {@code val_loss, val_bpb} when evaluated). On resume, lines past the checkpoint's step are dropped,
 * so the log reads as if the run had never been interrupted.
 */
final class TrainLog implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final BufferedWriter out;

    private TrainLog(BufferedWriter out) {
        this.out = out;
    }

    static TrainLog open(Path path, long resumedStep) throws IOException {
        if (path == null) {
            return new TrainLog(null);
        }
        if (path.toAbsolutePath().getParent() != null) {
            Files.createDirectories(path.toAbsolutePath().getParent());
        }
        if (resumedStep > 0 && Files.exists(path)) {
            List<String> kept = Files.readAllLines(path, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank() && step(line) <= resumedStep)
                    .toList();
            Files.write(path, kept, StandardCharsets.UTF_8);
        } else {
            Files.deleteIfExists(path);
        }
        return new TrainLog(Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND));
    }

    private static long step(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            return n.path("step").asLong(Long.MAX_VALUE);
        } catch (IOException e) {
            return Long.MAX_VALUE; // a torn last line from a killed run
        }
    }

    ObjectNode entry(long step) {
        ObjectNode o = JSON.createObjectNode();
        o.put("step", step);
        return o;
    }

    void write(ObjectNode entry) throws IOException {
        if (out != null) {
            out.write(entry.toString());
            out.newLine();
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
