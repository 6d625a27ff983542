package dev.kiln.server.realtime;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Presence shared by all nodes: a Redis hash per user maps node id → open connections on that node.
 * Each node keeps a heartbeat key alive; counts left behind by a node that died without cleaning up
 * stop counting once its heartbeat expires.
 */
public class RedisPresence implements PresenceRegistry, AutoCloseable {
    private static final Duration HEARTBEAT_TTL = Duration.ofSeconds(30);
    private final StatefulRedisConnection<String, String> connection;
    private final String nodeId;
    private final Map<Long, Boolean> localUsers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kiln-presence-heartbeat");
        t.setDaemon(true);
        return t;
    });

    public RedisPresence(RedisClient client, String nodeId) {
        this.connection = client.connect();
        this.nodeId = nodeId;
        beat();
        heartbeat.scheduleAtFixedRate(this::beat, 10, 10, TimeUnit.SECONDS);
    }

    private void beat() {
        try {
            connection.sync().setex("kiln:node:" + nodeId, HEARTBEAT_TTL.toSeconds(), "1");
        } catch (RuntimeException ignored) {
            // Redis briefly unreachable: presence degrades, chat keeps working
        }
    }

    private static String key(long userId) {
        return "kiln:presence:" + userId;
    }

    @Override
    public boolean connected(long userId) {
        RedisCommands<String, String> redis = connection.sync();
        redis.hincrby(key(userId), nodeId, 1);
        localUsers.put(userId, true);
        return liveConnections(redis, userId) == 1;
    }

    @Override
    public boolean disconnected(long userId) {
        RedisCommands<String, String> redis = connection.sync();
        long left = redis.hincrby(key(userId), nodeId, -1);
        if (left <= 0) {
            redis.hdel(key(userId), nodeId);
            localUsers.remove(userId);
        }
        return liveConnections(redis, userId) == 0;
    }

    @Override
    public boolean isOnline(long userId) {
        return liveConnections(connection.sync(), userId) > 0;
    }

    private long liveConnections(RedisCommands<String, String> redis, long userId) {
        Map<String, String> perNode = redis.hgetall(key(userId));
        long total = 0;
        for (Map.Entry<String, String> e : perNode.entrySet()) {
            boolean alive = e.getKey().equals(nodeId) || redis.exists("kiln:node:" + e.getKey()) == 1;
            if (alive) total += Math.max(0, Long.parseLong(e.getValue()));
        }
        return total;
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        Set<Long> users = Set.copyOf(localUsers.keySet());
        try {
            for (Long u : users) connection.sync().hdel(key(u), nodeId);
            connection.sync().del("kiln:node:" + nodeId);
        } catch (RuntimeException ignored) {
            // best effort on shutdown
        }
        connection.close();
    }
}
