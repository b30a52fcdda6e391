package dev.fieldsync.app.wiring;

import dev.fieldsync.app.config.FieldsyncSettings;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

/**
 * OpenTelemetry for the gateway adapter's spans: OTLP over HTTP when {@code fieldsync.tracing.enabled}, a no-op
 * otherwise (the default). Closing flushes and stops the exporter.
 */
public final class Tracing implements AutoCloseable {
    private final OpenTelemetry openTelemetry;
    private final OpenTelemetrySdk sdk;

    private Tracing(OpenTelemetry openTelemetry, OpenTelemetrySdk sdk) {
        this.openTelemetry = openTelemetry;
        this.sdk = sdk;
    }

    public static Tracing from(FieldsyncSettings.Tracing settings) {
        if (!settings.enabled()) {
            return new Tracing(OpenTelemetry.noop(), null);
        }
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(settings.otlpEndpoint().toString())
                .build();
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(
                                Attributes.of(AttributeKey.stringKey("service.name"), settings.serviceName()))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
        OpenTelemetrySdk sdk =
                OpenTelemetrySdk.builder().setTracerProvider(provider).build();
        return new Tracing(sdk, sdk);
    }

    public Tracer tracer() {
        return openTelemetry.getTracer("dev.fieldsync");
    }

    public boolean enabled() {
        return sdk != null;
    }

    @Override
    public void close() {
        if (sdk != null) {
            sdk.close();
        }
    }
}
