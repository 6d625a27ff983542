package org.apache.tomcat.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Several frames in one write: each with the RFC 6455 header a server sends (FIN, text, unmasked, shortest length). */
class PreEncodedTextFramesTest {
    @Test
    void framesOfEveryLengthEncodingReadBackWhole() {
        int[] lengths = {0, 1, 125, 126, 127, 65_535, 65_536, 70_000};
        Random random = new Random(7);
        List<byte[]> frames = new ArrayList<>();
        for (int n : lengths) {
            byte[] payload = new byte[n];
            random.nextBytes(payload);
            frames.add(payload);
        }
        ByteBuffer wire = ByteBuffer.wrap(PreEncodedTextFrames.concatenate(frames));

        for (int i = 0; i < lengths.length; i++) {
            assertThat(wire.get() & 0xFF).as("FIN + text opcode").isEqualTo(0x81);
            int second = wire.get() & 0xFF;
            assertThat(second & 0x80).as("servers do not mask").isZero();
            long length = second & 0x7F;
            int lengthBytes = length == 126 ? 2 : length == 127 ? 8 : 0;
            if (lengthBytes > 0) {
                length = 0;
                for (int b = 0; b < lengthBytes; b++) length = (length << 8) | (wire.get() & 0xFF);
            }
            int n = lengths[i];
            assertThat(length).isEqualTo(n);
            assertThat(lengthBytes).as("shortest length form for " + n).isEqualTo(n < 126 ? 0 : n < 65_536 ? 2 : 8);
            byte[] payload = new byte[n];
            wire.get(payload);
            assertThat(payload).isEqualTo(frames.get(i));
        }
        assertThat(wire.hasRemaining()).isFalse();
    }
}
