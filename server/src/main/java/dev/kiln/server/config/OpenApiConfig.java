package dev.kiln.server.config;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's title and description, and the bearer token the browsable UI's "Authorize" button takes. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {
    static final String BEARER = "bearer";

    @Bean
    public OpenAPI kilnOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Kiln API").version("v1")
                        .description("REST API of Kiln: accounts, conversations and messages, files, the AI assistant and "
                                + "text-to-3D. Real-time events go over Socket.IO on /socket.io/ (see docs/protocol.md). Errors are "
                                + "RFC 9457 problem+json. Sign in with POST /api/auth/login and use the access token as a Bearer token."))
                .components(new Components().addSecuritySchemes(BEARER,
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
