package io.groupkit.spring.autoconfigure;

import io.groupkit.micrometer.GroupKitMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * GroupKit's metrics (and one observation per call), when the application has Micrometer, a
 * {@link MeterRegistry} and {@code sdk-micrometer}. The metrics are the clients' listener.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass({GroupKitMetrics.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
public class GroupKitMetricsAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public GroupKitMetricsAutoConfiguration() {
    }

    /**
     * The metrics.
     *
     * @param meters the application's registry
     * @param observations the observation registry, if any
     * @return the listener
     */
    @Bean
    @ConditionalOnMissingBean
    public GroupKitMetrics groupKitMetrics(MeterRegistry meters, ObjectProvider<ObservationRegistry> observations) {
        return GroupKitMetrics.builder(meters).observations(observations.getIfUnique(() -> ObservationRegistry.NOOP)).build();
    }
}
