package io.qat4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code qat4j} command line. */
@Command(name = "qat4j",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Run, train, quantize, evaluate and govern Gemma 3 models on the JVM.",
            "",
            "Every command has --help. Models are GGUF files (Q4_0, Q8_0, F16, BF16, F32; Q4_K/Q6_K read).",
            "New here? 'qat4j demo' trains, quantizes (RTN and QAT), evaluates and governs a small model",
            "in about 10 minutes; README.md has an example of every command.",
        },
        subcommands = {
            InspectCommand.class,
            TokenizeCommand.class,
            LogitsCommand.class,
            GenerateCommand.class,
            ChatCommand.class,
            BenchCommand.class,
            TokenizerTrainCommand.class,
            TrainCommand.class,
            QuantizeCommand.class,
            QatCommand.class,
            ConvertCommand.class,
            EvalCommand.class,
            DemoCommand.class,
            ServeCommand.class,
            GuardCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cl = newCommandLine();
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("qat4j " + cmd.getCommandName() + ": " + describe(e));
            if (Boolean.getBoolean("qat4j.debug")) {
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            CommandLine cmd = e.getCommandLine();
            String name = cmd == cl ? "qat4j" : "qat4j " + cmd.getCommandName();
            cmd.getErr().println(name + ": " + e.getMessage());
            cmd.getErr().println("Try '" + name + " --help' for usage.");
            return 2;
        });
        return cl.execute(args);
    }

    /** The command line with its settings (tests parse with it to reach a command's object). */
    static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        cl.setUsageHelpWidth(100);
        return cl;
    }

    /** One clear sentence for an error, whatever its type. */
    static String describe(Throwable e) {
        if (e instanceof UncheckedIOException u) {
            e = u.getCause();
        }
        if (e instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file";
        }
        if (e instanceof AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (e instanceof OutOfMemoryError) {
            return "out of memory (" + e.getMessage() + "); give the JVM more heap with JAVA_OPTS=-Xmx...";
        }
        String msg = e.getMessage();
        if (msg == null || msg.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return e instanceof IOException || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                || e instanceof UnsupportedOperationException ? msg : e.getClass().getSimpleName() + ": " + msg;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"qat4j " + (v == null ? "(development build)" : v) + " on Java "
                    + Runtime.version()};
        }
    }
}
