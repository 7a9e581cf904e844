package io.openpe.route;

import io.openpe.route.cli.DecodeCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;

/**
 * Entry point. {@code decode <file>} prints a raw BMP byte stream as JSON lines without starting the service (no
 * Kafka, no ports); with no arguments the service starts as usual.
 */
@QuarkusMain
public class RouteServiceMain {

    public static void main(String... args) {
        if (args.length > 0 && args[0].equals("decode")) {
            System.exit(DecodeCommand.run(Arrays.asList(args).subList(1, args.length), System.out, System.err));
        }
        Quarkus.run(args);
    }
}
