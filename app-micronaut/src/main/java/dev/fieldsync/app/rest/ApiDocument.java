package dev.fieldsync.app.rest;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;

/**
 * The OpenAPI document's header; the annotation processor writes the document to
 * {@code META-INF/swagger/fieldsync-0.1.yml}, served at {@code /openapi/fieldsync-0.1.yml}.
 */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "fieldsync",
                        version = "0.1",
                        description =
                                "The fieldsync service: a local mirror of FieldInsight jobs and safe writes through the gateway.",
                        // The repository has no licence file yet: this says so instead of inventing one.
                        license =
                                @License(
                                        name = "No licence granted yet: all rights reserved by the fieldsync authors",
                                        url = "https://choosealicense.com/no-permission/")),
        servers = @Server(url = "/", description = "this fieldsync service (the address the document was read from)"),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(
        name = "bearer",
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        description = "A fieldsync API token (fieldsync token new; the scope each call needs is in the README's "
                + "scope table) or, when the service accepts them, a JWT of its identity provider.")
public final class ApiDocument {
    public static final String PATH = "/openapi/fieldsync-0.1.yml";

    private ApiDocument() {}
}
