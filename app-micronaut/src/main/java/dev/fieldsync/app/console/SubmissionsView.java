package dev.fieldsync.app.console;

import dev.fieldsync.app.rest.Views;
import dev.fieldsync.domain.submission.SubmissionState;
import java.util.List;
import java.util.Map;

/** The submissions page's markup: the queue with candidates and history, and the confirmation step of an action. */
final class SubmissionsView {
    private SubmissionsView() {}

    static Html queue(String base, List<Views.SubmissionView> queue, Map<SubmissionState, Long> counts, Viewer viewer) {
        Html body = new Html().open("p", "class", "counts");
        SubmissionsPage.QUEUE.forEach(state ->
                body.element("span", Views.state(state) + ": " + counts.getOrDefault(state, 0L), "class", "count"));
        body.close("p");
        if (queue.isEmpty()) {
            return body.element("p", "Nothing waits for a person.", "id", "queue-empty");
        }
        body.open("table", "id", "review-queue")
                .headers(
                        "Submission",
                        "State",
                        "Title",
                        "Site",
                        "Attempts",
                        "Last error",
                        "Candidates",
                        "History",
                        "Actions");
        for (Views.SubmissionView s : queue) {
            body.open("tr", "id", "submission-" + s.id())
                    .element("td", s.id(), "class", "mono")
                    .element("td", s.state(), "class", "state " + s.state())
                    .element("td", s.title())
                    .element("td", s.siteId())
                    .element("td", s.attempts() + (s.resent() ? " (resent)" : ""))
                    .element("td", s.lastError() == null ? "-" : s.lastError())
                    .open("td")
                    .append(candidates(base, s, viewer))
                    .close("td")
                    .open("td")
                    .append(history(s))
                    .close("td")
                    .open("td")
                    .append(actions(base, s, viewer))
                    .close("td")
                    .close("tr");
        }
        return body.close("table");
    }

    private static Html candidates(String base, Views.SubmissionView s, Viewer viewer) {
        Html cell = new Html();
        if (s.candidates().isEmpty()) {
            return cell.text("none");
        }
        cell.open("ul");
        boolean mayConfirm = viewer.mayPost(SubmissionsPage.action(base, s.id(), "confirm"));
        for (String job : s.candidates()) {
            cell.open("li").append(Html.link(base + "/jobs/" + job, "job " + job));
            if (mayConfirm && s.actions().contains("confirm")) {
                cell.text(" ")
                        .element(
                                "a",
                                "confirm as this job…",
                                "href",
                                SubmissionsPage.action(base, s.id(), "confirm") + "?job=" + job,
                                "class",
                                "action",
                                "id",
                                "confirm-" + s.id() + "-" + job);
            }
            cell.close("li");
        }
        return cell.close("ul");
    }

    private static Html history(Views.SubmissionView s) {
        Html cell = new Html()
                .open("details")
                .element("summary", s.history().size() + " step(s)")
                .open("ol");
        for (Views.EventView event : s.history()) {
            cell.element(
                    "li",
                    Format.time(event.at()) + " " + event.kind() + ": " + event.from() + " → " + event.to()
                            + (event.actor() == null ? "" : " by " + event.actor())
                            + (event.detail().isEmpty() ? "" : " (" + event.detail() + ")"));
        }
        return cell.close("ol").close("details");
    }

    private static Html actions(String base, Views.SubmissionView s, Viewer viewer) {
        Html cell = new Html();
        for (String word : s.actions()) {
            if (viewer.mayPost(SubmissionsPage.action(base, s.id(), word))) {
                cell.element(
                        "a",
                        word + "…",
                        "href",
                        SubmissionsPage.action(base, s.id(), word),
                        "class",
                        "action",
                        "id",
                        word + "-" + s.id());
                cell.text(" ");
            }
        }
        return cell;
    }

    /** What {@code word} will do to {@code s}, and the form that does it. */
    static Html confirmation(String base, Views.SubmissionView s, String word, String job, Viewer viewer) {
        String back = base + "/submissions";
        if (!s.actions().contains(word)) {
            return Layout.outcome(
                    false,
                    "Submission " + s.id() + " is " + s.state() + ": the actions allowed now are "
                            + (s.actions().isEmpty() ? "none" : String.join(", ", s.actions())) + ".",
                    back,
                    "Back");
        }
        Html body = new Html()
                .open("section", "class", "confirm", "id", "confirm-step")
                .element("h2", "Really " + word + " submission " + s.id() + "?")
                .element(
                        "p",
                        "\"" + s.title() + "\" at site " + s.siteId() + ", " + s.state() + ", " + s.attempts()
                                + " attempt(s).")
                .element("p", explain(word, job));
        if (!viewer.mayPost(SubmissionsPage.action(base, s.id(), word))) {
            return body.element(
                            "p",
                            "Your token may not do this (it needs the scope the API's action needs).",
                            "class",
                            "refused")
                    .close("section");
        }
        body.open("form", "method", "post", "action", SubmissionsPage.action(base, s.id(), word));
        if (word.equals("confirm")) {
            body.element("label", "Job id", "for", "job")
                    .open(
                            "input",
                            "type",
                            "text",
                            "name",
                            "job",
                            "id",
                            "job",
                            "value",
                            job == null ? "" : job,
                            "inputmode",
                            "numeric",
                            "required",
                            "");
        } else if (word.equals("abandon")) {
            body.element("label", "Reason (optional)", "for", "reason")
                    .open("input", "type", "text", "name", "reason", "id", "reason");
        }
        return body.element("button", "Yes, " + word, "type", "submit", "id", "confirm-" + word)
                .text(" ")
                .append(Html.link(back, "No, go back"))
                .close("form")
                .close("section");
    }

    private static String explain(String word, String job) {
        return switch (word) {
            case "confirm" ->
                "It will be recorded as created, as job " + (job == null ? "(the id you give)" : job)
                        + ": the job must be mirrored, at the submission's site, and nobody else's.";
            case "resend" ->
                "The create is sent to the gateway again, now. If the first one did run, this makes a"
                        + " second job: check the candidates first.";
            case "abandon" -> "It is never sent again; the history keeps who gave it up and why.";
            default -> "";
        };
    }
}
