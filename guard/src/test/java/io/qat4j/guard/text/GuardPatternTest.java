package io.qat4j.guard.text;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GuardPatternTest {

    @ParameterizedTest
    @CsvSource(delimiter = ';', nullValues = "NONE", value = {
        "\\b100\\s*%\\s*(safe|secure)\\b; 100",
        "\\bbest[- ]in[- ]class\\b; class",
        "risk[- ]?free; risk",
        "guarantee(d|s)?; guarantee",
        "colou?r; colo",
        "ab+c; ab",
        "x{2}yz; yz",
        "\\$\\d+ off; ' off'",
        "cheap|free; NONE",
        "(?-i)ACME; NONE",
        "[$€£]\\s?\\d; NONE",
        "a.b; NONE",
        "\\p{Lu}{3,}; NONE"})
    void findsALiteralEveryMatchContains(String regex, String literal) {
        assertThat(GuardPattern.requiredLiteral(regex)).isEqualTo(literal);
    }

    /** The pre-check never skips a text the pattern matches. */
    @Property(tries = 2000)
    void thePreCheckIsSound(@ForAll @StringLength(max = 12) @Chars({'a', 'B', 'ſ', 'K', 'k', '\u212A', 's', 'S', ' ', '1', '%'})
            String text) {
        for (String regex : new String[] {"as\\b", "k?ks", "\\bSK\\s*%", "1 ?%", "(s|k)a", "ss+"}) {
            var p = GuardPattern.compile(regex);
            if (p.pattern().matcher(text).find()) {
                assertThat(p.matcherIfPossible(text, GuardPattern.fold(text))).as(regex + " in " + text).isNotNull();
            }
        }
    }
}
