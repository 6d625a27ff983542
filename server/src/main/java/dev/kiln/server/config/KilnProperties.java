package dev.kiln.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Kiln's settings; every one has a default and is documented in the README.
 *
 * @param dataDir where the SQLite database, uploads, models and the generated JWT secret live
 * @param dbUrl empty for SQLite in the data dir, or a jdbc:postgresql:// URL
 * @param redisUrl empty for in-process fan-out, or redis://host:port for cross-node fan-out
 * @param jwtSecret HMAC key for access tokens; generated and stored in the data dir when empty
 */
@ConfigurationProperties("kiln")
public record KilnProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("") String dbUrl,
        @DefaultValue("") String dbUser,
        @DefaultValue("") String dbPassword,
        @DefaultValue("") String redisUrl,
        @DefaultValue("") String jwtSecret,
        @DefaultValue Auth auth,
        @DefaultValue Limits limits,
        @DefaultValue Files files,
        @DefaultValue Model3d model3d) {

    /** Token lifetimes and auth rate limits. */
    public record Auth(
            @DefaultValue("15m") Duration accessTokenTtl,
            @DefaultValue("30d") Duration refreshTokenTtl,
            @DefaultValue("20") int attemptsPerIpPerMinute,
            @DefaultValue("10") int attemptsPerAccountPerMinute) {}

    /** Sizes, counts and rates that every API and socket event enforces. */
    public record Limits(
            @DefaultValue("10000") int messageMaxChars,
            @DefaultValue("100") int nameMaxChars,
            @DefaultValue("100") int pageMax,
            @DefaultValue("50") int pageDefault,
            @DefaultValue("1000") int membersPerRequest,
            @DefaultValue("1MB") DataSize socketPacketMax,
            @DefaultValue("20") int messagesPerSecondPerUser,
            @DefaultValue("10") int attachmentsPerMessage,
            @DefaultValue("5s") Duration typingTimeout) {}

    /** Upload rules. */
    public record Files(
            @DefaultValue("25MB") DataSize maxSize,
            @DefaultValue({"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain",
                    "application/zip", "model/gltf-binary", "model/gltf+json", "model/stl", "model/obj",
                    "application/octet-stream"}) List<String> allowedTypes,
            @DefaultValue("320") int thumbnailSize) {}

    /**
     * Text-to-3D jobs: a bounded worker pool with a bounded queue, per-user concurrency, and hard caps per job.
     *
     * @param workerThreads       generations running at once on this node
     * @param queueCapacity       generations waiting for a worker (503 above)
     * @param perUserLimit        queued + running generations per user (429 above)
     * @param descriptionMaxChars longest description
     * @param maxTriangles        triangles one model may have (the engine stops building above)
     * @param maxObjects          objects one scene may have
     * @param maxModelSize        largest exported GLB (a memory cap per job)
     * @param jobTimeout          a generation running longer is failed
     */
    public record Model3d(
            @DefaultValue("2") int workerThreads,
            @DefaultValue("100") int queueCapacity,
            @DefaultValue("2") int perUserLimit,
            @DefaultValue("2000") int descriptionMaxChars,
            @DefaultValue("1000000") long maxTriangles,
            @DefaultValue("500") int maxObjects,
            @DefaultValue("64MB") DataSize maxModelSize,
            @DefaultValue("2m") Duration jobTimeout) {}

    public Path databaseFile() {
        return dataDir.resolve("kiln.db");
    }

    public boolean usesPostgres() {
        return dbUrl != null && dbUrl.startsWith("jdbc:postgresql:");
    }

    public boolean usesRedis() {
        return redisUrl != null && !redisUrl.isBlank();
    }
}
