package io.openpe.testkit.netns;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Throwaway network namespaces for one test. Every namespace gets the lab's unique prefix ({@code opt-<6 hex>-}),
 * so parallel or aborted runs never collide, and {@link #close()} deletes all of them, with every link inside.
 * Nothing is created in the namespace of the test process itself.
 */
public final class NetnsLab implements AutoCloseable {

    public static final String PREFIX = "opt-";

    private final String prefix;
    private final List<String> namespaces = new ArrayList<>();

    private NetnsLab(String prefix) {
        this.prefix = prefix;
    }

    public static NetnsLab create() {
        return create(PREFIX);
    }

    /** A lab whose namespaces start with {@code owner} instead of {@code opt-}: one prefix per engineer or suite. */
    public static NetnsLab create(String owner) {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return new NetnsLab(owner + HexFormat.of().formatHex(random) + "-");
    }

    public String prefix() {
        return prefix;
    }

    /** Creates namespace {@code <prefix><suffix>} with its loopback up and returns its full name. */
    public synchronized String namespace(String suffix) {
        String name = prefix + suffix;
        Exec.run(List.of("ip", "netns", "add", name)).orThrow();
        namespaces.add(name);
        ip(name, "link", "set", "lo", "up");
        return name;
    }

    /** A veth pair with one end in each namespace, both ends up. */
    public void veth(String namespaceA, String nameA, String namespaceB, String nameB) {
        ip(namespaceA, "link", "add", nameA, "type", "veth", "peer", "name", nameB, "netns", namespaceB);
        ip(namespaceA, "link", "set", nameA, "up");
        ip(namespaceB, "link", "set", nameB, "up");
    }

    /** {@code ip -n NS args...}; throws when it fails. */
    public String ip(String namespace, String... args) {
        List<String> argv = new ArrayList<>(List.of("ip", "-n", namespace));
        argv.addAll(List.of(args));
        return Exec.run(argv).orThrow().stdout();
    }

    /** Runs a program inside the namespace. */
    public Exec.Result exec(String namespace, String... program) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        argv.addAll(List.of(program));
        return Exec.run(argv);
    }

    public synchronized List<String> namespaces() {
        return List.copyOf(namespaces);
    }

    /** Whether the namespace still exists. */
    public static boolean exists(String namespace) {
        return Exec.run(List.of("ip", "netns", "list")).stdout().lines()
                .anyMatch(line -> line.split(" ")[0].equals(namespace));
    }

    @Override
    public synchronized void close() {
        List<String> errors = new ArrayList<>();
        for (String namespace : namespaces.reversed()) {
            Exec.Result result = Exec.run(List.of("ip", "netns", "del", namespace));
            if (!result.ok()) {
                errors.add(namespace + ": " + result.stderr().strip());
            }
        }
        namespaces.clear();
        if (!errors.isEmpty()) {
            throw new IllegalStateException("could not delete namespaces: " + errors);
        }
    }
}
