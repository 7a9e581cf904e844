package io.openpe.route.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openpe.testkit.kafka.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 3, hostile input: 1,000 concurrent idle BMP sessions are accepted, and one that breaks its framing among them
 * is closed while the 999 others stay open. Loopback only; each client binds its own 127.1.x.y address so every
 * session is a distinct router. Needs about 2,000 file descriptors in this JVM (client and server ends): the test
 * checks the soft limit first.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class ThousandSessionsTest {

    static final int SESSIONS = 1000;

    @Inject
    BmpServer server;

    @Inject
    Routers routers;

    @Test
    void thousandIdleSessionsAreAcceptedAndAMalformedOneEndsAlone() throws Exception {
        long fdLimit = ((com.sun.management.UnixOperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        assertTrue(fdLimit >= 2 * SESSIONS + 500, "ulimit -n is " + fdLimit + "; this test needs 2,500");
        int before = routers.sessionCount();
        List<SocketChannel> clients = new ArrayList<>(SESSIONS);
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < SESSIONS; i++) {
                SocketChannel client = SocketChannel.open();
                clients.add(client);
                client.bind(new InetSocketAddress("127.1." + (i / 250) + "." + (i % 250 + 1), 0));
                client.connect(new InetSocketAddress("127.0.0.1", server.port()));
            }
            Awaitility.await().atMost(Duration.ofSeconds(60))
                    .until(() -> routers.sessionCount() == before + SESSIONS);

            SocketChannel broken = clients.get(SESSIONS / 2);
            // A common header with BMP version 4: malformed framing, so the server must end this session.
            broken.write(ByteBuffer.wrap(HexFormat.of().parseHex("0400000006" + "04")));
            broken.socket().setSoTimeout(15000);
            assertEquals(-1, broken.socket().getInputStream().read(), "the malformed session is closed");
            Awaitility.await().atMost(Duration.ofSeconds(15))
                    .until(() -> routers.sessionCount() == before + SESSIONS - 1);

            // A BMP collector never writes to a router: any of the others becoming readable means it was closed.
            for (SocketChannel client : clients) {
                if (client != broken) {
                    client.configureBlocking(false);
                    client.register(selector, SelectionKey.OP_READ);
                }
            }
            assertEquals(0, selector.select(1000), "the other 999 sessions stay open");
            assertEquals(before + SESSIONS - 1, routers.sessionCount());
        } finally {
            for (SocketChannel client : clients) {
                close(client);
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> routers.sessionCount() == before);
    }

    private static void close(SocketChannel client) {
        try {
            client.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
