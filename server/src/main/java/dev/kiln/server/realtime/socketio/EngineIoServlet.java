package dev.kiln.server.realtime.socketio;

import io.socket.engineio.server.EngineIoServer;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import org.springframework.web.HttpRequestHandler;

/**
 * /socket.io/ on the app's own port: WebSocket upgrades go to Spring's WebSocket handshake, everything
 * else is Engine.IO long-polling (async servlet requests).
 */
public class EngineIoServlet extends HttpServlet {
    private static final String EXTENSIONS = "Sec-WebSocket-Extensions";
    private final transient EngineIoServer engine;
    private final transient HttpRequestHandler webSocketHandshake;
    private final long maxPollingBody;

    public EngineIoServlet(EngineIoServer engine, HttpRequestHandler webSocketHandshake, long maxPollingBody) {
        this.engine = engine;
        this.webSocketHandshake = webSocketHandshake;
        this.maxPollingBody = maxPollingBody;
    }

    /**
     * Hides the client's permessage-deflate offer, as the Node.js socket.io server does by default: chat
     * frames are small, and a compressor per connection costs memory (Tomcat keeps a Deflater and Inflater
     * with their buffers for every socket) and CPU for every frame sent to every recipient. Tomcat negotiates
     * extensions itself from this header, so declining must happen here.
     */
    private static HttpServletRequest withoutExtensionOffers(HttpServletRequest req) {
        return new HttpServletRequestWrapper(req) {
            @Override
            public String getHeader(String name) {
                return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                        .filter(h -> !EXTENSIONS.equalsIgnoreCase(h)).toList());
            }
        };
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
        String upgrade = req.getHeader("Upgrade");
        if (upgrade != null && upgrade.equalsIgnoreCase("websocket")) {
            webSocketHandshake.handleRequest(withoutExtensionOffers(req), res);
            return;
        }
        if (req.getContentLengthLong() > maxPollingBody) {
            res.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "payload too large");
            return;
        }
        engine.handleRequest(req, res);
    }
}
