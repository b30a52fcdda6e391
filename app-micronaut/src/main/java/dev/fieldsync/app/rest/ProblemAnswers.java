package dev.fieldsync.app.rest;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The problem answers ({@code application/problem+json}) an operation can give, for the OpenAPI document: put the
 * ones that apply on a controller (all its operations) or an operation. Each says it once for every controller.
 */
public final class ProblemAnswers {
    private ProblemAnswers() {}

    /** 400: bad input, every problem at once. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(
            responseCode = "400",
            description = "Bad input: every problem at once, with the fix",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface BadInput {}

    /** 401: the API token is missing or wrong. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(
            responseCode = "401",
            description = "Missing or wrong API token (problem unauthorized)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Unauthorized {}

    /** 403: the token is valid but lacks the scope the call needs (the scope table, README "Security"). */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(
            responseCode = "403",
            description = "The token lacks the scope this call needs: read, write or admin (problem forbidden)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Forbidden {}

    /** 404: no such id. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(
            responseCode = "404",
            description = "No such id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface NotFound {}

    /** 409: refused in this state. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(
            responseCode = "409",
            description = "Refused in this state (the problem's code and hint say why)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Conflict {}

    /** 502: the gateway refused our key, failed or could not be reached. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(
            responseCode = "502",
            description =
                    "The gateway refused our key, failed or could not be reached within fieldsync.gateway.deadline",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface GatewayFailed {}

    /** 503: rate-limited or not ready. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    @ApiResponse(
            responseCode = "503",
            description = "Rate-limited or not ready; try again later (the hint says when)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public @interface Unavailable {}
}
