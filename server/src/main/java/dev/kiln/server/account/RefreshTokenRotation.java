package dev.kiln.server.account;

import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.shared.ApiException;
import dev.kiln.server.shared.Ids;
import dev.kiln.server.shared.Rows;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opaque refresh tokens, stored only as SHA-256 hashes, rotated on every use. Each login starts a token
 * family; presenting a token that was already rotated means it leaked, so the whole family (and every
 * access token issued from it) is revoked.
 */
@Service
public class RefreshTokenRotation {
    private static final Logger log = LoggerFactory.getLogger(RefreshTokenRotation.class);

    /** A fresh refresh token and the family it belongs to. */
    public record Issued(String token, long familyId, long userId) {}

    private final JdbcClient jdbc;
    private final KilnProperties props;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final SecureRandom random = new SecureRandom();

    public RefreshTokenRotation(JdbcClient jdbc, KilnProperties props, Clock clock, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.props = props;
        this.clock = clock;
        this.tx = tx;
    }

    @Transactional
    public Issued startFamily(long userId) {
        long familyId = Ids.next();
        jdbc.sql("INSERT INTO token_families (id, user_id, created_at) VALUES (?, ?, ?)")
                .params(familyId, userId, clock.millis()).update();
        return new Issued(insertToken(familyId), familyId, userId);
    }

    /** Exchanges a refresh token for a new one in the same family, or throws 401. */
    public Issued rotate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) throw ApiException.unauthorized("invalid refresh token");
        String hash = hash(token);
        // The reuse check and the revocation must commit even though the caller gets a 401.
        RotationOutcome outcome = tx.execute(status -> rotateInTx(hash));
        return switch (outcome) {
            case RotationOutcome.Rotated r -> r.issued();
            case RotationOutcome.Rejected r -> throw ApiException.unauthorized(r.reason());
        };
    }

    private record TokenRow(long familyId, long expiresAt, Long usedAt, long userId, Long revokedAt) {}

    private sealed interface RotationOutcome {
        record Rotated(Issued issued) implements RotationOutcome {}
        record Rejected(String reason) implements RotationOutcome {}
    }

    private RotationOutcome rotateInTx(String hash) {
        var found = jdbc.sql("SELECT t.family_id, t.expires_at, t.used_at, f.user_id, f.revoked_at FROM refresh_tokens t "
                        + "JOIN token_families f ON f.id = t.family_id WHERE t.token_hash = ?")
                .param(hash)
                .query((rs, i) -> new TokenRow(rs.getLong("family_id"), rs.getLong("expires_at"), Rows.nullableLong(rs, "used_at"),
                        rs.getLong("user_id"), Rows.nullableLong(rs, "revoked_at")))
                .optional();
        if (found.isEmpty()) return new RotationOutcome.Rejected("invalid refresh token");
        TokenRow row = found.get();
        long familyId = row.familyId();
        long now = clock.millis();
        if (row.revokedAt() != null) return new RotationOutcome.Rejected("refresh token revoked");
        if (row.usedAt() != null) {
            revokeFamily(familyId);
            log.warn("Refresh token reuse detected; revoked token family {}", Ids.format(familyId));
            return new RotationOutcome.Rejected("refresh token reuse detected; please sign in again");
        }
        if (row.expiresAt() < now) return new RotationOutcome.Rejected("refresh token expired");
        // Conditional update: of two concurrent rotations of one token, only one wins.
        int marked = jdbc.sql("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")
                .params(now, hash).update();
        if (marked != 1) {
            revokeFamily(familyId);
            return new RotationOutcome.Rejected("refresh token reuse detected; please sign in again");
        }
        return new RotationOutcome.Rotated(new Issued(insertToken(familyId), familyId, row.userId()));
    }

    public void revokeFamily(long familyId) {
        jdbc.sql("UPDATE token_families SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(clock.millis(), familyId).update();
    }

    /** Revokes the family of a refresh token, if it is one of this user's. */
    public void revokeByToken(String token, long userId) {
        if (token == null || token.isBlank()) return;
        jdbc.sql("UPDATE token_families SET revoked_at = ? WHERE revoked_at IS NULL AND user_id = ? AND id = "
                        + "(SELECT family_id FROM refresh_tokens WHERE token_hash = ?)")
                .params(clock.millis(), userId, hash(token)).update();
    }

    public boolean isFamilyActive(long familyId) {
        return jdbc.sql("SELECT COUNT(*) FROM token_families WHERE id = ? AND revoked_at IS NULL")
                .param(familyId).query(Long.class).single() == 1;
    }

    private String insertToken(long familyId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = clock.millis();
        jdbc.sql("INSERT INTO refresh_tokens (token_hash, family_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(hash(token), familyId, now, now + props.auth().refreshTokenTtl().toMillis()).update();
        return token;
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
