package io.openpe.node.linux;

import io.openpe.node.process.ExternalProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What FRR's zebra sees as VRFs on the netns datapath: the entries of {@code /run/netns} in zebra's own mount
 * namespace. zebra started with {@code -n} turns each namespace there into a VRF of the file's name, so the agent
 * bind-mounts the node's VRF namespace {@code <router>-vrf-red} there as {@code red}: the FRR configuration keeps
 * the VRF name, and every node on one machine has its own {@code red}. zebra and bgpd must run in a mount namespace
 * of their own with a private {@code /run/netns} (a pod's container has one; a lab makes one with
 * {@code unshare -m} and a tmpfs), otherwise one node's {@code red} would be every node's.
 *
 * <p>Read without a process ({@code /proc/<zebra>/root/run/netns}, entries compared by namespace inode); written
 * with one {@code nsenter -m} per VRF added or removed (a multi-threaded process cannot enter a mount namespace).
 */
final class FrrNetnsView {

    private final Path zebraPidFile;

    /** @param zebraPidFile zebra's pid file ({@code zebra.pid} in FRR's run directory) */
    FrrNetnsView(Path zebraPidFile) {
        this.zebraPidFile = zebraPidFile;
    }

    /** Why VRF namespaces cannot be shown to zebra; empty when zebra runs with {@code -n} in its own /run/netns. */
    Optional<String> problem() {
        Optional<Long> pid = zebraPid();
        if (pid.isEmpty()) {
            return Optional.of("zebra is not running (no live pid in " + zebraPidFile + ")");
        }
        try {
            String cmdline = Files.readString(Path.of("/proc", pid.get().toString(), "cmdline")).replace('\0', ' ');
            if (!(" " + cmdline + " ").contains(" -n ") && !cmdline.contains("--vrfwnetns")) {
                return Optional.of("zebra (pid " + pid.get() + ") runs without -n/--vrfwnetns: the netns datapath"
                        + " needs FRR started with network-namespace VRFs");
            }
            Path theirs = runNetns(pid.get());
            if (Files.exists(theirs) && Files.isSameFile(theirs, Path.of("/run/netns"))) {
                return Optional.of("zebra (pid " + pid.get() + ") shares /run/netns with the agent: start zebra and"
                        + " bgpd in a mount namespace of their own with a private /run/netns");
            }
            if (!Files.isDirectory(theirs)) {
                return Optional.of("zebra (pid " + pid.get() + ") has no /run/netns directory");
            }
        } catch (IOException e) {
            return Optional.of("cannot inspect zebra (pid " + pid.get() + "): " + e.getMessage());
        }
        return Optional.empty();
    }

    /** VRF name → inode of the namespace zebra sees under it. */
    Map<String, Long> visible() {
        Map<String, Long> entries = new TreeMap<>();
        Path dir = runNetns(zebraPid().orElseThrow());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                inode(file).ifPresent(ino -> entries.put(file.getFileName().toString(), ino));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return entries;
    }

    /** Shows namespace {@code namespace} (from this process's /run/netns) to zebra as {@code vrf}. */
    Optional<String> show(String vrf, String namespace) {
        String source = "/proc/" + ProcessHandle.current().pid() + "/root/run/netns/" + namespace;
        String target = "/run/netns/" + vrf;
        return inZebraMounts("umount " + target + " 2>/dev/null; touch " + target + " && mount --bind " + source
                + " " + target);
    }

    /**
     * Removes {@code vrf} from zebra's view: zebra deletes the VRF and lets go of the namespace. The unmount is lazy:
     * zebra holds the namespace open through this very mount, so a plain {@code umount} answers "target is busy"
     * and the entry would stay; detached, the entry is an empty file whose removal is what zebra reacts to.
     */
    Optional<String> hide(String vrf) {
        String target = "/run/netns/" + vrf;
        return inZebraMounts("umount -l " + target + " && rm -f " + target);
    }

    static Optional<Long> inode(Path file) {
        try {
            return Optional.of(((Number) Files.getAttribute(file, "unix:ino")).longValue());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new IllegalStateException("cannot stat " + file + ": " + e.getMessage(), e);
        }
    }

    private Optional<String> inZebraMounts(String script) {
        ExternalProgram.Output output = ExternalProgram.run(List.of("nsenter", "-t",
                zebraPid().orElseThrow(() -> new IllegalStateException("zebra is not running")).toString(), "-m",
                "--", "sh", "-c", script), "");
        return output.ok() ? Optional.empty() : Optional.of("nsenter into zebra's mounts: " + output.text());
    }

    private static Path runNetns(long pid) {
        return Path.of("/proc", Long.toString(pid), "root", "run", "netns");
    }

    private Optional<Long> zebraPid() {
        try {
            long pid = Long.parseLong(Files.readString(zebraPidFile).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
