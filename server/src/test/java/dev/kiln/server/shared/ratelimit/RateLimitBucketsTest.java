package dev.kiln.server.shared.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.shared.ratelimit.RateLimitBuckets.Limit;
import dev.kiln.server.shared.ratelimit.RateLimitBuckets.Outcome;
import dev.kiln.server.support.TestDatabases;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The port every limiter uses: in memory, in a real Redis shared by two nodes, and falling back when Redis is unreachable. */
class RateLimitBucketsTest {
    private static final Limit THREE_PER_MINUTE = Limit.perMinute("test", 3);

    private static String freshKey() {
        return UUID.randomUUID().toString();
    }

    @Test
    void inMemoryBucketsRefuseOnceEmptyAndSayHowLongToWait() {
        RateLimitBuckets buckets = new InMemoryRateLimitBuckets();
        String key = freshKey();
        for (int i = 0; i < 3; i++) assertThat(buckets.take(THREE_PER_MINUTE, key).allowed()).isTrue();
        Outcome refused = buckets.take(THREE_PER_MINUTE, key);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 20L); // one of three tokens a minute: back within 20 s
        assertThat(buckets.take(THREE_PER_MINUTE, freshKey()).allowed()).as("other keys have their own bucket").isTrue();
        assertThat(buckets.take(Limit.perMinute("other", 3), key).allowed()).as("other limits too").isTrue();
    }

    @Test
    void twoNodesOnOneRedisShareTheBucket() throws Exception {
        TestDatabases.requireRedis();
        RedisClient clientA = RedisClient.create(TestDatabases.REDIS_URL);
        RedisClient clientB = RedisClient.create(TestDatabases.REDIS_URL);
        InMemoryRateLimitBuckets localA = new InMemoryRateLimitBuckets();
        try (RedisRateLimitBuckets nodeA = new RedisRateLimitBuckets(clientA, RedisURI.create(TestDatabases.REDIS_URL), localA);
             RedisRateLimitBuckets nodeB = new RedisRateLimitBuckets(clientB, RedisURI.create(TestDatabases.REDIS_URL), new InMemoryRateLimitBuckets())) {
            String key = freshKey();
            awaitConnected(nodeA, nodeB);
            assertThat(nodeA.take(THREE_PER_MINUTE, key).allowed()).isTrue();
            assertThat(nodeB.take(THREE_PER_MINUTE, key).allowed()).isTrue();
            assertThat(nodeA.take(THREE_PER_MINUTE, key).allowed()).isTrue();
            Outcome refused = nodeB.take(THREE_PER_MINUTE, key);
            assertThat(refused.allowed()).as("node B took one token, node A two: the shared bucket is empty").isFalse();
            assertThat(refused.retryAfterSeconds()).isBetween(1L, 20L);
            assertThat(localA.take(THREE_PER_MINUTE, key).allowed()).as("the local fallback bucket was never touched").isTrue();
        } finally {
            clientA.shutdown();
            clientB.shutdown();
        }
    }

    @Test
    void anUnreachableRedisFallsBackToThisNodesOwnBuckets() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        RedisURI nowhere = RedisURI.builder().withHost("127.0.0.1").withPort(closedPort).withTimeout(Duration.ofSeconds(1)).build();
        RedisClient client = RedisClient.create(nowhere);
        InMemoryRateLimitBuckets local = new InMemoryRateLimitBuckets();
        try (RedisRateLimitBuckets buckets = new RedisRateLimitBuckets(client, nowhere, local)) {
            String key = freshKey();
            for (int i = 0; i < 3; i++) assertThat(buckets.take(THREE_PER_MINUTE, key).allowed()).as("take " + i).isTrue();
            assertThat(buckets.take(THREE_PER_MINUTE, key).allowed()).as("still limited, by this node's bucket").isFalse();
            assertThat(local.take(THREE_PER_MINUTE, key).allowed()).as("the tokens came from the local bucket").isFalse();
        } finally {
            client.shutdown();
        }
    }

    /** The adapter connects in the background; until then it counts locally, which this test is not about. */
    private static void awaitConnected(RedisRateLimitBuckets... nodes) throws InterruptedException {
        for (RedisRateLimitBuckets node : nodes) {
            for (int i = 0; i < 100 && !node.connected(); i++) Thread.sleep(20);
            assertThat(node.connected()).isTrue();
        }
    }
}
