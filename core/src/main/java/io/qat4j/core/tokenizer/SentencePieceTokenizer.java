package io.qat4j.core.tokenizer;

import java.util.stream.IntStream;

import io.qat4j.core.gguf.GgufMetadata;

/**
 * The SentencePiece-style BPE of llama.cpp's "llama" vocabularies (Gemma's GGUF tokenizer).
 *
 * <p>Encoding: control (and unknown) tokens written in the text are cut out first when special
 * parsing is on, user-defined tokens always. Each stretch of text between them has its spaces
 * escaped as {@code ▁} (with one more {@code ▁} in front when {@code add_space_prefix} is set and the
 * stretch starts the text or follows a special token), is split into characters, and then the
 * adjacent pair whose joined text is a vocabulary piece with the highest score is merged, leftmost
 * first on ties, until no pair joins into a piece. A character left outside the vocabulary becomes
 * its UTF-8 bytes as {@code <0xXX>} tokens (the unknown token when those are missing).
 */
public final class SentencePieceTokenizer extends VocabularyTokenizer {
    private static final char SPACE = '\u2581';

    private final float[] scores;
    private final boolean addBos;
    private final boolean addEos;
    private final boolean addSpacePrefix;
    private final AddedTokenMatcher specials = new AddedTokenMatcher();
    /**
     * True when the vocabulary has no text pieces at all, only byte and control tokens: a byte-level
     * model (qat4j's {@code --tokenizer bytes}). Its text is its UTF-8 bytes, spaces included; escaping
     * a space to U+2581 would turn one byte into three.
     */
    private final boolean byteLevel;

    public SentencePieceTokenizer(GgufVocabulary v) {
        this(v, "vocabulary", -1);
    }

    /** @param source names the file in error messages */
    private SentencePieceTokenizer(GgufVocabulary v, String source, int eotId) {
        super(new Vocabulary(source, v.tokens(), v.types()), v.bosId(), v.eosId(), v.unkId(), eotId);
        this.scores = v.scores();
        this.addBos = v.addBos();
        this.addEos = v.addEos();
        this.addSpacePrefix = v.addSpacePrefix();
        boolean anyText = false;
        for (int id = 0; id < vocab.size(); id++) {
            TokenType t = vocab.type(id);
            if (t == TokenType.CONTROL || t == TokenType.UNKNOWN || t == TokenType.USER_DEFINED) {
                specials.add(vocab.piece(id), id, t != TokenType.USER_DEFINED);
            }
            anyText |= t == TokenType.NORMAL || t == TokenType.USER_DEFINED;
        }
        this.byteLevel = !anyText;
    }

    /** Whether this is a byte-level vocabulary (only byte and control tokens). */
    public boolean isByteLevel() {
        return byteLevel;
    }

    /** The tokenizer of a GGUF file's metadata. */
    public static SentencePieceTokenizer fromGguf(GgufMetadata md) {
        var v = GgufVocabulary.read(md);
        return new SentencePieceTokenizer(v, md.source(), GgufVocabulary.readOptionalId(md, GgufVocabulary.EOT_ID, v.size()));
    }

    /** The merge score of a piece (higher merges first). */
    public float score(int id) {
        vocab.piece(id); // range check
        return scores[id];
    }

    public boolean addsBos() {
        return addBos;
    }

    public boolean addsSpacePrefix() {
        return addSpacePrefix;
    }

    @Override
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        var out = IntStream.builder();
        if (addSpecial && addBos && bosId >= 0) {
            out.add(bosId);
        }
        var chain = new SymbolChain();
        specials.split(text, parseSpecial, new AddedTokenMatcher.Sink() {
            private boolean afterSpecial = true;

            @Override
            public void text(int start, int end) {
                encodeStretch(text.substring(start, end), addSpacePrefix && afterSpecial, chain, out);
                afterSpecial = false;
            }

            @Override
            public void token(int id) {
                out.add(id);
                afterSpecial = true;
            }
        });
        if (addSpecial && addEos && eosId >= 0) {
            out.add(eosId);
        }
        return out.build().toArray();
    }

    private void encodeStretch(String raw, boolean spacePrefix, SymbolChain chain, IntStream.Builder out) {
        String text = byteLevel ? raw : (spacePrefix ? String.valueOf(SPACE) : "") + raw.replace(' ', SPACE);
        chain.clear();
        for (int i = 0; i < text.length(); ) {
            int end = i + Character.charCount(text.codePointAt(i));
            chain.add(vocab.idOf(text, i, end), i, end);
            i = end;
        }
        chain.mergeAll((c, left, right) -> {
            int id = vocab.idOf(text, c.start(left), c.end(right));
            return id < 0 ? SymbolChain.NO_MERGE : SymbolChain.pack(priorityOf(scores[id]), id);
        });
        for (int s = chain.first(); s >= 0; s = chain.next(s)) {
            int id = chain.id(s);
            if (id >= 0) {
                out.add(id);
            } else {
                int cp = text.codePointAt(chain.start(s)); // a symbol outside the vocabulary is one code point
                if (!emitBytes(cp, out::add)) {
                    out.add(requireUnknown(cp));
                }
            }
        }
    }

    /** Orders scores so that a higher score gives a smaller priority (merged first). */
    static int priorityOf(float score) {
        int bits = Float.floatToIntBits(-score + 0.0f); // + 0.0f turns -0.0 into 0.0
        return bits >= 0 ? bits : bits ^ 0x7FFF_FFFF;
    }

    /**
     * As llama.cpp does, a vocabulary that adds a space prefix drops the space the first token
     * decodes to.
     */
    @Override
    public String decode(int[] ids, boolean skipSpecial) {
        String s = IncrementalDecoder.decodeAll(this, ids, skipSpecial);
        if (addSpacePrefix && ids.length > 0 && !vocab.type(ids[0]).isSpecial()
                && vocab.piece(ids[0]).startsWith(String.valueOf(SPACE)) && s.startsWith(" ")) {
            return s.substring(1);
        }
        return s;
    }
}
