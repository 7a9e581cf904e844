package io.openpe.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.e2e.fleet.Fleet;
import io.openpe.e2e.fleet.FleetExtension;
import io.openpe.route.v1.ListSessionsRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10 on the fabric: the packaged route-service accepts BMP only from routers it knows. A session from
 * 127.0.0.1 (outside the lab's BMP source CIDR, and no plan names it) to the listener on the lab's management address
 * is closed by the server and counted once under {@code reason="unknown-router"}; the four routers' sessions stay.
 * Read-only for the fleet, so it shares it.
 */
@Tag("root")
@ExtendWith(FleetExtension.class)
class UnplannedBmpRouterRefusedE2E {

    private static final Pattern REFUSED = Pattern.compile(
            "^openpe_bmp_sessions_refused_total\\{[^}]*reason=\"unknown-router\"[^}]*} ([0-9.eE+-]+)( # .*)?$",
            Pattern.MULTILINE);

    @Test
    void aSessionFromAnAddressNoPlanNamesIsRefusedAndCounted(Fleet fleet) throws Exception {
        int httpPort = fleet.service("route-service").httpPort();
        Set<String> before = sessions(fleet);
        double refusedBefore = refused(httpPort);

        try (Socket stranger = new Socket()) {
            stranger.bind(new InetSocketAddress("127.0.0.1", 0));
            stranger.connect(new InetSocketAddress(fleet.lab().bmpAddress(), fleet.bmpPort()), 5000);
            stranger.setSoTimeout(10_000);
            assertTrue(closedByServer(stranger.getInputStream()), "the server closes a session from 127.0.0.1");
        }

        assertEquals(refusedBefore + 1, refused(httpPort), "one refusal counted");
        Set<String> after = sessions(fleet);
        assertTrue(after.containsAll(before), "the routers' sessions stay: before " + before + ", after " + after);
        assertTrue(after.stream().noneMatch(a -> a.equals("127.0.0.1")), after.toString());
    }

    /** End of stream (or a reset) before the read timeout: the server closed it. */
    private static boolean closedByServer(InputStream in) throws IOException {
        try {
            while (in.read() >= 0) {
                // route-service sends nothing on BMP; any byte is read past until the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static Set<String> sessions(Fleet fleet) {
        return fleet.routeService().listSessions(ListSessionsRequest.getDefaultInstance()).getSessionsList().stream()
                .map(s -> s.getRouter().getAddress()).collect(Collectors.toSet());
    }

    private static double refused(int httpPort) throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        Matcher m = REFUSED.matcher(metrics.body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
