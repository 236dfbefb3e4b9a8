package io.qat4j.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnglishTextTest {

    @Test
    void keepsEnglishSpeechesAndDropsTheParliamentsOtherLanguages() {
        assertThat(EnglishText.isLikely("We call on the Commission to submit new proposals that combat discrimination in the"
                + " provision of goods and services.")).isTrue();
        assertThat(EnglishText.isLikely("Invitiamo dunque la Commissione a sottoporre nuove proposte intese a combattere la"
                + " discriminazione basata sul sesso.")).isFalse();
        assertThat(EnglishText.isLikely("Detta är, givetvis, en komplicerad fråga. Jag tackar kommissionären.")).isFalse();
        assertThat(EnglishText.isLikely("Anwendungsbereichs auf nicht-landwirtschaftliche Verwendungen und die Nutzung"))
                .isFalse();
        assertThat(EnglishText.isLikely("")).isFalse();
        assertThat(EnglishText.isLikely("1999 – 2004")).as("no words").isFalse();
    }
}
