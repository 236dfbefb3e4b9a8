package io.qat4j.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.qat4j.core.tokenizer.ChatMessage;
import io.qat4j.guard.GenerationRequest;
import io.qat4j.guard.reask.GenerationUnavailableException;
import io.qat4j.guard.reask.GuardedGenerator;
import io.qat4j.guard.reask.GuardedResult;
import io.qat4j.guard.reask.LocalModelGenerator;
import io.qat4j.guard.verdict.Verdict;
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
            "a system prompt (and resets), /exit or end of input (Ctrl-D) quits. Input may be piped.",
            "With --guidelines every message is checked before the model answers, banned terms are masked, and",
            "each answer is held back until it is checked (fixed, re-asked): a blocked answer is never shown;",
            "the verdict goes to stderr."})
final class ChatCommand implements Callable<Integer> {
    @Mixin
    ModelLoadOptions load;

    @Option(names = "--system", paramLabel = "S", description = "a system prompt")
    String system;

    @Option(names = "-n", paramLabel = "N", description = "most tokens per answer (default: ${DEFAULT-VALUE})")
    int maxTokens = 512;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    GuidelineOptions governance;

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
            GuidelineOptions.Governance guard = governance.enabled() ? governance.load(m) : null;
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
                var opts = new GenerationOptions(base.maxTokens(), SamplingOptions.reseeded(base.sampler(),
                        base.sampler().seed() + turn++), List.of(), List.of(), null);
                if (guard != null) {
                    governedTurn(m, guard, history, opts, out);
                    continue;
                }
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

    /** One turn under --guidelines: the answer is printed only after its checks, and only if not blocked. */
    private void governedTurn(LocalModel m, GuidelineOptions.Governance guard, List<ChatMessage> history,
            GenerationOptions opts, PrintStream out) {
        String system = history.stream().filter(msg -> msg.role() == ChatMessage.Role.SYSTEM).map(ChatMessage::content)
                .findFirst().orElse(null);
        String user = history.getLast().content();
        var s = opts.sampler();
        Verdict requestVerdict = guard.checker().checkRequest(new GenerationRequest(load.model.getFileName().toString(),
                system, user, (double) s.temperature(), (double) s.topP(), opts.maxTokens()));
        if (requestVerdict.blocked()) {
            history.removeLast();
            out.println("(refused: the message breaks the guidelines)");
            VerdictReport.print(System.err, "message", user, requestVerdict);
            return;
        }
        var generator = new LocalModelGenerator(m, () -> opts.withProcessors(List.of(guard.constraint().newProcessor())));
        GuardedResult r;
        try {
            r = new GuardedGenerator(guard.checker(), generator, governance.maxReasks).review(requestVerdict,
                    List.copyOf(history), null, governance.channel);
        } catch (GenerationUnavailableException e) {
            history.removeLast();
            out.println("(the conversation no longer fits the context of " + m.contextSize()
                    + " tokens: /reset to start over, or raise --ctx)");
            return;
        }
        if (r.status() == GuardedResult.Status.BLOCKED) {
            history.removeLast();
            out.println("(answer withheld: it broke a blocking rule of the guidelines)");
        } else {
            out.println(r.text());
            history.add(ChatMessage.assistant(r.text()));
        }
        VerdictReport.print(System.err, "answer", r.text(), r.verdict());
        System.err.printf("[%s after %d generation%s]%n", r.status().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' '), r.attempts().size(), r.attempts().size() == 1 ? "" : "s");
    }
}
