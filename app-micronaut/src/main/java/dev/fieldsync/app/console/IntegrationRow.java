package dev.fieldsync.app.console;

import dev.fieldsync.app.rest.Views;
import dev.fieldsync.domain.integration.Integration;
import dev.fieldsync.ports.in.integrations.IntegrationStatus;
import dev.fieldsync.ports.in.sync.SyncStatus;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One integration's row of the integrations page, with the buttons its viewer may use. */
final class IntegrationRow {
    private IntegrationRow() {}

    /** Its pages' links, to pages under {@code pages} (empty for one this process does not serve). */
    private static final List<String[]> PAGES = List.of(
            new String[] {"/jobs", "jobs"},
            new String[] {"/submissions", "submissions"},
            new String[] {"/budget", "budget"},
            new String[] {"/consumers", "consumers"});

    static Html of(
            IntegrationStatus status,
            Optional<Views.Sync> local,
            String instance,
            Viewer viewer,
            Optional<String> pages) {
        Integration integration = status.integration();
        String id = integration.id().value();
        Optional<SyncStatus> sync = status.sync();
        Html actions = new Html();
        if (integration.paused()) {
            button(actions, viewer, id, "resume", "Resume");
        } else if (integration.enabled()) {
            button(actions, viewer, id, "pause", "Pause");
        }
        button(actions, viewer, id, "sync", "Sync now");
        return new Html()
                .open("tr", "id", "integration-" + id)
                .open("td", "class", "mono")
                .text(id)
                .append(links(id, pages))
                .close("td")
                .element(
                        "td",
                        state(integration, local),
                        "class",
                        "state " + integration.state().name().toLowerCase(Locale.ROOT))
                .element(
                        "td",
                        status.leader()
                                .map(l -> l.equals(instance) ? l + " (this instance)" : l)
                                .orElse("another instance, or none"))
                .element("td", sync.map(s -> Long.toString(s.mirroredJobs())).orElse("-"))
                .element(
                        "td",
                        sync.flatMap(SyncStatus::lastCompletedTo)
                                .map(Format::time)
                                .orElse("none yet"))
                .element(
                        "td",
                        sync.flatMap(SyncStatus::lag)
                                .map(lag -> Format.seconds(lag.toSeconds()))
                                .orElse("-"))
                .element(
                        "td",
                        sync.flatMap(s -> s.gatewayClock().offset())
                                        .map(offset -> Math.round(offset.toMillis() / 1000.0) + " s")
                                        .orElse("not known yet")
                                + sync.flatMap(s -> s.gatewayClock().warning())
                                        .map(w -> " ⚠")
                                        .orElse(""))
                .open("td")
                .append(problems(sync, local, pages))
                .close("td")
                .open("td")
                .append(actions)
                .close("td")
                .close("tr");
    }

    private static void button(Html actions, Viewer viewer, String id, String word, String label) {
        if (viewer.mayPost(IntegrationsPage.action(id, word))) {
            actions.append(Layout.button(IntegrationsPage.action(id, word), label, word + "-" + id));
        }
    }

    private static String state(Integration integration, Optional<Views.Sync> local) {
        if (integration.paused()) {
            return "paused since " + Format.time(integration.pausedAt().orElseThrow());
        }
        if (!integration.enabled()) {
            return "disabled";
        }
        boolean passing =
                local.map(sync -> sync.inProgress() != null || sync.running()).orElse(false);
        return passing ? "running: a pass is in progress" : "running";
    }

    private static Html links(String id, Optional<String> pages) {
        Html cell = new Html();
        pages.ifPresent(base -> {
            cell.open("span", "class", "pages", "id", "pages-" + id);
            for (String[] page : PAGES) {
                cell.text(" ").append(Html.link(base + page[0], page[1]));
            }
            cell.close("span");
        });
        return cell;
    }

    private static Html problems(Optional<SyncStatus> sync, Optional<Views.Sync> local, Optional<String> pages) {
        Html cell = new Html();
        local.map(Views.Sync::stall)
                .ifPresent(stall -> cell.element("p", "Stalled: " + stall.message(), "class", "refused"));
        sync.flatMap(SyncStatus::lastError)
                .ifPresent(error -> cell.element("p", "Last error: " + error, "class", "refused"));
        sync.flatMap(s -> s.gatewayClock().warning()).ifPresent(w -> cell.element("p", w, "class", "warning"));
        local.map(Views.Sync::reviewQueue)
                .ifPresent(queue -> cell.open("p")
                        .append(Html.link(pages.orElse(Layout.BASE) + "/submissions", queue))
                        .close("p"));
        if (cell.toString().isEmpty()) {
            cell.text("none");
        }
        return cell;
    }
}
