package dev.kiln.server.realtime;

import dev.kiln.server.realtime.socketio.SocketIoHub;
import java.time.Duration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, before the web server stops: let in-flight socket events finish (an acknowledged send
 * is already stored), then tell clients to reconnect and close their connections.
 */
@Component
public class SocketShutdown implements SmartLifecycle {
    private final SocketIoHub hub;
    private volatile boolean running;

    public SocketShutdown(SocketIoHub hub) {
        this.hub = hub;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        hub.drain(Duration.ofSeconds(10));
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Highest phase stops first: before the web server begins its graceful shutdown. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
