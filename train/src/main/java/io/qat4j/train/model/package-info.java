/**
 * The Gemma 3 training model: {@link io.qat4j.train.model.GemmaModel} keeps float32 master weights in
 * one flat array laid out by {@link io.qat4j.train.model.ParameterLayout} (GGUF tensor names, torch
 * [out, in] orientation), runs the forward pass into named activation buffers and the backward pass op
 * by op. {@link io.qat4j.train.model.WeightTransform} is the per-tensor hook QAT uses
 * ({@link io.qat4j.train.model.FakeQuantTransform}: the shared Q4_0/Q8_0 codecs with a straight-through
 * gradient). {@code GemmaModel.logits(int[])} gives the logits of one sequence for comparisons with the
 * inference engine.
 */
package io.qat4j.train.model;
