package io.qat4j.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.qat4j.core.io.AtomicFiles;

/**
 * Which demo steps have finished, kept in {@code demo-state.json} in the output folder, so an
 * interrupted demo resumes from the first unfinished step. The settings the steps depend on are
 * stored too: a re-run with other settings refuses to mix the two.
 */
public final class DemoState {
    static final String FILE = "demo-state.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;
    private final String settings;
    private final Map<String, Object> done;

    private DemoState(Path file, String settings, Map<String, Object> done) {
        this.file = file;
        this.settings = settings;
        this.done = done;
    }

    /**
     * Opens the state in {@code dir} for these settings; a state written with other settings is an
     * error that says how to start over.
     */
    public static DemoState open(Path dir, String settings) throws IOException {
        Path file = dir.resolve(FILE);
        Map<String, Object> done = new LinkedHashMap<>();
        if (Files.exists(file)) {
            ObjectNode o = (ObjectNode) JSON.readTree(Files.readString(file));
            String previous = o.path("settings").asText();
            if (!previous.equals(settings)) {
                throw new IllegalArgumentException(dir + " holds a demo run with other settings (" + previous
                        + "); use another --out, or --fresh to start over there");
            }
            o.path("done").properties().forEach(e -> done.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
        }
        return new DemoState(file, settings, done);
    }

    public boolean isDone(String step) {
        return done.containsKey(step);
    }

    /** What the step recorded when it finished. */
    public Object result(String step) {
        return done.get(step);
    }

    /** Records a finished step (atomically, so a kill never leaves a half-written state). */
    public void markDone(String step, Object result) throws IOException {
        done.put(step, result);
        ObjectNode o = JSON.createObjectNode();
        o.put("settings", settings);
        o.set("done", JSON.valueToTree(done));
        byte[] bytes = JSON.writeValueAsString(o).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, bytes.length, ch -> ch.write(java.nio.ByteBuffer.wrap(bytes)));
    }
}
