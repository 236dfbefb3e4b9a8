/**
 * Training Gemma-3-architecture models in Java, llm.c style: explicit forward and backward kernels over
 * named buffers, no autograd graph.
 *
 * <p>Entry points for the CLI: {@link io.qat4j.train.TrainConfig} (options, with documented defaults:
 * lr 1e-3, warm-up 100, cosine to 10 %, weight decay 0.1, clip 1.0, batch 16 × 256),
 * {@link io.qat4j.train.Trainer} (runs {@code qat4j train}, reports through
 * {@link io.qat4j.train.TrainProgress}) and {@link io.qat4j.train.TrainBenchmark} ({@code qat4j bench
 * --train}). Sub-packages: {@code model} (the model, its parameter layout, per-tensor weight transforms
 * such as fake quantization), {@code ops} (reference and fast kernels), {@code optim} (AdamW, schedule,
 * clipping), {@code data} (corpus, split, tokenizer interface, sampler, bits-per-byte evaluation),
 * {@code tokenizer} (BPE vocabulary training, {@code qat4j tokenizer-train}), {@code checkpoint} and
 * {@code export} (GGUF in and out).
 */
package io.qat4j.train;
