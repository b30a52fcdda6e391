package dev.fieldsync.app.cli;

import dev.fieldsync.app.rest.CatalogView;
import dev.fieldsync.domain.lookup.CustomFieldDef;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.ports.in.lookup.ResolveLookups;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fieldsync lookups}: the ids and names every command accepts, as tables. */
@Command(
        name = "lookups",
        mixinStandardHelpOptions = true,
        description = {
            "Prints customers, sites, projects, job types, job statuses and custom fields (with their "
                    + "job-type restriction) from the cached catalog; fetches it (one request per lookup) when there is "
                    + "none."
        })
class LookupsCommand extends BaseCommand {

    @Option(names = "--refresh", description = "Fetch a fresh catalog now (one request per lookup).")
    boolean refresh;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Override
    int run(ApplicationContext context) throws Exception {
        ResolveLookups lookups = context.getBean(ResolveLookups.class);
        LookupCatalog catalog = refresh ? lookups.refresh() : lookups.catalog();
        PrintStream out = terminal.out();
        if (json) {
            printJson(context, CatalogView.of(catalog));
            return ExitCodes.OK;
        }
        out.println("Lookups fetched at " + catalog.fetchedAt());
        LookupKind.all().forEach(kind -> table(out, catalog, kind));
        return ExitCodes.OK;
    }

    /** One table per lookup, its columns the members of its items (a custom field's job type by name). */
    private static <T> void table(PrintStream out, LookupCatalog catalog, LookupKind<T> kind) {
        List<T> items = catalog.items(kind);
        out.println();
        out.println(kind.label() + " (" + items.size() + ")" + truncation(catalog, kind));
        List<List<String>> rows = new ArrayList<>();
        for (T item : items) {
            List<String> row = new ArrayList<>();
            kind.members(item).forEach((member, value) -> row.add(cell(catalog, item, member, value)));
            rows.add(row);
        }
        if (items.isEmpty()) {
            return;
        }
        rows.add(
                0,
                kind.members(items.get(0)).keySet().stream()
                        .map(member -> member.replace('_', ' '))
                        .toList());
        int[] widths = new int[rows.get(0).size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        rows.forEach(row -> {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < row.size(); i++) {
                line.append(' ').append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i]) + " ");
            }
            out.println(line);
        });
    }

    private static <T> String cell(LookupCatalog catalog, T item, String member, Optional<String> value) {
        if (item instanceof CustomFieldDef field && member.equals("job_type_id")) {
            return field.jobType()
                    .map(type -> catalog.lookup(LookupKind.JOB_TYPES)
                            .byId(type)
                            .map(named -> named.name() + " (" + type + ")")
                            .orElse(type.toString()))
                    .orElse("any");
        }
        return value.orElse("");
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String truncation(LookupCatalog catalog, LookupKind<?> kind) {
        return catalog.possiblyTruncated(kind)
                ? "  ! exactly 100 items: the gateway caps lookups at 100, so there may be more; ask the operator"
                : "";
    }
}
