package io.qat4j.guard.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Flesch reading ease against values computed by hand: syllables counted from the dictionary
 * (the texts use words where the heuristic agrees), then 206.835 − 1.015·W/S − 84.6·Syl/W.
 */
class ReadabilityTest {

    @ParameterizedTest
    @CsvSource({"the,1", "cat,1", "table,2", "people,2", "guarantee,3", "readability,5", "wanted,2", "jumped,1",
        "makes,1", "changes,2", "sentences,3", "measures,2", "yellow,2", "automatic,4", "free,1", "schedule,2",
        "system,2", "understand,3", "simpler,2", "2024,1", "don't,1", "Café,2"})
    void countsSyllablesOfCommonWords(String word, int syllables) {
        assertThat(Syllables.count(word)).isEqualTo(syllables);
    }

    @Test
    void oneSentenceOfOneSyllableWords() {
        // 6 words, 1 sentence, 6 syllables: 206.835 − 1.015·6 − 84.6·1 = 116.145
        var stats = TextStats.of("The cat sat on the mat.");
        assertThat(stats.words()).hasSize(6);
        assertThat(stats.sentences()).hasSize(1);
        assertThat(stats.syllables()).isEqualTo(6);
        assertThat(stats.readingEase()).isCloseTo(116.145, within(1e-9));
    }

    @Test
    void plainProductCopy() {
        // Our(1) new(1) ser-vice(2) makes(1) back-ups(2) au-to-mat-ic(4) = 6 words, 11;
        // You(1) choose(1) a(1) sched-ule(2) and(1) the(1) sys-tem(2) cov-ers(2) the(1) rest(1) = 10 words, 13.
        // 16 words, 2 sentences, 24 syllables: 206.835 − 1.015·8 − 84.6·1.5 = 71.815
        var stats = TextStats.of("Our new service makes backups automatic. You choose a schedule, and the system covers the rest.");
        assertThat(stats.words()).hasSize(16);
        assertThat(stats.sentences()).hasSize(2);
        assertThat(stats.syllables()).isEqualTo(24);
        assertThat(stats.readingEase()).isCloseTo(71.815, within(1e-9));
    }

    @Test
    void denseText() {
        // Read-a-bil-i-ty(5) mea-sures(2) help(1) wri-ters(2) = 4 words, 10;
        // Short(1) sen-ten-ces(3) are(1) sim-pler(2) to(1) un-der-stand(3) = 6 words, 11.
        // 10 words, 2 sentences, 21 syllables: 206.835 − 1.015·5 − 84.6·2.1 = 24.1
        var stats = TextStats.of("Readability measures help writers. Short sentences are simpler to understand.");
        assertThat(stats.syllables()).isEqualTo(21);
        assertThat(stats.readingEase()).isCloseTo(24.1, within(1e-9));
    }

    @Test
    void splitsSentencesSensibly() {
        var stats = TextStats.of("It costs $3.50, e.g. for one user. Really?! Yes…\n\nNew paragraph\n- a list item\n- another");
        assertThat(stats.sentences()).extracting(s -> "It costs $3.50, e.g. for one user. Really?! Yes…\n\nNew paragraph\n- a list item\n- another"
                .substring(s.start(), s.end()))
                .containsExactly("It costs $3.50, e.g. for one user.", "Really?!", "Yes…", "New paragraph", "- a list item",
                        "- another");
        assertThat(TextStats.of("Don't stop: risk-free isn't two words.").words()).hasSize(6);
    }
}
