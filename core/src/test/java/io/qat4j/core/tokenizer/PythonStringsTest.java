package io.qat4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PythonStringsTest {
    /** Every code point for which Python 3.11's str.isspace() is true (all are in the BMP). */
    private static final int[] PYTHON_SPACES = {0x0009, 0x000A, 0x000B, 0x000C, 0x000D, 0x001C, 0x001D, 0x001E,
            0x001F, 0x0020, 0x0085, 0x00A0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007,
            0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000};

    @Test
    void isSpaceAgreesWithPythonOnTheWholeBmp() {
        List<Integer> spaces = new ArrayList<>();
        for (int c = 0; c <= 0xFFFF; c++) {
            if (PythonStrings.isSpace((char) c)) {
                spaces.add(c);
            }
        }
        assertThat(spaces).containsExactly(java.util.Arrays.stream(PYTHON_SPACES).boxed().toArray(Integer[]::new));
    }

    @Test
    void stripRemovesOnlyTheEnds() {
        assertThat(PythonStrings.strip("\u00A0 a b \u2028")).isEqualTo("a b");
        assertThat(PythonStrings.strip(" \t\n")).isEmpty();
        assertThat(PythonStrings.strip("\u200Bx\u200B")).isEqualTo("\u200Bx\u200B");
    }
}
