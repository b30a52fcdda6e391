package dev.fieldsync.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;
import net.logstash.logback.composite.AbstractFieldJsonProvider;

/**
 * Writes the JSON line's {@code integration} member once: the integration of the thread or scope that wrote the line
 * (the {@code integration} MDC field, set by each integration's loops, deliverers and gateway calls), else the
 * service's own integration (the logback context property {@link LogFormat#nameIntegration} sets) — so a line of a
 * second integration's pass names that integration, and a line of no integration's work names the service's.
 * logback.xml leaves the MDC's and the context's own copies out.
 */
public final class IntegrationJsonProvider extends AbstractFieldJsonProvider<ILoggingEvent> {

    public IntegrationJsonProvider() {
        setFieldName(MdcLogFields.INTEGRATION);
    }

    @Override
    public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
        String integration = integrationOf(event);
        if (integration != null) {
            generator.writeStringField(getFieldName(), integration);
        }
    }

    /** The line's integration: its MDC field, else the service's; null before the settings were read. */
    public static String integrationOf(ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        String own = mdc == null ? null : mdc.get(MdcLogFields.INTEGRATION);
        if (own != null) {
            return own;
        }
        return event.getLoggerContextVO() == null
                ? null
                : event.getLoggerContextVO().getPropertyMap().get(MdcLogFields.INTEGRATION);
    }
}
