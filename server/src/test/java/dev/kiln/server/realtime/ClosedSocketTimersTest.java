package dev.kiln.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.realtime.socketio.SocketIoHub;
import dev.kiln.server.support.Api.Session;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.SocketClient;
import dev.kiln.server.support.TestDatabases;
import io.socket.engineio.server.EngineIoServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.Test;

/**
 * Closed connections leave no Engine.IO timers behind: a queued timer keeps its closed socket, the transport and
 * the WebSocket session reachable (see ClosedSocketTimers), so after a mass disconnect memory stayed taken for 45 s.
 */
class ClosedSocketTimersTest {

    @Test
    void closingConnectionsEmptiesTheirTimersFromTheScheduler() throws Exception {
        try (KilnInstance kiln = KilnInstance.start(TestDatabases.sqlite())) {
            ScheduledThreadPoolExecutor timers = (ScheduledThreadPoolExecutor) kiln.bean(EngineIoServer.class).getScheduledExecutor();
            SocketIoHub hub = kiln.bean(SocketIoHub.class);
            Session ada = kiln.api.register("timers");
            int before = timers.getQueue().size();
            List<SocketClient> clients = new ArrayList<>();
            for (int i = 0; i < 20; i++) clients.add(new SocketClient(kiln.baseUrl(), ada.token(), "websocket").connect());
            // Each open connection has a ping timer and a ping-timeout timer.
            assertThat(timers.getQueue().size()).isGreaterThanOrEqualTo(before + 40);
            for (SocketClient c : clients) c.close();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((hub.connectedCount() > 0 || timers.getQueue().size() > before) && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(hub.connectedCount()).isZero();
            assertThat(timers.getQueue().size()).as("timers still queued for closed connections").isLessThanOrEqualTo(before);
        }
    }
}
