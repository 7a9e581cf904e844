package io.openpe.node;

import io.openpe.node.cli.ApplyCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * Entry point. {@code apply <plan.json> ...} converges this node once without starting the agent (no Kafka, no
 * ports); with no arguments the agent starts as usual.
 */
@QuarkusMain
public class NodeProgrammerMain {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("apply")) {
            System.exit(ApplyCommand.run(Arrays.asList(args).subList(1, args.length), System.out, System.err));
        }
        Quarkus.run(args);
    }
}
