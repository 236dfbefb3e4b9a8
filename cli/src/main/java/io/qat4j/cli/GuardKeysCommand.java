package io.qat4j.cli;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;

import io.qat4j.guard.review.Role;
import io.qat4j.guard.store.GovernanceDb;
import io.qat4j.guard.workflow.Governance;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code qat4j guard keys}: governance API keys, managed on the store (how the first admin key is made). */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {"Creates, lists and revokes governance API keys on the store.",
            "",
            "A key is shown once, when it is created; the store keeps only its SHA-256. ",
            "Roles: author (submit, revise), reviewer (also approve, reject, request changes, publish;",
            "never their own content), admin (also guidelines and keys)."},
        subcommands = {GuardKeysCommand.Create.class, GuardKeysCommand.ListKeys.class, GuardKeysCommand.Revoke.class,
            CommandLine.HelpCommand.class})
final class GuardKeysCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The store option every keys command takes. */
    static final class Store {
        @Option(names = "--db", paramLabel = "JDBC_URL", description = "the store (default: " + GovernanceDb.DEFAULT_URL + ")")
        String db = GovernanceDb.DEFAULT_URL;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Creates a key and prints it (once).")
    static final class Create implements Callable<Integer> {
        @CommandLine.Mixin
        Store store;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "the person or service")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "author, reviewer or admin")
        String role;

        @Override
        public Integer call() {
            try (var gov = Governance.open(store.db)) {
                var issued = gov.keys().create(name, Role.parse(role));
                System.out.println(issued.token());
                System.err.printf("key %s for %s (%s): keep it safe, it is not shown again%n",
                        issued.principal().keyId(), name, role);
                return 0;
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists keys (ids, names, roles; never secrets).")
    static final class ListKeys implements Callable<Integer> {
        @CommandLine.Mixin
        Store store;

        @Override
        public Integer call() {
            try (var gov = Governance.open(store.db)) {
                System.out.printf("%-16s  %-9s  %-20s  %s%n", "KEY ID", "ROLE", "CREATED (UTC)", "NAME");
                for (var k : gov.keys().list()) {
                    System.out.printf("%-16s  %-9s  %-20s  %s%s%n", k.keyId(), k.role().label(), seconds(k.createdAt()),
                            k.name(), k.revokedAt() == null ? "" : " (revoked " + seconds(k.revokedAt()) + ")");
                }
                return 0;
            }
        }
    }

    /** An instant to the second, so every row of the table has the same width. */
    static String seconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a key at once.")
    static final class Revoke implements Callable<Integer> {
        @CommandLine.Mixin
        Store store;

        @Parameters(paramLabel = "KEY_ID", description = "the key's id (as listed)")
        String keyId;

        @Override
        public Integer call() {
            try (var gov = Governance.open(store.db)) {
                if (!gov.keys().revoke(keyId)) {
                    throw new IllegalArgumentException("no active key " + keyId);
                }
                System.out.println("revoked " + keyId);
                return 0;
            }
        }
    }
}
