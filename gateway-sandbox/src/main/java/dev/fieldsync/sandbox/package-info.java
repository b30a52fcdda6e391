/** fieldsync gateway-sandbox. */
package dev.fieldsync.sandbox;
