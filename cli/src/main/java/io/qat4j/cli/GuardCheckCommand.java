package io.qat4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.qat4j.guard.Guidelines;
import io.qat4j.guard.check.Checker;
import io.qat4j.guard.verdict.Verdict;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Checks a text against brand guidelines and prints the findings, the score and PASS or FAIL.",
            "",
            "One line per finding: SOURCE:LINE:COLUMN: SEVERITY [RULE] message (suggestion).",
            "Lines and columns count from 1; columns count characters (code points).",
            "Findings about the whole text have no position."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the text passes", "3:the text fails the guideline",
            "1:error (unreadable or invalid guidelines, missing file)", "2:usage error"})
final class GuardCheckCommand implements Callable<Integer> {
    static final int EXIT_PASS = 0;
    static final int EXIT_FAIL = 3;

    @Option(names = "--guidelines", required = true, paramLabel = "G.yaml", description = "the guidelines file")
    Path guidelines;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--text", paramLabel = "T", description = "the text to check")
        String text;

        @Option(names = "--file", paramLabel = "F", description = "a UTF-8 file holding the text; - reads standard input")
        Path file;
    }

    @Option(names = "--channel", defaultValue = "default", paramLabel = "NAME",
            description = "the channel the text is for (selects the length bounds); default: ${DEFAULT-VALUE}")
    String channel;

    @Option(names = "--json", description = "print the verdict as JSON")
    boolean json;

    @Override
    public Integer call() throws IOException {
        Checker checker = Checker.compile(Guidelines.load(guidelines));
        String text = readInput();
        Verdict verdict = checker.check(text, channel);
        PrintStream out = System.out;
        if (json) {
            out.println(verdict.toPrettyJson());
        } else {
            VerdictReport.print(out, input.file != null ? input.file.toString() : "text", text, verdict);
        }
        return verdict.passed() ? EXIT_PASS : EXIT_FAIL;
    }

    private String readInput() throws IOException {
        if (input.text != null) {
            return input.text;
        }
        if (input.file.toString().equals("-")) {
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return Files.readString(input.file);
    }
}
