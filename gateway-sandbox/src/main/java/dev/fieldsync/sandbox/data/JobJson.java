package dev.fieldsync.sandbox.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.fieldsync.sandbox.data.Catalog.CustomField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Jobs as JSON with Jackson's streaming generator, straight to UTF-8 bytes: pages of 100 jobs and million-job
 * dumps are rendered without building object trees. Call the renderers while holding the store lock.
 */
public final class JobJson {
    // No separator between root values: dump lines are ended by the newline we write, not by Jackson's space.
    private static final JsonFactory FACTORY =
            new JsonFactoryBuilder().rootValueSeparator((String) null).build();
    // Member names with their quoted UTF-8 bytes computed once (SerializedString), as Jackson advises for hot paths.
    private static final SerializedString ADDRESS = new SerializedString("address");
    private static final SerializedString CANCEL_REASON = new SerializedString("cancel_reason");
    private static final SerializedString OUT_OF_SCOPE = new SerializedString("out_of_scope");
    private static final SerializedString CUSTOM_FIELDS = new SerializedString("custom_fields");
    private static final SerializedString CUSTOMER = new SerializedString("customer");
    private static final SerializedString END_TIME = new SerializedString("end_time");
    private static final SerializedString EXTERNAL_ID = new SerializedString("external_id");
    private static final SerializedString ID = new SerializedString("id");
    private static final SerializedString IS_PRIMARY = new SerializedString("is_primary");
    private static final SerializedString JOB_TYPE = new SerializedString("job_type");
    private static final SerializedString JOBS = new SerializedString("jobs");
    private static final SerializedString NAME = new SerializedString("name");
    private static final SerializedString NEXT_CURSOR = new SerializedString("next_cursor");
    private static final SerializedString NOTES = new SerializedString("notes");
    private static final SerializedString NUMBER = new SerializedString("number");
    private static final SerializedString PROJECT = new SerializedString("project");
    private static final SerializedString PURCHASE_ORDER_NUMBER = new SerializedString("purchase_order_number");
    private static final SerializedString SERIES_NUMBER = new SerializedString("series_number");
    private static final SerializedString SITE = new SerializedString("site");
    private static final SerializedString START_TIME = new SerializedString("start_time");
    private static final SerializedString STATE = new SerializedString("state");
    private static final SerializedString STATUS = new SerializedString("status");
    private static final SerializedString TITLE = new SerializedString("title");
    private static final SerializedString UPDATED_AT = new SerializedString("updated_at");

    private JobJson() {}

    /** One page of the job list: {@code {"jobs":[...],"next_cursor":...}}. */
    public static byte[] page(List<Job> jobs, List<CustomField> fields, String nextCursor) {
        return render(jobs.size() * 700 + 64, g -> {
            g.writeStartObject();
            g.writeFieldName(JOBS);
            g.writeStartArray();
            for (Job j : jobs) {
                g.writeStartObject();
                publicMembers(g, j, fields);
                g.writeEndObject();
            }
            g.writeEndArray();
            string(g, NEXT_CURSOR, nextCursor);
            g.writeEndObject();
        });
    }

    /** NDJSON lines of the oracle view (see {@link #writeDump}), each ended by a newline. */
    public static byte[] dumpLines(Store store, int from, int to) {
        return render((to - from) * 800, g -> {
            for (int i = from; i < to; i++) {
                writeDump(g, store.jobAt(i), store);
                g.writeRaw('\n');
            }
        });
    }

    /** The oracle view of one job: the public members plus everything the gateway keeps to itself. */
    public static void writeDump(JsonGenerator g, Job j, Store store) throws IOException {
        g.writeStartObject();
        publicMembers(g, j, store.customFields());
        string(g, UPDATED_AT, Instant.ofEpochMilli(j.updatedAtMillis()).toString());
        named(g, JOB_TYPE, j.jobType.id(), j.jobType.name());
        if (j.project == null) {
            g.writeFieldName(PROJECT);
            g.writeNull();
        } else {
            named(g, PROJECT, j.project.id(), j.project.name());
        }
        string(g, EXTERNAL_ID, j.externalId);
        string(g, PURCHASE_ORDER_NUMBER, j.purchaseOrderNumber);
        string(g, CANCEL_REASON, j.cancelReason);
        g.writeFieldName(OUT_OF_SCOPE);
        g.writeBoolean(j.outOfScope());
        g.writeEndObject();
    }

    /** Exactly the documented job members (GATEWAY-API.md §6), nothing else. */
    private static void publicMembers(JsonGenerator g, Job j, List<CustomField> fields) throws IOException {
        string(g, ID, Long.toString(j.id));
        string(g, NUMBER, Integer.toString(j.number));
        g.writeFieldName(SERIES_NUMBER);
        g.writeNumber(j.number);
        g.writeFieldName(IS_PRIMARY);
        g.writeBoolean(true);
        string(g, TITLE, j.title);
        g.writeFieldName(STATUS);
        g.writeStartObject();
        string(g, ID, Long.toString(j.status.id()));
        string(g, NAME, j.status.name());
        string(g, STATE, j.status.state().wire());
        g.writeEndObject();
        string(g, START_TIME, offsetTime(j.startEpochSecond, j.startOffsetSeconds));
        string(g, END_TIME, offsetTime(j.endEpochSecond, j.endOffsetSeconds));
        named(g, CUSTOMER, j.site.customer.id(), j.site.customer.name());
        g.writeFieldName(SITE);
        g.writeStartObject();
        string(g, ID, Long.toString(j.site.id));
        string(g, ADDRESS, j.site.address == null ? "" : j.site.address);
        g.writeEndObject();
        string(g, NOTES, j.notes == null ? "" : j.notes);
        g.writeFieldName(CUSTOM_FIELDS);
        g.writeStartObject();
        if (j.customFields != null) {
            for (int i = 0; i < j.customFields.length; i++) {
                if (j.customFields[i] != null) {
                    g.writeStringField(fields.get(i).externalName(), j.customFields[i]);
                }
            }
        }
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, SerializedString name, String value) throws IOException {
        g.writeFieldName(name);
        g.writeString(value);
    }

    /** {@code "name": {"id": "<id>", "name": <name>}}, the shape of every reference. */
    private static void named(JsonGenerator g, SerializedString member, long id, String name) throws IOException {
        g.writeFieldName(member);
        g.writeStartObject();
        string(g, ID, Long.toString(id));
        string(g, NAME, name);
        g.writeEndObject();
    }

    /** ISO-8601 with the stored offset, e.g. 2026-07-01T09:00:00+10:00 (seconds always written). */
    public static String offsetTime(long epochSecond, int offsetSeconds) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetSeconds);
        LocalDateTime local = LocalDateTime.ofEpochSecond(epochSecond, 0, offset);
        StringBuilder sb = new StringBuilder(25);
        pad(sb, local.getYear(), 4).append('-');
        pad(sb, local.getMonthValue(), 2).append('-');
        pad(sb, local.getDayOfMonth(), 2).append('T');
        pad(sb, local.getHour(), 2).append(':');
        pad(sb, local.getMinute(), 2).append(':');
        pad(sb, local.getSecond(), 2);
        sb.append(offsetSeconds == 0 ? "Z" : offset.getId());
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] render(int sizeHint, Body body) {
        ByteArrayBuilder out = new ByteArrayBuilder(Math.max(256, sizeHint));
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("rendering JSON into memory failed", e); // a byte array does not fail
        }
        return out.toByteArray();
    }
}
