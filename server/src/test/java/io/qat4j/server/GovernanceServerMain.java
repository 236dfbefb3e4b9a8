package io.qat4j.server;

import java.nio.file.Path;

import io.qat4j.guard.workflow.Governance;
import io.qat4j.infer.api.ModelOptions;
import io.qat4j.infer.api.Qat4j;
import io.qat4j.server.governance.GovernanceSetup;

/**
 * A governed server in a JVM of its own, for tests that kill it: {@code MODEL DB_URL}. Prints
 * {@code LISTENING <port>} when it serves, then runs until killed.
 */
public final class GovernanceServerMain {
    private GovernanceServerMain() {
    }

    public static void main(String[] args) throws Exception {
        var gov = Governance.open(args[1]);
        var model = Qat4j.load(Path.of(args[0]), ModelOptions.defaults().withThreads(1).withSlots(2, 16));
        var config = ServerConfig.defaults("gemma3-tiny").withAddress("127.0.0.1", 0);
        var server = GovernanceSetup.apply(Qat4jServer.builder(model, config), model, null, null, gov, 0).start();
        System.out.println("LISTENING " + server.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
