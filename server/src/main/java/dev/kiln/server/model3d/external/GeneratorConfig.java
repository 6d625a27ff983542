package dev.kiln.server.model3d.external;

import dev.kiln.server.config.KilnProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;
import tools.jackson.databind.json.JsonMapper;

/** Builds the external generators from {@code kiln.model3d.generators.*}; the properties file maps the README's variables. */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:dev/kiln/server/model3d/generator-environment.properties")
public class GeneratorConfig {

    @Bean
    ExternalGenerators externalGenerators(GeneratorSettings settings, JsonMapper json, KilnProperties props) {
        return ExternalGenerators.fromSettings(settings, json, props.model3d().maxModelSize().toBytes());
    }
}
