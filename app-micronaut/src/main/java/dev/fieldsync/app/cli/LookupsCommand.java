package dev.fieldsync.app.cli;

import dev.fieldsync.app.rest.Views;
import dev.fieldsync.domain.lookup.CustomFieldDef;
import dev.fieldsync.domain.lookup.Lookup;
import dev.fieldsync.domain.lookup.LookupCatalog;
import dev.fieldsync.domain.lookup.LookupKind;
import dev.fieldsync.ports.in.lookup.ResolveLookups;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fieldsync lookups}: the ids and names every command accepts, as tables. */
@Command(name = "lookups", mixinStandardHelpOptions = true,
        description = {"Prints customers, sites, projects, job types, job statuses and custom fields (with their "
                + "job-type restriction) from the cached catalog; fetches it (six requests) when there is none."})
class LookupsCommand extends BaseCommand {

    @Option(names = "--refresh", description = "Fetch a fresh catalog now (six requests).")
    boolean refresh;

    @Option(names = "--json", description = "Print JSON instead of tables.")
    boolean json;

    @Override
    int run(ApplicationContext context) throws Exception {
        ResolveLookups lookups = context.getBean(ResolveLookups.class);
        LookupCatalog catalog = refresh ? lookups.refresh() : lookups.catalog();
        PrintStream out = terminal.out();
        if (json) {
            out.println(new String(context.getBean(JsonMapper.class).writeValueAsBytes(Views.Catalog.of(catalog)),
                    StandardCharsets.UTF_8));
            return ExitCodes.OK;
        }
        out.println("Lookups fetched at " + catalog.fetchedAt());
        table(out, "Customers", catalog.customers(), catalog, LookupKind.CUSTOMERS);
        table(out, "Sites", catalog.sites(), catalog, LookupKind.SITES);
        table(out, "Projects", catalog.projects(), catalog, LookupKind.PROJECTS);
        table(out, "Job types", catalog.jobTypes(), catalog, LookupKind.JOB_TYPES);
        table(out, "Job statuses", catalog.statuses(), catalog, LookupKind.JOB_STATUSES);
        out.println();
        out.println("Custom fields (" + catalog.customFields().size() + ")" + truncation(catalog, LookupKind.CUSTOM_FIELDS));
        int width = Math.max(13, catalog.customFields().stream().mapToInt(f -> f.externalName().length()).max().orElse(0));
        out.printf("  %-" + width + "s  %-12s  %s%n", "external name", "field id", "job type");
        for (CustomFieldDef field : catalog.customFields()) {
            String restriction = field.jobType().map(type -> catalog.jobTypes().byId(type)
                    .map(item -> item.name() + " (" + type + ")").orElse(type.toString())).orElse("any");
            out.printf("  %-" + width + "s  %-12s  %s%n", field.externalName(), field.fiFieldId(), restriction);
        }
        return ExitCodes.OK;
    }

    private static <I> void table(PrintStream out, String title, Lookup<I> lookup, LookupCatalog catalog, LookupKind kind) {
        out.println();
        out.println(title + " (" + lookup.items().size() + ")" + truncation(catalog, kind));
        List<String> ids = lookup.items().stream().map(item -> item.id().toString()).toList();
        int width = Math.max(2, ids.stream().mapToInt(String::length).max().orElse(2));
        out.printf("  %-" + width + "s  %s%n", "id", "name");
        lookup.items().forEach(item -> out.printf("  %-" + width + "s  %s%n", item.id(), item.name()));
    }

    private static String truncation(LookupCatalog catalog, LookupKind kind) {
        return catalog.possiblyTruncated().contains(kind)
                ? "  ! exactly 100 items: the gateway caps lookups at 100, so there may be more; ask the operator"
                : "";
    }
}
