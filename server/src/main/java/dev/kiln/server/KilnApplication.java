package dev.kiln.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Kiln: real-time chat rooms with an AI assistant and text-to-3D, in one jar. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class KilnApplication {
    public static void main(String[] args) {
        SpringApplication.run(KilnApplication.class, args);
    }
}
