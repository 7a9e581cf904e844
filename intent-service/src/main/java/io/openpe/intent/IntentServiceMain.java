package io.openpe.intent;

import io.openpe.intent.cli.PlanCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * Entry point. {@code plan ...} runs the offline preview without starting the service (no Kafka, no ports); with no
 * arguments the service starts as usual.
 */
@QuarkusMain
public class IntentServiceMain {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("plan")) {
            System.exit(PlanCommand.run(Arrays.asList(args).subList(1, args.length), System.out, System.err));
        }
        Quarkus.run(args);
    }
}
