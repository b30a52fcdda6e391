package dev.fieldsync.domain.integration;

/** Where an integration was declared: the service's configuration, or the admin API at run time. */
public enum IntegrationOrigin {
    CONFIGURATION,
    API
}
