package io.openpe.route.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.openpe.route.bgp.AfiSafi;
import io.openpe.route.bgp.BgpOpen;
import io.openpe.route.bgp.DecodingContext;
import io.openpe.route.bgp.Nlri;
import io.openpe.route.bmp.AddPathMode;
import io.openpe.route.bmp.BmpDecodeResult;
import io.openpe.route.bmp.BmpFraming;
import io.openpe.route.bmp.BmpMessage;
import io.openpe.route.bmp.BmpSessionDecoder;
import io.openpe.route.bmp.Initiation;
import io.openpe.route.bmp.PeerDown;
import io.openpe.route.bmp.PeerKey;
import io.openpe.route.bmp.RibView;
import io.openpe.route.bmp.PeerUp;
import io.openpe.route.bmp.PerPeerHeader;
import io.openpe.route.bmp.RouteMirroring;
import io.openpe.route.bmp.RouteMonitoring;
import io.openpe.route.bmp.StatsReport;
import io.openpe.route.bmp.Termination;
import io.openpe.route.bmp.Unknown;
import io.openpe.route.evpn.EvpnNlriDecoder;
import io.openpe.route.publish.EvpnRoutes;
import io.openpe.route.publish.RouteOrigin;
import io.openpe.route.rib.AdjRibIn;
import io.openpe.route.session.PostPolicyResync;
import io.openpe.route.rib.PeerView;
import io.openpe.route.rib.RibRoute;
import io.openpe.route.rib.RouteChange;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code decode <file>}: reads a raw BMP byte stream (what a collector receives on its socket), and prints one JSON
 * object per line for every message and for every route event the RIB derives from it, exactly as the service would
 * publish the route (Protobuf JSON of {@code openpe.route.v1.EvpnRoute}, without a receive time so that the output
 * depends on the bytes only). No Quarkus, no Kafka, no ports. Options and exit codes: {@link Arguments}.
 */
public final class DecodeCommand {

    public static final int OK = 0;
    /** The stream is broken: truncated, a bad length, a fatal malformed message. */
    public static final int BROKEN = 1;
    public static final int USAGE = 2;

    private static final JsonFormat.Printer PROTO_JSON = JsonFormat.printer().omittingInsignificantWhitespace();

    private final PrintStream out;
    private final String cluster;
    private final String router;
    private final BmpSessionDecoder decoder;
    private final AdjRibIn rib = new AdjRibIn();
    /** Per peer, the ASNs of the OPENs of its latest Peer Up: {router's, peer's} (FRR's eBGP AS_PATH correction). */
    private final Map<PeerKey, long[]> openAsns = new HashMap<>();
    private final Map<PeerKey, PerPeerHeader> headers = new HashMap<>();
    /**
     * The service's handling of FRR's post-policy withdrawals of accepted routes and of the routes it denies, with
     * the router's allowas-in count and no plans (no next hop is known to be the router's own).
     */
    private final PostPolicyResync postPolicyResync;
    private String sysName = "";

    private DecodeCommand(PrintStream out, String cluster, String router, AddPathMode addPath, int allowasIn) {
        this.out = out;
        this.cluster = cluster;
        this.router = router;
        this.decoder = new BmpSessionDecoder(EvpnNlriDecoder.withUnicast(), addPath);
        this.postPolicyResync = new PostPolicyResync(router, allowasIn, (known, a) -> false);
    }

