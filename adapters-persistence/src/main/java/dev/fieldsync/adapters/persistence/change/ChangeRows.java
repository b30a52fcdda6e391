package dev.fieldsync.adapters.persistence.change;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fieldsync.adapters.persistence.sql.Columns;
import dev.fieldsync.adapters.persistence.sql.Json;
import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.change.ChangeEntry;
import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.submission.SubmissionId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Maps changes to {@code fs_change} rows and back; what has no column of its own goes into the JSON body. */
final class ChangeRows {
    static final String INSERT =
            "INSERT INTO fs_change (integration_id, seq, kind, job_id, occurred_at, body) VALUES (?, ?, ?, ?, ?, ?)";
    static final String SELECT = "SELECT seq, kind, job_id, occurred_at, body FROM fs_change";
    /**
     * PostgreSQL: moves the integration's sequence on by the number of entries and inserts them, numbered on from
     * where it stood, in one statement and one round trip (the arrays: kind, job_id, occurred_at as text, body, in
     * order); returns the new highest sequence. Parameters: integration, count, integration, count, the 4 arrays.
     */
    static final String APPEND_POSTGRES = "WITH next AS (INSERT INTO fs_change_sequence (integration_id, last_seq) "
            + "VALUES (?, ?) ON CONFLICT (integration_id) DO UPDATE "
            + "SET last_seq = fs_change_sequence.last_seq + EXCLUDED.last_seq RETURNING last_seq), "
            + "written AS (INSERT INTO fs_change (integration_id, seq, kind, job_id, occurred_at, body) "
            + "SELECT ?, next.last_seq - ? + entry.ord, entry.kind, entry.job_id, "
            + "CAST(entry.occurred_at AS TIMESTAMP WITH TIME ZONE), entry.body FROM next, "
            + "unnest(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[])) "
            + "WITH ORDINALITY AS entry(kind, job_id, occurred_at, body, ord)) "
            + "SELECT last_seq FROM next";

    private ChangeRows() {}

    static void bind(PreparedStatement insert, Change change) throws SQLException {
        ChangeEntry entry = change.entry();
        insert.setString(1, change.integration().value());
        insert.setLong(2, change.sequence());
        insert.setString(3, entry.kind().wireName());
        Columns.setText(insert, 4, entry.jobId().map(JobId::value));
        Columns.set(insert, 5, entry.occurredAt());
        insert.setString(6, bodyJson(entry));
    }

    /** Binds {@link #APPEND_POSTGRES} for {@code entries}, in their order. */
    static void bindAppend(
            PreparedStatement append, Connection connection, String integration, List<ChangeEntry> entries)
            throws SQLException {
        int count = entries.size();
        String[] kinds = new String[count];
        String[] jobs = new String[count];
        String[] times = new String[count];
        String[] bodies = new String[count];
        for (int i = 0; i < count; i++) {
            ChangeEntry entry = entries.get(i);
            kinds[i] = entry.kind().wireName();
            jobs[i] = entry.jobId().map(JobId::value).orElse(null);
            times[i] = Columns.microsText(entry.occurredAt());
            bodies[i] = bodyJson(entry);
        }
        append.setString(1, integration);
        append.setLong(2, count);
        append.setString(3, integration);
        append.setLong(4, count);
        append.setArray(5, connection.createArrayOf("varchar", kinds));
        append.setArray(6, connection.createArrayOf("varchar", jobs));
        append.setArray(7, connection.createArrayOf("varchar", times));
        append.setArray(8, connection.createArrayOf("varchar", bodies));
    }

    private static String bodyJson(ChangeEntry entry) {
        return Json.write(body(entry));
    }

    private static ObjectNode body(ChangeEntry entry) {
        ObjectNode body = Json.object();
        if (!entry.changedMembers().isEmpty()) {
            ArrayNode members = body.putArray("members");
            entry.changedMembers().forEach(members::add);
        }
        Json.putOptional(body, "from", entry.from().map(JobState::name));
        Json.putOptional(body, "to", entry.to().map(JobState::name));
        Json.putOptional(body, "submission", entry.submission().map(SubmissionId::value));
        entry.job().ifPresent(job -> body.set("job", MirroredJobJson.write(job)));
        if (entry.repaired()) {
            body.put("repaired", true);
        }
        return body;
    }

    static Change read(IntegrationId integration, ResultSet row) throws SQLException {
        String kind = row.getString("kind");
        JsonNode body = Json.read(row.getString("body"), "change body");
        List<String> members = new ArrayList<>();
        body.path("members").forEach(member -> members.add(member.asText()));
        ChangeEntry entry = new ChangeEntry(
                ChangeKind.find(kind).orElseThrow(() -> new SQLException("stored change kind '" + kind + "' unknown")),
                Columns.require(row, "occurred_at"),
                Columns.text(row, "job_id").map(JobId::of),
                members,
                Json.optional(body, "from").map(JobState::valueOf),
                Json.optional(body, "to").map(JobState::valueOf),
                Json.optional(body, "submission").map(SubmissionId::of),
                MirroredJobJson.readOptional(body.get("job")),
                body.path("repaired").asBoolean(false));
        return new Change(integration, row.getLong("seq"), entry);
    }
}
