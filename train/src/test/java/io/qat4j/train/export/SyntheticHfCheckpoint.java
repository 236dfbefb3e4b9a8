package io.qat4j.train.export;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.model.Gemma3Config;
import io.qat4j.core.quant.BF16Codec;
import io.qat4j.core.safetensors.SafetensorsDType;
import io.qat4j.core.safetensors.SafetensorsWriter;
import io.qat4j.train.model.ModelPresets;
import io.qat4j.train.model.ParamTensor;
import io.qat4j.train.model.ParameterLayout;

/**
 * A small Gemma 3 checkpoint in Hugging Face layout whose weight matrices were "trained on a Q4_0
 * grid": every block of 32 is {@code d·k} with an fp16 d and levels k in [−8, 7], where the largest
 * level in magnitude is often not −8 (so d is not the block's max / −8), plus a tiny BPE tokenizer.json.
 */
final class SyntheticHfCheckpoint {
    static final int VOCAB = 270;
    static final ValueLayout.OfShort LE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private SyntheticHfCheckpoint() {}

    static Gemma3Config config() {
        return new Gemma3Config(VOCAB, 32, 2, 2, 1, 16, 64, 64, ModelPresets.RMS_EPS, 1_000_000f, 10_000f, 1f, 8,
                new boolean[] {true, false}, 0.25f, 0f);
    }

    /** Writes the checkpoint; returns the float32 values of every tensor (GGUF layout, norms as HF's w). */
    static float[] write(Path dir, SafetensorsDType dtype, long seed) throws IOException {
        Files.createDirectories(dir);
        var layout = new ParameterLayout(config());
        float[] values = new float[layout.size()];
        var rnd = new SplittableRandom(seed);
        var w = new SafetensorsWriter();
        for (ParamTensor t : layout.tensors()) {
            if (t.isMatrix()) {
                for (int b = 0; b < t.size() / 32; b++) {
                    float d = Float.float16ToFloat(Float.floatToFloat16((float) ((rnd.nextBoolean() ? 1 : -1)
                            * Math.exp(rnd.nextDouble(Math.log(2e-4), Math.log(2e-2))))));
                    int top = 1 + rnd.nextInt(8); // the largest level used: often not 8
                    for (int j = 0; j < 32; j++) {
                        int k = Math.max(-8, Math.min(7, rnd.nextInt(-top, top + 1)));
                        values[t.offset() + b * 32 + j] = d * k;
                    }
                }
            } else {
                for (int i = 0; i < t.size(); i++) {
                    values[t.offset() + i] = (float) (rnd.nextGaussian() * 0.2);
                }
            }
            if (dtype == SafetensorsDType.BF16) {
                for (int i = 0; i < t.size(); i++) {
                    values[t.offset() + i] = BF16Codec.toFloat(BF16Codec.fromFloat(values[t.offset() + i]));
                }
            }
            w.add("model." + HfTensorNames.hfName(t.name()), dtype, t.shape(), bytes(values, t, dtype));
        }
        w.putMetadata("format", "pt");
        w.write(dir.resolve("model.safetensors"));
        Files.writeString(dir.resolve("config.json"), CONFIG, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson(), StandardCharsets.UTF_8);
        return values;
    }

    private static MemorySegment bytes(float[] v, ParamTensor t, SafetensorsDType dtype) {
        if (dtype == SafetensorsDType.F32) {
            MemorySegment s = MemorySegment.ofArray(new byte[t.size() * 4]);
            MemorySegment.copy(v, t.offset(), s, ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0,
                    t.size());
            return s;
        }
        MemorySegment s = MemorySegment.ofArray(new byte[t.size() * 2]);
        for (int i = 0; i < t.size(); i++) {
            s.set(LE_SHORT, 2L * i, BF16Codec.fromFloat(v[t.offset() + i]));
        }
        return s;
    }

    /** The type a stored precision corresponds to, for the recovery's rounding. */
    static GgmlType typeOf(SafetensorsDType dtype) {
        return dtype == SafetensorsDType.BF16 ? GgmlType.BF16 : GgmlType.F32;
    }

    static final String CONFIG = """
            {"architectures": ["Gemma3ForCausalLM"], "model_type": "gemma3_text", "vocab_size": 270,
             "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2, "num_attention_heads": 2,
             "num_key_value_heads": 1, "head_dim": 16, "max_position_embeddings": 64, "rms_norm_eps": 1e-06,
             "rope_theta": 1000000.0, "rope_local_base_freq": 10000.0, "rope_scaling": null, "sliding_window": 8,
             "layer_types": ["sliding_attention", "full_attention"], "query_pre_attn_scalar": 16,
             "hidden_activation": "gelu_pytorch_tanh", "final_logit_softcapping": null,
             "attn_logit_softcapping": null, "tie_word_embeddings": true, "torch_dtype": "bfloat16"}
            """;

    /**
     * Gemma's tokenizer.json layout in miniature: specials 0–4, bytes 5–260, then ▁ a b c ab abc ▁a ▁ab and
     * the added "\\n" (269); merges (a,b), (ab,c), (▁,a), (▁,ab).
     */
    static String tokenizerJson() {
        var vocab = new StringBuilder();
        String[] specials = {"<pad>", "<eos>", "<bos>", "<unk>", "<start_of_turn>"};
        for (int i = 0; i < specials.length; i++) {
            vocab.append('"').append(specials[i]).append("\": ").append(i).append(", ");
        }
        for (int b = 0; b < 256; b++) {
            vocab.append(String.format(Locale.ROOT, "\"<0x%02X>\": %d, ", b, 5 + b));
        }
        String[] pieces = {"▁", "a", "b", "c", "ab", "abc", "▁a", "▁ab", "\\n"};
        for (int i = 0; i < pieces.length; i++) {
            vocab.append('"').append(pieces[i]).append("\": ").append(261 + i).append(i + 1 < pieces.length ? ", " : "");
        }
        var added = new StringBuilder();
        for (int i = 0; i < specials.length; i++) {
            added.append(addedToken(i, specials[i], true)).append(", ");
        }
        added.append(addedToken(269, "\\n", false));
        return """
                {"version": "1.0", "added_tokens": [%s],
                 "normalizer": {"type": "Replace", "pattern": {"String": " "}, "content": "▁"},
                 "pre_tokenizer": {"type": "Split", "pattern": {"String": " "}, "behavior": "MergedWithPrevious", "invert": false},
                 "post_processor": {"type": "TemplateProcessing", "single": [{"SpecialToken": {"id": "<bos>", "type_id": 0}},
                   {"Sequence": {"id": "A", "type_id": 0}}], "special_tokens": {"<bos>": {"id": "<bos>", "ids": [2], "tokens": ["<bos>"]}}},
                 "decoder": {"type": "Sequence", "decoders": [{"type": "Replace", "pattern": {"String": "▁"}, "content": " "},
                   {"type": "ByteFallback"}, {"type": "Fuse"}]},
                 "model": {"type": "BPE", "dropout": null, "unk_token": "<unk>", "continuing_subword_prefix": null,
                   "end_of_word_suffix": null, "fuse_unk": true, "byte_fallback": true, "ignore_merges": false,
                   "vocab": {%s}, "merges": [["a", "b"], ["ab", "c"], ["▁", "a"], ["▁", "ab"]]}}
                """.formatted(added, vocab);
    }

    private static String addedToken(int id, String content, boolean special) {
        return "{\"id\": %d, \"content\": \"%s\", \"single_word\": false, \"lstrip\": false, \"rstrip\": false, \"normalized\": false, \"special\": %s}"
                .formatted(id, content, special);
    }
}
