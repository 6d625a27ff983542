package dev.kiln.server.account;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Register, sign in, verify, refresh and sign out. */
@RestController
@Tag(name = "auth")
public class AuthController {
    /** Body of POST /api/auth/register. */
    public record RegisterRequest(String username, String email, String password) {}
    /** Body of POST /api/auth/login. */
    public record LoginRequest(String username, String password) {}
    /** Body of POST /api/auth/refresh and /api/auth/logout. */
    public record RefreshRequest(String refreshToken) {}

    private final AuthService auth;
    private final AuthRateLimiter limiter;
    private final UserRepository users;

    public AuthController(AuthService auth, AuthRateLimiter limiter, UserRepository users) {
        this.auth = auth;
        this.limiter = limiter;
        this.users = users;
    }

    @PostMapping("/api/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    public AuthService.Session register(@RequestBody RegisterRequest body, HttpServletRequest request) {
        limiter.checkIp(request.getRemoteAddr());
        return auth.register(body.username(), body.email(), body.password());
    }

    @PostMapping("/api/auth/login")
    public AuthService.Session login(@RequestBody LoginRequest body, HttpServletRequest request) {
        limiter.checkIp(request.getRemoteAddr());
        if (body.username() != null && !body.username().isBlank()) limiter.checkAccount(body.username());
        return auth.login(body.username(), body.password());
    }

    @GetMapping("/api/auth/verify")
    public Map<String, Object> verify(AuthUser caller) {
        return Map.of("user", auth.describe(caller), "valid", true);
    }

    @PostMapping("/api/auth/refresh")
    public AuthService.Session refresh(@RequestBody RefreshRequest body, HttpServletRequest request) {
        limiter.checkIp(request.getRemoteAddr());
        return auth.refresh(body.refreshToken());
    }

    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void logout(AuthUser caller, @RequestBody(required = false) RefreshRequest body) {
        auth.logout(caller, body == null ? null : body.refreshToken());
    }

    @GetMapping("/api/users")
    public List<UserView> search(AuthUser caller, @RequestParam(defaultValue = "") String q) {
        if (q.length() > 32) return List.of();
        return users.searchByPrefix(q, 20).stream().map(UserView::publicOf).toList();
    }
}
