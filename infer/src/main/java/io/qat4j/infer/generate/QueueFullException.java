package io.qat4j.infer.generate;

/** Every slot is busy and the waiting queue is full; try again later. */
public class QueueFullException extends RuntimeException {
    private final int queueCapacity;

    public QueueFullException(int queueCapacity) {
        super("the server is busy: all sequence slots are in use and " + queueCapacity + " requests are already waiting");
        this.queueCapacity = queueCapacity;
    }

    public int queueCapacity() {
        return queueCapacity;
    }
}
