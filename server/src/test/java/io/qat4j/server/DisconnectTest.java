package io.qat4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** A client that goes away mid-stream cancels its generation and gets its slot back. */
class DisconnectTest {

    static final String CANCELLED = "qat4j_completions_total{endpoint=\"/v1/chat/completions\",finish_reason=\"cancelled\"}";

    @Test
    void closingTheConnectionDuringAStreamCancelsTheGenerationAndFreesTheSlot() throws Exception {
        // 25 ms per token, 120 tokens: left alone the generation would run 3 s.
        try (var t = TestServer.start(1, 2, c -> c, TestServer.slowDecoding(25))) {
            // Greedy, with <eos> (1) and <end_of_turn> (328) banned, so the model cannot finish before the disconnect.
            String body = """
                    {"model":"gemma3-tiny","messages":[{"role":"user","content":"Hi"}],"max_tokens":120,"stream":true,
                     "temperature":0,"logit_bias":{"1":-100,"328":-100}}""";
            long closedAt;
            try (var socket = new Socket("127.0.0.1", t.server.port())) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                // The opening chunk ("content":"") is written before the engine admits the request into a
                // slot; the first chunk with text comes from a running generation.
                String received = readUntil(socket.getInputStream(), FIRST_TEXT);
                assertThat(received).startsWith("HTTP/1.1 200").contains("text/event-stream").containsPattern(FIRST_TEXT);
                assertThat(t.model.stats().activeSlots()).isEqualTo(1);
                closedAt = System.nanoTime();
            }
            long deadline = closedAt + TimeUnit.SECONDS.toNanos(2);
            while (t.server.runningGenerations() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            long tookMillis = (System.nanoTime() - closedAt) / 1_000_000;
            assertThat(t.server.runningGenerations()).as("generation still running %d ms after the disconnect", tookMillis).isZero();
            assertThat(t.model.stats().activeSlots()).isZero();
            assertThat(t.model.stats().queued()).isZero();
            String metrics = t.server.metrics().scrape();
            assertThat(TestServer.metric(metrics, CANCELLED)).isEqualTo(1);
            // It stopped long before its 120 tokens.
            assertThat(TestServer.metric(metrics, "qat4j_generated_tokens_total")).isLessThan(120);
            // And the slot serves the next client.
            var next = t.post("/v1/chat/completions", """
                    {"model":"gemma3-tiny","messages":[{"role":"user","content":"Hi"}],"max_tokens":3}""");
            assertThat(next.statusCode()).isEqualTo(200);
        }
    }

    /** A delta that carries at least one character of text. */
    private static final Pattern FIRST_TEXT = Pattern.compile("\"content\":\"[^\"]");

    /** Reads from the stream until {@code marker} has appeared (after the response headers), or until it ends. */
    private static String readUntil(InputStream in, Pattern marker) throws Exception {
        var buf = new ByteArrayOutputStream();
        byte[] b = new byte[512];
        while (!marker.matcher(buf.toString(StandardCharsets.UTF_8)).find()) {
            int n = in.read(b);
            if (n < 0) {
                break;
            }
            buf.write(b, 0, n);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
