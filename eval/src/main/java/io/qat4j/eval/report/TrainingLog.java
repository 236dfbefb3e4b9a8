package io.qat4j.eval.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A JSON-lines log of {@code qat4j train} or {@code qat4j qat}: one object per step with {@code step}
 * and {@code loss}, and {@code val_loss}/{@code val_bpb} on the steps that validated. Other fields are
 * ignored; a torn last line (a killed run) is skipped.
 *
 * @param name   how plots call the run (the file name without {@code .jsonl})
 * @param points the steps in file order
 */
public record TrainingLog(String name, List<Point> points) {

    /** One logged step; {@code valBpb} and {@code valLoss} are NaN where the step did not validate. */
    public record Point(long step, double loss, double valLoss, double valBpb) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public TrainingLog {
        points = List.copyOf(points);
    }

    public static TrainingLog read(Path file) throws IOException {
        return read(file, defaultName(file));
    }

    public static TrainingLog read(Path file, String name) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "training log not found");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        var points = new ArrayList<Point>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode o;
            try {
                o = JSON.readTree(line);
            } catch (JacksonException e) {
                if (i == lines.size() - 1) {
                    continue; // a run killed mid-write leaves a torn last line
                }
                throw new IOException(file + " line " + (i + 1) + ": not JSON (" + e.getOriginalMessage() + ")", e);
            }
            if (!o.has("step") || !o.has("loss")) {
                throw new IOException(file + " line " + (i + 1) + ": a training log line needs 'step' and 'loss'");
            }
            points.add(new Point(o.get("step").asLong(), o.get("loss").asDouble(), number(o, "val_loss"), number(o, "val_bpb")));
        }
        if (points.isEmpty()) {
            throw new IOException(file + ": the training log holds no steps");
        }
        return new TrainingLog(name, points);
    }

    private static double number(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }

    static String defaultName(Path file) {
        String n = file.getFileName().toString();
        for (String ext : new String[] {".jsonl", ".json", ".log", ".gguf"}) {
            if (n.endsWith(ext)) {
                n = n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }

    public boolean hasValidation() {
        return points.stream().anyMatch(p -> !Double.isNaN(p.valBpb()));
    }
}
