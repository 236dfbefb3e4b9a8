package io.qat4j.server.governance;

import java.util.Optional;

import io.qat4j.guard.Guidelines;
import io.qat4j.guard.check.Checker;
import io.qat4j.guard.workflow.GuidelineLibrary;

/** Where the server gets the guideline to apply, asked once per request. */
@FunctionalInterface
public interface GuidelineSource {
    /** The guideline in force, or empty when none is (then nothing is governed). */
    Optional<ActiveGuideline> current();

    /** Always the same guideline (a file given at start-up, no store). */
    static GuidelineSource fixed(Guidelines guidelines) {
        var active = Optional.of(new ActiveGuideline(guidelines.name() + "@" + guidelines.version(), guidelines,
                Checker.compile(guidelines)));
        return () -> active;
    }

    /** The store's active version: an admin's activation applies to the next request, on every server sharing the store. */
    static GuidelineSource stored(GuidelineLibrary library) {
        return () -> library.active().map(c -> new ActiveGuideline(c.stored().id(), c.guidelines(), c.checker()));
    }
}
