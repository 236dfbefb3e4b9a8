package io.qat4j.guard.review;

/** What moves a content item from one state to the next; each audit event names one. */
public enum Action {
    /** An author submitted a text (→ checked). */
    SUBMIT,
    /** Someone edited the text: a new revision, checked again (→ checked). */
    REVISE,
    /** The checked text waits for a person (checked → in_review). */
    QUEUE,
    /** The guideline allowed the checked text without a person (checked → approved). */
    AUTO_APPROVE,
    APPROVE,
    REJECT,
    REQUEST_CHANGES,
    PUBLISH;

    public String label() {
        return SnakeLabels.of(this);
    }

    public static Action parse(String label) {
        return SnakeLabels.parse(Action.class, label, "action");
    }
}
