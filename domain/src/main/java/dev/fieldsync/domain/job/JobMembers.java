package dev.fieldsync.domain.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** The members of a job by the names the API shows them (snake_case, as in the gateway's job objects). */
public final class JobMembers {
    private record Member(String name, Function<Job, Object> value) {}

    private static final List<Member> MEMBERS = List.of(
            new Member("number", Job::number),
            new Member("series_number", Job::seriesNumber),
            new Member("is_primary", Job::primary),
            new Member("title", Job::title),
            new Member("status", Job::status),
            new Member("start_time", Job::startTime),
            new Member("end_time", Job::endTime),
            new Member("customer", Job::customer),
            new Member("site", Job::site),
            new Member("notes", Job::notes),
            new Member("custom_fields", Job::customFields),
            new Member("external_id", Job::externalId),
            new Member("purchase_order_number", Job::purchaseOrderNumber),
            new Member("project", Job::project),
            new Member("job_type", Job::jobType));

    private JobMembers() {}

    /** The names of the members whose values differ between {@code before} and {@code after}, in a fixed order. */
    public static List<String> changed(Job before, Job after) {
        List<String> names = new ArrayList<>();
        for (Member member : MEMBERS) {
            if (!Objects.equals(member.value().apply(before), member.value().apply(after))) {
                names.add(member.name());
            }
        }
        return List.copyOf(names);
    }
}
