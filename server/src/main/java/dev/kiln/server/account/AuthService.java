package dev.kiln.server.account;

import dev.kiln.server.shared.ApiException;
import dev.kiln.server.shared.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Registration, login and token refresh. */
@Service
public class AuthService {
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    /** Matches a hash nobody can produce, so unknown users cost the same time as wrong passwords. */
    private final String dummyHash;

    /** What register, login and refresh answer. */
    public record Session(String token, String refreshToken, UserView user) {}

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final AccessTokens accessTokens;
    private final RefreshTokenRotation refreshTokens;
    private final Clock clock;

    public AuthService(UserRepository users, PasswordEncoder passwords, AccessTokens accessTokens,
                       RefreshTokenRotation refreshTokens, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
        this.dummyHash = passwords.encode("kiln-timing-equaliser");
    }

    public Session register(String username, String email, String password) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        if (username == null || !USERNAME.matcher(username).matches())
            errors.add(new ApiException.FieldError("username", "must be 3-32 letters, digits, '.', '_' or '-'"));
        if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches())
            errors.add(new ApiException.FieldError("email", "must be a valid email address"));
        if (password == null || password.length() < 8 || password.length() > 128)
            errors.add(new ApiException.FieldError("password", "must be 8-128 characters"));
        if (!errors.isEmpty()) throw validation(errors);
        if ("assistant".equalsIgnoreCase(username)) throw ApiException.conflict("username is already taken");

        User user = new User(Ids.next(), username, email.trim(), passwords.encode(password), false, clock.millis(), null);
        if (!users.insert(user)) throw ApiException.conflict("username is already taken");
        return startSession(user);
    }

    public Session login(String username, String password) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            List<ApiException.FieldError> errors = new ArrayList<>();
            if (username == null || username.isBlank()) errors.add(new ApiException.FieldError("username", "is required"));
            if (password == null || password.isEmpty()) errors.add(new ApiException.FieldError("password", "is required"));
            throw validation(errors);
        }
        User user = users.findByUsername(username).filter(u -> !u.bot()).orElse(null);
        boolean ok = passwords.matches(password, user == null ? dummyHash : user.passwordHash());
        if (user == null || !ok) throw ApiException.unauthorized("wrong username or password");
        return startSession(user);
    }

    public Session refresh(String refreshToken) {
        RefreshTokenRotation.Issued issued = refreshTokens.rotate(refreshToken);
        User user = users.findById(issued.userId()).orElseThrow(() -> ApiException.unauthorized("account no longer exists"));
        return new Session(accessTokens.issue(user, issued.familyId()), issued.token(), UserView.self(user));
    }

    public void logout(AuthUser caller, String refreshToken) {
        refreshTokens.revokeFamily(caller.familyId());
        refreshTokens.revokeByToken(refreshToken, caller.id());
    }

    public UserView describe(AuthUser caller) {
        return users.findById(caller.id()).map(UserView::self).orElseThrow(() -> ApiException.unauthorized("account no longer exists"));
    }

    private Session startSession(User user) {
        RefreshTokenRotation.Issued issued = refreshTokens.startFamily(user.id());
        return new Session(accessTokens.issue(user, issued.familyId()), issued.token(), UserView.self(user));
    }

    private static ApiException validation(List<ApiException.FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + " " + e.message()).reduce((a, b) -> a + "; " + b).orElse("invalid input");
        return new ApiException(org.springframework.http.HttpStatus.BAD_REQUEST, "validation_failed", detail, errors, null);
    }
}
