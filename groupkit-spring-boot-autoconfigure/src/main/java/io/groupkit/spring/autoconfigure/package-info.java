/**
 * Spring Boot auto-configuration of GroupKit: {@code groupkit.*} properties, a client bean per
 * configured account (closed with the context), health indicators that never show a secret or a
 * phone number, and Micrometer metrics when the application has a {@code MeterRegistry}. Every
 * bean backs off when the application defines its own.
 */
@NullMarked
package io.groupkit.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