    /** Runs {@code decode args}; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        CommandLine command = new CommandLine(new Arguments(out, err));
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        command.setParameterExceptionHandler((e, given) -> {
            err.println("decode: " + e.getMessage());
            err.println(e.getCommandLine().getHelp().synopsis(0).stripTrailing());
            err.println("Run 'decode --help' for every option and the exit codes.");
            return USAGE;
        });
        return command.execute(args.toArray(String[]::new));
    }

    /** The command line of {@code decode}; the exit codes are part of its contract (docs/configuration.md). */
    @Command(name = "decode", sortOptions = false, usageHelpAutoWidth = true,
            description = {"Decode a raw BMP byte stream (what a collector receives on its socket, e.g. a capture's "
                    + "TCP payload) and print one JSON object per line for every BMP message and every route event, "
                    + "each route exactly as route-service publishes it on openpe.evpn-routes. No Kafka, no ports."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {
                "0:decoded to the end of the stream",
                "1:the stream is broken (truncated, bad length, fatal malformed message); the lines up to it are "
                        + "printed, the reason is on standard error",
                "2:bad usage: a wrong or missing argument, or <file> cannot be read"})
    static final class Arguments implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<file>", description = "The BMP byte stream.")
        private Path file;

        @Option(names = "--cluster", paramLabel = "<name>", defaultValue = "local",
                description = "Cluster name used in route keys (default: ${DEFAULT-VALUE}).")
        private String cluster;

        @Option(names = "--router", paramLabel = "<address>", defaultValue = "0.0.0.0",
                description = "The router's address used in route keys, as route-service would see the BMP "
                        + "session's source (default: ${DEFAULT-VALUE}).")
        private String router;

        @Option(names = "--add-path", paramLabel = "never|negotiated", defaultValue = "never",
                converter = AddPathConverter.class,
                description = "Whether route NLRI carry the path ids the OPENs negotiated. Default: never, because "
                        + "FRR 8.4 does not encode them over BMP.")
        private AddPathMode addPath;

        @Option(names = "--allowas-in", paramLabel = "<count>", defaultValue = "3",
                description = "How often the router's own AS may appear in a path it accepts, as its "
                        + "'neighbor ... allowas-in' says: 0 without allowas-in (default: ${DEFAULT-VALUE}, FRR's "
                        + "count for a plain allowas-in, as node-programmer renders it; openpe.bmp.allowas-in).")
        private int allowasIn;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        private boolean help;

        private final PrintStream out;
        private final PrintStream err;

        private Arguments(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public Integer call() {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot read " + file + ": "
                        + (e instanceof NoSuchFileException ? "no such file" : e.getMessage())
                        + "; give a file holding the raw BMP bytes");
            }
            return new DecodeCommand(out, cluster, router, addPath, allowasIn).decodeStream(Unpooled.wrappedBuffer(bytes), err);
        }
    }

    static final class AddPathConverter implements CommandLine.ITypeConverter<AddPathMode> {
        @Override
        public AddPathMode convert(String value) {
            try {
                return AddPathMode.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is neither never nor negotiated");
            }
        }
    }

    /** Frames the stream as the server does (BmpFraming) and decodes every frame. */
    int decodeStream(ByteBuf stream, PrintStream err) {
        while (stream.isReadable()) {
            int offset = stream.readerIndex();
            int left = stream.readableBytes();
            if (left < BmpFraming.COMMON_HEADER_LENGTH) {
                err.println("truncated BMP common header at offset " + offset + ": " + left + " bytes left");
                return BROKEN;
            }
            long length = stream.getUnsignedInt(offset + BmpFraming.LENGTH_FIELD_OFFSET);
            if (length > BmpFraming.MAX_FRAME_LENGTH || length < BmpFraming.COMMON_HEADER_LENGTH) {
                err.println("BMP message length " + length + " at offset " + offset + " is out of range");
                return BROKEN;
            }
            if (length > left) {
                err.println("truncated BMP message at offset " + offset + ": length " + length + ", " + left
                        + " bytes left");
                return BROKEN;
            }
            BmpDecodeResult result = decoder.decode(stream.readSlice((int) length));
            switch (result) {
                case BmpDecodeResult.Decoded d -> handle(offset, d.message());
                case BmpDecodeResult.Malformed m -> {
                    JsonObject line = new JsonObject();
                    line.addProperty("offset", offset);
                    line.addProperty("malformed", m.messageType());
                    line.addProperty("reason", m.reason());
                    line.addProperty("fatal", m.fatal());
                    out.println(line);
                    if (m.fatal()) {
                        return BROKEN;
                    }
                }
            }
        }
        return OK;
    }

    private void handle(int offset, BmpMessage message) {
        JsonObject line = new JsonObject();
        line.addProperty("offset", offset);
        switch (message) {
            case Initiation m -> {
                line.addProperty("message", "initiation");
                m.sysName().ifPresent(n -> line.addProperty("sysName", n));
                m.sysDescr().ifPresent(d -> line.addProperty("sysDescr", d));
                sysName = m.sysName().orElse(sysName);
                out.println(line);
            }
            case PeerUp m -> {
                headers.put(m.peer().key(), m.peer());
                openAsns.put(m.peer().key(), new long[] {m.sentOpen().asn(), m.receivedOpen().asn()});
                postPolicyResync.peerUp(m.peer().key(), m.sentOpen().asn(), m.receivedOpen().asn(),
                        m.localAddress(), m.sentOpen().bgpId());
                line.addProperty("message", "peer-up");
                line.add("peer", peer(m.peer()));
                line.addProperty("localAddress", m.localAddress().toString());
                line.addProperty("localPort", m.localPort());
                line.addProperty("remotePort", m.remotePort());
                line.add("sentOpen", open(m.sentOpen()));
                line.add("receivedOpen", open(m.receivedOpen()));
                DecodingContext context = m.decodingContext(m.peer().adjRibOut());
                line.addProperty("fourByteAsn", context.fourByteAsn());
                line.add("addPath", strings(context.addPath().stream().map(AfiSafi::toString).sorted().toList()));
                out.println(line);
            }
            case PeerDown m -> {
                line.addProperty("message", "peer-down");
                line.add("peer", peer(m.peer()));
                line.addProperty("reason", m.reason());
                out.println(line);
                postPolicyResync.peerDown(m.peer().key());
                events(rib.peerDown(m.peer().key()));
            }
            case RouteMonitoring m -> {
                headers.put(m.peer().key(), m.peer());
                line.addProperty("message", "route-monitoring");
                line.add("peer", peer(m.peer()));
                line.add("announced", strings(m.update().announced().stream().map(this::nlri).toList()));
                line.add("withdrawn", strings(m.update().withdrawn().stream().map(this::nlri).toList()));
                m.update().endOfRib().ifPresent(f -> line.addProperty("endOfRib", f.toString()));
                out.println(line);
                for (RouteMonitoring applied : postPolicyResync.observe(m, rib).apply()) {
                    events(rib.apply(applied));
                }
            }
            case StatsReport m -> {
                line.addProperty("message", "statistics-report");
                line.add("peer", peer(m.peer()));
                JsonObject stats = new JsonObject();
                for (StatsReport.Statistic s : m.statistics()) {
                    stats.addProperty(s.afiSafi() == null ? Integer.toString(s.type())
                            : s.type() + "/" + s.afiSafi(), s.value());
                }
                line.add("statistics", stats);
                line.add("skippedTypes", strings(m.skippedTypes().stream().map(String::valueOf).toList()));
                out.println(line);
            }
            case Termination m -> {
                line.addProperty("message", "termination");
                m.reason().ifPresent(r -> line.addProperty("reason", r));
                out.println(line);
            }
            case RouteMirroring m -> {
                line.addProperty("message", "route-mirroring");
                line.add("peer", peer(m.peer()));
                out.println(line);
            }
            case Unknown m -> {
                line.addProperty("message", "unknown");
                line.addProperty("type", m.type());
                line.addProperty("length", m.body().length());
                out.println(line);
            }
        }
    }

    private String nlri(Nlri nlri) {
        return nlri.afiSafi() + " " + nlri.key().text();
    }

    private void events(List<RouteChange> changes) {
        for (RouteChange change : changes) {
            PeerView view = change.peerView();
            long[] asns = openAsns.getOrDefault(view.peer(), new long[] {0, 0});
            RouteOrigin origin = RouteOrigin.of(cluster, router, sysName, headers.get(view.peer()), view.view(),
                    asns[0], asns[1], view.view() == RibView.ADJ_RIB_IN_POST_POLICY
                            ? postPolicyResync.copiedFromPrePolicy(view.peer()) : java.util.Set.of());
            switch (change) {
                case RouteChange.Added a -> route("added", origin, a.route());
                case RouteChange.Replaced r -> route("replaced", origin, r.route());
                case RouteChange.Withdrawn w -> {
                    JsonObject line = new JsonObject();
                    line.addProperty("event", "withdrawn");
                    line.addProperty("key", EvpnRoutes.key(cluster, router, view.peer(), view.view(), w.key()));
                    out.println(line);
                }
            }
        }
    }

    private void route(String event, RouteOrigin origin, RibRoute route) {
        EvpnRoutes.toProto(origin, route, null).ifPresent(proto -> {
            try {
                out.println("{\"event\":\"" + event + "\",\"key\":" + new JsonPrimitive(proto.getRouteKey())
                        + ",\"route\":" + PROTO_JSON.print(proto) + "}");
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static JsonObject peer(PerPeerHeader peer) {
        JsonObject o = new JsonObject();
        o.addProperty("type", peer.peerType());
        o.addProperty("flags", String.format("0x%02x", peer.flags()));
        o.addProperty("distinguisher", peer.distinguisher().toString());
        o.addProperty("address", peer.address().toString());
        o.addProperty("asn", peer.asn());
        o.addProperty("bgpId", peer.bgpId().toString());
        o.addProperty("view", EvpnRoutes.viewName(peer.view()));
        o.addProperty("timestamp", peer.timestampSeconds() + "." + String.format("%06d", peer.timestampMicros()));
        return o;
    }

    private static JsonObject open(BgpOpen open) {
        JsonObject o = new JsonObject();
        o.addProperty("asn", open.asn());
        o.addProperty("bgpId", open.bgpId().toString());
        o.addProperty("holdTime", open.holdTime());
        o.add("families", strings(open.multiprotocolFamilies().stream().map(AfiSafi::toString).sorted().toList()));
        return o;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }
}
