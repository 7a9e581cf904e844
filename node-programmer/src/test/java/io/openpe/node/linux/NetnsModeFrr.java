package io.openpe.node.linux;

import io.openpe.testkit.frr.FrrInstance;
import io.openpe.testkit.netns.Exec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * zebra ({@code -n}: network namespaces are VRFs) and bgpd of one node, started as a router pod's container would
 * run them: in the node's router namespace and in a mount namespace of their own whose {@code /run/netns} is an
 * empty tmpfs, so zebra sees only the VRF namespaces the agent shows it, under their VRF names.
 */
final class NetnsModeFrr implements AutoCloseable {

    private final String namespace;
    private final Path dir;

    private NetnsModeFrr(String namespace, Path dir) {
        this.namespace = namespace;
        this.dir = dir;
    }

    static NetnsModeFrr start(String namespace) {
        FrrInstance.requireInstalled();
        try {
            Path dir = Files.createTempDirectory("l3-frr-" + namespace + "-");
            NetnsModeFrr frr = new NetnsModeFrr(namespace, dir);
            Files.writeString(dir.resolve("frr.conf"), "frr defaults datacenter\n!\n");
            Files.writeString(dir.resolve("vtysh.conf"), "service integrated-vtysh-config\n");
            Exec.run(List.of("chown", "-R", "frr:frr", dir.toString())).orThrow();
            Exec.run(List.of("chmod", "0755", dir.toString())).orThrow();
            String script = "mount -t tmpfs openpe-vrfs /run/netns && " + frr.daemon("zebra", "-n") + " && "
                    + frr.daemon("bgpd", "-M", "bmp");
            Exec.run(List.of("ip", "netns", "exec", namespace, "unshare", "-m", "--propagation", "private",
                    "sh", "-c", script)).orThrow();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(
                    () -> Files.exists(dir.resolve("zebra.vty")) && Files.exists(dir.resolve("bgpd.vty"))
                            && frr.vtysh("show version").ok());
            return frr;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    Path zebraPidFile() {
        return dir.resolve("zebra.pid");
    }

    Exec.Result vtysh(String... commands) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "vtysh",
                "--vty_socket", dir.toString(), "--config_dir", dir.toString()));
        for (String command : commands) {
            argv.add("-c");
            argv.add(command);
        }
        return Exec.run(argv);
    }

    private String daemon(String name, String... extra) {
        List<String> argv = new ArrayList<>(List.of(FrrInstance.FRR_BIN.resolve(name).toString(), "-d",
                "-f", dir.resolve("frr.conf").toString(), "-i", dir.resolve(name + ".pid").toString(),
                "-z", dir.resolve("zserv.api").toString(), "--vty_socket", dir.toString(), "-u", "frr", "-g", "frr"));
        argv.addAll(List.of(extra));
        return String.join(" ", argv);
    }

    @Override
    public void close() {
        for (String name : List.of("bgpd", "zebra")) {
            Path pidFile = dir.resolve(name + ".pid");
            try {
                if (Files.exists(pidFile)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(p -> {
                        p.destroy();
                        try {
                            p.onExit().get(10, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            p.destroyForcibly();
                        }
                    });
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Exec.run(List.of("rm", "-rf", dir.toString()));
    }
}
