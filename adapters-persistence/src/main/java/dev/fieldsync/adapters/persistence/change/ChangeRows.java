package dev.fieldsync.adapters.persistence.change;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fieldsync.adapters.persistence.sql.Columns;
import dev.fieldsync.adapters.persistence.sql.Json;
import dev.fieldsync.domain.change.Change;
import dev.fieldsync.domain.change.ChangeEntry;
import dev.fieldsync.domain.change.ChangeKind;
import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.job.JobState;
import dev.fieldsync.domain.submission.SubmissionId;
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
    /** Entries per PostgreSQL append statement: 4 parameters an entry stays far below the protocol's 32,767. */
    static final int APPEND_CHUNK = 1_000;

    /**
     * PostgreSQL: moves the integration's sequence on by {@code count} and inserts that many entries, numbered on
     * from where it stood, in one statement and one round trip; returns the new highest sequence. Parameters: the
     * integration, the count, the integration, the count, then kind, job id, change time as text and body per entry,
     * in order. The entries are rows of a {@code VALUES} list of plain text parameters rather than arrays: an array
     * of JSON bodies is escaped into one array literal by the driver and parsed back by the server, which cost more
     * than the rows' insert.
     */
    static String appendPostgres(int count) {
        StringBuilder sql = new StringBuilder(APPEND_HEAD.length() + APPEND_TAIL.length() + count * 20);
        sql.append(APPEND_HEAD);
        for (int i = 1; i <= count; i++) {
            sql.append(i == 1 ? "" : ", ").append("(?, ?, ?, ?, ").append(i).append(')');
        }
        return sql.append(APPEND_TAIL).toString();
    }

    private static final String APPEND_HEAD = "WITH next AS (INSERT INTO fs_change_sequence (integration_id, last_seq) "
            + "VALUES (?, ?) ON CONFLICT (integration_id) DO UPDATE "
            + "SET last_seq = fs_change_sequence.last_seq + EXCLUDED.last_seq RETURNING last_seq), "
            + "written AS (INSERT INTO fs_change (integration_id, seq, kind, job_id, occurred_at, body) "
            + "SELECT ?, next.last_seq - ? + entry.ord, entry.kind, entry.job_id, "
            + "CAST(entry.occurred_at AS TIMESTAMP WITH TIME ZONE), entry.body FROM next, (VALUES ";
    private static final String APPEND_TAIL =
            ") AS entry(kind, job_id, occurred_at, body, ord)) SELECT last_seq FROM next";

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

    /**
     * Binds {@link #appendPostgres} of {@code entries.size()} for {@code entries}, in their order, its parameters
     * after the {@code before} ones of the statements ahead of it.
     */
    static void bindAppend(PreparedStatement append, int before, String integration, List<ChangeEntry> entries)
            throws SQLException {
        int count = entries.size();
        append.setString(before + 1, integration);
        append.setLong(before + 2, count);
        append.setString(before + 3, integration);
        append.setLong(before + 4, count);
        int parameter = before + 5;
        for (ChangeEntry entry : entries) {
            append.setString(parameter++, entry.kind().wireName());
            append.setString(parameter++, entry.jobId().map(JobId::value).orElse(null));
            append.setString(parameter++, Columns.microsText(entry.occurredAt()));
            append.setString(parameter++, bodyJson(entry));
        }
    }

    /** The body: the changed members, from/to, the submission, the job as mirrored, the repaired flag. */
    private static String bodyJson(ChangeEntry entry) {
        return Json.writeObject(out -> {
            if (!entry.changedMembers().isEmpty()) {
                out.writeArrayFieldStart("members");
                for (String member : entry.changedMembers()) {
                    out.writeString(member);
                }
                out.writeEndArray();
            }
            Json.writeOptional(out, "from", entry.from().map(JobState::name));
            Json.writeOptional(out, "to", entry.to().map(JobState::name));
            Json.writeOptional(out, "submission", entry.submission().map(SubmissionId::value));
            if (entry.job().isPresent()) {
                out.writeObjectFieldStart("job");
                MirroredJobJson.write(entry.job().get(), out);
                out.writeEndObject();
            }
            if (entry.repaired()) {
                out.writeBooleanField("repaired", true);
            }
        });
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
