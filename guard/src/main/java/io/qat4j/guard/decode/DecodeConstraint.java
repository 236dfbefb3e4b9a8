package io.qat4j.guard.decode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.qat4j.core.tokenizer.Tokenizer;
import io.qat4j.guard.Guidelines;
import io.qat4j.guard.check.TermForm;
import io.qat4j.guard.rule.PhraseRuleSpec;
import io.qat4j.guard.rule.Rule;
import io.qat4j.guard.rule.Term;
import io.qat4j.guard.text.Normalizer;
import io.qat4j.guard.text.PhraseAutomaton;
import io.qat4j.guard.text.WordChars;
import io.qat4j.infer.sampling.LogitProcessor;

/**
 * Decode-time enforcement of banned terms: a sampler with this constraint's
 * {@linkplain #newProcessor() processor} can never produce a banned term as a whole word, in any
 * casing, however the tokenizer segments it (whole-word pieces, sub-word pieces, byte fallback).
 * The masked tokens get −∞, so the sampler's softmax renormalises over the rest.
 *
 * <p><b>How.</b> The generated text is followed as the {@link Normalizer} symbol stream
 * (lower-cased, whitespace runs collapsed, word starts marked) through an Aho–Corasick automaton
 * of the banned forms, the same one the output checker uses. The state after the text so far is
 * (automaton state, class of the last character, pending bytes of an incomplete UTF-8
 * character). A token is forbidden when appending its bytes would complete a banned form that
 * starts at a word start and
 * <ul>
 *   <li>is followed, inside the token, by a non-word character, or
 *   <li>ends exactly at the end of the token (or only an incomplete UTF-8 character follows).
 * </ul>
 * The second case is the conservative choice for the end-of-word decision: what the next token
 * will be is unknown, so a term may not be completed at a token boundary at all, even if a
 * letter would have followed ("free" + "dom"). The model can still write such longer words with a
 * token that carries the following letters ("fre" + "edom"), and a completed term followed by a
 * letter inside one token is not a match. This guarantees that no banned form ever appears
 * bounded by non-letters: the token holding its last character is masked in either case. The
 * start of the generated text counts as a word start.
 *
 * <p><b>Cost.</b> At construction, each token is run once per character class from the root
 * state: tokens that contain a whole banned form are forbidden after any text of that class.
 * Per step, only tokens whose first symbol continues a partial match of the current state need a
 * run (in the middle of a UTF-8 character: only tokens starting with a continuation byte); their
 * set is computed once per state, on first use, and cached (thread-safe), so a step costs a
 * cache lookup plus setting the forbidden logits. Instances are immutable apart from
 * that cache and may be shared by concurrent generations; processors are per sequence.
 */
public final class DecodeConstraint {
    private static final long VIOLATION = -1L;
    private static final int CLASSES = 3;
    private static final int[] NONE = new int[0];
    private static final byte[] REPLACEMENT_UTF8 = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private final List<String> terms;
    private final PhraseAutomaton automaton;
    private final byte[][] tokens;
    /** Per class: tokens that complete a banned form by themselves (from the root state). */
    private final int[][] alwaysForbidden;
    /**
     * Per class: tokens by the first symbol they produce, or by the first two when the first is a
     * word-start marker (most tokens start a word: the marker alone would select most of them).
     */
    private final List<Map<Integer, int[]>> byFirstSymbols;
    /** Tokens whose first byte is a UTF-8 continuation byte: they may complete a pending character. */
    private final int[] continuationStarters;
    private final Map<Long, int[]> forbiddenByState = new ConcurrentHashMap<>();

    private DecodeConstraint(Collection<String> forms, TokenVocabulary vocabulary) {
        var unique = new LinkedHashSet<String>();
        var builder = PhraseAutomaton.builder();
        for (String form : forms) {
            String normalized = Normalizer.normalize(form);
            if (!normalized.isEmpty()) {
                builder.add(normalized);
                unique.add(form.strip());
            }
        }
        this.terms = List.copyOf(unique);
        this.automaton = builder.build();
        int n = vocabulary.size();
        this.tokens = new byte[n][];
        for (int t = 0; t < n; t++) {
            byte[] b = vocabulary.tokenBytes(t);
            tokens[t] = b == null ? new byte[0] : b;
        }
        this.alwaysForbidden = new int[CLASSES][];
        this.byFirstSymbols = new ArrayList<>(CLASSES);
        if (automaton.patternCount() == 0) {
            // Nothing to enforce: forbiddenTokens never looks at the indexes.
            this.continuationStarters = NONE;
            return;
        }
        var runner = new Runner();
        var firstSymbol = new FirstSymbol();
        var continuation = new IntList();
        for (int t = 0; t < n; t++) {
            if (tokens[t].length > 0 && (tokens[t][0] & 0xC0) == 0x80) {
                continuation.add(t);
            }
        }
        this.continuationStarters = continuation.toArray();
        for (int cls = 0; cls < CLASSES; cls++) {
            long fresh = pack(0, cls, 0);
            var forbidden = new IntList();
            var firstSymbols = new HashMap<Integer, IntList>();
            for (int t = 0; t < n; t++) {
                if (tokens[t].length == 0) {
                    continue;
                }
                if (runner.run(fresh, tokens[t], true) == VIOLATION) {
                    forbidden.add(t);
                }
                int key = firstSymbol.of(cls, tokens[t]);
                if (key >= 0) {
                    firstSymbols.computeIfAbsent(key, k -> new IntList()).add(t);
                }
            }
            alwaysForbidden[cls] = forbidden.toArray();
            var map = new HashMap<Integer, int[]>();
            firstSymbols.forEach((k, v) -> map.put(k, v.toArray()));
            byFirstSymbols.add(map);
        }
    }

