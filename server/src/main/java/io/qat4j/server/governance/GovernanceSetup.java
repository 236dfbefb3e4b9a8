package io.qat4j.server.governance;

import io.qat4j.guard.Guidelines;
import io.qat4j.guard.workflow.Governance;
import io.qat4j.infer.api.LocalModel;
import io.qat4j.server.Qat4jServer;

/**
 * Adds governance to a server being built:
 * <pre>{@code
 * try (Governance gov = Governance.open("jdbc:sqlite:governance.db")) {
 *     var server = GovernanceSetup.apply(Qat4jServer.builder(model, config), model, yaml, "G.yaml", gov, 2).start();
 * }
 * }</pre>
 * With a guideline file and no store, the file governs every completion and {@code /v1/governance/check}
 * works; with a store, the file (if any) is stored and activated, the store's active guideline
 * governs, and the workflow API and the reviewer page are served too.
 */
public final class GovernanceSetup {
    private GovernanceSetup() {
    }

    /**
     * @param guidelinesYaml the guideline file's text, or null
     * @param source         names the file in error messages
     * @param store          the governance store, or null for none
     * @param maxReasks      regenerations allowed for {@code reask} findings
     * @return the builder, with nothing added when there is neither a guideline nor a store
     */
    public static Qat4jServer.Builder apply(Qat4jServer.Builder builder, LocalModel model, String guidelinesYaml,
            String source, Governance store, int maxReasks) {
        GuidelineSource guidelines;
        if (store != null) {
            if (guidelinesYaml != null) {
                Guidelines.parse(guidelinesYaml, source); // report a bad file with its name before storing it
                store.guidelines().installAndActivate(guidelinesYaml, "qat4j serve");
            }
            guidelines = GuidelineSource.stored(store.guidelines());
        } else if (guidelinesYaml != null) {
            guidelines = GuidelineSource.fixed(Guidelines.parse(guidelinesYaml, source));
        } else {
            return builder;
        }
        var governed = new GovernedModel(model, guidelines, maxReasks);
        builder.hook(new GovernanceHook(governed)).module(new GuardModule(governed));
        if (store != null) {
            builder.module(new GovernanceApiModule(store, governed)).module(new ReviewPageModule(store));
        }
        return builder;
    }
}
