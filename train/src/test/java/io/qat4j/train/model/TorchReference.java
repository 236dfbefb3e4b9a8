package io.qat4j.train.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.qat4j.core.model.Gemma3Config;
import io.qat4j.core.safetensors.SafetensorsFile;
import io.qat4j.testkit.TestData;
import io.qat4j.train.export.GgufImport;
import io.qat4j.train.ops.TrainOps;

/** Loads testdata/torch-reference: the tiny-ref model, its batch, and the PyTorch results. */
final class TorchReference {
    static final int BATCH = 3;
    static final int SEQ = 24;

    private TorchReference() {}

    static Path file(String name) {
        return TestData.file("torch-reference/" + name);
    }

    static Gemma3Config config() {
        try {
            return GgufImport.readConfig(file("tiny-ref-f32.gguf"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The model with the reference's initial weights, loaded from the GGUF. */
    static GemmaModel model(TrainOps ops) {
        var model = new GemmaModel(config(), BATCH, SEQ, ops);
        try {
            GgufImport.loadWeights(file("tiny-ref-f32.gguf"), model.layout(), model.parameters());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return model;
    }

    /** token_ids [3, 25] split into inputs ids[:, :-1] and targets ids[:, 1:]. */
    static int[][] inputsAndTargets() {
        try (var f = SafetensorsFile.open(file("batch.safetensors"))) {
            int[] ids = f.ints("token_ids");
            int[] in = new int[BATCH * SEQ];
            int[] tg = new int[BATCH * SEQ];
            for (int b = 0; b < BATCH; b++) {
                for (int t = 0; t < SEQ; t++) {
                    in[b * SEQ + t] = ids[b * (SEQ + 1) + t];
                    tg[b * SEQ + t] = ids[b * (SEQ + 1) + t + 1];
                }
            }
            return new int[][] {in, tg};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SafetensorsFile open(String name) {
        try {
            return SafetensorsFile.open(file(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
