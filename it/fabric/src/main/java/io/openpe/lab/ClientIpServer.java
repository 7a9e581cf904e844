package io.openpe.lab;

import io.openpe.lab.layout.ExternalHostLayout;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The external host's HTTP server: {@code GET /clientip} answers {@code <client address>:<client port>}, as the
 * seeds' agnhost {@code netexec} does, so a caller sees whether its source address arrived unchanged (no NAT). A
 * Python one-file server inside the host's namespace; the lab's sweep ends it with the namespace's other processes.
 */
final class ClientIpServer {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final String SCRIPT = """
            import http.server, sys
            class ClientIp(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    if self.path != "/clientip":
                        self.send_error(404)
                        return
                    body = ("%s:%d" % self.client_address).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
            http.server.ThreadingHTTPServer((sys.argv[1], int(sys.argv[2])), ClientIp).serve_forever()
            """;

    private ClientIpServer() {
    }

    /** Starts the server in {@code netns} unless something already listens on its port there. */
    static void ensure(String netns, Path dir) {
        if (listening(netns)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path script = dir.resolve("clientip.py");
            Files.writeString(script, SCRIPT);
            new ProcessBuilder("ip", "netns", "exec", netns, "python3", script.toString(),
                    ExternalHostLayout.ADDRESS, Integer.toString(ExternalHostLayout.HTTP_PORT))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("clientip.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!listening(netns)) {
            if (Instant.now().isAfter(deadline)) {
                throw new LabException("the external host's HTTP server did not listen in " + netns + " within "
                        + START_TIMEOUT + "; see " + dir.resolve("clientip.log"));
            }
            Processes.pause(Duration.ofMillis(50));
        }
    }

    private static boolean listening(String netns) {
        CommandResult sockets = Shell.in(netns, "ss", "-ltnH", "sport = :" + ExternalHostLayout.HTTP_PORT);
        return sockets.ok() && !sockets.stdout().isBlank();
    }
}
