package io.qat4j.guard.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import io.qat4j.guard.Guidelines;
import io.qat4j.guard.Yaml;

/**
 * The constraint's mask against a brute-force reference: token t is forbidden after text x iff the
 * decoded x+t has a whole-word occurrence of a banned form whose last character comes from t, where
 * the end of the text counts as a word boundary (the documented conservative choice).
 */
class DecodeConstraintTest {
    static final List<String> BANNED = List.of("gemma", "risk free", "café");

    /** Pieces that spell the banned forms in many ways, with byte fallback for é/É and junk bytes. */
    static final List<byte[]> VOCAB = vocabulary();

    private static List<byte[]> vocabulary() {
        var pieces = new ArrayList<byte[]>();
        pieces.add(new byte[0]); // a control token such as <bos>
        for (String p : List.of("g", "e", "m", "a", "G", "E", "M", "A", "r", "i", "s", "k", "f", "c", "x", "o", "n", "d",
                " ", "\n", ".", ",", "-", "!", " gemma", "gem", "ma", "mm", " ge", "Gemma", " Gem", "GEMMA", "gemmas",
                " risk", " free", "risk free", " fre", "edom", "e ", "a.", "café", "caf", "é", "É", "mma ", "emma", " the",
                " model", "s ", "  ", "risk\n", "free!")) {
            pieces.add(p.getBytes(StandardCharsets.UTF_8));
        }
        for (int b : new int[] {0xC3, 0xA9, 0x89, 0xFF, 0x80, 0xE2}) {
            pieces.add(new byte[] {(byte) b});
        }
        return List.copyOf(pieces);
    }

    static final TokenVocabulary TOKENS = TokenVocabulary.of(VOCAB.size(), VOCAB::get);

