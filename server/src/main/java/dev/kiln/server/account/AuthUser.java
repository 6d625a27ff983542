package dev.kiln.server.account;

import dev.kiln.server.shared.ApiException;
import dev.kiln.server.shared.Ids;
import org.springframework.security.oauth2.jwt.Jwt;

/** The caller, as proven by a verified access token. */
public record AuthUser(long id, String username, long familyId) {
    static final String USERNAME_CLAIM = "name";
    static final String FAMILY_CLAIM = "fam";

    public static AuthUser from(Jwt jwt) {
        try {
            return new AuthUser(Ids.parse("sub", jwt.getSubject()), jwt.getClaimAsString(USERNAME_CLAIM),
                    Ids.parse("fam", jwt.getClaimAsString(FAMILY_CLAIM)));
        } catch (ApiException e) {
            throw ApiException.unauthorized("invalid token");
        }
    }

    public String idString() {
        return Ids.format(id);
    }
}
