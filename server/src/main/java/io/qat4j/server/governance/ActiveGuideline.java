package io.qat4j.server.governance;

import io.qat4j.guard.Guidelines;
import io.qat4j.guard.OnFail;
import io.qat4j.guard.check.Checker;
import io.qat4j.guard.rule.Rule;

/**
 * The guideline the server applies now.
 *
 * @param id         a stable id of this version (the store's id, or name@version for a file)
 * @param guidelines the rules
 * @param checker    compiled
 */
public record ActiveGuideline(String id, Guidelines guidelines, Checker checker) {

    /**
     * Whether checking an answer may withhold or change it: some output rule blocks, fixes or
     * re-asks. Such answers are never streamed as they are generated.
     */
    public boolean mayChangeOutput() {
        for (Rule r : guidelines.textRules()) {
            if (r.onFail() == OnFail.BLOCK || r.onFail() == OnFail.FIX || r.onFail() == OnFail.REASK) {
                return true;
            }
        }
        return false;
    }
}
