package dev.kiln.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.TestDatabases;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The WebSocket upgrade on /socket.io/ declines permessage-deflate (memory and CPU per connection). */
class WebSocketHandshakeTest {

    @Test
    void theUpgradeSucceedsWithoutCompression() throws Exception {
        try (KilnInstance kiln = KilnInstance.start(TestDatabases.sqlite())) {
            URI base = URI.create(kiln.baseUrl());
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.setSoTimeout(5000);
                InputStream in = socket.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) head.append((char) in.read());
                String response = head.toString().toLowerCase();
                assertThat(response).startsWith("http/1.1 101");
                assertThat(response).doesNotContain("sec-websocket-extensions");
            }
        }
    }
}
