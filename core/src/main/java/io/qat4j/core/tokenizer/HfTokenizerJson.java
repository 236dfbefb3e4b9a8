package io.qat4j.core.tokenizer;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Reads a Hugging Face {@code tokenizer.json} with a BPE model into the parts {@link HfBpeTokenizer}
 * runs on. The vocabulary and the merges (hundreds of thousands of entries) are streamed; the small
 * sections (normalizer, pre-tokenizer, post-processor, decoder) are read as trees and checked
 * against what {@link HfBpeTokenizer} implements, so an unsupported file fails at load time
 * instead of tokenizing differently from the reference.
 */
final class HfTokenizerJson {
    static final String SPACE_MARK = "\u2581";

    record AddedToken(int id, String content, boolean special) {}

    /** Everything {@link HfBpeTokenizer} needs. */
    record Parts(Vocabulary vocab, List<AddedToken> addedTokens, BpeMerges merges, UnaryOperator<String> normalizer,
            int[] prefixIds, int[] suffixIds, int unkId, boolean byteFallback, boolean fuseUnk, boolean ignoreMerges,
            int bosId, int eosId, int[] extraEndIds) {}

    // Field names are vocabulary pieces: canonicalizing 262k of them in Jackson's symbol table would
    // be slow and can trip its hash-flooding guard. Only the streaming layer is used: starting an
    // ObjectMapper costs more CPU than a tenth of the whole load.
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();

    private final String source;
    private final List<AddedToken> added = new ArrayList<>();
    private JsonNode normalizerNode;
    private JsonNode preTokenizerNode;
    private JsonNode postProcessorNode;
    private JsonNode decoderNode;
    private boolean sawModel;
    private String modelType;
    private String unkToken;
    private boolean byteFallback;
    private boolean fuseUnk;
    private boolean ignoreMerges;
    private String[] vocabPieces = new String[0];
    private int[] vocabIds = new int[0];
    private int vocabCount;
    private int[] mergeLeft = new int[0];
    private int[] mergeRight = new int[0];
    private int[] mergeResult = new int[0];
    private int mergeCount;

    private HfTokenizerJson(String source) {
        this.source = source;
    }

