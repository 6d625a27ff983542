package dev.kiln.server.realtime;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fan-out across nodes through one Redis pub/sub channel: every node, this one included, receives each
 * event and delivers it to its own sockets. Pub/sub is fire-and-forget; durability comes from the
 * database, and clients recover anything missed during a Redis outage with {@code join_conversation since}.
 */
public class RedisRoomFanout extends EventRoomFanout implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisRoomFanout.class);
    static final String CHANNEL = "kiln:rooms";

    private final JsonMapper json;
    private final StatefulRedisConnection<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;

    public RedisRoomFanout(RedisClient client, LocalRooms local, JsonMapper json, String nodeId) {
        super(json, nodeId);
        this.json = json;
        this.publisher = client.connect();
        this.subscriber = client.connectPubSub();
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                try {
                    local.deliver(json.readValue(message, RoomEvent.class));
                } catch (RuntimeException e) {
                    log.warn("Dropped a malformed fan-out message: {}", e.getMessage());
                }
            }
        });
        subscriber.sync().subscribe(CHANNEL);
    }

    @Override
    void dispatch(RoomEvent event) {
        publisher.async().publish(CHANNEL, json.writeValueAsString(event));
    }

    @Override
    public void close() {
        subscriber.close();
        publisher.close();
    }
}
