package dev.fieldsync.adapters.persistence.job;

import dev.fieldsync.domain.id.IntegrationId;
import dev.fieldsync.domain.id.JobId;
import dev.fieldsync.domain.mirror.JobSearch;
import dev.fieldsync.domain.mirror.JobSlice;
import dev.fieldsync.domain.mirror.MirroredJob;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * One mirror search as SQL: a condition per filter of the {@link JobSearch}, keyset paging by job id (highest
 * first) with an opaque cursor, one row more than the limit to tell whether another slice follows.
 */
final class JobSearchQuery {
    private static final String CURSOR_PREFIX = "job:";

    private final JobSearch search;
    private final StringBuilder sql;
    private final List<Object> parameters;

    private JobSearchQuery(JobSearch search, StringBuilder sql, List<Object> parameters) {
        this.search = search;
        this.sql = sql;
        this.parameters = parameters;
    }

    /** Builds the statement; throws IllegalArgumentException for a cursor this mirror did not issue. */
    static JobSearchQuery of(IntegrationId integration, JobSearch search) {
        StringBuilder sql = new StringBuilder(JobRows.SELECT).append(" WHERE integration_id = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(integration.value());
        search.state().ifPresent(state -> condition(sql, parameters, "effective_state = ?", state.name()));
        search.open().ifPresent(open -> condition(sql, parameters, "effective_open = ?", open));
        search.status().ifPresent(status -> condition(sql, parameters, "status_id = ?", status.value()));
        search.site().ifPresent(site -> condition(sql, parameters, "site_id = ?", site.value()));
        search.customer().ifPresent(customer -> condition(sql, parameters, "customer_id = ?", customer.value()));
        search.number().ifPresent(number -> condition(sql, parameters, "job_number = ?", number.value()));
        search.externalId().ifPresent(external -> condition(sql, parameters, "external_id = ?", external));
        search.startFrom().ifPresent(from -> condition(sql, parameters, "start_at >= ?", utc(from)));
        search.startTo().ifPresent(to -> condition(sql, parameters, "start_at < ?", utc(to)));
        search.titleContains()
                .ifPresent(text -> condition(
                        sql,
                        parameters,
                        "title_folded LIKE ? ESCAPE '\\'",
                        "%" + escapeLike(JobRows.fold(text)) + "%"));
        search.notesContain()
                .ifPresent(
                        text -> condition(sql, parameters, "notes LIKE ? ESCAPE '\\'", "%" + escapeLike(text) + "%"));
        search.firstSeenFrom()
                .ifPresent(from -> condition(
                        sql, parameters, "first_seen_at >= ?", OffsetDateTime.ofInstant(from, ZoneOffset.UTC)));
        if (!search.includeGone()) {
            sql.append(" AND gone_at IS NULL");
        }
        if (search.after().isPresent()) {
            BigDecimal after = new BigDecimal(decodeCursor(search.after().get()));
            String afterId = decodeCursor(search.after().get());
            sql.append(" AND (id_order < ? OR (id_order = ? AND job_id < ?))");
            parameters.add(after);
            parameters.add(after);
            parameters.add(afterId);
        }
        sql.append(" ORDER BY id_order DESC, job_id DESC LIMIT ?");
        parameters.add(search.limit() + 1);
        return new JobSearchQuery(search, sql, parameters);
    }

    JobSlice run(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            List<MirroredJob> jobs = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    jobs.add(JobRows.read(rows));
                }
            }
            if (jobs.size() <= search.limit()) {
                return new JobSlice(jobs, Optional.empty());
            }
            List<MirroredJob> slice = jobs.subList(0, search.limit());
            String last = slice.get(slice.size() - 1).job().id().value();
            return new JobSlice(slice, Optional.of(encodeCursor(last)));
        }
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String clause, Object value) {
        sql.append(" AND ").append(clause);
        parameters.add(value);
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Cursors are opaque to callers; inside they carry the last job id of the previous slice. */
    private static String encodeCursor(String jobId) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((CURSOR_PREFIX + jobId).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith(CURSOR_PREFIX)) {
                return JobId.of(decoded.substring(CURSOR_PREFIX.length())).value();
            }
        } catch (IllegalArgumentException malformed) {
            // reported below with the same message
        }
        throw new IllegalArgumentException("'" + cursor + "' is not a cursor this mirror issued; "
                + "pass the nextCursor of the previous slice, or omit 'after' to start from the newest job");
    }
}
