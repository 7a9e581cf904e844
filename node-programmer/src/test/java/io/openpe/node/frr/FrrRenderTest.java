package io.openpe.node.frr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.openpe.node.desired.FrrConfigs;
import io.openpe.node.desired.NodePlan;
import io.openpe.node.desired.NodePlan.Neighbor;
import io.openpe.node.desired.SeedPlans;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * One golden file per scenario ({@code FrrRenderTest.<scenario>.golden} beside this class's package in test
 * resources). Regenerate with {@code -Dgolden.update=true}, then review the diff like code. {@code FrrGoldenIT} feeds
 * every golden file to the real FRR.
 */
class FrrRenderTest {

    static final Path GOLDEN_DIR = Path.of("src/test/resources/io/openpe/node/frr");

    /** The scenarios, shared with the FRR validity check. */
    static Map<String, NodePlan> scenarios() {
        NodePlan l2Only = SeedPlans.l2Only(List.of("toswitch"));
        NodePlan seed000 = SeedPlans.withBmp(SeedPlans.seed000(List.of("toswitch")), "192.168.11.100", 5000);
        NodePlan.L3Domain redWithSession = SeedPlans.red(true);
        NodePlan.L3Domain redWithRts = new NodePlan.L3Domain(redWithSession.source(), "red", 100, "br-pe-100",
                redWithSession.vxlan(), List.of("64514:100", "64514:1000"), List.of("64514:100"),
                redWithSession.hostSession(), redWithSession.routerMac());
        NodePlan hostSession = SeedPlans.plan(Optional.of(SeedPlans.underlay(List.of("toswitch"))),
                List.of(redWithRts), List.of(SeedPlans.l2vni110(Optional.of("red"), "192.170.1.1/24")));
        NodePlan.Underlay u = SeedPlans.underlay(List.of("toswitch"));
        NodePlan ibgp = SeedPlans.plan(Optional.of(new NodePlan.Underlay(u.source(), 64514, "10.0.0.1",
                "100.65.0.0", List.of(), List.of(new Neighbor(64514, "192.168.11.10"),
                        new Neighbor(64512, "192.168.11.2"), new Neighbor(64514, "192.168.11.9")), 1500)),
                List.of(), List.of());
        return Map.of("l2vniNoVrf", l2Only, "seed000WithBmp", seed000, "l3vniHostSessionAndRouteTargets",
                hostSession, "mixedIbgpAndEbgpNeighbors", ibgp, "emptyPlan", SeedPlans.empty());
    }

    @Test
    void l2vniNoVrf() throws IOException {
        assertGolden("l2vniNoVrf");
    }

    @Test
    void seed000WithBmp() throws IOException {
        assertGolden("seed000WithBmp");
    }

    @Test
    void l3vniHostSessionAndRouteTargets() throws IOException {
        assertGolden("l3vniHostSessionAndRouteTargets");
    }

    @Test
    void mixedIbgpAndEbgpNeighbors() throws IOException {
        assertGolden("mixedIbgpAndEbgpNeighbors");
    }

    @Test
    void emptyPlan() throws IOException {
        assertGolden("emptyPlan");
    }

    @Test
    void twoRendersOfOnePlanAreByteIdentical() {
        NodePlan plan = scenarios().get("l3vniHostSessionAndRouteTargets");
        assertEquals(FrrRenderer.render(FrrConfigs.fromPlan(plan)), FrrRenderer.render(FrrConfigs.fromPlan(plan)));
    }

    @Test
    void neighborOrderIsNumericNotTextual() {
        FrrConfig config = FrrConfigs.fromPlan(scenarios().get("mixedIbgpAndEbgpNeighbors"));
        assertEquals(List.of("192.168.11.2", "192.168.11.9", "192.168.11.10"),
                config.router().orElseThrow().neighbors().stream().map(FrrConfig.Neighbor::address).toList());
        assertEquals(List.of(true, false, false),
                config.router().orElseThrow().neighbors().stream().map(FrrConfig.Neighbor::ebgp).toList());
    }

    private static void assertGolden(String scenario) throws IOException {
        String rendered = FrrRenderer.render(FrrConfigs.fromPlan(scenarios().get(scenario)));
        Path golden = GOLDEN_DIR.resolve("FrrRenderTest." + scenario + ".golden");
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN_DIR);
            Files.writeString(golden, rendered);
        }
        assertEquals(Files.readString(golden), rendered, "golden " + golden);
    }

    /** Past validation (issue 10): no value can add a line or a word to the configuration loaded into FRR. */
    @Test
    void hostileValuesAreRefusedWhateverValidatedThem() {
        FrrConfig.BgpRouter router = new FrrConfig.BgpRouter(64514, "10.0.0.1",
                List.of(FrrConfig.Neighbor.of("192.168.11.2", 64512, 64514)), List.of("100.65.0.0/32"),
                Optional.empty());
        FrrRenderer.render(new FrrConfig("node-a", Optional.of(router), List.of(), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> FrrRenderer.render(new FrrConfig("node-a\nline vty", Optional.of(router), List.of(), List.of())));
        assertThrows(IllegalArgumentException.class, () -> FrrRenderer.render(new FrrConfig("node-a",
                Optional.of(router), List.of(new FrrConfig.VrfVni("red\nexit-vrf", 100)), List.of())));
        assertThrows(IllegalArgumentException.class, () -> FrrRenderer.render(new FrrConfig("node-a",
                Optional.of(new FrrConfig.BgpRouter(64514, "10.0.0.1 ", List.of(), List.of(), Optional.empty())),
                List.of(), List.of())));
        assertThrows(IllegalArgumentException.class, () -> FrrRenderer.render(new FrrConfig("node-a",
                Optional.empty(), List.of(), List.of(new FrrConfig.VrfRouter("red", 64514, "10.0.0.1", List.of(),
                        List.of("64512:100 route-target import 1:1"), List.of())))));
        assertThrows(IllegalArgumentException.class, () -> FrrRenderer.render(new FrrConfig("node-a",
                Optional.empty(), List.of(), List.of(new FrrConfig.VrfRouter("a-vrf-name-of-16", 64514, "10.0.0.1",
                        List.of(), List.of(), List.of())))));
    }
}
