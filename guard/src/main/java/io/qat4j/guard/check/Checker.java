package io.qat4j.guard.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.qat4j.guard.GenerationRequest;
import io.qat4j.guard.Guidelines;
import io.qat4j.guard.OnFail;
import io.qat4j.guard.pii.PiiScanner;
import io.qat4j.guard.rule.AllCaps;
import io.qat4j.guard.rule.AllowedModels;
import io.qat4j.guard.rule.ExclamationMarks;
import io.qat4j.guard.rule.GenerationLimits;
import io.qat4j.guard.rule.Length;
import io.qat4j.guard.rule.Person;
import io.qat4j.guard.rule.PersonalData;
import io.qat4j.guard.rule.PhraseRuleSpec;
import io.qat4j.guard.rule.ProductNames;
import io.qat4j.guard.rule.PromptContent;
import io.qat4j.guard.rule.Readability;
import io.qat4j.guard.rule.RequiredDisclaimer;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.rule.SentenceLength;
import io.qat4j.guard.rule.SystemPrompt;
import io.qat4j.guard.verdict.Edit;
import io.qat4j.guard.verdict.Finding;
import io.qat4j.guard.verdict.Verdict;

/**
 * A guideline compiled for checking: term automata and regular expressions are built once here,
 * so checking a text is one pass over it for all phrase rules plus the per-rule work. Immutable
 * and thread-safe: share one per guideline version.
 *
 * <p>All spans in verdicts are Java {@code char} indices (UTF-16 code units) into the checked
 * text, never splitting a surrogate pair.
 */
public final class Checker {
    /** Fixing may expose or create new fixable findings (a replacement next to a term): recheck a few times. */
    static final int MAX_FIX_PASSES = 3;

    private final Guidelines guidelines;
    private final List<TextCheck> textChecks = new ArrayList<>();
    private final List<RequestCheck> requestChecks = new ArrayList<>();
    private final PhraseIndex textPhrases;
    private final PhraseIndex requestPhrases;
    private final PiiScanner pii = new PiiScanner();

    private Checker(Guidelines guidelines) {
        this.guidelines = guidelines;
        var textIndex = new PhraseIndex.Builder();
        var requestIndex = new PhraseIndex.Builder();
        Set<String> productWords = productWords(guidelines);
        for (Rule rule : guidelines.rules()) {
            switch (rule.spec()) {
                case PhraseRuleSpec s -> textChecks.add(PhraseCheck.of(rule, s, textIndex));
                case ProductNames s -> textChecks.add(ProductNameCheck.of(rule, s, textIndex));
                case RequiredDisclaimer s -> textChecks.add(DisclaimerCheck.of(rule, s, textIndex));
                case PersonalData s -> textChecks.add(new PersonalDataCheck(rule, s));
                case ExclamationMarks s -> textChecks.add(new ExclamationCheck(rule, s));
                case AllCaps s -> textChecks.add(AllCapsCheck.of(rule, s, productWords));
                case SentenceLength s -> textChecks.add(new SentenceLengthCheck(rule, s));
                case Readability s -> textChecks.add(new ReadabilityCheck(rule, s));
                case Length s -> textChecks.add(new LengthCheck(rule, s));
                case Person s -> textChecks.add(new PersonCheck(rule, s));
                case AllowedModels s -> requestChecks.add(new AllowedModelsCheck(rule, s));
                case GenerationLimits s -> requestChecks.add(new GenerationLimitsCheck(rule, s));
                case SystemPrompt s -> requestChecks.add(SystemPromptCheck.of(rule, s));
                case PromptContent s -> requestChecks.add(PromptContentCheck.of(rule, s, requestIndex));
            }
        }
        this.textPhrases = textIndex.build();
        this.requestPhrases = requestIndex.build();
    }

    public static Checker compile(Guidelines guidelines) {
        return new Checker(guidelines);
    }

    public Guidelines guidelines() {
        return guidelines;
    }

    /** Checks a text for the {@code default} channel. */
    public Verdict check(String text) {
        return check(text, Length.DEFAULT_CHANNEL);
    }

    /** Checks a text meant for {@code channel} (which picks the length bounds). */
    public Verdict check(String text, String channel) {
        if (text == null) {
            throw new IllegalArgumentException("no text to check");
        }
        var context = new TextContext(text, channel == null ? Length.DEFAULT_CHANNEL : channel, textPhrases, pii);
        var findings = new ArrayList<Finding>();
        for (TextCheck c : textChecks) {
            c.check(context, findings);
        }
        findings.sort(Verdict.BY_POSITION);
        return Verdict.of(guidelines, findings);
    }

    /** Checks a generation request against the prompt and configuration rules. */
    public Verdict checkRequest(GenerationRequest request) {
        var context = new RequestContext(request, requestPhrases);
        var findings = new ArrayList<Finding>();
        for (RequestCheck c : requestChecks) {
            c.check(context, findings);
        }
        return Verdict.of(guidelines, findings);
    }

    /** {@link #fix(String, String)} for the default channel. */
    public FixResult fix(String text) {
        return fix(text, Length.DEFAULT_CHANNEL);
    }

    /**
     * Applies the edits of findings whose rule says {@code on_fail: fix} (replacements of terms,
     * redactions, added disclaimers, calmer punctuation), re-checks, and repeats while that changes
     * something, at most {@value #MAX_FIX_PASSES} passes.
     */
    public FixResult fix(String text, String channel) {
        String current = text;
        Verdict verdict = check(current, channel);
        int applied = 0;
        int passes = 0;
        while (passes < MAX_FIX_PASSES) {
            List<Edit> edits = verdict.findings(OnFail.FIX).stream().map(Finding::edit)
                    .filter(java.util.Objects::nonNull).toList();
            if (edits.isEmpty()) {
                break;
            }
            Edits.Result r = Edits.apply(current, edits);
            passes++;
            if (r.text().equals(current)) {
                break;
            }
            applied += r.applied().size();
            current = r.text();
            verdict = check(current, channel);
        }
        return new FixResult(text, current, verdict, applied, passes);
    }

    private static Set<String> productWords(Guidelines g) {
        var words = new HashSet<String>();
        for (Rule r : g.rules()) {
            if (r.spec() instanceof ProductNames p) {
                for (String name : p.names()) {
                    words.addAll(List.of(name.split("[\\s\\-]+")));
                }
            }
        }
        return words;
    }
}
