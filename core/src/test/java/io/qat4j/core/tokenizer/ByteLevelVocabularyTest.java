package io.qat4j.core.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * A vocabulary of only byte and control tokens (the layout of testdata/corpus/README.md: bytes at ids
 * 0..255, then PAD, BOS, EOS, UNK) is byte-level: text maps to its raw UTF-8 bytes, spaces included.
 */
class ByteLevelVocabularyTest {
    static SentencePieceTokenizer bytesTokenizer() {
        String[] tokens = new String[260];
        TokenType[] types = new TokenType[260];
        for (int b = 0; b < 256; b++) {
            tokens[b] = String.format("<0x%02X>", b);
            types[b] = TokenType.BYTE;
        }
        String[] specials = {"<pad>", "<bos>", "<eos>", "<unk>"};
        for (int i = 0; i < 4; i++) {
            tokens[256 + i] = specials[i];
            types[256 + i] = i == 3 ? TokenType.UNKNOWN : TokenType.CONTROL;
        }
        return new SentencePieceTokenizer(new GgufVocabulary(tokens, new float[260], types, 257, 258, 259, 256,
                true, false, false));
    }

    @Test
    void spacesAndMultiByteCharactersAreTheirRawBytes() {
        var tok = bytesTokenizer();
        assertThat(tok.isByteLevel()).isTrue();
        assertThat(tok.encode("a b", true, false)).containsExactly(257, 'a', ' ', 'b');
        assertThat(tok.encode("é\n", false, false)).containsExactly(0xC3, 0xA9, '\n');
        assertThat(tok.decode(new int[] {257, 'h', 'i', ' ', 0xC3, 0xA9}, true)).isEqualTo("hi é");
    }

    @Property(tries = 200)
    void encodingIsTheUtf8Bytes(@ForAll String text) {
        var tok = bytesTokenizer();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = tok.encode(text, false, false);
        assertThat(ids).hasSize(utf8.length);
        for (int i = 0; i < utf8.length; i++) {
            assertThat(ids[i]).isEqualTo(utf8[i] & 0xFF);
        }
    }
}
