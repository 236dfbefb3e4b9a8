package io.qat4j.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.qat4j.core.gguf.GgufFile;
import io.qat4j.core.gguf.GgufReader;
import io.qat4j.core.model.Gemma3Config;
import io.qat4j.core.tokenizer.GgufVocabulary;
import io.qat4j.train.checkpoint.Checkpoint;
import io.qat4j.train.checkpoint.TrainingState;
import io.qat4j.train.data.BatchSampler;
import io.qat4j.train.data.ByteTokenizer;
import io.qat4j.train.data.Corpus;
import io.qat4j.train.data.CorpusSplit;
import io.qat4j.train.data.Evaluation;
import io.qat4j.train.data.GgufTokenizer;
import io.qat4j.train.data.Tokenizer;
import io.qat4j.train.export.GgufImport;
import io.qat4j.train.model.GemmaModel;
import io.qat4j.train.model.ModelInit;
import io.qat4j.train.model.ModelPresets;
import io.qat4j.train.ops.FastOps;
import io.qat4j.train.optim.AdamW;
import io.qat4j.train.optim.AdamWConfig;
import io.qat4j.train.optim.GradientClipping;
import io.qat4j.train.optim.LrSchedule;

/**
 * Runs {@code qat4j train} (and, with a {@link TrainingRecipe}, {@code qat4j qat}): reads and splits the
 * corpus, builds (or loads, or resumes) the model, and loops: sample a batch per micro-step, forward,
 * backward, clip, AdamW, log; evaluates on the val split, checkpoints atomically, and exports the final GGUF. Everything that decides the numbers (weights,
 * moments, step, sampler state) is in the checkpoint, and every kernel is deterministic, so a resumed
 * run repeats an uninterrupted one bit for bit.
 */
public final class Trainer {
    /** Keeps the sampler's stream apart from the weight initialiser's for the same seed. */
    static final long SAMPLER_SALT = 0x5EED_BA7C_4E55_1A9DL;

    private final TrainConfig config;
    private final TrainingRecipe recipe;
    private volatile boolean stopRequested;

    public Trainer(TrainConfig config) {
        this(config, TrainingRecipe.FLOAT);
    }

    /** A run of the shared loop with a recipe's loss, extra parameters and export (QAT, say). */
    public Trainer(TrainConfig config, TrainingRecipe recipe) {
        this.config = config;
        this.recipe = recipe;
    }

    /** Asks the run to stop after the current step; it then writes a checkpoint and returns. */
    public void requestStop() {
        stopRequested = true;
    }

    /** The tokenizer a {@link TrainConfig#tokenizer()} choice names: {@code bytes}, or a GGUF vocabulary file. */
    public static Tokenizer tokenizer(String choice) throws IOException {
        if (ByteTokenizer.NAME.equals(choice)) {
            return ByteTokenizer.INSTANCE;
        }
        return GgufTokenizer.open(Path.of(choice));
    }

    /**
     * The tokenizer choice a model file was trained with, for fine-tuning it: {@code bytes} when its vocabulary
     * is the byte vocabulary, else the file itself (every exported model carries its vocabulary).
     */
    public static String tokenizerOf(Path model) throws IOException {
        if (!Files.isRegularFile(model)) {
            throw new NoSuchFileException(model.toString(), null, "no such model");
        }
        try (GgufFile f = GgufReader.open(model)) {
            return ByteTokenizer.isByteVocabulary(GgufVocabulary.read(f.metadata())) ? ByteTokenizer.NAME : model.toString();
        }
    }

    public TrainResult run(TrainProgress progress) throws IOException {
        Tokenizer tok = tokenizer(config.tokenizer());
        CorpusSplit split = CorpusSplit.of(Corpus.read(config.data()));
        int[] trainTokens = tok.encode(split.train());
        int[] valTokens = tok.encode(split.val());
        Checkpoint.Loaded resumed = config.resume() != null ? Checkpoint.load(config.resume()) : null;
        if (resumed != null && resumed.state().step() >= config.steps()) {
            throw new IllegalArgumentException(config.resume() + " is at step " + resumed.state().step()
                    + " of a run of " + config.steps() + " steps: nothing is left to train (the finished run wrote"
                    + " its model to its output file)");
        }
        Gemma3Config shape = modelShape(tok, resumed);
        if (config.seqLen() > shape.contextLength()) {
            throw new IllegalArgumentException("sequence length " + config.seqLen() + " exceeds the model's context length "
                    + shape.contextLength());
        }
        try (var ops = new FastOps(config.threads())) {
            var model = new GemmaModel(shape, config.batch(), config.seqLen(), ops);
            var adam = new AdamW(model.layout(), new AdamWConfig(0.9, 0.95, 1e-8, config.weightDecay()));
            var sampler = new BatchSampler(trainTokens, tok.bosId(), config.seed() ^ SAMPLER_SALT);
            long start = 0;
            if (resumed != null) {
                System.arraycopy(resumed.params(), 0, model.parameters(), 0, model.layout().size());
                adam.restore(resumed.state().step(), resumed.firstMoments(), resumed.secondMoments());
                sampler.restore(resumed.state().samplerState());
                start = resumed.state().step();
            } else if (config.init() != null) {
                GgufImport.loadWeights(config.init(), model.layout(), model.parameters());
            } else {
                ModelInit.initialize(model.layout(), model.parameters(), config.seed());
            }
            recipe.prepare(model, resumed);
            return loop(model, adam, sampler, tok, valTokens, shape, start, progress);
        }
    }

