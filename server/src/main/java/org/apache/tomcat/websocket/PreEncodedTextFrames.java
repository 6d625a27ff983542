package org.apache.tomcat.websocket;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sends a WebSocket text frame whose UTF-8 bytes are already encoded, on Tomcat's blocking remote endpoint.
 *
 * <p>Why this lives in Tomcat's package: the Jakarta WebSocket API only takes text as a {@code String}, which
 * Tomcat encodes with its own character-at-a-time UTF-8 encoder, for every recipient of a chat message. A
 * room's fan-out writes the same frame to every member, and profiles of the chat benchmark showed that encoder
 * as the single hottest method (~1 µs per 400-character frame, against ~50 ns for {@code String.getBytes}), and a
 * room's frame can be encoded once for all its members.
 * Tomcat's package-private {@code sendMessageBlock(opcode, payload, last)} writes a ready payload as one frame,
 * under the same per-connection semaphore as every other write. It is a compile-time dependency on Tomcat's
 * internals: an upgrade that changes it breaks the build, not the server. Callers serialise their writes (the
 * Engine.IO transport holds a lock), which is what Tomcat's text-message state machine would otherwise check.
 *
 * <p>{@link #sendAll} writes several ready frames with one socket write: a connection that receives a busy room's
 * messages faster than one write each would otherwise pay Tomcat's per-message work (a semaphore, a timeout
 * lookup, a vectored-write operation) and a system call per frame. It follows Tomcat's own blocking send
 * ({@code sendMessageBlockInternal}): take the per-connection write semaphore, write, then {@code endMessage},
 * which hands the connection to any control frame queued meanwhile. Only valid without WebSocket extensions
 * (Kiln declines them all), since the frames bypass Tomcat's transformation chain.
 */
public final class PreEncodedTextFrames {
    private PreEncodedTextFrames() {}

    /** Writes {@code utf8} (valid UTF-8, e.g. from {@code String.getBytes(UTF_8)}) as one text frame. */
    public static void send(RemoteEndpoint.Basic remote, byte[] utf8) throws IOException {
        if (remote instanceof WsRemoteEndpointBase endpoint) {
            endpoint.base.sendMessageBlock(Constants.OPCODE_TEXT, ByteBuffer.wrap(utf8), true);
        } else {
            remote.sendText(new String(utf8, StandardCharsets.UTF_8));
        }
    }

    /**
     * Writes each of {@code utf8Frames} as one text frame, in order, in one socket write; blocks until written or
     * {@code timeoutMillis} passed.
     */
    public static void sendAll(RemoteEndpoint.Basic remote, List<byte[]> utf8Frames, long timeoutMillis) throws IOException {
        if (utf8Frames.size() == 1 || !(remote instanceof WsRemoteEndpointBase endpoint)) {
            for (byte[] frame : utf8Frames) send(remote, frame);
            return;
        }
        WsRemoteEndpointImplBase base = endpoint.base;
        ByteBuffer frames = ByteBuffer.wrap(concatenate(utf8Frames));
        long expiry = System.currentTimeMillis() + timeoutMillis;
        try {
            if (!base.acquireMessagePartInProgressSemaphore(Constants.OPCODE_TEXT, timeoutMillis)) {
                throw new SocketTimeoutException("no write slot within " + timeoutMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to write", e);
        }
        BlockingResult result = new BlockingResult();
        try {
            base.getSession().updateLastActiveWrite(); // as Tomcat's own send does, for the session's idle timeout
            base.doWrite(result, expiry, frames);
        } catch (RuntimeException | Error e) {
            base.messagePartInProgress.release();
            throw e;
        }
        if (result.failure != null) {
            base.messagePartInProgress.release();
            throw result.failure instanceof IOException io ? io : new IOException(result.failure);
        }
        base.endMessage(null, null);
    }

    /** The frames with their headers (FIN, text, unmasked as from a server, RFC 6455 §5.2) in one array. */
    static byte[] concatenate(List<byte[]> utf8Frames) {
        int size = 0;
        for (byte[] f : utf8Frames) size += headerLength(f.length) + f.length;
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] f : utf8Frames) {
            int n = f.length;
            out[at++] = (byte) (0x80 | Constants.OPCODE_TEXT);
            if (n < 126) {
                out[at++] = (byte) n;
            } else if (n < 65536) {
                out[at++] = 126;
                out[at++] = (byte) (n >>> 8);
                out[at++] = (byte) n;
            } else {
                out[at++] = 127;
                at += 4; // the top four bytes of the 64-bit length: a Java array is shorter than 2^31
                out[at++] = (byte) (n >>> 24);
                out[at++] = (byte) (n >>> 16);
                out[at++] = (byte) (n >>> 8);
                out[at++] = (byte) n;
            }
            System.arraycopy(f, 0, out, at, n);
            at += n;
        }
        return out;
    }

    private static int headerLength(int payloadLength) {
        return payloadLength < 126 ? 2 : payloadLength < 65536 ? 4 : 10;
    }

    /** Receives the result of a blocking write (Tomcat calls it on the writing thread before doWrite returns). */
    private static final class BlockingResult implements SendHandler {
        private Throwable failure;

        @Override
        public void onResult(SendResult result) {
            if (!result.isOK()) failure = result.getException() != null ? result.getException() : new IOException("write failed");
        }
    }
}
