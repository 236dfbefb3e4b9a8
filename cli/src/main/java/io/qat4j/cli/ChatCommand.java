package io.qat4j.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.qat4j.core.tokenizer.ChatMessage;
import io.qat4j.infer.api.LocalModel;
import io.qat4j.infer.api.Qat4j;
import io.qat4j.infer.generate.Completion;
import io.qat4j.infer.generate.ContextOverflowException;
import io.qat4j.infer.generate.GenerationOptions;
import io.qat4j.infer.generate.TokenSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "chat", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Talks with a model interactively, using its chat template.",
            "Type a message and press Enter. Commands: /reset clears the conversation, /system TEXT sets",
            "a system prompt (and resets), /exit or end of input (Ctrl-D) quits. Input may be piped."})
final class ChatCommand implements Callable<Integer> {
    @Mixin
    ModelLoadOptions load;

    @Option(names = "--system", paramLabel = "S", description = "a system prompt")
    String system;

    @Option(names = "-n", paramLabel = "N", description = "most tokens per answer (default: ${DEFAULT-VALUE})")
    int maxTokens = 512;

    @Mixin
    SamplingOptions sampling;

    @Override
    public Integer call() throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        boolean interactive = System.console() != null;
        try (LocalModel m = Qat4j.load(load.model, load.toOptions())) {
            List<ChatMessage> history = new ArrayList<>();
            if (system != null) {
                history.add(ChatMessage.system(system));
            }
            if (interactive) {
                out.printf("qat4j chat with %s (context %d tokens). /exit to quit, /reset to start over.%n", m.name(),
                        m.contextSize());
            }
            var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            var base = GenerationOptions.of(maxTokens, sampling.toConfig());
            int turn = 0;
            while (true) {
                if (interactive) {
                    out.print("> ");
                    out.flush();
                }
                String line = in.readLine();
                if (line == null || line.strip().equals("/exit")) {
                    break;
                }
                if (line.isBlank()) {
                    continue;
                }
                if (line.strip().equals("/reset")) {
                    history.removeIf(msg -> msg.role() != ChatMessage.Role.SYSTEM);
                    out.println("(conversation cleared)");
                    continue;
                }
                if (line.startsWith("/system ")) {
                    history.clear();
                    history.add(ChatMessage.system(line.substring(8).strip()));
                    out.println("(system prompt set; conversation cleared)");
                    continue;
                }
                history.add(ChatMessage.user(line));
                // A fresh seed per turn, derived from the run's seed, keeps a whole session repeatable.
                var opts = new GenerationOptions(base.maxTokens(), withSeed(base, turn++), List.of(), List.of(), null);
                Completion c;
                try {
                    c = m.streamChat(history, opts, new TokenSink() {
                        @Override
                        public void onText(String delta) {
                            out.print(delta);
                            out.flush();
                        }
                    }).join();
                } catch (ContextOverflowException e) {
                    history.removeLast();
                    out.println("(the conversation no longer fits the context of " + m.contextSize()
                            + " tokens: /reset to start over, or raise --ctx)");
                    continue;
                }
                out.println();
                if (c.error() != null) {
                    throw new IllegalStateException("generation failed: " + c.error().getMessage(), c.error());
                }
                history.add(ChatMessage.assistant(c.text()));
            }
        }
        return 0;
    }

    private static io.qat4j.infer.sampling.SamplerConfig withSeed(GenerationOptions base, int turn) {
        var s = base.sampler();
        return new io.qat4j.infer.sampling.SamplerConfig(s.temperature(), s.topK(), s.topP(), s.minP(),
                s.repetitionPenalty(), s.repeatLastN(), s.seed() + turn);
    }
}
