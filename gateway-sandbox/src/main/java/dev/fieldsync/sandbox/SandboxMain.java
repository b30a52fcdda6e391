package dev.fieldsync.sandbox;

import java.util.concurrent.CountDownLatch;

/**
 * Standalone: {@code java -jar gateway-sandbox.jar --port 8089 --jobs 10000 --seed 42 [--time-scale 10]
 * [--no-rate-limit] [--scheduling-rate 0.5] [--lookups-over-cap] [--webhook-url U --webhook-secret S]
 * [--duplicate-webhooks] [--host 127.0.0.1] [--no-scheduler-confirms] [--confirm-delay 10-60]
 * [--no-office-edits] [--office-edit-rate 0.05] [--clock-offset -150] [--replication-lag 2]
 * [--cursor-parameter page_token] [--reject-unknown-parameters] [--tenants N --tenant-jobs M]}.
 */
public final class SandboxMain {
    private SandboxMain() {}

    public static void main(String[] args) throws InterruptedException {
        SandboxOptions o = SandboxOptions.defaults().port(8089).jobs(10_000);
        int tenants = 0;
        int tenantJobs = 1_000;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--port" -> o.port(Integer.parseInt(args[++i]));
                    case "--host" -> o.host(args[++i]);
                    case "--jobs" -> o.jobs(Integer.parseInt(args[++i]));
                    case "--seed" -> o.seed(Long.parseLong(args[++i]));
                    case "--time-scale" -> o.timeScale(Double.parseDouble(args[++i]));
                    case "--no-rate-limit" -> o.rateLimited(false);
                    case "--scheduling-rate" -> o.schedulingRatePerSecond(Double.parseDouble(args[++i]));
                    case "--lookups-over-cap" -> o.lookupsOverCap(true);
                    case "--webhook-url" -> o.webhookUrl(args[++i]);
                    case "--webhook-secret" -> o.webhookSecret(args[++i]);
                    case "--duplicate-webhooks" -> o.duplicateWebhooks(true);
                    case "--fault-seed" -> o.faultSeed(Long.parseLong(args[++i]));
                    case "--no-scheduler-confirms" -> o.schedulerConfirms(false);
                    case "--confirm-delay" -> {
                        String[] range = args[++i].split("-", 2);
                        double min = Double.parseDouble(range[0]);
                        o.confirmDelaySeconds(min, range.length == 2 ? Double.parseDouble(range[1]) : min);
                    }
                    case "--no-office-edits" -> o.officeEdits(false);
                    case "--clock-offset" -> o.gatewayClock(Double.parseDouble(args[++i]), o.replicationLagSeconds());
                    case "--replication-lag" -> o.gatewayClock(o.clockOffsetSeconds(), Double.parseDouble(args[++i]));
                    case "--cursor-parameter" -> o.cursorParameter(args[++i]);
                    case "--reject-unknown-parameters" -> o.rejectUnknownParameters(true);
                    case "--office-edit-rate" -> o.officeEditRatePerSecond(Double.parseDouble(args[++i]));
                    case "--tenants" -> tenants = Integer.parseInt(args[++i]);
                    case "--tenant-jobs" -> tenantJobs = Integer.parseInt(args[++i]);
                    case "-h", "--help" -> {
                        usage();
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument " + a);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("gateway-sandbox: " + e.getMessage());
            usage();
            System.exit(2);
            return;
        }
        if ((o.webhookUrl() == null) != (o.webhookSecret() == null)) {
            System.err.println("gateway-sandbox: --webhook-url and --webhook-secret go together");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        GatewaySandbox sandbox = GatewaySandbox.start(o);
        sandbox.tenants().seed(tenants, tenantJobs);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            sandbox.close();
                            stop.countDown();
                        },
                        "sandbox-shutdown"));
        System.out.println("FieldInsight Gateway SANDBOX listening on " + sandbox.baseUrl() + "  (" + o.jobs()
                + " jobs, seed " + o.seed() + ", started in " + (System.nanoTime() - t0) / 1_000_000 + " ms)");
        System.out.println("  rate limit: " + (o.rateLimited() ? "on (40/min per key, 60/min upstream)" : "OFF")
                + ", time scale: " + o.timeScale());
        System.out.println("  scheduling team: "
                + (o.schedulerConfirms()
                        ? "confirms API-created jobs " + o.confirmDelayMinSeconds() + "-" + o.confirmDelayMaxSeconds()
                                + " s after their create, at another time"
                        : "off")
                + "; office edits: " + (o.officeEdits() ? o.officeEditRatePerSecond() + "/s" : "off"));
        System.out.println(
                "  webhooks: " + (o.webhookUrl() == null ? "off" : o.webhookUrl() + " (secret set, not shown)"));
        System.out.println("  keys (SANDBOX KEY — not a real gateway key):");
        System.out.println("    all scopes:    " + SandboxKeys.FULL + "   # SANDBOX KEY — not a real gateway key");
        System.out.println("    read-only:     " + SandboxKeys.READ_ONLY + "   # SANDBOX KEY — not a real gateway key");
        System.out.println(
                "    no customers:  " + SandboxKeys.NO_CUSTOMERS + "   # SANDBOX KEY — not a real gateway key");
        if (tenants > 0) {
            System.out.println("  " + tenants + " more tenants of " + tenantJobs + " jobs: tenant-001.. with keys "
                    + SandboxKeys.tenantKey(1) + " .. " + SandboxKeys.tenantKey(tenants)
                    + "   # SANDBOX KEYS — not real gateway keys");
        }
        System.out.println("  admin: " + sandbox.baseUrl()
                + "/_sandbox/{stats,dump,duplicates,faults,settings,scope,seed,reset,touch,tenants}");
        stop.await();
    }

    private static void usage() {
        System.err.println(
                "usage: java -jar gateway-sandbox.jar [--port 8089] [--host 127.0.0.1] [--jobs 10000] [--seed 42]"
                        + " [--time-scale 1.0] [--no-rate-limit] [--scheduling-rate JOBS_PER_S] [--lookups-over-cap]"
                        + " [--webhook-url URL --webhook-secret SECRET] [--duplicate-webhooks] [--fault-seed N]"
                        + " [--no-scheduler-confirms] [--confirm-delay MIN-MAX] [--no-office-edits] [--office-edit-rate PER_S]"
                        + " [--clock-offset S] [--replication-lag S] [--cursor-parameter NAME]"
                        + " [--reject-unknown-parameters] [--tenants N --tenant-jobs M]");
    }
}
