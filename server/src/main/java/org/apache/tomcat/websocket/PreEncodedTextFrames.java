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
 * Sends WebSocket text frames whose UTF-8 bytes are already encoded, on Tomcat's blocking remote endpoint, several
 * in one socket write.
 *
 * <p>Why this lives in Tomcat's package: the Jakarta WebSocket API only takes text as a {@code String}, which
 * Tomcat encodes with its own character-at-a-time UTF-8 encoder, for every recipient of a chat message. A
 * room's fan-out writes the same frame to every member, and profiles of the chat benchmark showed that encoder
 * as the single hottest method (~1 µs per 400-character frame, against ~50 ns for {@code String.getBytes}), and a
 * room's frame can be encoded once for all its members. Tomcat's own send of a ready payload then still cost a
 * semaphore, a timeout lookup, message-part and transformation objects, a vectored-write operation and a system
 * call per frame; a connection receiving a busy room's messages faster than one write each now gets them in one.
 *
 * <p>{@link #sendAll} follows Tomcat's blocking send ({@code sendMessageBlockInternal}): take the per-connection
 * write semaphore, write, then {@code endMessage}, which hands the connection to any control frame queued
 * meanwhile. It uses Tomcat's package-private and protected members, a compile-time dependency on its internals:
 * an upgrade that changes them breaks the build, not the server. Callers serialise their writes (the Engine.IO
 * transport holds a lock), which is what Tomcat's text-message state machine would otherwise check. Only valid
 * without WebSocket extensions (Kiln declines them all), since the frames bypass Tomcat's transformation chain.
 */
public final class PreEncodedTextFrames {
    private PreEncodedTextFrames() {}

    /**
     * Writes each of {@code utf8Frames} as one text frame, in order, in one socket write; blocks until written or
     * {@code timeoutMillis} passed.
     */
    public static void sendAll(RemoteEndpoint.Basic remote, List<byte[]> utf8Frames, long timeoutMillis) throws IOException {
        if (!(remote instanceof WsRemoteEndpointBase endpoint)) { // not Tomcat's: the standard API, one frame at a time
            for (byte[] frame : utf8Frames) remote.sendText(new String(frame, StandardCharsets.UTF_8));
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