    /**
     * The constraint for the guideline's rules that ask for decode-time enforcement (banned
     * terminology, competitors, and forbidden-claim phrases with {@code decode: true}), with their
     * inflections. Case-sensitive terms are left to the output check: masking them in every
     * casing would forbid ordinary words ("us" for a banned "US").
     */
    public static DecodeConstraint fromGuidelines(Guidelines guidelines, TokenVocabulary vocabulary) {
        return forTerms(bannedForms(guidelines), vocabulary);
    }

    /** {@link #fromGuidelines(Guidelines, TokenVocabulary)} for a tokenizer's vocabulary. */
    public static DecodeConstraint fromGuidelines(Guidelines guidelines, Tokenizer tokenizer) {
        return fromGuidelines(guidelines, TokenVocabulary.of(tokenizer));
    }

    /** The constraint for these exact forms (no inflections added). */
    public static DecodeConstraint forTerms(Collection<String> forms, TokenVocabulary vocabulary) {
        return new DecodeConstraint(forms, vocabulary);
    }

    /** The forms a guideline bans at decode time, inflections included. */
    public static List<String> bannedForms(Guidelines guidelines) {
        var forms = new LinkedHashSet<String>();
        for (Rule rule : guidelines.rules()) {
            if (rule.spec() instanceof PhraseRuleSpec spec && spec.decode()) {
                for (Term term : spec.phrases()) {
                    if (term.isCaseSensitive()) {
                        continue;
                    }
                    for (TermForm form : TermForm.expand(term, spec.inflect())) {
                        forms.add(form.text());
                    }
                }
            }
        }
        return List.copyOf(forms);
    }

    /** The banned forms, as given. */
    public List<String> terms() {
        return terms;
    }

    public boolean isEmpty() {
        return automaton.patternCount() == 0;
    }

    public int vocabularySize() {
        return tokens.length;
    }

    /**
     * A processor for one sequence. Its first call's history is taken as the prompt: only tokens
     * appended after it are followed (the generated text starts at a word boundary).
     */
    public LogitProcessor newProcessor() {
        return new ConstraintProcessor(this, -1);
    }

    /** A processor for one sequence whose first {@code promptLength} history tokens are the prompt. */
    public LogitProcessor newProcessor(int promptLength) {
        return new ConstraintProcessor(this, promptLength);
    }

    /** The state before any generated text. */
    long initialState() {
        return pack(0, Normalizer.BOUNDARY, 0);
    }

    /** The state after appending {@code token} (even a forbidden one, if it was forced). */
    long advance(long state, int token, Runner runner) {
        return runner.run(state, tokens[token], false);
    }

    /** Whether appending {@code token} in {@code state} would complete a banned form. */
    boolean isForbidden(long state, int token) {
        return tokens[token].length > 0 && new Runner().run(state, tokens[token], true) == VIOLATION;
    }

    /** The tokens forbidden in {@code state}, sorted. */
    int[] forbiddenTokens(long state) {
        if (isEmpty()) {
            return NONE;
        }
        int ac = acState(state);
        int cls = charClass(state);
        if (ac == 0 && pending(state) == 0) {
            return alwaysForbidden[cls];
        }
        // Not computeIfAbsent: a mid-character computation needs another state's set, and a
        // ConcurrentHashMap must not be updated from inside its own mapping function. Two threads
        // may compute the same set; both results are equal.
        int[] cached = forbiddenByState.get(state);
        if (cached == null) {
            cached = computeForbidden(state);
            forbiddenByState.putIfAbsent(state, cached);
        }
        return cached;
    }

    private int[] computeForbidden(long state) {
        var runner = new Runner();
        var forbidden = new IntList();
        if (pending(state) != 0) {
            return forbiddenMidCharacter(state, runner);
        }
        int cls = charClass(state);
        // A token whose first symbol continues no partial match on the suffix chain of this state
        // runs exactly as from the root: it is forbidden iff it is always forbidden.
        var keys = new LinkedHashSet<Integer>();
        for (int s = acState(state); s != 0; s = automaton.failure(s)) {
            for (char c : automaton.labels(s)) {
                if (c == Normalizer.WORD_START) {
                    for (char d : automaton.labels(automaton.child(s, c))) {
                        keys.add(FirstSymbol.key(c, d));
                    }
                } else {
                    keys.add(FirstSymbol.key(c, (char) 0));
                }
            }
        }
        var candidates = new IntList();
        for (int key : keys) {
            int[] bucket = byFirstSymbols.get(cls).get(key);
            if (bucket != null) {
                for (int t : bucket) {
                    candidates.add(t);
                }
            }
        }
        for (int i = 0; i < candidates.size(); i++) {
            int t = candidates.get(i);
            if (runner.run(state, tokens[t], true) == VIOLATION) {
                forbidden.add(t);
            }
        }
        int[] merged = forbidden.toArray();
        int[] always = alwaysForbidden[cls];
        int[] all = Arrays.copyOf(merged, merged.length + always.length);
        System.arraycopy(always, 0, all, merged.length, always.length);
        Arrays.sort(all);
        return Arrays.stream(all).distinct().toArray();
    }

