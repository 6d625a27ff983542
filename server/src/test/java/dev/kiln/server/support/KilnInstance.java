package dev.kiln.server.support;

import dev.kiln.server.KilnApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** A whole Kiln server started in-process on a random port, as a test would run the jar. */
public final class KilnInstance implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final Map<String, Object> properties;
    public final Api api;

    private KilnInstance(ConfigurableApplicationContext context, Map<String, Object> properties) {
        this.context = context;
        this.properties = properties;
        this.api = new Api(baseUrl());
    }

    public static KilnInstance start(Map<String, Object> properties) {
        Map<String, Object> props = new HashMap<>(properties);
        props.put("server.port", "0");
        props.putIfAbsent("logging.level.root", "WARN");
        props.putIfAbsent("spring.main.banner-mode", "off");
        // The local AI provider is the default; tests never download its model from the internet (they serve one themselves).
        props.putIfAbsent("kiln.ai.local.download", "false");
        SpringApplication app = new SpringApplication(KilnApplication.class);
        app.setWebApplicationType(WebApplicationType.SERVLET);
        app.setDefaultProperties(props);
        app.setAdditionalProfiles();
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new KilnInstance(app.run(args), props);
    }

    /** The same data dir and database, a fresh process-like start (for restart tests). */
    public KilnInstance restart() {
        close();
        return start(properties);
    }

    public String baseUrl() {
        Environment env = context.getEnvironment();
        return "http://127.0.0.1:" + env.getProperty("local.server.port");
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        if (context.isActive()) context.close();
    }
}
