package io.qat4j.cli;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.qat4j.core.tokenizer.Tokenizer;
import io.qat4j.core.tokenizer.Tokenizers;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "tokenize", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Turns text into token ids, printed as a JSON array.",
            "The tokenizer is a GGUF's vocabulary (--model) or a Hugging Face tokenizer.json (--tokenizer).",
            "Control tokens written in the text, such as <start_of_turn>, become single tokens.",
            "",
            "Examples:",
            "  qat4j tokenize --model gemma-3-1b-it-q4_0.gguf --text 'Hello world'",
            "  qat4j tokenize --tokenizer tokenizer.json --jsonl texts.jsonl   (one JSON string per line in,",
            "                                                                   one JSON array per line out)"})
final class TokenizeCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--model", paramLabel = "M.gguf", description = "use this GGUF's vocabulary")
        Path model;

        @Option(names = "--tokenizer", paramLabel = "tokenizer.json", description = "use a Hugging Face tokenizer.json (or a folder holding one)")
        Path tokenizer;
    }

    static final class Input {
        @Option(names = "--text", paramLabel = "T", description = "the text to tokenize")
        String text;

        @Option(names = "--jsonl", paramLabel = "F", description = "a file whose every line is a JSON string; all tokenized in one run")
        Path jsonl;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--no-bos", description = "do not add the beginning-of-sequence token")
    boolean noBos;

    @Override
    public Integer call() throws Exception {
        Tokenizer tok = Tokenizers.load(source.model != null ? source.model : source.tokenizer);
        var json = new ObjectMapper();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        if (input.text != null) {
            out.println(Arrays.toString(tok.encode(input.text, !noBos, true)).replace(" ", ""));
        } else {
            try (BufferedReader r = Files.newBufferedReader(input.jsonl, StandardCharsets.UTF_8)) {
                String line;
                int lineNo = 0;
                while ((line = r.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    String text;
                    try {
                        text = json.readValue(line, String.class);
                    } catch (com.fasterxml.jackson.core.JacksonException e) {
                        throw new IllegalArgumentException(input.jsonl + ":" + lineNo + ": not a JSON string ("
                                + e.getOriginalMessage() + ")");
                    }
                    out.println(Arrays.toString(tok.encode(text, !noBos, true)).replace(" ", ""));
                }
            }
        }
        out.flush();
        return 0;
    }
}