    static Pattern bannedPattern(List<String> forms) {
        String alternatives = forms.stream().map(f -> Arrays.stream(f.split("\\s+")).map(Pattern::quote)
                .collect(Collectors.joining("\\s+"))).collect(Collectors.joining("|"));
        return Pattern.compile("(?<![\\p{L}\\p{N}\\p{M}])(?:" + alternatives + ")(?![\\p{L}\\p{N}\\p{M}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    private static final Pattern BANNED_PATTERN = bannedPattern(BANNED);

    static String decode(List<Integer> tokens) {
        var out = new ByteArrayOutputStream();
        for (int t : tokens) {
            out.writeBytes(VOCAB.get(t));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The reference decision for appending token t to the generated tokens x. */
    static boolean referenceForbidden(List<Integer> x, int t) {
        String before = decode(x);
        var extended = new ArrayList<>(x);
        extended.add(t);
        String after = decode(extended);
        int common = 0;
        while (common < before.length() && common < after.length() && before.charAt(common) == after.charAt(common)) {
            common++;
        }
        var m = BANNED_PATTERN.matcher(after);
        m.useTransparentBounds(true).useAnchoringBounds(false);
        for (int i = 0; i < after.length(); i++) {
            m.region(i, after.length());
            if (m.lookingAt() && m.end() > common) {
                return true;
            }
        }
        return false;
    }

    static int[] mask(io.qat4j.infer.sampling.LogitProcessor p, int[] history, int length) {
        float[] logits = new float[VOCAB.size()];
        p.process(logits, logits.length, history, length);
        var masked = new ArrayList<Integer>();
        for (int i = 0; i < logits.length; i++) {
            if (logits[i] == Float.NEGATIVE_INFINITY) {
                masked.add(i);
            }
        }
        return masked.stream().mapToInt(Integer::intValue).toArray();
    }

    @Property(tries = 150)
    void theMaskIsExactlyTheReferenceAndOutputsNeverContainABannedForm(@ForAll long seed) {
        var constraint = DecodeConstraint.forTerms(BANNED, TOKENS);
        var processor = constraint.newProcessor();
        var random = new SplittableRandom(seed);
        int[] history = new int[64];
        history[0] = 0; // the prompt: one control token
        int length = 1;
        var generated = new ArrayList<Integer>();
        for (int step = 0; step < 40; step++) {
            int[] masked = mask(processor, history, length);
            var expected = new TreeSet<Integer>();
            for (int t = 0; t < VOCAB.size(); t++) {
                if (referenceForbidden(generated, t)) {
                    expected.add(t);
                }
            }
            assertThat(Arrays.stream(masked).boxed().toList()).as("mask after %s", decode(generated))
                    .containsExactlyElementsOf(expected);
            var allowed = new ArrayList<Integer>();
            for (int t = 0; t < VOCAB.size(); t++) {
                if (!expected.contains(t)) {
                    allowed.add(t);
                }
            }
            // Prefer the pieces of banned words, to steer towards them as hard as possible.
            int pick = allowed.get(random.nextInt(allowed.size()));
            if (random.nextInt(3) > 0) {
                var tempting = allowed.stream().filter(t -> t > 0 && t < 60).toList();
                pick = tempting.get(random.nextInt(tempting.size()));
            }
            generated.add(pick);
            history[length++] = pick;
        }
        assertThat(BANNED_PATTERN.matcher(decode(generated)).find()).as(decode(generated)).isFalse();
    }

    @Test
    void masksEverySegmentationOfABannedWordButNotLongerWords() {
        var constraint = DecodeConstraint.forTerms(List.of("gemma"), TOKENS);
        long start = constraint.initialState();
        int gemma = VOCAB.indexOf(find(" gemma"));
        int gemmas = VOCAB.indexOf(find("gemmas"));
        assertThat(constraint.isForbidden(start, gemma)).isTrue();
        assertThat(constraint.isForbidden(start, VOCAB.indexOf(find("GEMMA")))).isTrue();
        assertThat(constraint.isForbidden(start, gemmas)).as("a longer word inside one token").isFalse();
        var runner = constraint.new Runner();
        long afterGem = constraint.advance(start, VOCAB.indexOf(find(" Gem")), runner);
        assertThat(constraint.isForbidden(afterGem, VOCAB.indexOf(find("ma")))).isTrue();
        assertThat(constraint.isForbidden(afterGem, VOCAB.indexOf(find("mma ")))).isFalse();
        long afterGemm = constraint.advance(afterGem, VOCAB.indexOf(find("m")), runner);
        assertThat(constraint.isForbidden(afterGemm, VOCAB.indexOf(find("a")))).isTrue();
        assertThat(constraint.isForbidden(afterGemm, VOCAB.indexOf(find("a.")))).isTrue();
        long afterX = constraint.advance(start, VOCAB.indexOf(find("x")), runner);
        assertThat(constraint.isForbidden(afterX, VOCAB.indexOf(find("gem")))).as("not a word start").isFalse();
        assertThat(constraint.forbiddenTokens(afterX)).doesNotContain(VOCAB.indexOf(find("emma")));
    }

    @Test
    void bytesSplittingACharacterAreFollowed() {
        var constraint = DecodeConstraint.forTerms(List.of("café"), TOKENS);
        var runner = constraint.new Runner();
        long s = constraint.advance(constraint.initialState(), VOCAB.indexOf(find("caf")), runner);
        s = constraint.advance(s, indexOfByte(0xC3), runner);
        assertThat(DecodeConstraint.pending(s)).isNotZero();
        assertThat(constraint.isForbidden(s, indexOfByte(0xA9))).as("completes é at the token end").isTrue();
        assertThat(constraint.isForbidden(s, indexOfByte(0x89))).as("É: also café, folded").isTrue();
        assertThat(constraint.isForbidden(s, indexOfByte(0x80))).as("not é").isFalse();
    }

    @Test
    void fromGuidelinesUsesDecodeRulesWithInflectionsAndSkipsCaseSensitiveTerms() {
        Guidelines g = Yaml.parse("""
                - {id: a, kind: terminology, status: banned, severity: error, on_fail: fix, terms: [guarantee, {term: US, case_sensitive: true}]}
                - {id: b, kind: terminology, status: deprecated, severity: warning, on_fail: fix, terms: [old]}
                - {id: c, kind: competitors, severity: error, on_fail: reask, names: [Globex]}
                - {id: d, kind: forbidden-claims, severity: error, on_fail: reask, phrases: [risk-free]}
                - {id: e, kind: forbidden-claims, severity: error, on_fail: reask, decode: true, phrases: [zero risk]}
                """);
        assertThat(DecodeConstraint.bannedForms(g)).containsExactly("guarantee", "guarantees", "guaranteed", "guaranteeing",
                "Globex", "zero risk", "zero risks", "zero risked", "zero risking");
        var constraint = DecodeConstraint.fromGuidelines(g, TOKENS);
        assertThat(constraint.terms()).hasSize(9);
        assertThat(constraint.isEmpty()).isFalse();
        assertThat(DecodeConstraint.fromGuidelines(Yaml.parse("""
                - {id: b, kind: terminology, status: deprecated, severity: warning, on_fail: fix, terms: [old]}
                """), TOKENS).isEmpty()).isTrue();
    }

    @Test
    void aProcessorStartsOverWhenTheHistoryShrinks() {
        var constraint = DecodeConstraint.forTerms(List.of("gemma"), TOKENS);
        var p = constraint.newProcessor();
        int gem = VOCAB.indexOf(find(" Gem"));
        int ma = VOCAB.indexOf(find("ma"));
        int[] history = {0, gem, 0, 0};
        mask(p, history, 1);
        assertThat(mask(p, history, 2)).contains(ma);
        // A new sequence whose prompt ends in "Gem": the prompt is not generated text.
        assertThat(mask(p, new int[] {gem}, 1)).doesNotContain(ma);
        var explicit = constraint.newProcessor(1);
        assertThat(mask(explicit, history, 2)).contains(ma);
    }

    private static byte[] find(String piece) {
        byte[] b = piece.getBytes(StandardCharsets.UTF_8);
        for (byte[] v : VOCAB) {
            if (Arrays.equals(v, b)) {
                return v;
            }
        }
        throw new AssertionError("no piece " + piece);
    }

    private static int indexOfByte(int value) {
        for (int i = 0; i < VOCAB.size(); i++) {
            if (VOCAB.get(i).length == 1 && (VOCAB.get(i)[0] & 0xFF) == value) {
                return i;
            }
        }
        throw new AssertionError("no byte token " + value);
    }
}
