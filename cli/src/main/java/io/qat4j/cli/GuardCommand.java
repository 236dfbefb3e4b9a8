package io.qat4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code qat4j guard}: brand guidelines as code. */
@Command(name = "guard", mixinStandardHelpOptions = true,
        description = {"Brand guidelines as code: check texts, review content, manage governance keys.",
            "",
            "Texts are checked against a guidelines YAML file; review and keys work on the governance store.",
            "See guard/src/main/resources/io/qat4j/guard/example-guidelines.yaml for every rule kind."},
        subcommands = {GuardCheckCommand.class, GuardReviewCommand.class, GuardKeysCommand.class,
            CommandLine.HelpCommand.class})
final class GuardCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
