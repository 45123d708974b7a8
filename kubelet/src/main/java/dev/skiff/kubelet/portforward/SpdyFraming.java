package dev.skiff.kubelet.portforward;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One side of a SPDY/3.1 connection's framing, on Netty's codec: bytes in, frames out, and frames
 * in, bytes out. Header blocks are compressed with a zlib stream that lives as long as the
 * connection, so one instance serves one connection, from one thread at a time.
 */
final class SpdyFraming implements AutoCloseable {

    private final EmbeddedChannel codec = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));

    /**
     * The frames BYTES complete (a frame may span messages; what is left waits for the next); the
     * caller releases each data frame's content.
     *
     * @throws io.netty.handler.codec.spdy.SpdyProtocolException when the bytes are not SPDY/3.1
     */
    List<SpdyFrame> decode(Buffer bytes) {
        codec.writeInbound(Unpooled.wrappedBuffer(bytes.getBytes()));
        List<SpdyFrame> frames = new ArrayList<>();
        for (Object frame = codec.readInbound(); frame != null; frame = codec.readInbound()) {
            frames.add((SpdyFrame) frame);
        }
        return frames;
    }

    /** FRAME as bytes to send; the frame's content is released. */
    Buffer encode(SpdyFrame frame) {
        codec.writeOutbound(frame);
        Buffer bytes = Buffer.buffer();
        for (ByteBuf part = codec.readOutbound(); part != null; part = codec.readOutbound()) {
            bytes.appendBytes(ByteBufUtil.getBytes(part));
            part.release();
        }
        return bytes;
    }

    @Override
    public void close() {
        codec.finishAndReleaseAll();
    }
}
