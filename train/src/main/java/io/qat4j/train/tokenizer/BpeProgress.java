package io.qat4j.train.tokenizer;

/** What a running {@link BpeTrainer} reports (the CLI draws its progress bar from it). */
@FunctionalInterface
public interface BpeProgress {
    BpeProgress NONE = (done, target) -> {};

    /** After each merge: merges learned so far, and how many the vocabulary size allows. */
    void onMerge(int done, int target);
}
