package io.openpe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The check can fail: a deliberately broken overlay ({@code src/test/resources/broken}, the single-cluster overlay
 * with one mistake of each kind patched in) renders, and the check names every mistake and nothing else.
 */
class BrokenManifestTest {

  @Test
  void everyMistakeOfTheBrokenOverlayIsFound() throws Exception {
    String yaml = Kustomize.fromEnvironment().render(Path.of("src", "test", "resources", "broken"));
    Set<String> found = ManifestCheck.check(RenderedObjects.parse(yaml)).stream().map(Violation::toString)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> expected = new TreeSet<>(List.of(
        "DaemonSet openpe-system/node-programmer: container node-programmer: no livenessProbe",
        "DaemonSet openpe-system/node-programmer: container node-programmer: no resources.limits.memory",
        "DaemonSet openpe-system/node-programmer: container frr: is privileged; only a short init step may be",
        "DaemonSet openpe-system/node-programmer: has a field Kubernetes does not know:"
            + " .spec.template.spec.containers[1].volumeMounts[0].mountPropogation",
        "Deployment openpe-system/route-service: runs as the default ServiceAccount; give it one of its own",
        "Deployment openpe-system/route-service: container route-service: image openpe/route-service:latest has no"
            + " fixed tag",
        "Deployment openpe-system/intent-service: container intent-service: readinessProbe is not httpGet"
            + " /q/health/ready",
        "Deployment openpe-system/intent-service: container intent-service: does not drop ALL capabilities",
        "ClusterRole openpe-intent-service: rule 4 grants every verbs ('*')",
        "ClusterRoleBinding openpe-node-programmer: binds the built-in cluster-admin role; write a least-privilege role",
        "Service openpe-system/route-service-bmp: targetPort bpm is no port of the pods it selects",
        "KafkaTopic openpe.plans: has cleanup.policy 'delete', Topics.ALL says 'compact'",
        "KafkaTopic openpe.bmp-events: is in proto's Topics.ALL but not rendered"));
    assertEquals(expected, found);
  }
}
