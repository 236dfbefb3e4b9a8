package io.qat4j.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.core.tokenizer.ChatMessage;
import io.qat4j.guard.GenerationRequest;
import io.qat4j.guard.reask.GuardedGenerator;
import io.qat4j.guard.reask.GuardedResult;
import io.qat4j.guard.reask.LocalModelGenerator;
import io.qat4j.guard.reask.TextGenerator;
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
            "With --guidelines the answer is governed and held back until it is checked: nothing is printed",
            "before the checks, a blocked answer is never printed, and the verdict goes to stderr.",
            "",
            "Examples:",
            "  qat4j generate --model gemma-3-1b-it-q4_0.gguf --chat --prompt 'Write a haiku about Java.'",
            "  qat4j generate --model m.gguf --prompt 'Once upon a time' -n 64 --temp 0 --json",
            "  qat4j generate --model m.gguf --chat --system 'You write on behalf of QAT4J Cloud.' \\",
            "      --prompt 'Announce our backups.' --guidelines brand.yaml"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done (with --guidelines: the answer passed)", "3:the answer does not pass or needs review (printed)",
            "4:refused or blocked by the guidelines (nothing printed)", "1:error", "2:usage error"})
final class GenerateCommand implements Callable<Integer> {
    static final int EXIT_NOT_PASSED = 3;
    static final int EXIT_WITHHELD = 4;

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

    @Mixin
    GuidelineOptions governance;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        var options = GenerationOptions.of(maxTokens, sampling.toConfig()).withStop(stop);
        if (system != null && !chat) {
            throw new IllegalArgumentException("--system needs --chat");
        }
        try (LocalModel m = Qat4j.load(load.model, load.toOptions())) {
            if (governance.enabled()) {
                return governed(m, options, out);
            }
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

    /** Generation under --guidelines: checked, constrained, fixed, re-asked; printed only after the checks. */
    private int governed(LocalModel m, GenerationOptions options, PrintStream out) throws Exception {
        var g = governance.load(m);
        var s = options.sampler();
        var request = new GenerationRequest(load.model.getFileName().toString(), system, prompt, (double) s.temperature(),
                (double) s.topP(), maxTokens);
        TextGenerator generator;
        if (chat) {
            generator = new LocalModelGenerator(m, () -> options.withProcessors(List.of(g.constraint().newProcessor())));
        } else {
            // A raw continuation cannot be told what was wrong: a re-ask draws again with the next seed.
            var attempt = new AtomicInteger();
            generator = messages -> m.generate(prompt, new GenerationOptions(options.maxTokens(),
                    SamplingOptions.reseeded(s, s.seed() + attempt.getAndIncrement()), options.stop(),
                    List.of(g.constraint().newProcessor()), null)).text();
        }
        GuardedResult r = new GuardedGenerator(g.checker(), generator, governance.maxReasks).generate(request,
                governance.channel);
        boolean withheld = r.status() == GuardedResult.Status.REFUSED || r.status() == GuardedResult.Status.BLOCKED;
        int exit = withheld ? EXIT_WITHHELD : r.status() == GuardedResult.Status.PASSED ? 0 : EXIT_NOT_PASSED;
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model", load.model.toString());
            o.put("text", withheld ? null : r.text());
            o.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
            o.put("attempts", r.attempts().size());
            o.put("seed", sampling.effectiveSeed());
            o.put("request_verdict", r.requestVerdict());
            o.put("verdict", r.verdict());
            out.println(new ObjectMapper().writeValueAsString(o));
            return exit;
        }
        if (r.status() == GuardedResult.Status.REFUSED) {
            System.err.println("qat4j generate: the request breaks the guidelines; nothing was generated:");
            VerdictReport.print(System.err, "prompt", prompt, r.requestVerdict());
            return exit;
        }
        if (!withheld) {
            out.println((chat ? "" : prompt) + r.text());
        } else {
            System.err.println("qat4j generate: the answer broke a blocking rule and is withheld:");
        }
        VerdictReport.print(System.err, "answer", r.text(), r.verdict());
        System.err.printf("[%s after %d generation%s, seed %d]%n", r.status().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' '), r.attempts().size(), r.attempts().size() == 1 ? "" : "s", sampling.effectiveSeed());
        return exit;
    }
}
