package io.openpe.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openpe.lab.CommandResult;
import io.openpe.lab.LabNode;
import io.openpe.lab.LinkCounters;
import io.openpe.lab.PingResult;
import io.openpe.lab.Workload;
import io.openpe.lab.layout.ExternalHostLayout;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The seeds' external host on the red network ({@code 192.168.20.2}, agnhost's {@code /clientip} on 8090) as the
 * netns-VRF fleet's tests reach it: from a workload on L2VNI 110, routed in VRF red and carried over L3VNI 100 to the
 * node whose host session leads to it. Seed 000 (vm-1) and seed 002 (the first pod) check the same path.
 */
final class ExternalHost {

    static final String VRF = "red";
    static final int L3_VNI = 100;
    static final Duration CONVERGE = Duration.ofSeconds(120);
    static final String CLIENT_IP_URL = "http://" + ExternalHostLayout.ADDRESS + ":" + ExternalHostLayout.HTTP_PORT
            + "/clientip";
    private static final int COUNT = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExternalHost() {
    }

    /**
     * {@code workload} on {@code home} fetches {@code /clientip} and is answered its own address (routed, no NAT);
     * then {@value #COUNT} echo requests all answered, each leaving {@code home}'s {@code vni100} and arriving on
     * {@code gateway}'s (the counters inside the VRF namespaces move by at least that many).
     */
    static void assertAnsweredWithItsOwnAddressOverVni100(Workload workload, LabNode home, LabNode gateway) {
        assertTrue(!home.name().equals(gateway.name()), workload.name() + " and the external host must be on"
                + " different nodes");
        AtomicReference<CommandResult> got = new AtomicReference<>();
        AtomicReference<String> last = new AtomicReference<>("");
        awaitOrExplain(workload.name() + " gets an answer from " + CLIENT_IP_URL, last, () -> {
            got.set(workload.httpGet(CLIENT_IP_URL));
            last.set(got.get().toString());
            return got.get().ok();
        });
        String answer = got.get().stdout().strip();
        // agnhost's form "<ip>:<port>": the host saw the workload's own address, not a router's.
        assertEquals(workload.ip(), answer.substring(0, Math.max(0, answer.lastIndexOf(':'))),
                "client address the external host saw: " + answer);

        String vxlan = "vni" + L3_VNI;
        LinkCounters sentBefore = home.vrfLinkCounters(VRF, vxlan);
        LinkCounters receivedBefore = gateway.vrfLinkCounters(VRF, vxlan);
        PingResult ping = workload.ping(ExternalHostLayout.ADDRESS, COUNT, 0.2);
        LinkCounters sentAfter = home.vrfLinkCounters(VRF, vxlan);
        LinkCounters receivedAfter = gateway.vrfLinkCounters(VRF, vxlan);
        assertEquals(COUNT, ping.received(), "echo replies from the external host: " + ping);
        long sent = sentAfter.txPackets() - sentBefore.txPackets();
        long received = receivedAfter.rxPackets() - receivedBefore.rxPackets();
        assertTrue(sent >= COUNT, home + "'s " + vxlan + " sent " + sent + " packets for " + COUNT + " echo requests");
        assertTrue(received >= COUNT, gateway + "'s " + vxlan + " received " + received + " for " + COUNT
                + " requests");
    }

    /** The router's BGP session in VRF red to the host side of the host session (seed 002's hostasn 64515). */
    static void awaitHostSessionEstablished(LabNode gateway) {
        AtomicReference<String> last = new AtomicReference<>("");
        awaitOrExplain(gateway + ": host session in VRF red Established", last, () -> {
            CommandResult summary = gateway.vtysh("show bgp vrf " + VRF + " summary json");
            last.set(summary.stdout());
            if (!summary.ok()) {
                return false;
            }
            JsonNode peers = JSON.readTree(summary.stdout()).path("ipv4Unicast").path("peers");
            for (Iterator<Map.Entry<String, JsonNode>> it = peers.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> peer = it.next();
                if (peer.getKey().startsWith("192.169.10.")
                        && peer.getValue().path("remoteAs").asLong() == ExternalHostLayout.HOST_ASN
                        && "Established".equals(peer.getValue().path("state").asText())) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Waits for {@code condition}; on time-out fails with what the last poll saw. */
    static void awaitOrExplain(String what, AtomicReference<String> last, Callable<Boolean> condition) {
        try {
            await(what).atMost(CONVERGE).pollInterval(Duration.ofSeconds(1)).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + " within " + CONVERGE + "; last seen: " + last.get(), e);
        }
    }
}
