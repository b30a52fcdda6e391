package dev.fieldsync.app.cli;

import dev.fieldsync.app.config.FieldsyncSettings;
import dev.fieldsync.app.rest.Views;
import dev.fieldsync.app.wiring.Adapters;
import dev.fieldsync.ports.in.verify.VerificationReport;
import dev.fieldsync.ports.in.verify.VerificationStep;
import dev.fieldsync.ports.in.verify.VerifyOptions;
import dev.fieldsync.ports.in.verify.VerifySetup;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fieldsync verify}: the gateway's setup & verification checklist, one line per step. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the gateway's setup checklist: key format, authentication, every lookup, a read of "
                    + "open jobs and, with --write, a test job that is created and cancelled again.",
            "Says first how many requests it will spend. Exit code 1 when a step fails."
        })
class VerifyCommand extends BaseCommand {

    @Option(
            names = "--write",
            description = "Also create an 'Integration check' job and cancel it (needs --site and --job-type).")
    boolean write;

    @Option(names = "--site", paramLabel = "SITE", description = "Site (name or id) for the write test.")
    String site;

    @Option(names = "--job-type", paramLabel = "TYPE", description = "Job type (name or id) for the write test.")
    String jobType;

    @Option(names = "--json", description = "Print the report as JSON instead of lines.")
    boolean json;

    @Option(
            names = "--quiet",
            description = "Print only the steps that did not pass and the result line (the exit code says it too).")
    boolean quiet;

    @Override
    int run(ApplicationContext context) throws Exception {
        PrintStream out = terminal.out();
        if (write && (site == null || jobType == null)) {
            terminal.err()
                    .println("verify --write needs --site and --job-type (names or ids), e.g. "
                            + "fieldsync verify --write --site \"Main depot\" --job-type Service");
            return ExitCodes.CONFIGURATION;
        }
        VerifySetup verifySetup = context.getBean(VerifySetup.class);
        FieldsyncSettings settings = context.getBean(FieldsyncSettings.class);
        String keySource = context.getBean(Adapters.class).keySource().describe();
        VerifyOptions options = new VerifyOptions(write, Optional.ofNullable(site), Optional.ofNullable(jobType));
        int planned = verifySetup.plannedRequests(options);
        if (!json && !quiet) {
            out.println(
                    "Verifying the setup of " + settings.gateway().baseUrl() + " with the key from " + keySource + ".");
            out.println("This spends at most " + planned + " requests of the 40 requests/minute budget.");
            out.println();
        }
        VerificationReport report = verifySetup.verify(options, step -> {
            if (!json && !(quiet && step.outcome() == VerificationStep.Outcome.PASSED)) {
                print(out, step);
            }
        });
        if (json) {
            printJson(context, Views.Report.of(report));
        } else {
            if (!quiet) {
                out.println();
            }
            long failed = count(report, VerificationStep.Outcome.FAILED);
            long warnings = count(report, VerificationStep.Outcome.WARNING);
            long passed = count(report, VerificationStep.Outcome.PASSED);
            out.println(
                    report.passed()
                            ? "Setup verified: " + passed + " passed, " + warnings + " warning(s). "
                                    + report.requestsSpent() + " requests spent."
                            : "Setup NOT verified: " + failed + " step(s) failed (see what to do above). "
                                    + report.requestsSpent() + " requests spent.");
        }
        return report.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    static void print(PrintStream out, VerificationStep step) {
        String mark = switch (step.outcome()) {
            case PASSED -> "✓";
            case FAILED -> "✗";
            case WARNING -> "!";
            case SKIPPED -> "-";
        };
        out.println(mark + " " + step.name() + (step.detail().isEmpty() ? "" : ": " + step.detail()));
        step.meaning().ifPresent(meaning -> out.println("    what it means: " + meaning));
        step.action().ifPresent(action -> out.println("    what to do:    " + action));
    }

    private static long count(VerificationReport report, VerificationStep.Outcome outcome) {
        return report.steps().stream().filter(step -> step.outcome() == outcome).count();
    }
}
