package dev.fieldsync.benchmarks.harness;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Several instances of the built service ({@link ServiceProcess}) on one database, started one after the other, each
 * named by its config ({@code fieldsync.instance-id} = {@link ServiceProcess.Config#name}, so the lease table names
 * them). A killed one stays in the list with its output; {@link #close} stops the others.
 */
public final class ServiceCluster implements AutoCloseable {
    private final List<ServiceProcess> instances = new ArrayList<>();
    private final boolean[] killed;

    private ServiceCluster(int size) {
        killed = new boolean[size];
    }

    /** {@code size} instances, the i-th with {@code config.apply(i)}, all with the same extra properties and env. */
    public static ServiceCluster start(
            int size,
            IntFunction<ServiceProcess.Config> config,
            Map<String, String> properties,
            Map<String, String> env) {
        ServiceCluster cluster = new ServiceCluster(size);
        try {
            for (int i = 0; i < size; i++) {
                ServiceProcess.Config c = config.apply(i);
                Map<String, String> own = new HashMap<>(env);
                own.putIfAbsent("FIELDSYNC_INSTANCE_ID", c.name());
                cluster.instances.add(ServiceProcess.start(c, properties, own));
            }
            return cluster;
        } catch (RuntimeException failure) {
            cluster.close();
            throw failure;
        }
    }

    public ServiceProcess get(int index) {
        return instances.get(index);
    }

    public int size() {
        return instances.size();
    }

    /** Every instance, the killed ones too (their output stays readable). */
    public List<ServiceProcess> all() {
        return List.copyOf(instances);
    }

    /** SIGKILL: no shutdown, its leases and claims are left to expire. */
    public void kill(int index) {
        instances.get(index).kill();
        killed[index] = true;
    }

    public boolean isKilled(int index) {
        return killed[index];
    }

    /** The instances not killed, in order. */
    public List<ServiceProcess> live() {
        List<ServiceProcess> out = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            if (!killed[i]) {
                out.add(instances.get(i));
            }
        }
        return out;
    }

    @Override
    public void close() {
        instances.forEach(ServiceProcess::close);
    }
}
