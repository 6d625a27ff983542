package dev.kiln.server.config;

/** The two storage engines Kiln runs on. */
public enum Database {
    SQLITE, POSTGRESQL
}
