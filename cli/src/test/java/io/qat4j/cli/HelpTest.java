package io.qat4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import picocli.CommandLine;

/** Every command's --help renders cleanly: a stray '%' in a description makes picocli print a warning instead. */
class HelpTest {

    static Stream<String> commands() {
        List<String> paths = new ArrayList<>();
        collect(Main.newCommandLine(), "", paths);
        return paths.stream();
    }

    private static void collect(CommandLine cl, String prefix, List<String> paths) {
        for (var sub : cl.getSubcommands().entrySet()) {
            if (sub.getKey().equals("help")) {
                continue;
            }
            String path = (prefix + " " + sub.getKey()).strip();
            paths.add(path);
            collect(sub.getValue(), path, paths);
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpRendersWithoutWarnings(String command) {
        List<String> args = new ArrayList<>(List.of(command.split(" ")));
        args.add("--help");
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).doesNotContain("WARN");
        assertThat(run.out()).startsWith("Usage: qat4j " + command).contains("-h, --help");
    }
}
