/** fieldsync adapters-vertx. */
package dev.fieldsync.adapters.vertx;
