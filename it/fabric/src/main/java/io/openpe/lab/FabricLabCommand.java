package io.openpe.lab;

import io.openpe.lab.layout.FabricSpec;
import java.util.concurrent.CountDownLatch;

/**
 * {@code fabric-lab up|down|status --prefix P [--nodes N]}: builds the seeds' fabric and holds it until interrupted
 * (removing it then), removes what a prefix left behind, or lists it. For operators poking at the lab by hand.
 */
public final class FabricLabCommand {

    private static final String USAGE = """
            usage: fabric-lab <up|down|status> [--prefix P] [--nodes N]
              up      build pe-kind-a and pe-kind-b (N nodes each, default 2) under the spine, print the nodes,
                      hold until Ctrl-C, then remove everything
              down    remove every namespace, root-namespace link, process and file of prefix P
              status  list what of prefix P exists
              --prefix P  names every namespace and link (default "lab")
            """;

    private FabricLabCommand() {
    }

    public static void main(String[] args) throws InterruptedException {
        String command = args.length > 0 ? args[0] : "--help";
        String prefix = "lab";
        int nodes = 2;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--prefix" -> prefix = args[++i];
                case "--nodes" -> nodes = Integer.parseInt(args[++i]);
                default -> {
                    System.err.print(USAGE);
                    System.exit(2);
                }
            }
        }
        FabricSpec spec = FabricSpec.seeds(prefix, nodes);
        switch (command) {
            case "up" -> {
                long start = System.nanoTime();
                FabricLab lab = FabricLab.up(spec).removeOnShutdown();
                System.out.printf("fabric %s up in %d ms; BMP target %s, sources %s%n", prefix,
                        (System.nanoTime() - start) / 1_000_000, lab.bmpAddress(), lab.bmpSourceCidr());
                for (LabNode node : lab.nodes()) {
                    System.out.println("  " + node + " index " + node.index() + " vtep " + node.vtepIp() + " "
                            + node.nodeProgrammerProperties());
                }
                System.out.println("ready");
                new CountDownLatch(1).await();
            }
            case "down" -> FabricLab.sweep(prefix, spec.stateRoot());
            case "status" -> FabricLab.leftovers(prefix).forEach(System.out::println);
            default -> System.out.print(USAGE);
        }
    }
}
