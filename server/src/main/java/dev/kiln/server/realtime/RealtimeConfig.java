package dev.kiln.server.realtime;

import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.realtime.socketio.EngineIoServlet;
import dev.kiln.server.realtime.socketio.SocketAuthenticator;
import dev.kiln.server.realtime.socketio.SocketIoHub;
import io.lettuce.core.RedisClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoServerOptions;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import tools.jackson.databind.json.JsonMapper;

/** Wires Engine.IO + our Socket.IO layer onto /socket.io/ and picks the fan-out adapter. */
@Configuration(proxyBeanMethods = false)
public class RealtimeConfig {
    private static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    @Bean
    public NodeIdentity nodeIdentity() {
        return new NodeIdentity(UUID.randomUUID().toString());
    }

    @Bean(destroyMethod = "shutdown")
    public EngineIoServer engineIoServer() {
        EngineIoServerOptions options = EngineIoServerOptions.newFromDefault();
        options.setPingInterval(25_000);
        options.setPingTimeout(20_000);
        // Same origin as the web app; cross-origin clients are allowed like Socket.IO's default.
        options.setCorsHandlingDisabled(false);
        EngineIoServer engine = new EngineIoServer(options);
        // Engine.IO cancels and re-arms a ping timer on every heartbeat of every socket; without this a
        // cancelled timer stays queued until its deadline, a few dead tasks per idle connection.
        if (engine.getScheduledExecutor() instanceof ScheduledThreadPoolExecutor timers) timers.setRemoveOnCancelPolicy(true);
        return engine;
    }

    @Bean
    public SocketIoHub socketIoHub(EngineIoServer engine, SocketAuthenticator authenticator, JsonMapper json,
                                   KilnProperties props, MeterRegistry metrics) {
        return new SocketIoHub(engine, authenticator, json, (int) props.limits().socketPacketMax().toBytes(), metrics);
    }

    /**
     * Container buffers stay small because they are allocated per connection up front (the text buffer is
     * chars, so 512 of them are 1 KiB per socket); larger packets arrive as partial messages (see
     * EngineIoWebSocketEndpoint). Tomcat's other per-socket buffers: smallSocketBuffers.
     */
    @Bean
    public ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(512);
        // Kiln's protocol never sends binary frames (they are refused), so that buffer can be tiny.
        container.setMaxBinaryMessageBufferSize(512);
        return container;
    }

    /**
     * Smaller per-connection buffers, since idle chat sockets dominate the server's memory and chat frames are
     * small: Tomcat's socket read/write buffers (8 KiB each by default) and the three WebSocket buffers (input,
     * output, UTF-8 encoder; 8 KiB each by default), all allocated per connection up front. 512 bytes each saves
     * about 37 KiB per socket. Nothing larger is lost: Tomcat reads and writes anything bigger than its socket
     * buffer straight from the caller's buffer (responses come in the servlet's 8 KiB chunks), WebSocket frames
     * arrive in parts (joined in EngineIoWebSocketEndpoint), Kiln writes frames without Tomcat's encoder buffer
     * (PreEncodedTextFrames), and Tomcat's output buffer only serves batched or masked (client-side) writes.
     * Tomcat reads the WebSocket size once, when its WebSocket classes load as the server starts, which is after
     * this customizer runs; a -D on the command line still wins.
     */
    @Bean
    public TomcatConnectorCustomizer smallSocketBuffers() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", "512");
            connector.setProperty("socket.appWriteBufSize", "512");
            if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) System.setProperty(WEBSOCKET_BUFFER_PROPERTY, "512");
        };
    }

    @Bean
    public ServletRegistrationBean<EngineIoServlet> engineIoServlet(EngineIoServer engine, KilnProperties props) {
        long limit = props.limits().socketPacketMax().toBytes();
        ServletRegistrationBean<EngineIoServlet> reg = new ServletRegistrationBean<>(
                new EngineIoServlet(engine, (int) limit, limit * 2), "/socket.io/*");
        reg.setAsyncSupported(true);
        reg.setName("engine.io");
        return reg;
    }

    @Bean(destroyMethod = "shutdown")
    public RedisClientHolder redisClient(KilnProperties props) {
        return new RedisClientHolder(props.usesRedis() ? RedisClient.create(props.redisUrl()) : null);
    }

    @Bean
    public RoomFanout roomFanout(SocketIoHub hub, JsonMapper json, NodeIdentity node, RedisClientHolder redis) {
        if (redis.client() == null) return new InProcessRoomFanout(hub, json, node.id());
        return new RedisRoomFanout(redis.client(), hub, json, node.id());
    }

    @Bean
    public PresenceRegistry presenceRegistry(NodeIdentity node, RedisClientHolder redis) {
        return redis.client() == null ? new InProcessPresence() : new RedisPresence(redis.client(), node.id());
    }

    /** This node's id in cross-node traffic. */
    public record NodeIdentity(String id) {}

    /** The Redis client when KILN_REDIS_URL is set, else null. */
    public record RedisClientHolder(RedisClient client) {
        public void shutdown() {
            if (client != null) client.shutdown();
        }
    }
}
