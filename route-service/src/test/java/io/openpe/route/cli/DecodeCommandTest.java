package io.openpe.route.cli;

import static io.openpe.route.bgp.BgpEncoding.attribute;
import static io.openpe.route.bgp.BgpEncoding.concat;
import static io.openpe.route.bgp.BgpEncoding.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.openpe.route.bmp.BmpEncoding;
import io.openpe.route.session.BmpStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecodeCommandTest {

    /**
     * Type 3 (RFC 7432 §7.3), 17 bytes: RD 10.0.0.1:2, Ethernet tag 0, originator 10.0.0.1; PMSI tunnel (RFC 6514 §5,
     * attribute 22): flags 0, ingress replication (6), label field 0x00006e = VNI 110 (RFC 8365 §5.1.3), endpoint
     * 10.0.0.1.
     */
    static final String TYPE3 = BmpEncoding.frame(0, BmpEncoding.globalPeer(0), update("", concat(
            attribute(0x40, 1, "00"),
            attribute(0x50, 2, ""),
            attribute(0xc0, 16, "00 02 fde9 0000006e"),
            attribute(0xc0, 22, "00 06 00006e 0a000001"),
            attribute(0x90, 14, "0019 46 04 0a000001 00" + "03 11 0001 0a000001 0002 00000000 20 0a000001")), ""));

    record Run(int exit, List<JsonObject> lines, String err) {
    }

    static Run decode(Path file, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of(file.toString()));
        args.addAll(List.of(options));
        int exit = DecodeCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        List<JsonObject> lines = out.toString(StandardCharsets.UTF_8).lines()
                .map(l -> JsonParser.parseString(l).getAsJsonObject()).toList();
        return new Run(exit, lines, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsEveryMessageAndEveryRouteEvent(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stream.bin");
        Files.write(file, BmpStream.bytes(BmpStream.INITIATION, BmpStream.PEER_UP, TYPE3, BmpStream.ANNOUNCE,
                BmpStream.WITHDRAW));
        Run run = decode(file, "--cluster", "east", "--router", "192.0.2.1");
        assertEquals(0, run.exit(), run.err());
        List<String> kinds = run.lines().stream()
                .map(l -> l.has("message") ? l.get("message").getAsString() : l.get("event").getAsString()).toList();
        assertEquals(List.of("initiation", "peer-up", "route-monitoring", "added", "route-monitoring", "added",
                "route-monitoring", "withdrawn"), kinds);

        assertEquals("leaf1", run.lines().get(0).get("sysName").getAsString());
        assertEquals("FRRouting 8.4.4", run.lines().get(0).get("sysDescr").getAsString());
        JsonObject peerUp = run.lines().get(1);
        assertEquals("10.0.0.1", peerUp.get("localAddress").getAsString());
        assertEquals(65001, peerUp.getAsJsonObject("receivedOpen").get("asn").getAsLong());

        JsonObject type3 = run.lines().get(3).getAsJsonObject("route");
        assertEquals("east/192.0.2.1/192.168.0.2/adj-rib-in-pre-policy/10.0.0.1:2/3/0/10.0.0.1",
                run.lines().get(3).get("key").getAsString());
        assertEquals(3, type3.get("routeType").getAsInt());
        assertEquals(110, type3.get("vni").getAsInt());
        assertEquals("VNI_SOURCE_PMSI", type3.get("vniSource").getAsString());
        assertEquals("10.0.0.1", type3.get("ip").getAsString());
        assertEquals(6, type3.getAsJsonObject("pmsi").get("tunnelType").getAsInt());
        assertEquals(110, type3.getAsJsonObject("pmsi").get("labelRaw").getAsInt());
        assertEquals("10.0.0.1", type3.getAsJsonObject("pmsi").get("tunnelEndpoint").getAsString());
        assertTrue(!type3.has("receivedAt"), "decode output depends on the bytes only");

        JsonObject type2 = run.lines().get(5).getAsJsonObject("route");
        assertEquals("aa:bb:cc:00:00:01", type2.get("mac").getAsString());
        assertEquals("VNI_SOURCE_ROUTE_TARGET", type2.get("vniSource").getAsString());
        assertEquals("ENCAPSULATION_VXLAN", type2.get("encapsulation").getAsString());
        assertEquals(run.lines().get(5).get("key"), run.lines().get(7).get("key"));
    }

    @Test
    void aBrokenStreamEndsWithExitCodeOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cut.bin");
        byte[] whole = BmpStream.bytes(BmpStream.INITIATION, BmpStream.PEER_UP);
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length - 3));
        Run run = decode(file);
        assertEquals(1, run.exit());
        assertEquals(1, run.lines().size(), "the complete Initiation is still printed");
        assertTrue(run.err().contains("truncated BMP message"), run.err());
    }

    @Test
    void helpExitsZeroAndNamesEveryOptionAndExitCode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, DecodeCommand.run(List.of("--help"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream())));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : List.of("<file>", "--cluster", "--router", "--add-path", "--help", "Exit codes:",
                "1   the stream is broken")) {
            assertTrue(help.contains(option), option + " in\n" + help);
        }
    }

    @Test
    void wrongArgumentsExitTwoSayingWhatToGive(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        assertEquals(DecodeCommand.USAGE, DecodeCommand.run(List.of(), out, errors));
        assertEquals(2, DecodeCommand.run(List.of("x.bin", "--add-path", "always"), out, errors));
        assertEquals(2, DecodeCommand.run(List.of(dir.resolve("missing.bin").toString()), out, errors));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("decode: Missing required parameter: '<file>'"), text);
        assertTrue(text.contains("'always' is neither never nor negotiated"), text);
        assertTrue(text.contains("cannot read " + dir.resolve("missing.bin") + ": no such file"), text);
        assertTrue(text.contains("Run 'decode --help'"), text);
    }
}
