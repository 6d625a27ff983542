package dev.kiln.server.config;

import dev.kiln.server.account.BoundedPasswordHashing;
import dev.kiln.server.ops.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless security: every /api call except sign-in carries a Bearer access token (no cookies, so no
 * CSRF surface). Tokens from a revoked family are refused even before they expire.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

    /** Argon2id with Spring Security's current recommended parameters, a few hashes at a time (see BoundedPasswordHashing). */
    @Bean
    public PasswordEncoder passwordEncoder(KilnProperties props) {
        int configured = props.auth().passwordHashConcurrency();
        int limit = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
        return new BoundedPasswordHashing(Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), limit);
    }

    @Bean
    public SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder, ProblemWriter problems) throws Exception {
        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/api/auth/register", "/api/auth/login", "/api/auth/refresh").permitAll()
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.decoder(decoder))
                        .bearerTokenResolver(bearerTokenResolver())
                        .authenticationEntryPoint((req, res, ex) ->
                                problems.write(req, res, HttpStatus.UNAUTHORIZED, "unauthorized", authMessage(ex.getMessage())))
                        .accessDeniedHandler((req, res, ex) ->
                                problems.write(req, res, HttpStatus.FORBIDDEN, "forbidden", "not allowed")))
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) ->
                        problems.write(req, res, HttpStatus.UNAUTHORIZED, "unauthorized", "sign in first: send an Authorization: Bearer <token> header")));
        return http.build();
    }

    private static String authMessage(String raw) {
        if (raw == null) return "invalid token";
        if (raw.contains("expired")) return "token expired; refresh it with POST /api/auth/refresh";
        if (raw.contains("revoked")) return "token revoked; please sign in again";
        return "invalid token";
    }

    /**
     * Accepts ?access_token= only for downloads (attachments and 3D models), so that &lt;img src&gt; and model
     * viewers can load them; everywhere else the token must come in the Authorization header.
     */
    private static BearerTokenResolver bearerTokenResolver() {
        DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
        DefaultBearerTokenResolver query = new DefaultBearerTokenResolver();
        query.setAllowUriQueryParameter(true);
        return (HttpServletRequest request) -> "GET".equals(request.getMethod()) && isDownload(request.getRequestURI())
                ? query.resolve(request) : header.resolve(request);
    }

    private static boolean isDownload(String uri) {
        return uri.startsWith("/api/files/") || (uri.startsWith("/api/3d/models/") && uri.endsWith("/download"));
    }
}
