package dev.kiln.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.server.support.Api;
import dev.kiln.server.support.Api.Response;
import dev.kiln.server.support.KilnInstance;
import dev.kiln.server.support.TestDatabases;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuthFlowTest {
    static KilnInstance kiln;
    static Api api;

    @BeforeAll
    static void start() {
        kiln = KilnInstance.start(TestDatabases.sqlite());
        api = kiln.api;
    }

    @AfterAll
    static void stop() {
        kiln.close();
    }

    @Test
    void registerLoginVerifyReturnTheDocumentedShape() {
        Response reg = api.post("/api/auth/register", Map.of("username", "Grace", "email", "grace@example.com", "password", "s3cret-pass"), null);
        assertThat(reg.status()).isEqualTo(201);
        assertThat(reg.body().path("user").path("username").asString()).isEqualTo("Grace");
        assertThat(reg.body().path("user").path("email").asString()).isEqualTo("grace@example.com");
        assertThat(reg.text("token")).contains(".");
        assertThat(reg.text("refreshToken")).hasSizeGreaterThan(30);

        Response login = api.post("/api/auth/login", Map.of("username", "grace", "password", "s3cret-pass"), null);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body().path("user").path("id").asString()).isEqualTo(reg.body().path("user").path("id").asString());

        Response verify = api.get("/api/auth/verify", login.text("token"));
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.body().path("valid").asBoolean()).isTrue();
        assertThat(verify.body().path("user").path("username").asString()).isEqualTo("Grace");
    }

    @Test
    void passwordsAreStoredAsArgon2idHashes() {
        api.register("hashcheck");
        User user = kiln.bean(UserRepository.class).findByUsername("hashcheck").orElseThrow();
        assertThat(user.passwordHash()).startsWith("$argon2id$").doesNotContain("correct horse battery");
    }

    @Test
    void usernamesAreUniqueIgnoringCase() {
        api.register("linus");
        Response dup = api.post("/api/auth/register", Map.of("username", "LINUS", "email", "l@example.com", "password", "password123"), null);
        assertThat(dup.status()).isEqualTo(409);
        assertThat(dup.header("Content-Type")).startsWith("application/problem+json");
        assertThat(dup.text("detail")).contains("already taken");
    }

    @Test
    void invalidRegistrationListsEveryBadField() {
        Response bad = api.post("/api/auth/register", Map.of("username", "x", "email", "nope", "password", "short"), null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.text("code")).isEqualTo("validation_failed");
        assertThat(bad.body().path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("username", "email", "password");
        Response notJson = api.post("/api/auth/register", "{oops", null);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.text("code")).isEqualTo("bad_request");
    }

    @Test
    void wrongPasswordIs401WithoutSayingWhichPartWasWrong() {
        api.register("margaret");
        Response wrong = api.post("/api/auth/login", Map.of("username", "margaret", "password", "not-it-at-all"), null);
        Response unknown = api.post("/api/auth/login", Map.of("username", "nobody-here", "password", "not-it-at-all"), null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.text("detail")).isEqualTo(unknown.text("detail"));
    }

    @Test
    void refreshRotatesAndReuseRevokesTheWholeFamily() {
        Api.Session s = api.register("rotator");
        Response first = api.post("/api/auth/refresh", Map.of("refreshToken", s.refreshToken()), null);
        assertThat(first.status()).isEqualTo(200);
        String rotated = first.text("refreshToken");
        assertThat(rotated).isNotEqualTo(s.refreshToken());
        Response second = api.post("/api/auth/refresh", Map.of("refreshToken", rotated), null);
        assertThat(second.status()).isEqualTo(200);
        String newestAccess = second.text("token");
        assertThat(api.get("/api/auth/verify", newestAccess).status()).isEqualTo(200);

        // The first token was already rotated: presenting it again means it leaked.
        Response reuse = api.post("/api/auth/refresh", Map.of("refreshToken", s.refreshToken()), null);
        assertThat(reuse.status()).isEqualTo(401);
        assertThat(reuse.text("detail")).contains("reuse");
        // Every token of the family is dead now: the newest refresh token and every access token.
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", second.text("refreshToken")), null).status()).isEqualTo(401);
        assertThat(api.get("/api/auth/verify", newestAccess).status()).isEqualTo(401);
        assertThat(api.get("/api/auth/verify", s.token()).status()).isEqualTo(401);
        // Another sign-in starts a new, working family.
        Response again = api.post("/api/auth/login", Map.of("username", "rotator", "password", "correct horse battery"), null);
        assertThat(api.get("/api/auth/verify", again.text("token")).status()).isEqualTo(200);
    }

    @Test
    void refreshTokensAreStoredOnlyAsHashes() {
        Api.Session s = api.register("hashed");
        Long plain = kiln.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT COUNT(*) FROM refresh_tokens WHERE token_hash = ?").param(s.refreshToken()).query(Long.class).single();
        Long hashed = kiln.bean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT COUNT(*) FROM refresh_tokens WHERE token_hash = ?").param(RefreshTokenRotation.hash(s.refreshToken()))
                .query(Long.class).single();
        assertThat(plain).isZero();
        assertThat(hashed).isOne();
    }

    @Test
    void logoutRevokesAccessAndRefreshTokens() {
        Api.Session s = api.register("leaver");
        assertThat(api.post("/api/auth/logout", Map.of("refreshToken", s.refreshToken()), s.token()).status()).isEqualTo(204);
        assertThat(api.get("/api/auth/verify", s.token()).status()).isEqualTo(401);
        assertThat(api.post("/api/auth/refresh", Map.of("refreshToken", s.refreshToken()), null).status()).isEqualTo(401);
    }

    @Test
    void protectedEndpointsNeedAValidToken() {
        Response none = api.get("/api/chat/conversations", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/api/chat/conversations", "not.a.jwt").status()).isEqualTo(401);
    }

    @Test
    void loginIsRateLimitedPerAccountAndPerAddress() {
        Map<String, Object> props = new HashMap<>(TestDatabases.sqlite());
        props.put("kiln.auth.attempts-per-account-per-minute", "3");
        props.put("kiln.auth.attempts-per-ip-per-minute", "6");
        try (KilnInstance strict = KilnInstance.start(props)) {
            strict.api.register("target");
            int last = 0;
            for (int i = 0; i < 3; i++) {
                last = strict.api.post("/api/auth/login", Map.of("username", "target", "password", "guess-" + i), null).status();
                assertThat(last).isEqualTo(401);
            }
            Response limited = strict.api.post("/api/auth/login", Map.of("username", "target", "password", "guess"), null);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
            assertThat(limited.text("code")).isEqualTo("rate_limited");
            // Other accounts from the same address hit the per-address limit next.
            Response other = null;
            for (int i = 0; i < 4; i++) other = strict.api.post("/api/auth/login", Map.of("username", "someone" + i, "password", "x"), null);
            assertThat(other.status()).isEqualTo(429);
        }
    }

    /**
     * X-Forwarded-For counts only from a trusted proxy (Tomcat's RemoteIpValve: private and loopback addresses by
     * default, SERVER_TOMCAT_REMOTEIP_INTERNALPROXIES otherwise): a client talking to Kiln directly cannot pick a new address for
     * every attempt to escape the per-address limit.
     */
    @Test
    void aForwardedAddressFromAnUntrustedPeerDoesNotEscapeThePerAddressLimit() {
        Map<String, Object> props = new HashMap<>(TestDatabases.sqlite());
        props.put("kiln.auth.attempts-per-ip-per-minute", "3");
        props.put("server.tomcat.remoteip.internal-proxies", "192\\.0\\.2\\.1"); // not this test's 127.0.0.1
        try (KilnInstance strict = KilnInstance.start(props)) {
            for (int i = 0; i < 3; i++) {
                Response r = strict.api.from("10.0.0." + (i + 1)).post("/api/auth/login", Map.of("username", "nobody" + i, "password", "x"), null);
                assertThat(r.status()).isEqualTo(401);
            }
            Response limited = strict.api.from("10.0.0.99").post("/api/auth/login", Map.of("username", "nobody", "password", "x"), null);
            assertThat(limited.status()).as("every attempt counted against the real peer address").isEqualTo(429);
        }
    }
}
