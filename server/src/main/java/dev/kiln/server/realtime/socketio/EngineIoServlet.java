package dev.kiln.server.realtime.socketio;

import io.socket.engineio.server.EngineIoServer;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * /socket.io/ on the app's own port: WebSocket upgrades go to {@link EngineIoWebSocketEndpoint}, everything
 * else is Engine.IO long-polling (async servlet requests).
 */
public class EngineIoServlet extends HttpServlet {
    private final transient EngineIoServer engine;
    private final int maxPacketChars;
    private final long maxPollingBody;

    public EngineIoServlet(EngineIoServer engine, int maxPacketChars, long maxPollingBody) {
        this.engine = engine;
        this.maxPacketChars = maxPacketChars;
        this.maxPollingBody = maxPollingBody;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
        String upgrade = req.getHeader("Upgrade");
        if (upgrade != null && upgrade.equalsIgnoreCase("websocket")) {
            EngineIoWebSocketEndpoint.upgrade(req, res, engine, maxPacketChars);
            return;
        }
        if (req.getContentLengthLong() > maxPollingBody) {
            res.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "payload too large");
            return;
        }
        engine.handleRequest(req, res);
    }
}