    private Gemma3Config modelShape(Tokenizer tok, Checkpoint.Loaded resumed) throws IOException {
        Gemma3Config shape;
        if (resumed != null) {
            if (!resumed.state().tokenizer().equals(tok.name())) {
                throw new IllegalArgumentException(config.resume() + ": the checkpoint was trained with tokenizer '"
                        + resumed.state().tokenizer() + "', not '" + tok.name() + "'");
            }
            shape = resumed.state().model();
        } else if (config.init() != null) {
            shape = GgufImport.readConfig(config.init());
        } else if (config.model() != null) {
            shape = config.model();
        } else {
            shape = ModelPresets.byName(config.preset(), tok.vocabSize());
        }
        if (shape.vocabSize() != tok.vocabSize()) {
            throw new IllegalArgumentException("the model has " + shape.vocabSize() + " tokens but tokenizer '"
                    + tok.name() + "' has " + tok.vocabSize());
        }
        return shape;
    }

    private TrainResult loop(GemmaModel model, AdamW adam, BatchSampler sampler, Tokenizer tok, int[] valTokens,
            Gemma3Config shape, long start, TrainProgress progress) throws IOException {
        int b = config.batch();
        int t = config.seqLen();
        int[] inputs = new int[b * t];
        int[] targets = new int[b * t];
        long targetsPerStep = (long) b * t * config.accumulation();
        var schedule = new LrSchedule(config.lr(), config.minLr(), config.warmupSteps(), config.steps());
        double lastLoss = Double.NaN;
        double valLoss = Double.NaN;
        double valBpb = Double.NaN;
        Path lastCheckpoint = null;
        long trainNanos = 0;
        long stepsRun = 0;
        try (var log = TrainLog.open(config.log(), start)) {
            progress.onStart(start, config.steps());
            for (long step = start; step < config.steps(); step++) {
                long t0 = System.nanoTime();
                double lr = schedule.at(step);
                model.zeroGradients();
                double lossSum = 0;
                for (int micro = 0; micro < config.accumulation(); micro++) {
                    sampler.next(b, t, inputs, targets);
                    lossSum += recipe.microStep(model, inputs, targets, b, t, (float) (1.0 / targetsPerStep), step, micro);
                }
                recipe.beforeUpdate(model);
                double norm = GradientClipping.clip(model.gradients(), model.layout().size(), config.gradClip());
                adam.update(model.parameters(), model.gradients(), lr);
                recipe.afterUpdate(step + 1, lr);
                long dt = System.nanoTime() - t0;
                trainNanos += dt;
                stepsRun++;
                long done = step + 1;
                lastLoss = lossSum / targetsPerStep;
                double tps = targetsPerStep / (dt / 1e9);
                ObjectNode entry = log.entry(done);
                entry.put("loss", lastLoss);
                entry.put("lr", lr);
                entry.put("grad_norm", norm);
                entry.put("tokens_per_s", tps);
                recipe.annotate(entry);
                boolean last = done == config.steps();
                boolean evalNow = (config.evalInterval() > 0 && done % config.evalInterval() == 0) || last;
                if (evalNow && valTokens.length > 1) {
                    var eval = Evaluation.run(model, valTokens, tok, t, config.evalWindows());
                    valLoss = eval.lossPerToken();
                    valBpb = eval.bitsPerByte();
                    entry.put("val_loss", valLoss);
                    entry.put("val_bpb", valBpb);
                    progress.onEval(done, valLoss, valBpb);
                }
                log.write(entry);
                progress.onStep(done, config.steps(), lastLoss, tps);
                boolean stop = stopRequested && !last;
                if (stop || last || (config.checkpointInterval() > 0 && done % config.checkpointInterval() == 0)) {
                    var options = config.describeJson();
                    recipe.describe(options);
                    var state = new TrainingState(done, sampler.state(), shape, tok.name(), options.toString());
                    Checkpoint.save(config.checkpoint(), state, model.layout(), model.parameters(), adam.firstMoments(),
                            adam.secondMoments(), recipe.checkpointState());
                    lastCheckpoint = config.checkpoint();
                    progress.onCheckpoint(done, lastCheckpoint);
                }
                if (stop) {
                    return new TrainResult(done, true, lastLoss, valLoss, valBpb, tokensPerSecond(stepsRun, trainNanos),
                            null, lastCheckpoint);
                }
            }
        }
        recipe.export(config.out(), "qat4j-" + (config.model() != null ? "custom" : config.preset()), model, tok);
        return new TrainResult(config.steps(), false, lastLoss, valLoss, valBpb, tokensPerSecond(stepsRun, trainNanos),
                config.out(), lastCheckpoint);
    }

    private double tokensPerSecond(long steps, long nanos) {
        return nanos == 0 ? 0 : steps * (double) config.batch() * config.seqLen() * config.accumulation() / (nanos / 1e9);
    }
}
