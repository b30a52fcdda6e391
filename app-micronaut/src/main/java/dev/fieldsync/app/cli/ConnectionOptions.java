package dev.fieldsync.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every command that calls the gateway or opens the database shares. */
public class ConnectionOptions {

    @Option(
            names = "--gateway",
            paramLabel = "URL",
            description = "Gateway base URL; overrides fieldsync.gateway.base-url (FIELDSYNC_GATEWAY_URL).")
    String gateway;

    @Option(
            names = "--db",
            paramLabel = "JDBC_URL",
            description = "Database; overrides datasources.default.url (FIELDSYNC_DB_URL), "
                    + "e.g. jdbc:postgresql://localhost:5432/fieldsync.")
    String database;

    @Option(
            names = "--key-file",
            paramLabel = "FILE",
            description = "Read the API key from this file; overrides fieldsync.key.file (FIELDSYNC_API_KEY_FILE).")
    String keyFile;

    @Option(
            names = "--integration",
            paramLabel = "ID",
            description = "The integration this command is for (default: fieldsync.integration-id); it must be one the"
                    + " registry or fieldsync.integrations declares.")
    String integration;

    /** The properties these options override. */
    Map<String, Object> overrides() {
        Map<String, Object> properties = new LinkedHashMap<>();
        if (gateway != null) {
            properties.put("fieldsync.gateway.base-url", gateway);
        }
        if (database != null) {
            properties.put("datasources.default.url", database);
        }
        if (keyFile != null) {
            properties.put("fieldsync.key.file", keyFile);
        }
        if (integration != null) {
            properties.put("fieldsync.integration-id", integration);
        }
        return properties;
    }
}
