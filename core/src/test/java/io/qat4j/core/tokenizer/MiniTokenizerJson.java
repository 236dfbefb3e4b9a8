package io.qat4j.core.tokenizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A small tokenizer.json in the Gemma 3 layout, built in code so that tests can vary one section.
 * Vocabulary: {@code <pad> <eos> <bos> <unk> <start_of_turn>}, the 256 byte tokens, then
 * {@code ▁ a b c ab abc ▁a ▁ab \n}; merges in rank order: (a, b), (ab, c), (▁, a), (▁, ab).
 */
final class MiniTokenizerJson {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int PAD = 0, EOS = 1, BOS = 2, UNK = 3, START = 4, BYTE0 = 5;
    static final int SPACE = 261, A = 262, B = 263, C = 264, AB = 265, ABC = 266, SPACE_A = 267, SPACE_AB = 268, NEWLINE = 269;

    final ObjectNode root = JSON.createObjectNode();

    MiniTokenizerJson(boolean mergesAsPairs) {
        root.put("version", "1.0");
        ArrayNode added = root.putArray("added_tokens");
        addToken(added, PAD, "<pad>", true);
        addToken(added, EOS, "<eos>", true);
        addToken(added, BOS, "<bos>", true);
        addToken(added, UNK, "<unk>", true);
        addToken(added, START, "<start_of_turn>", true);
        addToken(added, NEWLINE, "\n", false);
        ObjectNode normalizer = root.putObject("normalizer");
        normalizer.put("type", "Replace");
        normalizer.putObject("pattern").put("String", " ");
        normalizer.put("content", "▁");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "Split");
        pre.putObject("pattern").put("String", " ");
        pre.put("behavior", "MergedWithPrevious");
        pre.put("invert", false);
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        post.putArray("single").addObject().putObject("SpecialToken").put("id", "<bos>").put("type_id", 0);
        ((ArrayNode) post.get("single")).addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        ObjectNode bosEntry = post.putObject("special_tokens").putObject("<bos>");
        bosEntry.put("id", "<bos>");
        bosEntry.putArray("ids").add(BOS);
        bosEntry.putArray("tokens").add("<bos>");
        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "Sequence");
        ArrayNode decoders = decoder.putArray("decoders");
        ObjectNode replace = decoders.addObject();
        replace.put("type", "Replace");
        replace.putObject("pattern").put("String", "▁");
        replace.put("content", " ");
        decoders.addObject().put("type", "ByteFallback");
        decoders.addObject().put("type", "Fuse");
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.put("unk_token", "<unk>");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", true);
        model.put("byte_fallback", true);
        model.put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        String[] specials = {"<pad>", "<eos>", "<bos>", "<unk>", "<start_of_turn>"};
        for (int i = 0; i < specials.length; i++) {
            vocab.put(specials[i], i);
        }
        for (int b = 0; b < 256; b++) {
            vocab.put(String.format(Locale.ROOT, "<0x%02X>", b), BYTE0 + b);
        }
        String[] pieces = {"▁", "a", "b", "c", "ab", "abc", "▁a", "▁ab", "\n"};
        for (int i = 0; i < pieces.length; i++) {
            vocab.put(pieces[i], SPACE + i);
        }
        ArrayNode merges = model.putArray("merges");
        String[][] pairs = {{"a", "b"}, {"ab", "c"}, {"▁", "a"}, {"▁", "ab"}};
        for (String[] p : pairs) {
            if (mergesAsPairs) {
                merges.addArray().add(p[0]).add(p[1]);
            } else {
                merges.add(p[0] + " " + p[1]);
            }
        }
    }

    private static void addToken(ArrayNode added, int id, String content, boolean special) {
        ObjectNode t = added.addObject();
        t.put("id", id);
        t.put("content", content);
        t.put("single_word", false);
        t.put("lstrip", false);
        t.put("rstrip", false);
        t.put("normalized", false);
        t.put("special", special);
    }

    ObjectNode model() {
        return (ObjectNode) root.get("model");
    }

    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path p = dir.resolve("tokenizer.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(p.toFile(), root);
        return p;
    }
}
