package dev.fieldsync.app.cli;

import dev.fieldsync.domain.site.SiteInput;
import dev.fieldsync.ports.in.write.CreateSite;
import io.micronaut.context.ApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fieldsync sites create}. */
@Command(
        name = "sites",
        mixinStandardHelpOptions = true,
        description = "Creates sites.",
        subcommands = SitesCommand.CreateSiteCommand.class)
class SitesCommand extends CommandGroup {
    /** Creates a site; it joins the cached catalog at once. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Creates a site for a customer (name or id); usable on a job right away.")
    static class CreateSiteCommand extends BaseCommand {
        @Option(names = "--customer", required = true, description = "Customer name or id.")
        String customer;

        @Option(names = "--business-name")
        String businessName;

        @Option(names = "--address")
        String address;

        @Option(names = "--first-name")
        String firstName;

        @Option(names = "--last-name")
        String lastName;

        @Option(names = "--mobile", description = "E.164 preferred.")
        String mobile;

        @Option(names = "--email")
        String email;

        @Option(names = "--notes", description = "Visible to field techs.")
        String notes;

        @Option(names = "--url")
        String url;

        @Option(names = "--external-id")
        String externalId;

        @Override
        int run(ApplicationContext context) {
            return WriteResults.print(
                    terminal,
                    context.getBean(CreateSite.class)
                            .create(SiteInput.builder()
                                    .customer(customer)
                                    .businessName(businessName)
                                    .address(address)
                                    .firstName(firstName)
                                    .lastName(lastName)
                                    .mobileNumber(mobile)
                                    .email(email)
                                    .notes(notes)
                                    .url(url)
                                    .externalId(externalId)
                                    .build()),
                    id -> "Created site " + id + ".");
        }
    }
}
