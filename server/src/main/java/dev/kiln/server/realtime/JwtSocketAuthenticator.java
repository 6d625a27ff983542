package dev.kiln.server.realtime;

import dev.kiln.server.account.AuthUser;
import dev.kiln.server.realtime.socketio.SocketAuthenticator;
import dev.kiln.server.realtime.socketio.SocketPrincipal;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Accepts the same access token as the REST API, sent as {@code auth: {token}} in the Socket.IO handshake. */
@Component
public class JwtSocketAuthenticator implements SocketAuthenticator {
    private final JwtDecoder decoder;

    public JwtSocketAuthenticator(JwtDecoder decoder) {
        this.decoder = decoder;
    }

    @Override
    public SocketPrincipal authenticate(JsonNode auth) {
        String token = auth == null ? null : auth.path("token").asString(null);
        if (token == null || token.isBlank()) throw new Rejected("unauthorized: missing token");
        try {
            AuthUser user = AuthUser.from(decoder.decode(token));
            return new SocketPrincipal(user.id(), user.username());
        } catch (JwtValidationException e) {
            String why = e.getMessage() != null && e.getMessage().contains("expired") ? "token expired" : "invalid token";
            throw new Rejected("unauthorized: " + why);
        } catch (RuntimeException e) {
            throw new Rejected("unauthorized: invalid token");
        }
    }
}
