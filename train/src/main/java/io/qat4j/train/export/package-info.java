/** GGUF export of a trained model (F32, gemma3 metadata, vocabulary) and import of any supported GGUF. */
package io.qat4j.train.export;
