package io.qat4j.core.tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;

/** Opens the right tokenizer for a file. */
public final class Tokenizers {
    private static final byte[] GGUF_MAGIC = {'G', 'G', 'U', 'F'};

    private Tokenizers() {}

    /**
     * A GGUF file gives its SentencePiece vocabulary; a {@code tokenizer.json}, or a directory that
     * holds one, gives a Hugging Face BPE tokenizer. The kind is told by the file's first bytes.
     *
     * @throws IOException naming the file when it is missing, of neither kind, or malformed
     */
    public static Tokenizer load(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            Path json = path.resolve("tokenizer.json");
            if (!Files.isRegularFile(json)) {
                throw new NoSuchFileException(path.toString(), null, "directory holds no tokenizer.json");
            }
            return HfBpeTokenizer.load(json);
        }
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such tokenizer file");
        }
        if (startsWithGgufMagic(path)) {
            try (GgufFile gguf = GgufReader.open(path)) {
                return SentencePieceTokenizer.fromGguf(gguf.metadata());
            } catch (IllegalArgumentException e) {
                throw new TokenizerFormatException(e.getMessage(), e);
            }
        }
        return HfBpeTokenizer.load(path);
    }

    private static boolean startsWithGgufMagic(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(4);
            return java.util.Arrays.equals(head, GGUF_MAGIC);
        }
    }
}
