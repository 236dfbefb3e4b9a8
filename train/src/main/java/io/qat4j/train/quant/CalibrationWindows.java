package io.qat4j.train.quant;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.qat4j.core.tokenizer.Tokenizer;
import io.qat4j.train.data.Corpus;
import io.qat4j.train.data.CorpusSplit;

/**
 * Token windows for calibration: {@code [BOS] + tokens} taken at evenly spaced places of the
 * training split (the first 90 %) of a text, so a corpus can be passed without touching its
 * validation and test parts.
 */
public final class CalibrationWindows {
    private CalibrationWindows() {}

    /**
     * About {@code totalTokens} tokens in windows of {@code seqLen} (the last window may be cut short
     * by the end of the text), tokenized by {@code tokenizer}.
     */
    public static List<int[]> read(Path text, Tokenizer tokenizer, int seqLen, int totalTokens) throws IOException {
        byte[] train = CorpusSplit.of(Corpus.read(text)).train();
        if (train.length == 0) {
            throw new IllegalArgumentException(text + ": no calibration text (its training split is empty)");
        }
        if (tokenizer.bosId() < 0) {
            throw new IllegalArgumentException("the model's vocabulary has no BOS token to start calibration windows with");
        }
        int windows = Math.max(1, (totalTokens + seqLen - 1) / seqLen);
        // Enough text for seqLen tokens even when every character falls back to its bytes.
        int span = Math.min(train.length, 16 * seqLen);
        var out = new ArrayList<int[]>();
        for (int w = 0; w < windows; w++) {
            int start = (int) ((long) (train.length - span) * w / windows);
            while (start < train.length && (train[start] & 0xC0) == 0x80) {
                start++; // begin on a whole UTF-8 character
            }
            String piece = new String(train, start, Math.min(span, train.length - start), StandardCharsets.UTF_8);
            int[] ids = tokenizer.encode(piece, false, false);
            int n = Math.min(ids.length, seqLen - 1);
            if (n == 0) {
                continue;
            }
            int[] window = new int[n + 1];
            window[0] = tokenizer.bosId();
            System.arraycopy(ids, 0, window, 1, n);
            out.add(window);
            if (span == train.length) {
                break; // the whole text fits one window
            }
        }
        return out;
    }
}
