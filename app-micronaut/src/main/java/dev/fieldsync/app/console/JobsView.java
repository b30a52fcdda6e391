package dev.fieldsync.app.console;

import dev.fieldsync.app.rest.ChangeView;
import dev.fieldsync.app.rest.JobSearchParameters;
import dev.fieldsync.app.rest.JobView;
import java.util.List;
import java.util.Optional;

/** The jobs page's markup: the filter form (the API's parameter names), the results, one job and its history. */
final class JobsView {
    private static final List<String> STATES = List.of("pending", "scheduled", "in_progress", "completed", "cancelled");

    private JobsView() {}

    /** The form sends every field, empty ones too: an empty field is no filter, as an absent parameter. */
    static JobSearchParameters filled(JobSearchParameters p) {
        return new JobSearchParameters(
                blank(p.state()),
                blank(p.open()),
                blank(p.status()),
                blank(p.site()),
                blank(p.customer()),
                blank(p.number()),
                blank(p.externalId()),
                blank(p.startFrom()),
                blank(p.startTo()),
                blank(p.title()),
                blank(p.firstSeenFrom()),
                blank(p.limit()),
                blank(p.after()),
                blank(p.includeGone()));
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Html filters(String base, JobSearchParameters p) {
        Html form = new Html().open("form", "method", "get", "action", base + "/jobs", "class", "filters");
        form.open("label").text("state ").open("select", "name", "state", "id", "filter-state");
        form.element("option", "any", "value", "");
        for (String state : STATES) {
            form.element("option", state, "value", state, "selected", state.equals(p.state()) ? "" : null);
        }
        form.close("select").close("label");
        field(form, "open", "open (true/false)", p.open());
        field(form, "title", "title contains", p.title());
        field(form, "number", "number", p.number());
        field(form, "site", "site id", p.site());
        field(form, "customer", "customer id", p.customer());
        field(form, "status", "status id", p.status());
        field(form, "external_id", "external id", p.externalId());
        field(form, "start_from", "start from (ISO-8601)", p.startFrom());
        field(form, "start_to", "start to", p.startTo());
        field(form, "include_gone", "include gone (true/false)", p.includeGone());
        field(form, "limit", "limit", p.limit());
        return form.element("button", "Search", "type", "submit", "id", "search")
                .close("form");
    }

    private static void field(Html form, String name, String label, String value) {
        form.open("label")
                .text(label + " ")
                .open("input", "type", "text", "name", name, "id", "filter-" + name, "value", value)
                .close("label");
    }

    static Html results(String base, List<JobView> jobs, Optional<String> next) {
        Html body = new Html();
        if (jobs.isEmpty()) {
            return body.element("p", "No mirrored job matches.", "id", "no-jobs");
        }
        body.open("table", "id", "jobs")
                .headers("Job", "Number", "Title", "State", "Status", "Site", "Customer", "Start", "Last changed");
        for (JobView job : jobs) {
            body.row(
                    Html.link(base + "/jobs/" + job.id(), job.id()),
                    job.number(),
                    job.title(),
                    job.effectiveState() + (job.provisional() ? " (provisional)" : ""),
                    job.status().name(),
                    job.site().id() + " " + job.site().address(),
                    job.customer().name(),
                    job.startTime() == null ? "-" : job.startTime(),
                    Format.time(job.lastChangedAt()));
        }
        body.close("table");
        next.ifPresent(
                link -> body.open("p").append(Html.link(link, "Next page →")).close("p"));
        return body;
    }

    static Html job(String id, Optional<JobView> found, List<ChangeView> history) {
        Html body = new Html();
        if (found.isPresent()) {
            JobView job = found.get();
            body.element("h2", "Job " + job.id() + " · " + job.number() + " · " + job.title())
                    .open("table", "id", "job")
                    .row("State", job.effectiveState() + (job.provisional() ? " (provisional)" : ""))
                    .row("Status", job.status().name() + " (" + job.status().id() + ")")
                    .row("Site", job.site().id() + " " + job.site().address())
                    .row("Customer", job.customer().id() + " " + job.customer().name())
                    .row("Start", job.startTime() == null ? "-" : job.startTime())
                    .row("End", job.endTime() == null ? "-" : job.endTime())
                    .row("External id", job.externalId() == null ? "-" : job.externalId())
                    .row("Notes", job.notes())
                    .row("First seen", Format.time(job.firstSeenAt()))
                    .row("Last changed", Format.time(job.lastChangedAt()))
                    .close("table");
        } else {
            body.element("h2", "Job " + id + " (no longer in the mirror)");
        }
        body.element("h2", "Change history (newest first, at most " + JobsPage.HISTORY + ")");
        if (history.isEmpty()) {
            return body.element("p", "The change log holds no change of this job (pruned, or the log is off).");
        }
        body.open("table", "id", "job-history").headers("Sequence", "Change", "When", "Kind", "What changed");
        for (ChangeView change : history) {
            String what = change.changedMembers().isEmpty() ? "" : String.join(", ", change.changedMembers());
            if (change.from() != null || change.to() != null) {
                what += (what.isEmpty() ? "" : "; ") + change.from() + " → " + change.to();
            }
            if (change.submissionId() != null) {
                what += (what.isEmpty() ? "" : "; ") + "submission " + change.submissionId();
            }
            body.row(change.sequence(), change.id(), Format.time(change.occurredAt()), change.kind(), what);
        }
        return body.close("table");
    }
}
