package io.openpe.node.frrctl;

import io.openpe.node.process.ExternalProgram;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One FRR daemon's vty socket ({@code <daemon>.vty}), spoken to the way vtysh does (lib/vty.c {@code vtysh_read}):
 * each command is sent NUL-terminated, the daemon answers with its output and a four-byte trailer
 * {@code 0 0 0 <status>}.
 *
 * <p>Needed for the one command vtysh never forwards: {@code hostname} is installed in vtysh by {@code cmd_init}
 * with no daemon bits, so {@code vtysh -c hostname X} (and frr-reload.py, which goes through vtysh) changes only
 * the short-lived vtysh process. A daemon takes a hostname from {@code frr.conf} at start and otherwise keeps the
 * machine's; bgpd sends it as BMP sysName and in the BGP hostname capability.
 */
final class DaemonVty {

    private static final int CMD_SUCCESS = 0;

    private DaemonVty() {
    }

    /**
     * Runs the commands in order on the daemon behind {@code socket}; fails naming the first one refused, or when the
     * daemon does not answer within {@link ExternalProgram#limit()} (a stopped or hung daemon accepts the connection
     * and never replies), the same bound as every FRR tool.
     */
    static void run(Path socket, List<String> commands) {
        Duration bound = ExternalProgram.limit();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            FutureTask<Void> conversation = new FutureTask<>(() -> {
                converse(channel, socket, commands);
                return null;
            });
            Thread.ofVirtual().name("vty-" + socket.getFileName()).start(conversation);
            try {
                conversation.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // Closing the channel ends the blocked read.
                channel.close();
                throw new IllegalStateException(socket.getFileName() + " did not answer within " + bound.toSeconds()
                        + " s (openpe.node.program-timeout)");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new UncheckedIOException("cannot talk to " + socket,
                        e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted talking to " + socket, e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot talk to " + socket, e);
        }
    }

    private static void converse(SocketChannel channel, Path socket, List<String> commands) throws IOException {
        channel.connect(UnixDomainSocketAddress.of(socket));
        for (String command : commands) {
            byte[] line = (command + "\0").getBytes(StandardCharsets.UTF_8);
            ByteBuffer out = ByteBuffer.wrap(line);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            Answer answer = read(channel);
            if (answer.status() != CMD_SUCCESS) {
                throw new IllegalStateException(socket.getFileName() + " refused '" + command + "' (status "
                        + answer.status() + "): " + answer.text().strip());
            }
        }
    }

    private record Answer(int status, String text) {
    }

    private static Answer read(SocketChannel channel) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (true) {
            buffer.clear();
            if (channel.read(buffer) < 0) {
                throw new IOException("connection closed before the command's status");
            }
            received.write(buffer.array(), 0, buffer.position());
            byte[] all = received.toByteArray();
            int n = all.length;
            if (n >= 4 && all[n - 4] == 0 && all[n - 3] == 0 && all[n - 2] == 0) {
                return new Answer(all[n - 1], new String(all, 0, n - 4, StandardCharsets.UTF_8));
            }
        }
    }
}
