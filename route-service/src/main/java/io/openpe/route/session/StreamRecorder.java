package io.openpe.route.session;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends every byte a router sends, before framing, to {@code <directory>/<router address>.bin}: the raw BMP stream
 * that {@code decode <file>} reads back. For captures of real routers (golden test data, bug reports); off unless
 * {@code openpe.bmp.capture-directory} is set. Sessions of one router append to the same file.
 */
final class StreamRecorder extends ChannelInboundHandlerAdapter {

    private final Path file;
    private OutputStream out;

    StreamRecorder(Path file) {
        this.file = file;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        ByteBuf bytes = (ByteBuf) msg;
        bytes.getBytes(bytes.readerIndex(), out, bytes.readableBytes());
        out.flush();
        super.channelRead(ctx, msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        super.channelInactive(ctx);
    }
}
