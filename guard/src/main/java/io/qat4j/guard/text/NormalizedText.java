package io.qat4j.guard.text;

/**
 * A text as its {@link Normalizer} symbol stream, with each symbol's source span in the original
 * text (Java char indices), so a match in the stream maps back to the exact characters it covers.
 */
public final class NormalizedText {
    private final String text;
    private final char[] symbols;
    private final int[] sourceStart;
    private final int[] sourceEnd;
    private final int length;

    private NormalizedText(String text) {
        this.text = text;
        int capacity = text.length() + text.length() / 4 + 4;
        char[] sym = new char[capacity];
        int[] start = new int[capacity];
        int[] end = new int[capacity];
        char[] buf = new char[3];
        int n = 0;
        int cls = Normalizer.BOUNDARY;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            int k = Normalizer.symbols(cp, cls, buf);
            if (n + k > sym.length) {
                int grown = sym.length * 2;
                sym = java.util.Arrays.copyOf(sym, grown);
                start = java.util.Arrays.copyOf(start, grown);
                end = java.util.Arrays.copyOf(end, grown);
            }
            for (int j = 0; j < k; j++) {
                sym[n] = buf[j];
                start[n] = i;
                end[n] = next;
                n++;
            }
            cls = Normalizer.classOf(cp);
            i = next;
        }
        this.symbols = sym;
        this.sourceStart = start;
        this.sourceEnd = end;
        this.length = n;
    }

    public static NormalizedText of(String text) {
        return new NormalizedText(text);
    }

    public String text() {
        return text;
    }

    public int length() {
        return length;
    }

    public char symbol(int i) {
        return symbols[i];
    }

    /** The original start (inclusive) of the code point that produced symbol {@code i}. */
    public int sourceStart(int i) {
        return sourceStart[i];
    }

    /** The original end (exclusive) of the code point that produced symbol {@code i}. */
    public int sourceEnd(int i) {
        return sourceEnd[i];
    }
}
