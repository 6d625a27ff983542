package dev.kiln.server.account;

import dev.kiln.server.config.KilnProperties;
import dev.kiln.server.shared.Ids;
import java.time.Clock;
import java.time.Instant;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Issues short-lived HS256 access tokens that carry the user and their refresh-token family. */
@Component
public class AccessTokens {
    private final JwtEncoder encoder;
    private final KilnProperties props;
    private final Clock clock;

    public AccessTokens(JwtEncoder encoder, KilnProperties props, Clock clock) {
        this.encoder = encoder;
        this.props = props;
        this.clock = clock;
    }

    public String issue(User user, long familyId) {
        Instant now = clock.instant();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer("kiln")
                .subject(Ids.format(user.id()))
                .claim(AuthUser.USERNAME_CLAIM, user.username())
                .claim(AuthUser.FAMILY_CLAIM, Ids.format(familyId))
                .issuedAt(now)
                .expiresAt(now.plus(props.auth().accessTokenTtl()))
                .build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }
}
