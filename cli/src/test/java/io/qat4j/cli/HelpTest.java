package io.qat4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** Every command's --help: printed without picocli warnings, and laid out to be read at 100 columns. */
class HelpTest {
    /** A '%' picocli would take for a format specifier (descriptions are format strings). */
    private static final Pattern STRAY_PERCENT = Pattern.compile("(?<!%)%(?![n%])");

    private static List<CommandLine> commands() {
        var all = new ArrayList<CommandLine>();
        collect(Main.newCommandLine(), all);
        return all;
    }

    private static void collect(CommandLine cl, List<CommandLine> all) {
        all.add(cl);
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                collect(sub, all);
            }
        });
    }

    private static String[] path(CommandLine cl) {
        var names = new ArrayList<String>();
        for (CommandLine c = cl; c.getParent() != null; c = c.getParent()) {
            names.addFirst(c.getCommandName());
        }
        names.add("--help");
        return names.toArray(String[]::new);
    }

    @Test
    void everyHelpPrintsCleanly() {
        for (CommandLine cl : commands()) {
            CliRun r = CliRun.of(path(cl));
            assertThat(r.exitCode()).as(String.join(" ", path(cl))).isZero();
            assertThat(r.err()).as(String.join(" ", path(cl))).isEmpty();
            assertThat(r.out()).as(String.join(" ", path(cl))).startsWith("Usage: qat4j");
        }
    }

    @Test
    void descriptionsFitAndTheirFirstLineIsASentence() {
        for (CommandLine cl : commands()) {
            var spec = cl.getCommandSpec();
            String[] description = spec.usageMessage().description();
            String name = spec.qualifiedName();
            assertThat(description).as(name).isNotEmpty();
            // The first line is what the parent's command list shows: a whole sentence.
            assertThat(description[0]).as(name).endsWith(".");
            for (String line : description) {
                // picocli wraps a line at the usage width (100) less one column
                assertThat(line.replace("%%", "%").length()).as(name + ": " + line).isLessThanOrEqualTo(99);
                assertThat(STRAY_PERCENT.matcher(line).find()).as(name + ": " + line).isFalse();
            }
        }
    }
}
