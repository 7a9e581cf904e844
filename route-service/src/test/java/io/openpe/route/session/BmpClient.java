package io.openpe.route.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A test router: a TCP connection to the BMP server from a chosen loopback address (Linux routes all of 127/8 to lo),
 * so that concurrent test sessions are distinct routers.
 */
public final class BmpClient implements AutoCloseable {

    private final Socket socket = new Socket();

    public BmpClient(String localAddress, int serverPort) {
        try {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", serverPort), 5000);
            socket.setSoTimeout(15000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BmpClient send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Whether the server closes the connection within 15 s (a BMP collector never sends data). */
    public boolean closedByServer() {
        return closedByServer(15000);
    }

    /** Whether the server closes the connection within {@code millis}. */
    public boolean closedByServer(int millis) {
        try {
            socket.setSoTimeout(millis);
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