    /**
     * In the middle of a character (after a byte-fallback token): a token that starts with a
     * continuation byte is run; any other token first turns the pending bytes into U+FFFD and then
     * runs exactly as from the state after that U+FFFD, whose forbidden set is known.
     */
    private int[] forbiddenMidCharacter(long state, Runner runner) {
        var forbidden = new IntList();
        long afterReplacement = runner.run(pack(acState(state), charClass(state), 0), REPLACEMENT_UTF8, true);
        if (afterReplacement == VIOLATION) {
            // A banned form that ends in U+FFFD: not worth a shortcut, run every token.
            for (int t = 0; t < tokens.length; t++) {
                if (tokens[t].length > 0 && runner.run(state, tokens[t], true) == VIOLATION) {
                    forbidden.add(t);
                }
            }
            return forbidden.toArray();
        }
        for (int t : forbiddenTokens(afterReplacement)) {
            if ((tokens[t][0] & 0xC0) != 0x80) {
                forbidden.add(t);
            }
        }
        for (int t : continuationStarters) {
            if (runner.run(state, tokens[t], true) == VIOLATION) {
                forbidden.add(t);
            }
        }
        int[] all = forbidden.toArray();
        Arrays.sort(all);
        return all;
    }

    /**
     * The bucket key of a token: its first symbol after a character of a given class, with the
     * second when the first is a word-start marker (a marker is always followed by a letter from
     * the same character). Reusable, not thread-safe.
     */
    private static final class FirstSymbol implements Utf8Decoder.Sink {
        private final char[] buf = new char[3];
        private int previous;
        private int key;

        static int key(char first, char second) {
            return first << 16 | second;
        }

        /** The key for {@code bytes} after a character of class {@code cls}, or -1 if they produce no symbol. */
        int of(int cls, byte[] bytes) {
            previous = cls;
            key = -1;
            Utf8Decoder.decode(0, bytes, this);
            return key;
        }

        @Override
        public boolean codePoint(int cp) {
            int k = Normalizer.symbols(cp, previous, buf);
            previous = Normalizer.classOf(cp);
            if (k == 0) {
                return true;
            }
            key = key(buf[0], buf[0] == Normalizer.WORD_START ? buf[1] : (char) 0);
            return false;
        }
    }

    static long pack(int acState, int cls, int pending) {
        return (acState & 0xFFFF_FFFFL) | (long) cls << 32 | (long) pending << 34;
    }

    static int acState(long state) {
        return (int) state;
    }

    static int charClass(long state) {
        return (int) (state >>> 32) & 0x3;
    }

    static int pending(long state) {
        return (int) (state >>> 34);
    }

    /**
     * Runs bytes through the decoder, normalizer and automaton. Reusable, not thread-safe: each
     * processor or computation owns one.
     */
    final class Runner implements Utf8Decoder.Sink {
        private final char[] symbols = new char[3];
        private int ac;
        private int cls;
        private boolean stopOnViolation;
        private boolean violated;
        /** A form that needs an end boundary just completed; the next code point decides. */
        private boolean openMatch;

        /** The state after {@code bytes}, or {@link #VIOLATION} if they complete a banned form and {@code stop}. */
        long run(long state, byte[] bytes, boolean stop) {
            ac = acState(state);
            cls = charClass(state);
            stopOnViolation = stop;
            violated = false;
            openMatch = false;
            int pending = Utf8Decoder.decode(pending(state), bytes, this);
            if (stop && (violated || openMatch)) {
                return VIOLATION;
            }
            return pack(ac, cls, pending);
        }

        @Override
        public boolean codePoint(int cp) {
            if (openMatch) {
                if (!WordChars.isWordChar(cp)) {
                    violated = true;
                    if (stopOnViolation) {
                        return false;
                    }
                }
                openMatch = false;
            }
            int k = Normalizer.symbols(cp, cls, symbols);
            for (int i = 0; i < k; i++) {
                ac = automaton.step(ac, symbols[i]);
                for (int p : automaton.outputs(ac)) {
                    if (automaton.needsEndBoundary(p)) {
                        openMatch = true;
                    } else {
                        violated = true;
                    }
                }
            }
            cls = Normalizer.classOf(cp);
            return !(violated && stopOnViolation);
        }
    }

    /** A growable int array, to keep vocabulary-sized lists unboxed. */
    private static final class IntList {
        private int[] values = new int[16];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
