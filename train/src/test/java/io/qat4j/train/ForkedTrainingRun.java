package io.qat4j.train;

import java.nio.file.Path;

/**
 * The main class a test forks (and then kills with SIGKILL): {@code DATA OUT LOG STEPS [RESUME]}.
 */
public final class ForkedTrainingRun {
    private ForkedTrainingRun() {}

    public static void main(String[] args) throws Exception {
        var b = SmallRun.config(Path.of(args[0]), Path.of(args[1]), Integer.parseInt(args[3])).log(Path.of(args[2]));
        if (args.length > 4) {
            b.resume(Path.of(args[4]));
        }
        new Trainer(b.build()).run(TrainProgress.NONE);
    }
}
