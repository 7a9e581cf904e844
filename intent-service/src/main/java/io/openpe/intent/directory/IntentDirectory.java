package io.openpe.intent.directory;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A directory of YAML files (*.yaml, *.yml, not recursive) holding intents and, without Kubernetes, the Node objects.
 * {@link #scan()} reads it whole; a file that fails to parse keeps the objects it had at the last good read, so one
 * broken file never deletes what it used to define.
 */
public final class IntentDirectory {

    /**
     * The directory's content at one scan.
     *
     * @param kept the files that failed this scan and still stand for their last good objects, with why
     */
    public record Snapshot(List<HasMetadata> intents, Map<String, Map<String, String>> nodes, List<String> errors,
            boolean hasNodes, List<Kept> kept) {
    }

    /** A file that did not parse; its objects are those of its last good read. */
    public record Kept(String file, List<String> errors, List<HasMetadata> objects) {
    }

    private final Path directory;
    private final Map<Path, String> lastContent = new TreeMap<>();
    private final Map<Path, List<HasMetadata>> lastGood = new TreeMap<>();

    public IntentDirectory(Path directory) {
        this.directory = directory;
    }

    public Path path() {
        return directory;
    }

    /** Whether any file was added, removed or changed since the last scan. */
    public boolean changed() {
        return !read().equals(lastContent);
    }

    public Snapshot scan() {
        Map<Path, String> contents = read();
        List<String> errors = new ArrayList<>();
        Map<Path, List<HasMetadata>> good = new TreeMap<>();
        List<Kept> kept = new ArrayList<>();
        contents.forEach((file, yaml) -> {
            String name = directory.relativize(file).toString();
            Manifests.Parsed parsed = Manifests.parse(name, yaml);
            errors.addAll(parsed.errors());
            if (parsed.errors().isEmpty() || !lastGood.containsKey(file)) {
                good.put(file, parsed.objects());
            } else {
                good.put(file, lastGood.get(file));
                kept.add(new Kept(name, parsed.errors(), lastGood.get(file)));
            }
        });
        lastContent.clear();
        lastContent.putAll(contents);
        lastGood.clear();
        lastGood.putAll(good);
        List<HasMetadata> intents = new ArrayList<>();
        Map<String, Map<String, String>> nodes = new TreeMap<>();
        good.values().forEach(objects -> objects.forEach(o -> {
            if (o instanceof Node node) {
                Map<String, String> labels = node.getMetadata().getLabels();
                nodes.put(node.getMetadata().getName(), labels == null ? Map.of() : Map.copyOf(labels));
            } else {
                intents.add(o);
            }
        }));
        return new Snapshot(intents, nodes, errors, !nodes.isEmpty(), List.copyOf(kept));
    }

    private Map<Path, String> read() {
        Map<Path, String> contents = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            return contents;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(IntentDirectory::isYaml).sorted().toList()) {
                try {
                    contents.put(file, Files.readString(file));
                } catch (java.nio.file.NoSuchFileException deletedMeanwhile) {
                    // gone between list and read: the next scan sees it removed
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read intents directory " + directory, e);
        }
        return contents;
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }
}
