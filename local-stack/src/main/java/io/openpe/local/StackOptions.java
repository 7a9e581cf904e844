package io.openpe.local;

import java.nio.file.Path;
import java.util.List;

/**
 * What the local stack runs with. Ports: service {@code i} (1-based, in {@link Service} order) listens for HTTP on
 * {@code portBase + i} and for gRPC on {@code portBase + 1000 + i}; with the default base 8080 that is 8081..8084 and
 * 9081..9084.
 */
public record StackOptions(Path root, Path intents, Path data, int kafkaPort, int portBase, int bmpPort, String cluster) {

    static final String USAGE = """
            usage: local-stack [--intents DIR] [--data DIR] [--kafka-port N] [--port-base N] [--bmp-port N] [--cluster NAME]
              --intents DIR    YAML intents (and Node objects) intent-service reads (default k8s/examples/local)
              --data DIR       Kafka data and service logs (default .local-stack)
              --kafka-port N   Kafka listener on 127.0.0.1 (default 9092)
              --port-base N    HTTP ports are base+1..base+4, gRPC base+1001..base+1004 (default 8080)
              --bmp-port N     route-service BMP listener (default 5000)
              --cluster NAME   cluster name, first part of every Kafka key (default local)
              --plans-only     do not build the fabric even as root with FRR: one cluster, plans only
              --prefix P       fabric namespaces and links start with P- (default ls)
            As root with FRR the stack runs on the fabric lab: clusters pe-kind-a and pe-kind-b (intents from
            k8s/examples/<cluster>), two nodes each enacted for real, then seed 000's vm-1 -> vm-2 ping.
            """;

    static StackOptions parse(Path root, List<String> args) {
        Path intents = root.resolve("k8s/examples/local");
        Path data = root.resolve(".local-stack");
        int kafkaPort = 9092;
        int portBase = 8080;
        int bmpPort = 5000;
        String cluster = "local";
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            if (flag.equals("-h") || flag.equals("--help")) {
                throw new IllegalArgumentException(USAGE);
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("missing value for " + flag + "\n" + USAGE);
            }
            String value = args.get(++i);
            switch (flag) {
                case "--intents" -> intents = Path.of(value).toAbsolutePath();
                case "--data" -> data = Path.of(value).toAbsolutePath();
                case "--kafka-port" -> kafkaPort = Integer.parseInt(value);
                case "--port-base" -> portBase = Integer.parseInt(value);
                case "--bmp-port" -> bmpPort = Integer.parseInt(value);
                case "--cluster" -> cluster = value;
                default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + USAGE);
            }
        }
        return new StackOptions(root, intents, data, kafkaPort, portBase, bmpPort, cluster);
    }

    int httpPort(Service service) {
        return portBase + service.ordinal() + 1;
    }

    int grpcPort(Service service) {
        return portBase + 1000 + service.ordinal() + 1;
    }
}
