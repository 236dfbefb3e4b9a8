package io.qat4j.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.core.tokenizer.ChatMessage;
import io.qat4j.infer.api.LocalModel;
import io.qat4j.infer.api.Qat4j;
import io.qat4j.infer.generate.Completion;
import io.qat4j.infer.generate.GenerationOptions;
import io.qat4j.infer.generate.TokenSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generates text from a prompt, streamed to stdout.",
            "",
            "Examples:",
            "  qat4j generate --model gemma-3-1b-it-q4_0.gguf --chat --prompt 'Write a haiku about Java.'",
            "  qat4j generate --model m.gguf --prompt 'Once upon a time' -n 64 --temp 0 --json"})
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    ModelLoadOptions load;

    @Option(names = {"-p", "--prompt"}, required = true, paramLabel = "P", description = "the prompt")
    String prompt;

    @Option(names = "-n", paramLabel = "N", description = "most tokens to generate (default: ${DEFAULT-VALUE})")
    int maxTokens = 256;

    @Option(names = "--chat", description = "wrap the prompt as a user turn in the model's chat template")
    boolean chat;

    @Option(names = "--system", paramLabel = "S", description = "a system prompt (with --chat)")
    String system;

    @Option(names = "--stop", paramLabel = "S", description = "stop before this string (repeatable)")
    List<String> stop = List.of();

    @Option(names = "--json", description = "print one JSON summary (text, token counts, timings) instead of streaming")
    boolean json;

    @Mixin
    SamplingOptions sampling;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        var options = GenerationOptions.of(maxTokens, sampling.toConfig()).withStop(stop);
        try (LocalModel m = Qat4j.load(load.model, load.toOptions())) {
            TokenSink sink = json ? TokenSink.NONE : new TokenSink() {
                @Override
                public void onText(String delta) {
                    out.print(delta);
                    out.flush();
                }
            };
            int[] ids;
            if (chat) {
                var messages = new java.util.ArrayList<ChatMessage>();
                if (system != null) {
                    messages.add(ChatMessage.system(system));
                }
                messages.add(ChatMessage.user(prompt));
                ids = m.chatTokens(messages);
            } else {
                if (system != null) {
                    throw new IllegalArgumentException("--system needs --chat");
                }
                ids = m.tokenizer().encode(prompt, true, false);
            }
            if (!json) {
                out.print(chat ? "" : prompt);
                out.flush();
            }
            Completion c = m.submit(ids, options, sink).join();
            if (c.error() != null) {
                throw new IllegalStateException("generation failed: " + c.error().getMessage(), c.error());
            }
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("model", load.model.toString());
                o.put("text", c.text());
                o.put("finish_reason", c.finishReason().openAiName());
                o.put("prompt_tokens", c.promptTokens());
                o.put("completion_tokens", c.completionTokens());
                o.put("seed", sampling.effectiveSeed());
                o.put("prefill_ms", c.prefillNanos() / 1e6);
                o.put("decode_ms", c.decodeNanos() / 1e6);
                o.put("prefill_tps", c.prefillTokensPerSecond());
                o.put("decode_tps", c.decodeTokensPerSecond());
                out.println(new ObjectMapper().writeValueAsString(o));
            } else {
                out.println();
                System.err.printf("%n[%d prompt tokens at %.1f tokens/s, %d generated at %.1f tokens/s, %s, seed %d]%n",
                        c.promptTokens(), c.prefillTokensPerSecond(), c.completionTokens(), c.decodeTokensPerSecond(),
                        c.finishReason().name().toLowerCase(), sampling.effectiveSeed());
            }
        }
        return 0;
    }
}
