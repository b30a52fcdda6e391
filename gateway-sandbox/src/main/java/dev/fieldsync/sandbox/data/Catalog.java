package dev.fieldsync.sandbox.data;

import java.util.List;

/**
 * The reference data of the sandbox, one list per lookup (its own records, never shared with the client modules).
 * A new lookup is one more record and list here, its data in {@link Generator}, and its row in the lookup routes.
 */
public record Catalog(
        List<Customer> customers,
        List<Project> projects,
        List<JobType> jobTypes,
        List<Status> statuses,
        List<CustomField> customFields) {

    public Catalog {
        customers = List.copyOf(customers);
        projects = List.copyOf(projects);
        jobTypes = List.copyOf(jobTypes);
        statuses = List.copyOf(statuses);
        customFields = List.copyOf(customFields);
    }

    public record Customer(long id, String name) {}

    public record Project(long id, String name) {}

    public record JobType(long id, String name) {}

    public record Status(long id, String name, State state) {}

    /** jobTypeId null = usable with any job type. */
    public record CustomField(String externalName, long fiFieldId, Long jobTypeId) {}
}