    /** Reads {@code tokenizer.json}; {@code config} (tokenizer_config.json) may be null. */
    static Parts read(Path tokenizerJson, Path config) throws IOException {
        var reader = new HfTokenizerJson(tokenizerJson.toString());
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new NoSuchFileException(tokenizerJson.toString(), null, "no such tokenizer file");
        }
        String text;
        try {
            // Strict: Jackson's own decoding would turn a corrupt byte into U+FFFD inside a piece.
            text = Files.readString(tokenizerJson);
        } catch (CharacterCodingException e) {
            throw reader.fail("is not valid UTF-8");
        }
        try (JsonParser p = JSON.createParser(text)) {
            reader.parse(p);
        } catch (JsonProcessingException e) {
            throw reader.malformed(e);
        }
        String[] specialNames = config == null ? new String[2] : readConfigSpecials(config);
        return reader.build(specialNames[0], specialNames[1]);
    }

    private void parse(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw fail("is not a JSON object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "added_tokens" -> readAddedTokens(p);
                case "normalizer" -> normalizerNode = tree(p);
                case "pre_tokenizer" -> preTokenizerNode = tree(p);
                case "post_processor" -> postProcessorNode = tree(p);
                case "decoder" -> decoderNode = tree(p);
                case "model" -> readModel(p);
                default -> p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
            throw fail("has content after its top-level object");
        }
    }

    /** The value at the parser as a tree (for the small sections). */
    private static JsonNode tree(JsonParser p) throws IOException {
        var nodes = JsonNodeFactory.instance;
        return switch (p.currentToken()) {
            case START_OBJECT -> {
                var object = nodes.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    object.set(name, tree(p));
                }
                yield object;
            }
            case START_ARRAY -> {
                var array = nodes.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(tree(p));
                }
                yield array;
            }
            case VALUE_STRING -> nodes.textNode(p.getText());
            case VALUE_NUMBER_INT -> nodes.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> nodes.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> nodes.booleanNode(true);
            case VALUE_FALSE -> nodes.booleanNode(false);
            case VALUE_NULL -> nodes.nullNode();
            default -> throw new JsonParseException(p, "unexpected " + p.currentToken());
        };
    }

    private void readAddedTokens(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw fail("\"added_tokens\" is not an array");
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            JsonNode t = tree(p);
            JsonNode id = t.get("id");
            JsonNode content = t.get("content");
            if (id == null || !id.canConvertToInt() || id.intValue() < 0 || content == null || !content.isTextual()) {
                throw fail("an entry of \"added_tokens\" lacks a non-negative \"id\" or a \"content\": " + t);
            }
            if (t.path("normalized").asBoolean(false)) {
                throw fail("added token '" + content.textValue() + "' has normalized: true, which qat4j does not support");
            }
            if (t.path("lstrip").asBoolean(false) || t.path("rstrip").asBoolean(false) || t.path("single_word").asBoolean(false)) {
                throw fail("added token '" + content.textValue() + "' uses lstrip, rstrip or single_word, which qat4j does not support");
            }
            added.add(new AddedToken(id.intValue(), content.textValue(), t.path("special").asBoolean(false)));
        }
    }

    private void readModel(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw fail("\"model\" is not an object");
        }
        sawModel = true;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "type" -> modelType = string(p, field);
                case "unk_token" -> unkToken = string(p, field);
                case "byte_fallback" -> byteFallback = bool(p, field);
                case "fuse_unk" -> fuseUnk = bool(p, field);
                case "ignore_merges" -> ignoreMerges = bool(p, field);
                case "continuing_subword_prefix", "end_of_word_suffix" -> {
                    String affix = string(p, field);
                    if (affix != null && !affix.isEmpty()) {
                        throw fail("model." + field + " is set; qat4j supports BPE models without it");
                    }
                }
                case "vocab" -> readVocab(p);
                case "merges" -> readMerges(p);
                default -> p.skipChildren(); // dropout: only used while training a tokenizer
            }
        }
    }

    /** A string or null model field; anything else is an error naming it. */
    private String string(JsonParser p, String field) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getText();
            case VALUE_NULL -> null;
            default -> throw fail("model." + field + " must be a string");
        };
    }

    private boolean bool(JsonParser p, String field) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE, VALUE_NULL -> false;
            default -> throw fail("model." + field + " must be true or false");
        };
    }

    private void readVocab(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw fail("model.vocab is not an object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String piece = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_NUMBER_INT || p.getLongValue() < 0 || p.getLongValue() > Integer.MAX_VALUE - 8) {
                throw fail("model.vocab entry '" + piece + "' has no valid id");
            }
            if (vocabCount == vocabPieces.length) {
                int n = Math.max(1024, vocabCount * 2);
                vocabPieces = Arrays.copyOf(vocabPieces, n);
                vocabIds = Arrays.copyOf(vocabIds, n);
            }
            vocabPieces[vocabCount] = piece;
            vocabIds[vocabCount++] = p.getIntValue();
        }
    }

    /**
     * Resolves each merge to ids as it is read, straight from the parser's buffer: half a million
     * pairs would otherwise mean a million short-lived strings. The pieces are looked up in
     * model.vocab, which tokenizers always writes before the merges.
     */
    private void readMerges(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw fail("model.merges is not an array");
        }
        if (vocabCount == 0) {
            throw fail("model.merges comes before model.vocab; qat4j reads the vocabulary first");
        }
        var index = new PieceIndex(vocabPieces, vocabIds, vocabCount);
        var left = new CharSlice();
        var right = new CharSlice();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t == JsonToken.VALUE_STRING) {
                // Older files write "left right"; pieces then cannot contain a space.
                right.point(p);
                int space = right.indexOf(' ');
                if (space < 0 || right.indexOf(' ', space + 1) >= 0) {
                    throw fail("merge #" + mergeCount + " '" + right + "' is not two pieces separated by one space");
                }
                addMerge(index, right, 0, space, right, space + 1, right.length());
            } else if (t == JsonToken.START_ARRAY) {
                boolean ok = p.nextToken() == JsonToken.VALUE_STRING;
                if (ok) {
                    left.copy(p);
                    ok = p.nextToken() == JsonToken.VALUE_STRING;
                }
                if (ok) {
                    right.point(p);
                    addMerge(index, left, 0, left.length(), right, 0, right.length());
                    ok = p.nextToken() == JsonToken.END_ARRAY;
                }
                if (!ok) {
                    throw fail("merge #" + mergeCount + " is not a pair of strings");
                }
            } else {
                throw fail("merge #" + mergeCount + " is neither \"a b\" nor [\"a\", \"b\"]");
            }
        }
    }

    private void addMerge(PieceIndex index, CharSequence a, int aFrom, int aTo, CharSequence b, int bFrom, int bTo)
            throws TokenizerFormatException {
        if (mergeCount == mergeLeft.length) {
            int n = Math.max(1024, mergeCount * 2);
            mergeLeft = Arrays.copyOf(mergeLeft, n);
            mergeRight = Arrays.copyOf(mergeRight, n);
            mergeResult = Arrays.copyOf(mergeResult, n);
        }
        int l = index.idOf(a, aFrom, aTo);
        int r = index.idOf(b, bFrom, bTo);
        int m = index.idOfConcat(a, aFrom, aTo, b, bFrom, bTo);
        if (l < 0 || r < 0 || m < 0) {
            throw fail("merge #" + mergeCount + " ('" + a.subSequence(aFrom, aTo) + "', '" + b.subSequence(bFrom, bTo)
                    + "') uses or makes a piece missing from model.vocab");
        }
        mergeLeft[mergeCount] = l;
        mergeRight[mergeCount] = r;
        mergeResult[mergeCount++] = m;
    }

    /** A window on the parser's current string, or a private copy of one. */
    private static final class CharSlice implements CharSequence {
        private char[] own = new char[64];
        private char[] chars = own;
        private int offset;
        private int length;

        /** Views the parser's buffer: valid until the parser moves on. */
        void point(JsonParser p) throws IOException {
            chars = p.getTextCharacters();
            offset = p.getTextOffset();
            length = p.getTextLength();
        }

        /** Copies the parser's current string. */
        void copy(JsonParser p) throws IOException {
            length = p.getTextLength();
            if (length > own.length) {
                own = new char[length];
            }
            System.arraycopy(p.getTextCharacters(), p.getTextOffset(), own, 0, length);
            chars = own;
            offset = 0;
        }

        int indexOf(char c) {
            return indexOf(c, 0);
        }

        int indexOf(char c, int from) {
            for (int i = from; i < length; i++) {
                if (chars[offset + i] == c) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public char charAt(int i) {
            return chars[offset + i];
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new String(chars, offset + start, end - start);
        }

        @Override
        public String toString() {
            return new String(chars, offset, length);
        }
    }

    private Parts build(String configBos, String configEos) throws TokenizerFormatException {
        if (!sawModel) {
            throw fail("has no \"model\" section: not a Hugging Face tokenizer.json");
        }
        if (!"BPE".equals(modelType)) {
            throw fail("model.type is '" + modelType + "'; qat4j reads BPE models only");
        }
        String[] pieces = assemblePieces();
        var types = new TokenType[pieces.length];
        var addedIds = new boolean[pieces.length];
        for (AddedToken t : added) {
            types[t.id()] = t.special() ? TokenType.CONTROL : TokenType.USER_DEFINED;
            addedIds[t.id()] = true;
        }
        for (int id = 0; id < pieces.length; id++) {
            if (!addedIds[id]) {
                types[id] = pieces[id].equals(unkToken) ? TokenType.UNKNOWN
                        : Vocabulary.byteValueOf(pieces[id]) >= 0 ? TokenType.BYTE : TokenType.NORMAL;
            }
        }
        Vocabulary vocab;
        try {
            vocab = new Vocabulary(source, pieces, types);
        } catch (IllegalArgumentException e) {
            throw new TokenizerFormatException(e.getMessage(), e); // names the file already
        }
        int unkId = unkToken == null ? -1 : vocab.idOf(unkToken);
        if (unkToken != null && unkId < 0) {
            throw fail("model.unk_token '" + unkToken + "' is not in the vocabulary");
        }
        var merges = new BpeMerges(Arrays.copyOf(mergeLeft, mergeCount), Arrays.copyOf(mergeRight, mergeCount),
                Arrays.copyOf(mergeResult, mergeCount));
        UnaryOperator<String> normalizer = normalizer(normalizerNode, "normalizer");
        checkPreTokenizer(normalizer);
        checkDecoder();
        int[][] template = postProcessorTemplate();
        int bos = template[0].length > 0 ? template[0][0] : vocab.idOf(configBos != null ? configBos : "<bos>");
        int eos = vocab.idOf("<eos>");
        int configEosId = configEos == null ? -1 : vocab.idOf(configEos);
        return new Parts(vocab, List.copyOf(added), merges, normalizer, template[0], template[1], unkId, byteFallback,
                fuseUnk, ignoreMerges, bos, eos >= 0 ? eos : configEosId, new int[] {configEosId});
    }

    private String[] assemblePieces() throws TokenizerFormatException {
        int size = 0;
        for (int i = 0; i < vocabCount; i++) {
            size = Math.max(size, vocabIds[i] + 1);
        }
        for (AddedToken t : added) {
            size = Math.max(size, t.id() + 1);
        }
        if (size > vocabCount + added.size()) {
            throw fail("token ids go up to " + (size - 1) + " but there are only " + (vocabCount + added.size())
                    + " tokens: the ids have gaps");
        }
        var pieces = new String[size];
        for (int i = 0; i < vocabCount; i++) {
            if (pieces[vocabIds[i]] != null) {
                throw fail("model.vocab gives id " + vocabIds[i] + " to both '" + pieces[vocabIds[i]] + "' and '"
                        + vocabPieces[i] + "'");
            }
            pieces[vocabIds[i]] = vocabPieces[i];
        }
        for (AddedToken t : added) {
            if (pieces[t.id()] == null) {
                pieces[t.id()] = t.content();
            } else if (!pieces[t.id()].equals(t.content())) {
                throw fail("added token " + t.id() + " '" + t.content() + "' differs from the vocabulary's '"
                        + pieces[t.id()] + "'");
            }
        }
        vocabPieces = null;
        vocabIds = null;
        return pieces;
    }

    /** The normalizers qat4j implements: Replace of a literal string, Prepend, and Sequences of them. */
    private UnaryOperator<String> normalizer(JsonNode n, String where) throws TokenizerFormatException {
        if (n == null || n.isNull()) {
            return UnaryOperator.identity();
        }
        String type = n.path("type").asText();
        switch (type) {
            case "Replace" -> {
                String pattern = n.path("pattern").path("String").textValue();
                String content = n.path("content").textValue();
                if (pattern == null || pattern.isEmpty() || content == null) {
                    throw unsupported(where, n);
                }
                return s -> s.replace(pattern, content);
            }
            case "Prepend" -> {
                String prefix = n.path("prepend").textValue();
                if (prefix == null) {
                    throw unsupported(where, n);
                }
                return s -> s.isEmpty() ? s : prefix + s;
            }
            case "Sequence" -> {
                UnaryOperator<String> all = UnaryOperator.identity();
                int i = 0;
                for (JsonNode child : n.path("normalizers")) {
                    UnaryOperator<String> step = normalizer(child, where + ".normalizers[" + i++ + "]");
                    UnaryOperator<String> before = all;
                    all = s -> step.apply(before.apply(s));
                }
                return all;
            }
            default -> throw unsupported(where, n);
        }
    }

    /**
     * Only a pre-tokenizer that cannot split anything is accepted: a Split on a literal string that
     * the normalizer has already replaced (Gemma splits on " " after turning spaces into "▁").
     */
    private void checkPreTokenizer(UnaryOperator<String> normalizer) throws TokenizerFormatException {
        JsonNode n = preTokenizerNode;
        if (n == null || n.isNull()) {
            return;
        }
        String pattern = n.path("pattern").path("String").textValue();
        boolean inert = "Split".equals(n.path("type").asText()) && pattern != null && !pattern.isEmpty()
                && !n.path("invert").asBoolean(false)
                && !normalizer.apply(pattern + "x" + pattern).contains(pattern);
        if (!inert) {
            throw unsupported("pre_tokenizer", n);
        }
    }

    /** The decoder must be what {@link Tokenizer} decodes by: Replace "▁" by " ", ByteFallback, Fuse. */
    private void checkDecoder() throws TokenizerFormatException {
        JsonNode n = decoderNode;
        boolean replace = false;
        boolean byteFallbackDecoder = false;
        if (n != null && "Sequence".equals(n.path("type").asText())) {
            for (JsonNode d : n.path("decoders")) {
                switch (d.path("type").asText()) {
                    case "Replace" -> {
                        if (!SPACE_MARK.equals(d.path("pattern").path("String").textValue())
                                || !" ".equals(d.path("content").textValue())) {
                            throw unsupported("decoder", n);
                        }
                        replace = true;
                    }
                    case "ByteFallback" -> byteFallbackDecoder = true;
                    case "Fuse" -> { }
                    default -> throw unsupported("decoder", n);
                }
            }
        }
        if (!replace || !byteFallbackDecoder) {
            throw unsupported("decoder", n);
        }
    }

    /** The special ids the single-sequence template puts before and after the text. */
    private int[][] postProcessorTemplate() throws TokenizerFormatException {
        JsonNode n = postProcessorNode;
        if (n == null || n.isNull()) {
            return new int[][] {{}, {}};
        }
        if (!"TemplateProcessing".equals(n.path("type").asText())) {
            throw unsupported("post_processor", n);
        }
        var before = new ArrayList<Integer>();
        var after = new ArrayList<Integer>();
        boolean seenSequence = false;
        for (JsonNode item : n.path("single")) {
            if (item.has("Sequence")) {
                seenSequence = true;
            } else if (item.has("SpecialToken")) {
                String name = item.path("SpecialToken").path("id").asText();
                JsonNode ids = n.path("special_tokens").path(name).path("ids");
                if (!ids.isArray() || ids.isEmpty()) {
                    throw fail("post_processor special token '" + name + "' has no ids");
                }
                for (JsonNode id : ids) {
                    (seenSequence ? after : before).add(id.asInt());
                }
            } else {
                throw unsupported("post_processor", n);
            }
        }
        return new int[][] {before.stream().mapToInt(Integer::intValue).toArray(),
                after.stream().mapToInt(Integer::intValue).toArray()};
    }

    /** bos_token and eos_token of a tokenizer_config.json (each a string or {"content": ...}), null when absent. */
    private static String[] readConfigSpecials(Path config) throws IOException {
        try (JsonParser p = JSON.createParser(config.toFile())) {
            var names = new String[2];
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new TokenizerFormatException(config + ": is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                int slot = field.equals("bos_token") ? 0 : field.equals("eos_token") ? 1 : -1;
                if (slot < 0) {
                    p.skipChildren();
                    continue;
                }
                JsonNode root = tree(p);
                names[slot] = root.isTextual() ? root.textValue() : root.path("content").textValue();
            }
            return names;
        } catch (JsonProcessingException e) {
            throw new TokenizerFormatException(config + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private TokenizerFormatException malformed(JsonProcessingException e) {
        var where = e.getLocation();
        String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
        return new TokenizerFormatException(source + ": not a valid tokenizer.json (truncated or malformed JSON"
                + at + ": " + e.getOriginalMessage() + ")", e);
    }

    private TokenizerFormatException unsupported(String where, JsonNode n) {
        String text = String.valueOf(n);
        return fail(where + " " + (text.length() > 200 ? text.substring(0, 200) + "..." : text)
                + " is not supported (qat4j implements the Gemma-style SentencePiece BPE: Replace/Prepend normalizers,"
                + " no pre-tokenizer split, TemplateProcessing, and the Replace \"▁\" → \" \" + ByteFallback + Fuse decoder)");
    }

    private TokenizerFormatException fail(String what) {
        return new TokenizerFormatException(source + ": " + what);
    }
}
