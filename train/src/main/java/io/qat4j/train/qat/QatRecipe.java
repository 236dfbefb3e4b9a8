package io.qat4j.train.qat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.qat4j.core.gguf.GgmlType;
import io.qat4j.core.quant.BlockGrid;
import io.qat4j.train.TrainConfig;
import io.qat4j.train.TrainingRecipe;
import io.qat4j.train.checkpoint.Checkpoint;
import io.qat4j.train.data.Tokenizer;
import io.qat4j.train.export.GgufExport;
import io.qat4j.train.export.GgufImport;
import io.qat4j.train.model.EncodingTransform;
import io.qat4j.train.model.FakeQuantTransform;
import io.qat4j.train.model.GemmaModel;
import io.qat4j.train.model.ParamTensor;
import io.qat4j.train.optim.AdamWConfig;
import io.qat4j.train.quant.QuantPlan;

/**
 * Quantization-aware training as a {@link TrainingRecipe}: every tensor's forward weight is its export
 * encoding ({@link QuantPlan}: norms F32, matrices Q4_0/Q8_0 through the codec or with learned scales,
 * the embedding in its own type), gradients pass straight through, the loss is distillation from the
 * frozen float teacher or cross-entropy, and the export writes each tensor with the encoding the
 * forward pass used — so the file holds exactly the trained model.
 */
public final class QatRecipe implements TrainingRecipe {
    private final QatOptions options;
    private final TrainConfig train;
    private final QuantPlan plan;
    private final Map<String, EncodingTransform> encodings = new LinkedHashMap<>();
    private LearnedScales scales;
    private GemmaModel teacher;
    private TeacherCache cache;
    private double lastCe = Double.NaN;
    private long stepCeTargets;
    private double stepCeSum;
    private long teacherPasses;

    public QatRecipe(QatOptions options, TrainConfig train) {
        this.options = options;
        this.train = train;
        this.plan = QuantPlan.of(options.type(), options.embedding());
        if (!options.teacher().equals(train.init())) {
            throw new IllegalArgumentException("the training run must start from the teacher (init " + train.init()
                    + ", teacher " + options.teacher() + ")");
        }
    }

    /** The learned scales (null without {@link QatOptions#learnedScales()}); valid after {@link #prepare}. */
    public LearnedScales scales() {
        return scales;
    }

    /** How many batches the teacher has run on (batches served by the cache do not count). */
    public long teacherPasses() {
        return teacherPasses;
    }

    @Override
    public void prepare(GemmaModel model, Checkpoint.Loaded resumed) throws IOException {
        var grids = new LinkedHashMap<ParamTensor, BlockGrid>();
        for (ParamTensor t : model.layout().tensors()) {
            GgmlType type = plan.typeOf(t.name(), t.ggufNe());
            if (options.learnedScales() && BlockGrid.supports(type)) {
                grids.put(t, BlockGrid.of(type));
            }
        }
        if (!grids.isEmpty()) {
            var adam = new AdamWConfig(0.9, 0.95, 1e-8, 0);
            scales = new LearnedScales(grids, model.parameters(), adam);
            if (resumed != null) {
                scales.restore(resumed.extras(), resumed.state().step(),
                        train.resume() != null ? train.resume().toString() : "checkpoint");
            }
        }
        for (ParamTensor t : model.layout().tensors()) {
            LearnedScaleTransform learned = scales == null ? null : scales.transform(t.name());
            encodings.put(t.name(), learned != null ? learned : new FakeQuantTransform(plan.typeOf(t.name(), t.ggufNe())));
        }
        model.setTransforms(t -> encodings.get(t.name()));
        if (options.loss() == QatLoss.KD) {
            teacher = GgufImport.loadModel(options.teacher(), model.maxBatch(), model.maxSeqLen(), model.ops());
            if (options.teacherTopK() > 0) {
                cache = TeacherCache.open(options.teacherCache(), options.teacher(), options.teacherTopK(),
                        model.config().vocabSize(), model.maxBatch(), model.maxSeqLen());
            }
        }
    }

    @Override
    public double microStep(GemmaModel model, int[] inputs, int[] targets, int batch, int seqLen, float gradScale,
            long step, int micro) throws IOException {
        if (options.loss() == QatLoss.CE) {
            double loss = TrainingRecipe.super.microStep(model, inputs, targets, batch, seqLen, gradScale, step, micro);
            addCe(loss, batch * seqLen);
            return loss;
        }
        TeacherTargets t = teacherTargets(inputs, targets, batch, seqLen, step * train.accumulation() + micro);
        model.forward(inputs, targets, batch, seqLen);
        addCe(model.lossSum(), batch * seqLen);
        double kd = Distillation.lossAndGradient(model.logitsBuffer(), model.config().vocabSize(), t,
                options.temperature(), gradScale);
        model.backwardFromLogitGradients();
        return kd;
    }

    private TeacherTargets teacherTargets(int[] inputs, int[] targets, int batch, int seqLen, long index)
            throws IOException {
        int rows = batch * seqLen;
        int vocab = teacher.config().vocabSize();
        if (cache == null) {
            teacherPasses++;
            teacher.forward(inputs, null, batch, seqLen);
            return TeacherTargets.topK(teacher.logitsBuffer(), rows, vocab, vocab);
        }
        long hash = TeacherCache.hashTokens(inputs, targets, rows);
        TeacherTargets cached = cache.read(index, hash);
        if (cached != null) {
            return cached;
        }
        teacherPasses++;
        teacher.forward(inputs, null, batch, seqLen);
        // ids and float32 logits are stored exactly: a later read gives these same values
        var fresh = TeacherTargets.topK(teacher.logitsBuffer(), rows, vocab, options.teacherTopK());
        cache.write(index, hash, fresh);
        return fresh;
    }

    private void addCe(double sum, int rows) {
        stepCeSum += sum;
        stepCeTargets += rows;
    }

    @Override
    public void beforeUpdate(GemmaModel model) {
        lastCe = stepCeSum / stepCeTargets;
        stepCeSum = 0;
        stepCeTargets = 0;
        if (scales != null) {
            scales.computeGradients(model.parameters(), model.gradients());
        }
    }

    @Override
    public void afterUpdate(long step, double lr) {
        if (scales != null) {
            scales.update(lr * options.scaleLrFactor());
        }
    }

    @Override
    public void annotate(ObjectNode entry) {
        if (options.loss() == QatLoss.KD) {
            entry.put("ce", lastCe);
        }
    }

    @Override
    public void describe(ObjectNode o) {
        o.put("qat_type", options.type().name());
        o.put("qat_loss", options.loss().name().toLowerCase());
        o.put("kd_temperature", options.temperature());
        o.put("embedding", plan.embedding().name());
        o.put("learned_scales", options.learnedScales());
        o.put("scale_lr_factor", options.scaleLrFactor());
        o.put("teacher_top_k", options.teacherTopK());
    }

    @Override
    public Map<String, float[]> checkpointState() {
        return scales == null ? Map.of() : scales.state();
    }

    @Override
    public void export(Path out, String name, GemmaModel model, Tokenizer tokenizer) throws IOException {
        GgufExport.write(out, name + "-qat-" + options.type().name().toLowerCase(), model.config(), model.parameters(),
                tokenizer, t -> encodings.get(t.name()));
    }

    @Override
    public void close() throws IOException {
        if (cache != null) {
            cache.close();
        }
    }
}
