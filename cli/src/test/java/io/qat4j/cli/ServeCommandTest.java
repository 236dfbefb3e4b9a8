package io.qat4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.qat4j.testkit.TestData;

class ServeCommandTest {

    @Test
    void theFlagsConfigureTheServer() throws Exception {
        String model = TestData.file("gemma3-tiny/gemma3-tiny-q8_0.gguf").toString();
        var parsed = Main.newCommandLine().parseArgs("serve", "--model", model, "--port", "0", "--parallel", "2", "--queue", "3", "--ctx", "64",
                "--timeout", "5", "--api-key", "sk-1", "--alias", "gpt-4o-mini", "--prefix-reuse", "off", "-t", "1");
        var cmd = (ServeCommand) parsed.subcommand().commandSpec().userObject();
        try (var running = cmd.start()) {
            var s = running.server();
            assertThat(s.config().modelIds()).containsExactly("gemma3-tiny-q8_0", "gpt-4o-mini");
            assertThat(s.config().apiKeys()).contains("sk-1");
            assertThat(s.config().requestTimeout()).hasSeconds(5);
            assertThat(running.model().slots()).isEqualTo(2);
            assertThat(running.model().contextSize()).isEqualTo(64);
            assertThat(running.reuse().enabled()).isFalse();
            var http = HttpClient.newHttpClient();
            var res = http.send(HttpRequest.newBuilder(URI.create(s.url() + "/v1/models")).header("Authorization", "Bearer sk-1").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).contains("\"id\":\"gemma3-tiny-q8_0\"", "\"id\":\"gpt-4o-mini\"");
        }
    }

    @Test
    void helpDescribesTheEndpoints() {
        var run = CliRun.of("serve", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("/v1/chat/completions", "--parallel", "--api-key", "--prefix-reuse");
    }

    @Test
    void aBadValueIsOneClearSentence() {
        var run = CliRun.of("serve", "--model", "/nonexistent/m.gguf", "--port", "0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("qat4j serve: /nonexistent/m.gguf: no such file");
    }
}
